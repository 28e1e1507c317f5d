"""The programmes demo reproduces the article's numbers: Programme 01-CTr/TU with 34 items in 11
agencies, 29 done at 20/12/2022; 10,100 members admitted, 108.70 % of plan; 99 party
organisations in private firms (145.6 % in the article, to one decimal); 575 procedures
abolished and more than 700 delegated — in its frozen, signed-off report."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tinnhiem.cli.demo import Command as DemoCommand
from tinnhiem.cli.demo.programmes import BODY, USERS
from tinnhiem.core import permissions
from tinnhiem.programmes import snapshots
from tinnhiem.programmes.documents import render, snapshot_report
from tinnhiem.programmes.models import Agency, AgencyMember, Programme, Snapshot, Task
from tinnhiem.programmes.reports import agency_report_json

PASSWORD = "tinnhiem-demo"


@pytest.fixture
def loaded(db: Any) -> Programme:
    call_command(DemoCommand(), "--only", "programmes", "--password", PASSWORD, stdout=StringIO())
    return Programme.objects.get(code="01-CTr/TU")


def test_the_programme_has_34_items_in_11_agencies_29_done(loaded: Programme) -> None:
    assert Task.objects.filter(programme=loaded).count() == 34
    assert Agency.objects.filter(led_tasks__programme=loaded).distinct().count() == 11
    report = agency_report_json(loaded, date(2022, 12, 20))
    total = report["total"]
    assert total["total"] == 34
    assert total["done_on_time"] + total["done_late"] == 29
    assert total["open_within"] + total["open_overdue"] == 5
    assert loaded.body.name == BODY and loaded.standing_agency.name == "Ban Tổ chức Thành ủy"


def test_the_frozen_year_has_the_articles_figures(loaded: Programme) -> None:
    frozen = Snapshot.objects.get(programme=loaded)
    assert (frozen.kind, frozen.cut_off, frozen.label) == ("year", date(2022, 12, 20), "Năm 2022")
    assert frozen.signed_at is not None
    tables = snapshots.check(frozen)
    assert tables["total"]["done_on_time"] + tables["total"]["done_late"] == 29
    targets = {(t["indicator"], t["period"]): t for t in tables["targets"]}
    members = targets[("Kết nạp đảng viên mới", "2022")]
    assert (members["actual"], members["percent"], members["verdict"]) == (
        "10100",
        "108.70",
        "exceeded",
    )
    assert members["previous_actual"] == "10027"
    assert targets[("Kết nạp đảng viên mới", "2021")]["percent"] == "102.90"
    firms = targets[("Thành lập tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước", "2022")]
    # 99 of a plan of 68: 145.59 % exact to two decimals, the article's 145,6 % to one
    assert (firms["actual"], firms["percent"]) == ("99", "145.59")
    reform = tables["reform"]
    assert reform["abolished"] == 575 and reform["delegated"] > 700
    discipline = [f for f in tables["inspection"] if f["activity"] == "discipline"]
    assert {f["subject"]: f["disciplined"] for f in discipline} == {
        "organisations": 22,
        "members": 1142,
    }
    assert tables["cases"]["carried_over"] == 3 and tables["cases"]["remaining"] == 4


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_its_first_report_reads_29_of_34_and_the_targets(loaded: Programme, tmp_path: Path) -> None:
    frozen = Snapshot.objects.get(programme=loaded)
    source = tmp_path / "bao-cao.pdf"
    source.write_bytes(render(snapshot_report(frozen), "pdf")[0])
    done = subprocess.run(["pdftotext", str(source), "-"], check=True, capture_output=True)
    words = " ".join(done.stdout.decode().split())
    assert "giao 11 cơ quan, đơn vị chủ trì 34 nhiệm vụ" in words
    assert "có 29/34 nội dung hoàn thành" in words
    assert "còn lại 5 nội dung đang thực hiện" in words
    for figure in ("10.100", "108,70", "145,59", "575", "701", "1.142"):
        assert figure in words, figure


def test_the_demo_logins_work_and_the_part_loads_once(loaded: Programme) -> None:
    body = loaded.body
    for username, role, _ in USERS:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(PASSWORD), username
        granted = set(permissions.roles_on(user, body.pk)) | set(
            AgencyMember.objects.filter(user=user).values_list("role", flat=True)
        )
        assert granted == {role}, username
    out = StringIO()
    call_command(DemoCommand(), "--only", "programmes", stdout=out)
    assert "Chương trình mẫu đã có / Demo programme already loaded" in out.getvalue()
    assert Task.objects.count() == 34 and Snapshot.objects.count() == 1


def test_the_readme_names_every_demo_login() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for username, _, _ in USERS:
        assert f"`{username}`" in readme, username


def test_an_open_task_has_its_parts_and_a_case_its_blockers(loaded: Programme) -> None:
    """The demo walks the sub-tasks and the cases' blockers through their services."""
    from tinnhiem.programmes.models import WatchedCase
    from tinnhiem.programmes.subtasks import progress_of

    shared = Task.objects.get(programme=loaded, code="CT01-03")
    assert sorted(shared.parts.values_list("agency__name", "weight")) == [
        ("Ban Tổ chức Thành ủy", 3),
        ("Đảng ủy Khối các cơ quan Thành phố", 1),
    ]
    assert progress_of(shared) == 55  # (3 × 60 + 1 × 40) / 4
    assert WatchedCase.objects.exclude(blockers="").exists()
