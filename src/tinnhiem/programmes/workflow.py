"""The life of a task after it is registered: the agency's progress updates (written by its
focal officer, submitted by its head, confirmed or returned by the office), reminders,
approved extensions, and stopping a task. Each service is one transaction with its audit row.

A confirmed update that reports the task done makes it done on the day the office confirms it
(the Government Office's rule: "đã hoàn thành" is dated by the confirmation, not by the claim).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tinnhiem.audit.services import record
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.core.mail import require_mail
from tinnhiem.programmes import access
from tinnhiem.programmes.models import (
    AgencyMember,
    AgencyRole,
    Extension,
    ProgressUpdate,
    Reminder,
    Task,
    UpdateRequest,
    UpdateStatus,
)

ESCALATE_AFTER = 3  # Hanoi escalates a task reminded more than three times


def _locked(task: Task) -> Task:
    return Task.objects.select_for_update().select_related("programme").get(pk=task.pk)


def task_audit(actor: Any, action: str, obj: Any, task: Task, **after: Any) -> None:
    """The audit row of a change to a task or to what hangs on it (an update, a part)."""
    record(
        actor=actor,
        action=action,
        obj=obj,
        body_id=task.programme.body_id,
        after={"task": task.code, **after},
    )


def update_write(
    *,
    actor: Any,
    task: Task,
    as_of: date,
    narrative: str,
    percent: int | None = None,
    is_done: bool = False,
    obstacles: str = "",
    request: str = "",
    requested_deadline: date | None = None,
) -> ProgressUpdate:
    """The lead agency's focal officer writes an update (a draft until the head submits it)."""
    body_id = task.programme.body_id
    access.require_agency_role(actor, task.lead_id, body_id, AgencyRole.FOCAL)
    if not narrative.strip():
        raise InputProblem("Cần ghi kết quả thực hiện", "Describe what was done")
    if percent is not None and not 0 <= percent <= 100:
        raise InputProblem("Tiến độ từ 0 đến 100 (%)", "Progress is 0 to 100 (%)")
    if request not in UpdateRequest.values:
        raise InputProblem(f"Kiến nghị '{request}' không có", f"Unknown request '{request}'")
    if request == UpdateRequest.EXTENSION and requested_deadline is None:
        raise InputProblem("Xin gia hạn cần ghi thời hạn đề nghị", "Give the deadline asked for")
    with transaction.atomic():
        task = _locked(task)
        if task.completed_on is not None or task.stopped_on is not None:
            raise WrongState(
                "Nhiệm vụ đã hoàn thành hoặc đã dừng", "The task is done or stopped already"
            )
        update = ProgressUpdate.objects.create(
            task=task,
            agency_id=task.lead_id,
            as_of=as_of,
            narrative=narrative.strip(),
            percent=percent,
            is_done=is_done,
            obstacles=obstacles.strip(),
            request=request,
            requested_deadline=requested_deadline,
            written_by=actor,
        )
        task_audit(actor, "update.write", update, task, as_of=as_of, done=is_done, request=request)
    return update


def update_submit(*, actor: Any, update: ProgressUpdate) -> ProgressUpdate:
    """The agency's head sends a draft (or a returned update, amended) to the office."""
    task = update.task
    access.require_agency_role(actor, update.agency_id, task.programme.body_id, AgencyRole.HEAD)
    with transaction.atomic():
        _locked(task)
        update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        if update.status not in (UpdateStatus.DRAFT, UpdateStatus.RETURNED):
            raise WrongState("Báo cáo đã được gửi", "The update was sent already")
        update.status = UpdateStatus.SUBMITTED
        update.submitted_by = actor
        update.submitted_at = timezone.now()
        update.save(update_fields=["status", "submitted_by", "submitted_at"])
        task_audit(actor, "update.submit", update, task)
    return update


def update_confirm(*, actor: Any, update: ProgressUpdate) -> ProgressUpdate:
    """The office confirms a submitted update: its progress becomes the task's, and a task
    reported done is done today."""
    task = update.task
    access.require(actor, task.programme.body_id, access.REGISTER)
    with transaction.atomic():
        task = _locked(task)
        update = _submitted(update)
        update.status = UpdateStatus.CONFIRMED
        update.decided_by = actor
        update.decided_at = timezone.now()
        update.save(update_fields=["status", "decided_by", "decided_at"])
        if update.percent is not None:
            task.progress = update.percent
        if update.is_done:
            task.completed_on = timezone.localdate()
            task.progress = 100
        task.save(update_fields=["progress", "completed_on"])
        task_audit(actor, "update.confirm", update, task, completed_on=task.completed_on)
    return update


def update_return(*, actor: Any, update: ProgressUpdate, reason: str) -> ProgressUpdate:
    """The office returns a submitted update to the agency, with its reason (a returned update
    counts as not done)."""
    task = update.task
    access.require(actor, task.programme.body_id, access.REGISTER)
    if not reason.strip():
        raise InputProblem("Cần ghi lý do trả lại", "Give the reason for returning it")
    with transaction.atomic():
        task = _locked(task)
        update = _submitted(update)
        update.status = UpdateStatus.RETURNED
        update.decided_by = actor
        update.decided_at = timezone.now()
        update.return_reason = reason.strip()
        update.save(update_fields=["status", "decided_by", "decided_at", "return_reason"])
        task_audit(actor, "update.return", update, task, reason=update.return_reason)
    return update


