"""Registering a programme's tasks from the office's sheet: by code, never duplicated, all or
nothing; and the by-agency table read back from the database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import NotAllowed
from tinnhiem.programmes.models import Agency, Programme, Task
from tinnhiem.programmes.registry import task_import
from tinnhiem.programmes.reports import agency_report_json
from tinnhiem.steering.sheets import read_tasks

HEADER = [
    "Mã",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn",
    "Ngày hoàn thành",
    "Lãnh đạo phụ trách",
]
ROWS = [
    [
        "DA01",
        "Nâng cao chất lượng đảng viên",
        "Ban Tổ chức",
        "Văn phòng",
        "30/06/2022",
        "15/06/2022",
        "Phó Bí thư",
    ],
    ["DA02", "Sàng lọc đảng viên", "Ban Tổ chức", "", "30/06/2022", "01/07/2022", ""],
    ["DA03", "Mô hình một cửa", "Văn phòng", "Ban Tổ chức", "Thường xuyên", "", ""],
    ["DA04", "Quy chế bốn ban", "Văn phòng", "", "31/12/2022", "", ""],
]


def load(actor: Any, rows: list[list[str]], **extra: Any) -> Any:
    return task_import(actor=actor, code="01-CTr/TU", rows=read_tasks([HEADER, *rows]), **extra)


def test_a_new_programme_with_its_agencies(committee, people) -> None:
    summary = load(people["office"], ROWS, title="Chương trình 01", body=committee)
    assert summary.as_dict() == {
        "programme": "01-CTr/TU",
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "new_programme": True,
    }
    programme = Programme.objects.get()
    assert programme.title == "Chương trình 01" and programme.body == committee
    assert sorted(Agency.objects.values_list("name", flat=True)) == ["Ban Tổ chức", "Văn phòng"]
    assert list(Task.objects.get(code="DA01").partners.values_list("name", flat=True)) == [
        "Văn phòng"
    ]
    row = AuditEvent.objects.get(action="programme.import")
    assert row.actor == "p.office" and row.after["created"] == ["DA01", "DA02", "DA03", "DA04"]


def test_a_second_import_updates_by_code(committee, people) -> None:
    load(people["office"], ROWS, body=committee)
    changed = [
        *ROWS[:3],
        ["DA04", "Quy chế bốn ban", "Văn phòng", "", "31/12/2022", "20/12/2022", ""],
    ]
    summary = load(
        people["office"], [*changed, ["DA05", "Mới", "Văn phòng", "", "31/12/2023", "", ""]]
    )
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 3)
    assert Task.objects.count() == 5
    assert Task.objects.get(code="DA04").completed_on == date(2022, 12, 20)


def test_only_the_office_registers(committee, people) -> None:
    for who in ("steering", "inspection", "organiser", "stranger"):
        with pytest.raises(NotAllowed):
            load(people[who], ROWS, body=committee)
    assert not Programme.objects.exists() and not Task.objects.exists()


def test_the_by_agency_table_at_a_date(committee, people) -> None:
    load(people["office"], ROWS, body=committee)
    report = agency_report_json(Programme.objects.get(), date(2022, 12, 31))
    assert report["programme"] == "01-CTr/TU" and report["as_of"] == "2022-12-31"
    organisation, office = report["agencies"]
    assert organisation == {
        "agency": "Ban Tổ chức",
        "total": 2,
        "done_on_time": 1,
        "done_late": 1,
        "open_within": 0,
        "open_overdue": 0,
        "due": 2,
        "due_done_rate": "100.00",
    }
    assert office["open_within"] == 2 and office["due"] == 1 and office["due_done_rate"] == "0.00"
    assert report["total"]["total"] == 4 and report["total"]["due_done_rate"] == "66.67"


def test_targets_by_indicator_and_period(committee, people) -> None:
    from tinnhiem.programmes.models import Indicator
    from tinnhiem.programmes.targets import indicator_import, same_period_last_year
    from tinnhiem.steering.sheets import read_indicators

    sheet = [
        ["Chỉ tiêu", "Đơn vị tính", "Kỳ", "Kế hoạch", "Thực hiện"],
        ["Kết nạp đảng viên mới", "đảng viên", "2021", "9744", "10027"],
        ["Kết nạp đảng viên mới", "đảng viên", "2022", "9290", "10100"],
    ]
    results = indicator_import(
        actor=people["office"], code="01-CTr/TU", rows=read_indicators(sheet), body=committee
    )
    assert [r.as_dict()["percent"] for r in results] == ["102.90", "108.72"]
    again = indicator_import(
        actor=people["office"], code="01-CTr/TU", rows=read_indicators([sheet[0], sheet[2]])
    )
    assert Indicator.objects.count() == 2 and again[0].as_dict()["verdict"] == "exceeded"
    this_year = Indicator.objects.get(period="2022")
    assert same_period_last_year(this_year).period == "2021"
