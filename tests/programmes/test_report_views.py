"""Downloading a programme's report: who may, what is logged, and that a frozen snapshot's
report stays the one published whatever is confirmed after."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from tests.programmes.progress import confirmed, with_agency_officers
from tests.readback import pdf_text

from tinnhiem.audit.models import AuditEvent
from tinnhiem.programmes import snapshots
from tinnhiem.programmes.models import Agency, AgencyMember, AgencyRole, Programme, Snapshot, Task
from tinnhiem.programmes.registry import task_import
from tinnhiem.steering.sheets import read_tasks

HEADER = ["Mã", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành"]
ROWS = [
    ["DA01", "Đề án nâng cao chất lượng đảng viên", "Ban Tổ chức", "30/06/2022", "15/06/2022"],
    ["DA02", "Đề án sàng lọc đảng viên", "Ban Tổ chức", "30/06/2022", ""],
    ["DA03", "Mô hình một cửa hiện đại", "Văn phòng", "Thường xuyên", ""],
]
CUT_OFF = date(2022, 12, 31)


@pytest.fixture
def programme(committee: Any, people: dict[str, Any]) -> Programme:
    task_import(
        actor=people["office"], code="01-CTr/TU", rows=read_tasks([HEADER, *ROWS]), body=committee
    )
    return Programme.objects.get()


@pytest.fixture
def frozen(programme: Programme, people: dict[str, Any]) -> Snapshot:
    """The year frozen at the cut-off by the office."""
    return snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="year", cut_off=CUT_OFF
    )


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def live_url(programme: Programme, fmt: str = "pdf", **query: str) -> str:
    query = {"as_of": CUT_OFF.isoformat(), **query}
    pairs = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/programmes/{programme.pk}/bao-cao.{fmt}?{pairs}"


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.mark.parametrize("role", ["admin", "office", "steering"])
def test_the_steering_committee_office_and_admin_download_every_format(
    programme: Programme, people: dict[str, Any], role: str
) -> None:
    client = client_of(people[role])
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(live_url(programme, fmt))
        assert response.status_code == 200, (role, fmt)
        assert response.content.startswith(magic)
        disposition = response["Content-Disposition"]
        assert disposition == f'attachment; filename="bao-cao-01-CTr-TU-2022-12-31.{fmt}"'


def test_the_report_says_what_the_tables_say(programme: Programme, people: dict[str, Any]) -> None:
    response = client_of(people["steering"]).get(live_url(programme, "docx", so="125"))
    words = docx_text(response.content)
    assert "Số 125-BC/TU" in words
    assert "có 1/3 nội dung hoàn thành" in words
    assert "còn lại 2 nội dung đang thực hiện (1 quá hạn)" in words
    sheet = load_workbook(
        io.BytesIO(client_of(people["office"]).get(live_url(programme, "xlsx")).content)
    )["T1 Theo cơ quan"]
    total = [cell.value for cell in sheet[sheet.max_row]]
    assert total[1:7] == ["Tổng cộng", 3, 1, 0, 1, 1]


@pytest.mark.parametrize("role", ["inspection", "internal", "organiser"])
def test_other_roles_of_the_body_are_refused(
    programme: Programme, people: dict[str, Any], role: str
) -> None:
    response = client_of(people[role]).get(live_url(programme))
    # inspection reads the tasks (403, said in both languages); the others see nothing (404)
    assert response.status_code == (403 if role == "inspection" else 404)
    if response.status_code == 403:
        assert "không có quyền" in response.content.decode()
        english = client_of(people[role])
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert "not allowed" in english.get(live_url(programme)).content.decode()
    assert not AuditEvent.objects.filter(action="programme.report.download").exists()


def test_an_agency_focal_officer_is_refused_and_a_stranger_sees_nothing(
    programme: Programme, people: dict[str, Any], make_user: Any
) -> None:
    focal = make_user("p.focal")
    AgencyMember.objects.create(
        agency=Agency.objects.get(name="Ban Tổ chức"), user=focal, role=AgencyRole.FOCAL
    )
    assert client_of(focal).get(live_url(programme)).status_code == 403
    assert client_of(people["stranger"]).get(live_url(programme)).status_code == 404
    assert Client().get(live_url(programme)).status_code == 302  # to the log-in page


def test_a_bad_date_number_or_format_is_refused_in_both_languages(
    programme: Programme, people: dict[str, Any]
) -> None:
    client = client_of(people["office"])
    response = client.get(live_url(programme, as_of="31/13/2022"))
    assert response.status_code == 400
    assert client.get(live_url(programme, so="x" * 21)).status_code == 400
    backwards = client.get(live_url(programme, start="2023-01-01"))
    assert backwards.status_code == 400
    assert "Ngày bắt đầu kỳ báo cáo sau ngày số liệu" in backwards.content.decode()
    assert client.get(live_url(programme, "html")).status_code == 404


def test_every_download_is_audit_logged_with_the_file_hash(
    programme: Programme, people: dict[str, Any]
) -> None:
    import hashlib

    response = client_of(people["steering"]).get(live_url(programme, "xlsx"))
    row = AuditEvent.objects.get(action="programme.report.download")
    assert row.actor_id == people["steering"].pk
    assert row.after["format"] == "xlsx" and row.after["as_of"] == "2022-12-31"
    assert row.after["file_sha256"] == hashlib.sha256(response.content).hexdigest()


def test_a_snapshot_report_is_the_one_published_whatever_changes_after(
    programme: Programme, people: dict[str, Any], frozen: Snapshot
) -> None:
    client = client_of(people["steering"])
    published = {
        fmt: client.get(f"/programmes/snapshots/{frozen.pk}/bao-cao.{fmt}").content
        for fmt in ("pdf", "docx", "xlsx")
    }
    # a late confirmation, a new task and a renamed one, all after the cut-off was frozen
    Task.objects.filter(code="DA02").update(completed_on=date(2022, 12, 1), title="Đổi tên")
    task_import(
        actor=people["office"],
        code="01-CTr/TU",
        rows=read_tasks([HEADER, ["DA04", "Nhiệm vụ mới", "Sở Nội vụ", "30/06/2022", ""]]),
    )
    for fmt, content in published.items():
        again = client.get(f"/programmes/snapshots/{frozen.pk}/bao-cao.{fmt}")
        assert again.status_code == 200
        assert again.content == content, fmt  # to the byte
    words = docx_text(published["docx"])
    assert "có 1/3 nội dung hoàn thành" in words and "Đổi tên" not in words
    assert f"mã SHA-256 {frozen.sha256}" in words
    live = docx_text(client.get(live_url(programme, "docx")).content)
    assert "có 2/4 nội dung hoàn thành" in live  # the live report moved on


def test_the_snapshot_report_has_the_live_figures_of_its_day(
    programme: Programme, people: dict[str, Any], frozen: Snapshot
) -> None:
    client = client_of(people["office"])
    live = docx_text(client.get(live_url(programme, "docx")).content)
    snapshot = docx_text(client.get(f"/programmes/snapshots/{frozen.pk}/bao-cao.docx").content)
    anchor = next(line for line in snapshot.splitlines() if line.startswith("Số liệu đã chốt"))
    assert snapshot.replace(anchor + "\n", "") == live


def test_an_altered_snapshot_is_refused(
    programme: Programme, people: dict[str, Any], frozen: Snapshot
) -> None:
    Snapshot.objects.filter(pk=frozen.pk).update(data=frozen.data.replace('"DA02"', '"DA09"'))
    response = client_of(people["steering"]).get(f"/programmes/snapshots/{frozen.pk}/bao-cao.pdf")
    assert response.status_code == 409
    assert "mã băm không khớp" in response.content.decode()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_the_snapshot_pdf_reads_back(
    programme: Programme, people: dict[str, Any], tmp_path, frozen: Snapshot
) -> None:
    source = tmp_path / "r.pdf"
    source.write_bytes(
        client_of(people["admin"]).get(f"/programmes/snapshots/{frozen.pk}/bao-cao.pdf").content
    )
    page = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "THÀNH ỦY HÀ NỘI" in page and "Hà Nội, ngày 31 tháng 12 năm 2022" in page
    assert "Năm 2022" in page  # the snapshot's label, in its anchor line


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_a_report_of_a_past_date_shows_that_dates_progress_in_every_format_and_snapshot(
    programme: Programme, people: dict[str, Any], make_user: Any
) -> None:
    task = Task.objects.get(code="DA02")
    people = with_agency_officers(people, make_user, task.lead)
    confirmed(task, people, as_of=date(2022, 9, 30), percent=30, on=date(2022, 10, 3))
    confirmed(task, people, as_of=date(2022, 12, 15), percent=80, on=date(2022, 12, 20))
    client = client_of(people["steering"])
    november = snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="month", cut_off=date(2022, 11, 30)
    )
    for as_of, shown, hidden in (("2022-11-30", "30%", "80%"), ("2022-12-31", "80%", "30%")):
        content = {
            fmt: client.get(live_url(programme, fmt, as_of=as_of)).content
            for fmt in ("pdf", "docx", "xlsx")
        }
        words = {"pdf": pdf_text(content["pdf"]), "docx": docx_text(content["docx"])}
        for fmt, text in words.items():
            assert shown in text and hidden not in text, (as_of, fmt)
        appendix = load_workbook(io.BytesIO(content["xlsx"]))["T2 Danh mục"]
        row = next(
            r
            for r in appendix.iter_rows(values_only=True)
            if r[1] == "DA02. Đề án sàng lọc đảng viên"
        )
        assert row[6] == shown, as_of
    frozen = docx_text(client.get(f"/programmes/snapshots/{november.pk}/bao-cao.docx").content)
    assert "30%" in frozen and "80%" not in frozen