def _submitted(update: ProgressUpdate) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.status != UpdateStatus.SUBMITTED:
        raise WrongState(
            "Chỉ xác nhận hoặc trả lại báo cáo đã gửi", "Only a submitted update is decided"
        )
    return update


def reminder_send(*, actor: Any, task: Task, note: str = "", by_mail: bool = False) -> Reminder:
    """The office reminds the lead agency (đôn đốc); counted, and by mail to the agency's
    members when asked (refused unless a mail server that delivers is configured)."""
    access.require(actor, task.programme.body_id, access.REGISTER)
    if by_mail:
        require_mail()
    addresses = sorted(
        {
            member.user.email
            for member in AgencyMember.objects.filter(agency_id=task.lead_id).select_related("user")
            if member.user.email
        }
    )
    if by_mail and not addresses:
        raise InputProblem(
            "Cơ quan chủ trì chưa có ai có địa chỉ thư", "No one of the lead agency has an address"
        )
    with transaction.atomic():
        task = _locked(task)
        reminder = Reminder.objects.create(
            task=task,
            sent_on=timezone.localdate(),
            note=note.strip(),
            is_mailed=by_mail,
            sent_by=actor,
        )
        count = Reminder.objects.filter(task=task).count()
        task_audit(
            actor,
            "task.remind",
            reminder,
            task,
            count=count,
            mailed=len(addresses) if by_mail else 0,
        )
        if by_mail:
            subject = f"Đôn đốc nhiệm vụ {task.code} (lần {count})"
            body = _reminder_body(task, note, count)
            transaction.on_commit(lambda: send_mail(subject, body, None, addresses))
    return reminder


def _reminder_body(task: Task, note: str, count: int) -> str:
    deadline = f"{task.deadline:%d/%m/%Y}" if task.deadline else "thường xuyên"
    lines = [
        f"Văn phòng đôn đốc (lần {count}) nhiệm vụ {task.code}: {task.title}.",
        f"Thời hạn: {deadline}.",
    ]
    if note.strip():
        lines.append(note.strip())
    lines.append("Đề nghị cơ quan cập nhật tiến độ trên hệ thống tinnhiem.")
    return "\n".join(lines)


def extension_approve(
    *, actor: Any, task: Task, new_deadline: date, document: str, reason: str = ""
) -> Extension:
    """An approved extension: the deadline counted moves; the original stays on the task."""
    access.require(actor, task.programme.body_id, access.REGISTER)
    if not document.strip():
        raise InputProblem(
            "Cần ghi văn bản cho phép gia hạn", "Give the document that allows the extension"
        )
    with transaction.atomic():
        task = _locked(task)
        if task.deadline is None:
            raise WrongState(
                "Nhiệm vụ thường xuyên không có thời hạn để gia hạn",
                "A routine task has no deadline",
            )
        current = max([task.deadline, *task.extensions.values_list("new_deadline", flat=True)])
        if new_deadline <= current:
            raise InputProblem(
                f"Thời hạn mới phải sau {current:%d/%m/%Y}",
                f"The new deadline must be after {current}",
            )
        extension = Extension.objects.create(
            task=task,
            new_deadline=new_deadline,
            document=document.strip(),
            reason=reason.strip(),
            approved_by=actor,
            approved_at=timezone.now(),
        )
        task_audit(actor, "task.extend", extension, task, deadline=new_deadline, document=document)
    return extension


def task_stop(*, actor: Any, task: Task, reason: str, on: date | None = None) -> Task:
    """The office records that a task is stopped (dừng thực hiện), with its reason."""
    access.require(actor, task.programme.body_id, access.REGISTER)
    if not reason.strip():
        raise InputProblem("Cần ghi lý do dừng", "Give the reason for stopping the task")
    with transaction.atomic():
        task = _locked(task)
        if task.completed_on is not None:
            raise WrongState("Nhiệm vụ đã hoàn thành", "The task is done already")
        if task.stopped_on is not None:
            raise WrongState("Nhiệm vụ đã dừng thực hiện", "The task is stopped already")
        task.stopped_on = on or timezone.localdate()
        task.stop_reason = reason.strip()
        task.save(update_fields=["stopped_on", "stop_reason"])
        task_audit(actor, "task.stop", task, task, on=task.stopped_on, reason=task.stop_reason)
    return task


def escalated(tasks: QuerySet[Task], as_of: date) -> QuerySet[Task]:
    """Tasks to escalate on the dashboard: open and past their deadline (as extended), or
    reminded more than three times."""
    last_extension = (
        Extension.objects.filter(task=OuterRef("pk"))
        .order_by("-new_deadline")
        .values("new_deadline")[:1]
    )
    reminded = (
        Reminder.objects.filter(task=OuterRef("pk"))
        .values("task")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        tasks.filter(completed_on__isnull=True, stopped_on__isnull=True)
        .annotate(
            counted_deadline=Coalesce(Subquery(last_extension), F("deadline")),
            reminded=Coalesce(Subquery(reminded), 0),
        )
        .filter(Q(counted_deadline__lt=as_of) | Q(reminded__gt=ESCALATE_AFTER))
    )
