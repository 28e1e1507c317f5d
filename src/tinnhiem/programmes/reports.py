"""The programme's tables at a date, read from the database through the steering core."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max

from tinnhiem.programmes.models import Programme, Task
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
    (the last approved extension included) and how many times it was reminded. Three queries
    whatever the number of tasks."""
    rows = (
        Task.objects.filter(programme=programme)
        .values("pk", "lead__name", "deadline", "completed_on", "stopped_on")
        .annotate(
            extended_to=Max("extensions__new_deadline"),
            reminder_count=Count("reminders", distinct=True),
        )
    )
    return [
        ReportTask(
            lead=row["lead__name"],
            dates=TaskDates(
                deadline=row["deadline"],
                completed_on=row["completed_on"],
                stopped_on=row["stopped_on"],
                extended_to=row["extended_to"],
            ),
            reminders=row["reminder_count"],
        )
        for row in rows
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
