"""The programmes a user may read, one programme with its groups and tasks (filtered by
agency, status at a date, key tasks, overdue), and one task with its whole history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions, values
from tinnhiem.core.errors import NotAllowed
from tinnhiem.programmes import access
from tinnhiem.programmes.forms import ExtensionForm, ReasonForm, ReminderForm
from tinnhiem.programmes.models import Agency, AgencyMember, Programme, Task, UpdateStatus
from tinnhiem.programmes.views.common import NOT_YOURS, flags, guarded, programme_for, task_for
from tinnhiem.programmes.views.subtasks import part_context
from tinnhiem.programmes.workflow import ESCALATE_AFTER
from tinnhiem.steering.tasks import STATE_LABELS, State, TaskDates, state_on

AS_OF = ("Tình trạng tại ngày", "Status on")
AGENCY = ("Cơ quan chủ trì", "Lead agency")


@dataclass(frozen=True)
class Row:
    task: Task
    state: State
    reminders: int
    counted_deadline: date | None

    @property
    def state_label(self) -> tuple[str, str]:
        return STATE_LABELS[self.state]

    @property
    def is_escalated(self) -> bool:
        return self.state is State.OPEN_OVERDUE or (
            self.task.completed_on is None and self.reminders > ESCALATE_AFTER
        )


def visible_tasks(request: HttpRequest, programme: Programme) -> QuerySet[Task]:
    """All of the programme's tasks for the roles that read everything; an agency's members
    see the tasks their agency leads or co-operates on."""
    tasks = Task.objects.filter(programme=programme)
    if permissions.can(request.user, programme.body_id, access.READ_TASKS):
        return tasks
    mine = list(access.agency_roles(request.user, programme.body_id))
    return tasks.filter(Q(lead_id__in=mine) | Q(partners__in=mine)).distinct()


def task_rows(tasks: QuerySet[Task], as_of: date) -> list[Row]:
    """Each task with its state on `as_of` (from its dates, the last extension included)."""
    annotated = (
        tasks.select_related("lead", "group")
        .annotate(
            extended_to=Max("extensions__new_deadline"),
            reminder_count=Count("reminders", distinct=True),
        )
        .order_by("group__order", "group__code", "code")
    )
    rows = []
    for task in annotated:
        dates = TaskDates(
            deadline=task.deadline,
            completed_on=task.completed_on,
            stopped_on=task.stopped_on,
            extended_to=task.extended_to,
        )
        rows.append(
            Row(
                task,
                state_on(dates, as_of),
                task.reminder_count,
                dates.counted_deadline(),
            )
        )
    return rows


STEERING_ROLES = tuple(
    set(access.READ_TASKS + access.READ_CASES + access.READ_INSPECTION + access.READ_REFORM)
)


def _steering_body_ids(user: Any) -> set[int] | None:
    """The bodies where the user holds a programme-steering role or an agency's (None: all)."""
    if permissions.visible_body_ids(user) is None:
        return None
    granted = set(
        RoleGrant.objects.filter(user=user, role__in=STEERING_ROLES).values_list(
            "body_id", flat=True
        )
    )
    agencies = set(AgencyMember.objects.filter(user=user).values_list("agency__body_id", flat=True))
    return granted | agencies


@guarded
def index(request: HttpRequest) -> HttpResponse:
    body_ids = _steering_body_ids(request.user)
    if body_ids is not None and not body_ids:
        raise NotAllowed(*NOT_YOURS)
    programmes = Programme.objects.select_related("body").annotate(task_count=Count("tasks"))
    bodies = Body.objects.all() if body_ids is None else Body.objects.filter(pk__in=body_ids)
    readable = {b.pk for b in bodies if access.can_read_programmes(request.user, b.pk)}
    return render(
        request,
        "programmes/index.html",
        {
            "programmes": programmes.filter(body_id__in=readable),
            "bodies": [(b, flags(request, b.pk)) for b in bodies.order_by("pk")],
        },
    )


@guarded
def programme(request: HttpRequest, programme_id: int) -> HttpResponse:
    found = programme_for(request, programme_id)
    today = timezone.localdate()
    as_of = values.day(request.GET, "on", AS_OF) or today
    agency_id = values.optional_id(request.GET, "agency", AGENCY)
    state = request.GET.get("state", "")
    is_key = request.GET.get("key") == "1"
    is_overdue = request.GET.get("overdue") == "1"
    tasks = visible_tasks(request, found)
    if agency_id is not None:
        tasks = tasks.filter(lead_id=agency_id)
    if is_key:
        tasks = tasks.filter(is_key=True)
    rows = task_rows(tasks, as_of)
    if state in {s.value for s in State}:
        rows = [row for row in rows if row.state.value == state]
    if is_overdue:
        rows = [row for row in rows if row.state is State.OPEN_OVERDUE]
    groups: list[tuple[Any, list[Row]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.task.group:
            groups.append((row.task.group, []))
        groups[-1][1].append(row)
    return render(
        request,
        "programmes/programme.html",
        {
            "programme": found,
            "groups": groups,
            "count": len(rows),
            "as_of": as_of,
            "agencies": Agency.objects.filter(led_tasks__programme=found).distinct(),
            "states": [(s.value, label) for s, label in STATE_LABELS.items()],
            "chosen": {"agency": agency_id, "state": state, "key": is_key, "overdue": is_overdue},
            **flags(request, found.body_id),
        },
    )


@guarded
def task(request: HttpRequest, task_id: int) -> HttpResponse:
    found = task_for(request, task_id)
    body_id = found.programme.body_id
    today = timezone.localdate()
    row = task_rows(Task.objects.filter(pk=found.pk), today)[0]
    mine = access.agency_roles(request.user, body_id).get(found.lead_id, set())
    office = permissions.can(request.user, body_id, access.REGISTER)
    updates = found.updates.select_related(
        "written_by", "submitted_by", "decided_by"
    ).prefetch_related("files")
    return render(
        request,
        "programmes/task.html",
        {
            "task": found,
            "programme": found.programme,
            "row": row,
            "partners": found.partners.all(),
            "extensions": found.extensions.select_related("approved_by"),
            "updates": updates,
            "reminders": found.reminders.select_related("sent_by"),
            "escalate_after": ESCALATE_AFTER,
            "can_write": office or "focal" in mine,
            "can_submit": office or "head" in mine,
            "can_decide": office,
            "is_open": found.completed_on is None and found.stopped_on is None,
            "editable": (UpdateStatus.DRAFT, UpdateStatus.RETURNED),
            "submitted": UpdateStatus.SUBMITTED,
            "reason_form": ReasonForm(),
            "reminder_form": ReminderForm(),
            "extension_form": ExtensionForm(),
            **flags(request, body_id),
            **part_context(request, found),
        },
    )
