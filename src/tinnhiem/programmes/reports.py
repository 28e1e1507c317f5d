"""The programme's tables at a date, read from the database through the steering core."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max

from tinnhiem.programmes.models import Agency, Extension, Programme, Reminder, Task
from tinnhiem.steering.tasks import AgencyReport, Basis, ReportTask, TaskDates, by_agency


def task_dates(task: Task, extended_to: date | None = None) -> TaskDates:
    return TaskDates(
        deadline=task.deadline,
        completed_on=task.completed_on,
        stopped_on=task.stopped_on,
        extended_to=extended_to,
    )


def report_tasks(programme: Programme) -> list[ReportTask]:
    """Every task of the programme as the by-agency table reads it: its lead agency, its dates
    (the last approved extension included) and how many times it was reminded. Four queries
    whatever the number of tasks, none grouping the tasks themselves (with 25,000 tasks a GROUP
    BY over tasks joined to extensions and reminders is what made the table slow)."""
    extended = dict(
        Extension.objects.filter(task__programme=programme)
        .values("task_id")
        .annotate(last=Max("new_deadline"))
        .values_list("task_id", "last")
    )
    reminded = dict(
        Reminder.objects.filter(task__programme=programme)
        .values("task_id")
        .annotate(count=Count("pk"))
        .values_list("task_id", "count")
    )
    leads = dict(Agency.objects.filter(body_id=programme.body_id).values_list("pk", "name"))
    rows = Task.objects.filter(programme=programme).values_list(
        "pk", "lead_id", "deadline", "completed_on", "stopped_on"
    )
    return [
        ReportTask(
            lead=leads[lead],
            dates=TaskDates(
                deadline=deadline,
                completed_on=completed_on,
                stopped_on=stopped_on,
                extended_to=extended.get(pk),
            ),
            reminders=reminded.get(pk, 0),
        )
        for pk, lead, deadline, completed_on, stopped_on in rows
    ]


def agency_report(programme: Programme, as_of: date, basis: Basis = Basis.CURRENT) -> AgencyReport:
    return by_agency(report_tasks(programme), as_of, basis)


def agency_report_json(
    programme: Programme, as_of: date, basis: Basis = Basis.CURRENT
) -> dict[str, Any]:
    """`tinnhiem programme report CODE --as-of D --format json`: exactly the keys of the
    command's contract (the deadline counted is the caller's `basis`, the extended one unless
    asked otherwise); agencies by name."""
    report = agency_report(programme, as_of, basis)
    agencies = sorted(report.agencies, key=lambda row: row.agency)
    return {
        "programme": programme.code,
        "as_of": as_of.isoformat(),
        "agencies": [row.as_dict() for row in agencies],
        "total": report.total.as_dict(),
    }
