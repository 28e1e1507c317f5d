"""A task's status at a date, at every boundary, and the by-agency table."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tinnhiem.steering import (
    Basis,
    Part,
    ReportTask,
    State,
    TaskDates,
    by_agency,
    days_late,
    is_due,
    rolled_up,
    state_on,
)
from tinnhiem.steering.tasks import Completion, completion_on

D = date(2022, 12, 31)


def test_completed_on_the_deadline_is_on_time():
    task = TaskDates(deadline=date(2022, 6, 30), completed_on=date(2022, 6, 30))
    assert state_on(task, D) is State.DONE_ON_TIME


def test_completed_the_day_after_the_deadline_is_late():
    task = TaskDates(deadline=date(2022, 6, 30), completed_on=date(2022, 7, 1))
    assert state_on(task, D) is State.DONE_LATE
    assert days_late(task, D) == 1


def test_deadline_on_the_as_of_date_is_within_and_due():
    task = TaskDates(deadline=D)
    assert state_on(task, D) is State.OPEN_WITHIN
    assert is_due(task, D)


def test_deadline_the_day_before_the_as_of_date_is_overdue():
    task = TaskDates(deadline=D - timedelta(days=1))
    assert state_on(task, D) is State.OPEN_OVERDUE
    assert days_late(task, D) == 1


def test_completion_after_the_as_of_date_is_not_yet_done():
    task = TaskDates(deadline=date(2022, 6, 30), completed_on=D + timedelta(days=1))
    assert state_on(task, D) is State.OPEN_OVERDUE
    assert completion_on(task, D) is not Completion.DONE


def test_completed_on_the_as_of_date_is_done():
    task = TaskDates(deadline=date(2023, 6, 30), completed_on=D)
    assert state_on(task, D) is State.DONE_ON_TIME


def test_routine_task_is_never_overdue_and_done_counts_on_time():
    routine = TaskDates(deadline=None)
    assert state_on(routine, date(2099, 1, 1)) is State.OPEN_WITHIN
    assert not is_due(routine, date(2099, 1, 1))
    assert days_late(routine, date(2099, 1, 1)) == 0
    done = TaskDates(deadline=None, completed_on=date(2022, 3, 1))
    assert state_on(done, D) is State.DONE_ON_TIME


def test_an_extension_moves_the_counted_deadline_and_keeps_the_original():
    task = TaskDates(
        deadline=date(2022, 6, 30), extended_to=date(2022, 9, 30), completed_on=date(2022, 8, 15)
    )
    assert state_on(task, D) is State.DONE_ON_TIME
    assert state_on(task, D, Basis.ORIGINAL) is State.DONE_LATE
    assert days_late(task, D, Basis.ORIGINAL) == 46
    open_task = TaskDates(deadline=date(2022, 6, 30), extended_to=date(2022, 9, 30))
    assert state_on(open_task, date(2022, 8, 1)) is State.OPEN_WITHIN
    assert state_on(open_task, date(2022, 8, 1), Basis.ORIGINAL) is State.OPEN_OVERDUE
    assert not is_due(open_task, date(2022, 8, 1))
    assert is_due(open_task, date(2022, 8, 1), Basis.ORIGINAL)


def test_stopped_from_its_day_and_done_stays_done():
    task = TaskDates(deadline=date(2022, 6, 30), stopped_on=date(2022, 5, 1))
    assert state_on(task, date(2022, 4, 30)) is State.OPEN_WITHIN
    assert state_on(task, date(2022, 5, 1)) is State.STOPPED
    done = TaskDates(deadline=None, completed_on=date(2022, 3, 1), stopped_on=date(2022, 5, 1))
    assert state_on(done, D) is State.DONE_ON_TIME


def test_completion_axis():
    task = TaskDates(deadline=D, started_on=date(2022, 2, 1), completed_on=date(2022, 11, 1))
    assert completion_on(task, date(2022, 1, 31)) is Completion.NOT_STARTED
    assert completion_on(task, date(2022, 2, 1)) is Completion.IN_PROGRESS
    assert completion_on(task, date(2022, 11, 1)) is Completion.DONE


def test_by_agency_counts_and_the_rate_of_tasks_due():
    tasks = [
        ReportTask("Ban Tổ chức", TaskDates(date(2022, 6, 30), date(2022, 6, 1)), reminders=1),
        ReportTask("Ban Tổ chức", TaskDates(date(2022, 6, 30), date(2022, 8, 1))),
        ReportTask("Ban Tổ chức", TaskDates(date(2022, 6, 30)), reminders=4),
        ReportTask("Ban Tổ chức", TaskDates(date(2023, 6, 30))),
        ReportTask("Ban Tổ chức", TaskDates(None)),
        ReportTask("Văn phòng", TaskDates(date(2023, 3, 1))),
        ReportTask("Văn phòng", TaskDates(date(2022, 1, 1), stopped_on=date(2021, 12, 1))),
    ]
    report = by_agency(tasks, D, order=["Văn phòng", "Ban Tuyên giáo"])
    names = [row.agency for row in report.agencies]
    assert names == ["Văn phòng", "Ban Tuyên giáo", "Ban Tổ chức"]
    organisation = report.agencies[2].as_dict()
    assert organisation == {
        "agency": "Ban Tổ chức",
        "total": 5,
        "done_on_time": 1,
        "done_late": 1,
        "open_within": 2,
        "open_overdue": 1,
        "due": 3,
        "due_done_rate": "66.67",
    }
    assert report.agencies[2].reminders == 5
    assert report.agencies[1].as_dict()["due_done_rate"] is None  # nothing due
    assert report.agencies[0].stopped == 1 and report.agencies[0].total == 1
    assert report.total.total == 6 and report.total.due == 3


def test_rate_is_rounded_half_up():
    # 1 of 8 = 12.5 % exactly; 1 of 3 = 33.333…; 2 of 3 = 66.666… → 66.67; 1/800 = 0.125 → 0.13
    tasks = [ReportTask("A", TaskDates(date(2022, 1, 1), date(2022, 1, 1)))] + [
        ReportTask("A", TaskDates(date(2022, 1, 1))) for _ in range(799)
    ]
    assert by_agency(tasks, D).total.due_done_rate == "0.13"


def test_weighted_roll_up():
    assert rolled_up([Part(3, 100), Part(1, 0)]) == 75
    assert rolled_up([Part(1, 50), Part(2, 25)]) == 33  # 100/3 = 33.3
    assert rolled_up([Part(1, 1), Part(1, 0)]) == 1  # 0.5 rounds half up
    assert rolled_up([]) is None


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))


@given(
    deadline=st.none() | dates,
    completed=st.none() | dates,
    extended=st.none() | dates,
    as_of=dates,
)
def test_every_task_has_exactly_one_state_and_the_table_adds_up(
    deadline, completed, extended, as_of
):
    task = TaskDates(deadline, completed, extended_to=extended if deadline else None)
    report = by_agency([ReportTask("A", task)], as_of)
    row = report.agencies[0]
    assert row.done_on_time + row.done_late + row.open_within + row.open_overdue == row.total == 1
    assert row.due_done <= row.due <= 1
    if state_on(task, as_of) is State.OPEN_OVERDUE:
        assert is_due(task, as_of) and days_late(task, as_of) > 0
