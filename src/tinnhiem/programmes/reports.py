"""The programme's tables at a date, read from the database through the steering core."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet

from tinnhiem.programmes.models import Agency, Extension, Programme, Reminder, Task
from tinnhiem.steering.tasks import (
    AgencyReport,
    AgencyRow,
    Basis,
    ReportTask,
    TaskDates,
    by_agency,
)


def task_dates(task: Task, extended_to: date | None = None) -> TaskDates:
    return TaskDates(
        deadline=task.deadline,
        completed_on=task.completed_on,
        stopped_on=task.stopped_on,
        extended_to=extended_to,
    )


def report_tasks(
    programme: Programme, as_of: date, only: QuerySet[Any] | None = None
) -> list[ReportTask]:
    """Every task of the programme as the by-agency table reads it at `as_of`: its lead agency,
    its dates (the last extension approved by then included) and how many times it had been
    reminded (a report of a past date is that date's report, as the period tables are). Four queries
    whatever the number of tasks, none grouping the tasks themselves (with 25,000 tasks a GROUP
    BY over tasks joined to extensions and reminders is what made the table slow)."""
    extended = dict(
        Extension.objects.known_on(programme, as_of)
        .values("task_id")
        .annotate(last=Max("new_deadline"))
        .values_list("task_id", "last")
    )
    reminded = dict(
        Reminder.objects.filter(task__programme=programme, sent_on__lte=as_of)
        .values("task_id")
        .annotate(count=Count("pk"))
        .values_list("task_id", "count")
    )
    leads = dict(Agency.objects.filter(body_id=programme.body_id).values_list("pk", "name"))
    tasks = Task.objects.filter(programme=programme)
    if only is not None:  # the ids of some of the tasks
        tasks = tasks.filter(pk__in=only)
    rows = tasks.values_list("pk", "lead_id", "deadline", "completed_on", "stopped_on")
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


def agency_report_by_rules(
    programme: Programme, as_of: date, basis: Basis = Basis.CURRENT
) -> AgencyReport:
    """The by-agency table computed task by task by the steering core's rules (`state_on`): the
    reference `agency_report` is checked against (tests/programmes/test_report_counts.py)."""
    return by_agency(report_tasks(programme, as_of), as_of, basis)


def agency_report(programme: Programme, as_of: date, basis: Basis = Basis.CURRENT) -> AgencyReport:
    """The by-agency table at `as_of`, counted by the database: the steering core's status rules
    (`steering.tasks.state_on`, `is_due`) as conditional counts grouped by lead agency, so that
    25,000 tasks are never loaded one by one. The few tasks with an approved extension, when the
    extended deadline counts, go through the rules in Python instead (a per-task subquery for
    them made the whole count four times slower). The same figures as `agency_report_by_rules`,
    which the tests compare it with on every boundary."""
    tasks = Task.objects.filter(programme=programme).order_by()
    if basis is Basis.ORIGINAL:
        rows = {row.agency: row for row in _counted(tasks, as_of)}
    else:
        extended = Extension.objects.known_on(programme, as_of).values("task_id")
        rows = {row.agency: row for row in _counted(tasks.exclude(pk__in=extended), as_of)}
        for row in by_agency(report_tasks(programme, as_of, extended), as_of, basis).agencies:
            rows.setdefault(row.agency, AgencyRow(row.agency)).merge(row)
    reminders = dict(
        Reminder.objects.filter(task__programme=programme, sent_on__lte=as_of)
        .order_by()
        .values("task__lead__name")
        .annotate(count=Count("pk"))
        .values_list("task__lead__name", "count")
    )
    report = AgencyReport(as_of=as_of, basis=basis, agencies=sorted(rows.values(), key=_name))
    report.total = AgencyRow(agency="Tổng cộng")
    for row in report.agencies:
        row.reminders = reminders.get(row.agency, 0)
        report.total.merge(row)
    return report


def _name(row: AgencyRow) -> str:
    return row.agency


def _counted(tasks: QuerySet[Task], as_of: date) -> list[AgencyRow]:
    """The tasks' rows by lead agency, each counted against its own deadline."""
    done = Q(completed_on__isnull=False, completed_on__lte=as_of)
    stopped = ~done & Q(stopped_on__isnull=False, stopped_on__lte=as_of)
    running = ~done & ~stopped
    routine = Q(deadline__isnull=True)
    figures = tasks.values("lead__name").annotate(
        stopped=Count("pk", filter=stopped),
        done_on_time=Count("pk", filter=done & (routine | Q(completed_on__lte=F("deadline")))),
        done_late=Count("pk", filter=done & ~routine & Q(completed_on__gt=F("deadline"))),
        open_overdue=Count("pk", filter=running & ~routine & Q(deadline__lt=as_of)),
        open_within=Count("pk", filter=running & (routine | Q(deadline__gte=as_of))),
        due=Count("pk", filter=~stopped & ~routine & Q(deadline__lte=as_of)),
        due_done=Count("pk", filter=done & ~routine & Q(deadline__lte=as_of)),
    )
    rows = []
    for found in figures:
        row: dict[str, Any] = dict(found)
        name = row.pop("lead__name")
        total = row["done_on_time"] + row["done_late"] + row["open_within"] + row["open_overdue"]
        rows.append(AgencyRow(agency=name, total=total, **row))
    return rows


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
