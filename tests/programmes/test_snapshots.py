"""A frozen period report reproduces its figures, whatever changes after; it is chained into
the audit log and signed off once."""

from __future__ import annotations

from datetime import date

import pytest

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.programmes import snapshots
from tinnhiem.programmes.models import Programme, Snapshot, Task
from tinnhiem.programmes.registry import task_import
from tinnhiem.programmes.tables import period_tables
from tinnhiem.steering.sheets import read_tasks

HEADER = ["Mã", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành"]
ROWS = [
    ["DA01", "Đề án 1", "Ban Tổ chức", "30/06/2022", "15/06/2022"],
    ["DA02", "Đề án 2", "Ban Tổ chức", "30/06/2022", ""],
    ["DA03", "Đề án 3", "Văn phòng", "Thường xuyên", ""],
]


@pytest.fixture
def programme(committee, people) -> Programme:
    task_import(
        actor=people["office"], code="01-CTr/TU", rows=read_tasks([HEADER, *ROWS]), body=committee
    )
    return Programme.objects.get()


def test_a_snapshot_reproduces_its_figures_after_the_data_changes(programme, people) -> None:
    frozen = snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="year", cut_off=date(2022, 12, 31)
    )
    before = snapshots.check(frozen)
    assert before["total"]["done_on_time"] == 1 and before["total"]["open_overdue"] == 1
    assert [row["code"] for row in before["overdue"]] == ["DA02"]
    Task.objects.filter(code="DA02").update(completed_on=date(2022, 12, 1))  # confirmed later
    live = period_tables(programme, start=date(2022, 1, 1), cut_off=date(2022, 12, 31))
    assert live["total"]["done_late"] == 1  # the live tables moved...
    again = snapshots.check(Snapshot.objects.get())
    assert again == before  # ...the snapshot did not
    row = AuditEvent.objects.get(action="snapshot.freeze")
    assert row.after["sha256"] == frozen.sha256 and frozen.audit_seq == row.seq


def test_a_frozen_period_cannot_be_frozen_again_nor_in_the_future(programme, people) -> None:
    snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="quarter", cut_off=date(2022, 9, 30)
    )
    with pytest.raises(WrongState):
        snapshots.snapshot_make(
            actor=people["office"], programme=programme, kind="quarter", cut_off=date(2022, 9, 30)
        )
    with pytest.raises(InputProblem):
        snapshots.snapshot_make(
            actor=people["office"], programme=programme, kind="year", cut_off=date(2999, 12, 31)
        )


def test_signed_off_once_by_the_office_and_an_altered_snapshot_is_refused(
    programme, people
) -> None:
    frozen = snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="year", cut_off=date(2022, 12, 31)
    )
    with pytest.raises(NotAllowed):
        snapshots.snapshot_sign(actor=people["steering"], snapshot=frozen)
    snapshots.snapshot_sign(actor=people["office"], snapshot=frozen)
    with pytest.raises(WrongState):
        snapshots.snapshot_sign(actor=people["office"], snapshot=frozen)
    Snapshot.objects.filter(pk=frozen.pk).update(data=frozen.data.replace('"DA02"', '"DA99"'))
    with pytest.raises(WrongState, match="altered"):
        snapshots.check(Snapshot.objects.get())


def test_periods_and_the_same_period_last_year(programme, people) -> None:
    assert snapshots.period_start(programme, "quarter", date(2022, 8, 15)) == date(2022, 7, 1)
    assert snapshots.period_start(programme, "nine_months", date(2022, 9, 30)) == date(2022, 1, 1)
    first = snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="half", cut_off=date(2021, 6, 30)
    )
    second = snapshots.snapshot_make(
        actor=people["office"], programme=programme, kind="half", cut_off=date(2022, 6, 30)
    )
    assert snapshots.same_period_last_year(second) == first
    assert second.label == "6 tháng đầu năm 2022"
