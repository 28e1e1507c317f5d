"""A task's status at a date, and the by-agency table offices report (T1).

Status is derived, never typed, on two axes (the Government Office's task reports):
completion (not started / in progress / done on the date the office confirmed it) and
timeliness (on time / late for a done task; within / past the deadline for an open one), plus
stopped. A routine task ("thường xuyên") has no deadline: it is never overdue and, done, counts
as on time. An approved extension moves the deadline counted; the original is kept, and a report
says which of the two it counts against (`Basis`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tinnhiem.rules.arithmetic import percent


class Basis(StrEnum):
    """Which deadline a report counts against."""

    CURRENT = "current"  # the deadline as extended by approved extensions
    ORIGINAL = "original"  # the deadline the assigning document set


class State(StrEnum):
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn
    OPEN_WITHIN = "open_within"  # chưa hoàn thành – trong hạn
    OPEN_OVERDUE = "open_overdue"  # chưa hoàn thành – quá hạn
    STOPPED = "stopped"  # dừng


class Completion(StrEnum):
    NOT_STARTED = "not_started"  # chưa thực hiện
    IN_PROGRESS = "in_progress"  # đang thực hiện
    DONE = "done"  # đã hoàn thành


STATE_LABELS: dict[State, tuple[str, str]] = {
    State.DONE_ON_TIME: ("Hoàn thành đúng hạn", "Done on time"),
    State.DONE_LATE: ("Hoàn thành quá hạn", "Done late"),
    State.OPEN_WITHIN: ("Chưa hoàn thành – trong hạn", "Open, within the deadline"),
    State.OPEN_OVERDUE: ("Chưa hoàn thành – quá hạn", "Open, past the deadline"),
    State.STOPPED: ("Dừng thực hiện", "Stopped"),
}


@dataclass(frozen=True)
class TaskDates:
    """What a task's status is derived from. `deadline` None is a routine task; `extended_to`
    is the deadline after the last approved extension (None when there is none)."""

    deadline: date | None
    completed_on: date | None = None
    stopped_on: date | None = None
    extended_to: date | None = None
    started_on: date | None = None  # the first progress update's as-of date

    def counted_deadline(self, basis: Basis = Basis.CURRENT) -> date | None:
        if self.deadline is None:
            return None
        if basis is Basis.CURRENT and self.extended_to is not None:
            return self.extended_to
        return self.deadline


def state_on(task: TaskDates, as_of: date, basis: Basis = Basis.CURRENT) -> State:
    """The task's state on `as_of`. Done when confirmed done on or before that day, on time when
    done on or before the deadline; open otherwise, overdue when the deadline is before that day.
    Stopped from the day it was stopped (a task stopped after being done stays done)."""
    deadline = task.counted_deadline(basis)
    if task.completed_on is not None and task.completed_on <= as_of:
        if deadline is None or task.completed_on <= deadline:
            return State.DONE_ON_TIME
        return State.DONE_LATE
    if task.stopped_on is not None and task.stopped_on <= as_of:
        return State.STOPPED
    if deadline is not None and deadline < as_of:
        return State.OPEN_OVERDUE
    return State.OPEN_WITHIN


def completion_on(task: TaskDates, as_of: date) -> Completion:
    if task.completed_on is not None and task.completed_on <= as_of:
        return Completion.DONE
    if task.started_on is not None and task.started_on <= as_of:
        return Completion.IN_PROGRESS
    return Completion.NOT_STARTED


def days_late(task: TaskDates, as_of: date, basis: Basis = Basis.CURRENT) -> int:
    """Days past the counted deadline: to the completion for a task done late, to `as_of` for an
    open overdue one; 0 otherwise."""
    state = state_on(task, as_of, basis)
    deadline = task.counted_deadline(basis)
    if deadline is None:
        return 0
    if state is State.DONE_LATE and task.completed_on is not None:
        return (task.completed_on - deadline).days
    if state is State.OPEN_OVERDUE:
        return (as_of - deadline).days
    return 0


def is_due(task: TaskDates, as_of: date, basis: Basis = Basis.CURRENT) -> bool:
    """A task is due on `as_of` when its counted deadline is on or before that day."""
    deadline = task.counted_deadline(basis)
    return deadline is not None and deadline <= as_of


@dataclass
class AgencyRow:
    """One line of the by-agency table (T1): how many tasks the agency leads, by state."""

    agency: str
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_within: int = 0
    open_overdue: int = 0
    stopped: int = 0
    due: int = 0
    due_done: int = 0
    reminders: int = 0

    @property
    def due_done_rate(self) -> str | None:
        """Of the tasks due, the share done by the date, "xx.xx" half up; None when none is due."""
        return percent(self.due_done, self.due) if self.due else None

    def add(self, state: State, *, due: bool, reminders: int = 0) -> None:
        self.reminders += reminders
        if state is State.STOPPED:
            self.stopped += 1
            return
        self.total += 1
        setattr(self, state.value, getattr(self, state.value) + 1)
        if due:
            self.due += 1
            self.due_done += state in (State.DONE_ON_TIME, State.DONE_LATE)

    def merge(self, other: AgencyRow) -> None:
        for name in (
            "total",
            "done_on_time",
            "done_late",
            "open_within",
            "open_overdue",
            "stopped",
            "due",
            "due_done",
            "reminders",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, object]:
        """The fields of `tinnhiem programme report --format json` (stopped tasks are left out
        of every count there: a stopped task is no longer the agency's to do)."""
        return {
            "agency": self.agency,
            "total": self.total,
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "open_within": self.open_within,
            "open_overdue": self.open_overdue,
            "due": self.due,
            "due_done_rate": self.due_done_rate,
        }


@dataclass(frozen=True)
class ReportTask:
    """A task as the by-agency table reads it."""

    lead: str
    dates: TaskDates
    reminders: int = 0


@dataclass
class AgencyReport:
    as_of: date
    basis: Basis
    agencies: list[AgencyRow] = field(default_factory=list)
    total: AgencyRow = field(default_factory=lambda: AgencyRow(agency=""))


def by_agency(
    tasks: Iterable[ReportTask],
    as_of: date,
    basis: Basis = Basis.CURRENT,
    order: Sequence[str] = (),
) -> AgencyReport:
    """The by-agency table at `as_of`: agencies in `order` first (those without tasks too), then
    any other lead agency by name (Vietnamese collation is not needed: names are compared as
    typed)."""
    rows: dict[str, AgencyRow] = {name: AgencyRow(name) for name in order}
    for task in tasks:
        row = rows.setdefault(task.lead, AgencyRow(task.lead))
        row.add(
            state_on(task.dates, as_of, basis),
            due=is_due(task.dates, as_of, basis),
            reminders=task.reminders,
        )
    named = list(order)
    ordered = [rows[name] for name in named] + sorted(
        (row for name, row in rows.items() if name not in set(named)), key=lambda r: r.agency
    )
    total = AgencyRow(agency="Tổng cộng")
    for row in ordered:
        total.merge(row)
    return AgencyReport(as_of=as_of, basis=basis, agencies=ordered, total=total)


@dataclass(frozen=True)
class Part:
    """A sub-task's share of its task: a weight and a progress in percent (0–100)."""

    weight: int
    progress: int


def rolled_up(parts: Sequence[Part]) -> int | None:
    """The task's progress from its parts, weighted, in whole percent rounded half up; None when
    no part has a weight."""
    weight = sum(part.weight for part in parts)
    if weight <= 0:
        return None
    weighted = sum(part.weight * part.progress for part in parts)
    return (2 * weighted + weight) // (2 * weight)


def task_progress(own: int | None, parts: Sequence[Part]) -> int | None:
    """The progress a task shows, wherever it is shown (its page, the appendix T2, snapshots):
    its parts' progress rolled up by weight when it has parts with a weight, else its own (the
    last confirmed update's percent)."""
    rolled = rolled_up(parts)
    return own if rolled is None else rolled
