"""The period tables at a past date are that date's: a reminder sent, an extension approved or
a progress update confirmed after it does not count in them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from tests.programmes.progress import confirmed, with_agency_officers

from tinnhiem.programmes.models import Programme, Task
from tinnhiem.programmes.registry import task_import
from tinnhiem.programmes.tables import period_tables
from tinnhiem.programmes.workflow import extension_approve, reminder_send
from tinnhiem.steering.sheets import read_tasks

HEADER = ["Mã", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành"]


def one_task(committee: Any, office: Any) -> tuple[Programme, Task]:
    """A programme of one task (DA02, led by Ban Tổ chức, due 30/06/2022), imported by `office`."""
    rows = read_tasks([HEADER, ["DA02", "Đề án 2", "Ban Tổ chức", "30/06/2022", ""]])
    task_import(actor=office, code="01-CTr/TU", rows=rows, body=committee)
    return Programme.objects.get(), Task.objects.get()


def test_later_reminders_and_extensions_stay_out_of_an_earlier_date(
    committee: Any, people: dict[str, Any]
) -> None:
    office = people["office"]
    programme, task = one_task(committee, office)
    today = timezone.localdate()
    reminder_send(actor=office, task=task)
    extension_approve(
        actor=office, task=task, new_deadline=today + timedelta(days=90), document="12-CV/BTC"
    )
    then = period_tables(programme, start=date(2022, 1, 1), cut_off=date(2022, 12, 31))
    assert then["total"]["reminders"] == 0 and then["total"]["open_overdue"] == 1
    assert then["tasks"][0]["extended_to"] is None
    now = period_tables(programme, start=date(today.year, 1, 1), cut_off=today)
    assert now["total"]["reminders"] == 1 and now["total"]["open_within"] == 1
    assert now["tasks"][0]["extended_to"] == (today + timedelta(days=90)).isoformat()


def test_a_past_date_shows_the_progress_confirmed_by_then_not_todays(
    committee: Any, people: dict[str, Any], make_user: Any
) -> None:
    programme, task = one_task(committee, people["office"])
    people = with_agency_officers(people, make_user, task.lead)
    confirmed(task, people, as_of=date(2022, 9, 30), percent=30, on=date(2022, 10, 3))
    # figures as of mid-November, but confirmed only in December: not known on 30 November
    confirmed(task, people, as_of=date(2022, 11, 15), percent=50, on=date(2022, 12, 5))
    confirmed(task, people, as_of=date(2022, 12, 15), percent=80, on=date(2022, 12, 20))
    Task.objects.filter(pk=task.pk).update(progress=80)  # today's, what the task page shows

    def progress(cut_off: date) -> int | None:
        tables = period_tables(programme, start=date(2022, 1, 1), cut_off=cut_off)
        return tables["tasks"][0]["progress"]

    assert progress(date(2022, 9, 30)) is None  # figures as of that day, not yet confirmed
    assert progress(date(2022, 10, 3)) == 30
    assert progress(date(2022, 11, 30)) == 30
    assert progress(date(2022, 12, 5)) == 50
    assert progress(date(2022, 12, 31)) == 80


def test_an_update_reporting_the_task_done_counts_as_100_without_a_percentage(
    committee: Any, people: dict[str, Any], make_user: Any
) -> None:
    programme, task = one_task(committee, people["office"])
    people = with_agency_officers(people, make_user, task.lead)
    confirmed(task, people, as_of=date(2022, 5, 31), percent=60, on=date(2022, 6, 1))
    confirmed(
        task, people, as_of=date(2022, 6, 20), percent=None, on=date(2022, 6, 21), is_done=True
    )
    tables = period_tables(programme, start=date(2022, 1, 1), cut_off=date(2022, 6, 30))
    assert tables["tasks"][0]["progress"] == 100  # not the 60 of the update before
