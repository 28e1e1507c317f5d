"""The report tables offices produce, built at a date from the database: T1 by agency, T2 the
programme's appendix, T3 overdue tasks, T4 targets, T5 inspection and discipline, T6b the flow
of watched cases, T7 reform. A snapshot freezes exactly this, as JSON (plain types: dates as
ISO text, decimals as text), so a report read from a snapshot is the one first published."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from tinnhiem.programmes.models import (
    Extension,
    Indicator,
    InspectionFigure,
    Programme,
    ProgressUpdate,
    ReformFigure,
    Reminder,
    Task,
    UpdateStatus,
    WatchedCase,
)
from tinnhiem.programmes.reform import shares
from tinnhiem.programmes.subtasks import parts_by_task
from tinnhiem.programmes.targets import assessment, same_period_last_year
from tinnhiem.steering.cases import CaseDates, flow
from tinnhiem.steering.tasks import (
    Basis,
    ReportTask,
    State,
    TaskDates,
    by_agency,
    days_late,
    state_on,
    task_progress,
)

TABLES_VERSION = 1


def period_tables(
    programme: Programme, *, start: date, cut_off: date, basis: Basis = Basis.CURRENT
) -> dict[str, Any]:
    """Every table of the programme's period report at `cut_off` (the period from `start`)."""
    tasks = _tasks(programme, cut_off)
    report = by_agency(
        [ReportTask(t["lead"], t["dates"], t["reminders"]) for t in tasks], cut_off, basis
    )
    appendix = [_appendix_row(t, cut_off, basis) for t in tasks]
    return {
        "version": TABLES_VERSION,
        "programme": {"code": programme.code, "title": programme.title},
        "period": {"start": start.isoformat(), "cut_off": cut_off.isoformat()},
        "deadline_basis": basis.value,
        "agencies": [
            row.as_dict() | {"reminders": row.reminders, "stopped": row.stopped}
            for row in report.agencies
        ],
        "total": report.total.as_dict() | {"reminders": report.total.reminders},
        "tasks": appendix,
        "overdue": sorted(
            (row for row in appendix if row["state"] == State.OPEN_OVERDUE.value),
            key=lambda row: -row["days_late"],
        ),
        "targets": _targets(programme),
        "inspection": _inspection(programme, start, cut_off),
        "cases": _cases(programme, start, cut_off),
        "reform": _reform(programme, cut_off.year),
    }


_TASK_FIELDS = ("code", "title", "leader", "deadline", "completed_on", "stopped_on", "product",
                "is_key")  # fmt: skip


def _tasks(programme: Programme, cut_off: date) -> list[dict[str, Any]]:
    """Every task as it stood at `cut_off`, in seven queries of plain values (no model instances:
    with 25,000 tasks building and prefetching them took most of a snapshot's time). Only the
    reminders sent, the extensions approved and the updates confirmed by then count: a report of
    a past date is that date's report."""
    tasks = Task.objects.filter(programme=programme)
    extended = dict(
        Extension.objects.known_on(programme, cut_off)
        .order_by()
        .values("task_id")
        .annotate(last=Max("new_deadline"))
        .values_list("task_id", "last")
    )
    reminded = dict(
        Reminder.objects.filter(task__programme=programme, sent_on__lte=cut_off)
        .order_by()
        .values("task_id")
        .annotate(count=Count("pk"))
        .values_list("task_id", "count")
    )
    partners: dict[int, list[str]] = {}
    for task_id, name in (
        Task.partners.through.objects.filter(task__programme=programme)
        .order_by("task_id", "agency__name")
        .values_list("task_id", "agency__name")
    ):
        partners.setdefault(task_id, []).append(name)
    progress, obstacles = _known_progress(programme, cut_off)
    # as the task's page shows it today: its parts rolled up, else the confirmed figure; the
    # parts keep no history, so a report of a past date shows the figure confirmed by then
    parts = parts_by_task(tasks) if cut_off >= timezone.localdate() else {}
    rows = []
    for values in tasks.order_by("code").values("pk", "lead__name", *_TASK_FIELDS):
        pk = values["pk"]
        rows.append(
            {
                "task": values
                | {
                    "partners": partners.get(pk, []),
                    "progress": task_progress(progress.get(pk), parts.get(pk, [])),
                    "obstacles": obstacles.get(pk, ""),
                },
                "lead": values["lead__name"],
                "reminders": reminded.get(pk, 0),
                "dates": TaskDates(
                    deadline=values["deadline"],
                    completed_on=values["completed_on"],
                    stopped_on=values["stopped_on"],
                    extended_to=extended.get(pk),
                ),
            }
        )
    return rows


def _known_progress(programme: Programme, cut_off: date) -> tuple[dict[int, int], dict[int, str]]:
    """Each task's progress (%) and obstacles as known at `cut_off`, from the updates with
    figures as of then that the office had confirmed by then: the progress of the latest one
    that gave a percentage (100 for one reporting the task done), the obstacles of the latest
    one. The task's own `progress` is
    today's and is not read: a report of a past date shows what that date's report showed,
    and the same whenever it is made again (an update confirmed later, even with figures as of
    an earlier day, is not in it, as a task confirmed done later is not done in it)."""
    progress: dict[int, int] = {}
    obstacles: dict[int, str] = {}
    for task_id, percent, is_done, text in (
        ProgressUpdate.objects.filter(
            task__programme=programme,
            status=UpdateStatus.CONFIRMED,
            as_of__lte=cut_off,
            decided_at__date__lte=cut_off,
        )
        .order_by("task_id", "-as_of", "-id")
        .values_list("task_id", "percent", "is_done", "obstacles")
    ):
        obstacles.setdefault(task_id, text)
        percent = 100 if is_done else percent  # confirmed done: 100 %, as its confirmation sets
        if percent is not None:
            progress.setdefault(task_id, percent)
    return progress, obstacles


def _appendix_row(row: dict[str, Any], cut_off: date, basis: Basis) -> dict[str, Any]:
    task: dict[str, Any] = row["task"]
    dates: TaskDates = row["dates"]
    completed_on = task["completed_on"]
    return {
        "code": task["code"],
        "title": task["title"],
        "lead": row["lead"],
        "partners": task["partners"],
        "leader": task["leader"],
        "deadline": _iso(task["deadline"]),
        "extended_to": _iso(dates.extended_to),
        "completed_on": _iso(completed_on if completed_on and completed_on <= cut_off else None),
        "product": task["product"],
        "progress": task["progress"],
        "state": state_on(dates, cut_off, basis).value,
        "days_late": days_late(dates, cut_off, basis),
        "reminders": row["reminders"],
        "obstacles": task["obstacles"],
        "is_key": task["is_key"],
    }


def _targets(programme: Programme) -> list[dict[str, Any]]:
    rows = []
    for indicator in Indicator.objects.filter(programme=programme).order_by(
        "name", "year", "period"
    ):
        result = assessment(indicator)
        previous = same_period_last_year(indicator)
        rows.append(
            {
                "indicator": indicator.name,
                "unit": indicator.unit,
                "period": indicator.period,
                "plan": _text(indicator.plan),
                "actual": _text(indicator.actual),
                "cumulative": _text(indicator.cumulative),
                "percent": result.percent,
                "verdict": result.verdict.value,
                "direction": indicator.direction,
                "previous_actual": _text(previous.actual) if previous else None,
            }
        )
    return rows


def _inspection(programme: Programme, start: date, cut_off: date) -> list[dict[str, Any]]:
    figures = InspectionFigure.objects.filter(
        body_id=programme.body_id, starts_on__gte=start, ends_on__lte=cut_off
    ).order_by("-ends_on", "id")
    return [
        {
            "period": f.period,
            "activity": f.activity,
            "subject": f.subject,
            "inspected": f.inspected,
            "committee_members": f.committee_members,
            "violating": f.violating,
            "to_discipline": f.to_discipline,
            "disciplined": f.disciplined,
            "forms": dict(f.forms),
        }
        for f in figures
    ]


def _cases(programme: Programme, start: date, cut_off: date) -> dict[str, int]:
    """Only the period's flow, in numbers: the cases' names stay on the restricted pages."""
    cases = WatchedCase.objects.filter(body_id=programme.body_id).prefetch_related("events")
    result = flow(
        [
            CaseDates(
                listed_on=c.listed_on,
                removed_on=c.removed_on,
                closed_on=c.closed_on,
                defendants=max(
                    (e.defendants for e in c.events.all() if not e.is_target), default=0
                ),
            )
            for c in cases
        ],
        start,
        cut_off,
    )
    return {
        "carried_over": result.carried_over,
        "new": result.new,
        "closed": result.closed,
        "dropped": result.dropped,
        "remaining": result.remaining,
        "defendants_carried_over": result.defendants_carried_over,
        "defendants_new": result.defendants_new,
        "defendants_remaining": result.defendants_remaining,
    }


def _reform(programme: Programme, year: int) -> dict[str, Any] | None:
    figure = ReformFigure.objects.filter(body_id=programme.body_id, year=year).first()
    if figure is None:
        return None
    return {
        "year": figure.year,
        "abolished": figure.abolished,
        "simplified": figure.simplified,
        "decentralised": figure.decentralised,
        "delegated": figure.delegated,
        **shares(figure),
        "par_index": _text(figure.par_index),
        "par_rank": figure.par_rank,
        "sipas": _text(figure.sipas),
        "sipas_rank": figure.sipas_rank,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _text(value: Any) -> str | None:
    """A decimal as people write it, exactly ("9290", "97.5"), or None."""
    if value is None:
        return None
    return format(value.normalize(), "f")
