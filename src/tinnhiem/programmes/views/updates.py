"""The agency's updates and the office's decisions: the focal officer writes (with documents
attached), the agency head submits, the office confirms or returns with a reason; the office
reminds the lead agency, approves extensions, and stops a task (confirmed on a page of its own
naming the task, with the reason). Each is one service call."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import run, run_form
from tinnhiem.programmes import access, workflow
from tinnhiem.programmes.attachments import update_write_with_files
from tinnhiem.programmes.forms import (
    ExtensionForm,
    ReasonForm,
    ReminderForm,
    StopForm,
    UpdateForm,
)
from tinnhiem.programmes.models import AgencyRole, Attachment, ProgressUpdate
from tinnhiem.programmes.views.common import NOT_CONFIRMED, guarded, is_confirmed, task_for
from tinnhiem.programmes.views.pages import task_rows

FIELD_OF_MESSAGE = {  # the form field a service's refusal is about, to mark it
    "kết quả": "narrative",
    "tiến độ": "percent",
    "gia hạn": "requested_deadline",
    "kiến nghị": "request",
    "tệp": "documents",
}


@guarded
def update_new(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for(request, task_id)
    access.require_agency_role(request.user, task.lead_id, task.programme.body_id, AgencyRole.FOCAL)
    form = UpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"as_of": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_form(
            request,
            form,
            update_write_with_files,
            fields=FIELD_OF_MESSAGE,
            task=task,
            files=data["documents"],
            as_of=data["as_of"],
            narrative=data["narrative"],
            percent=data["percent"],
            is_done=data["is_done"],
            obstacles=data["obstacles"],
            request=data["request"],
            requested_deadline=data["requested_deadline"],
        )
        if saved:
            messages.success(
                request,
                choose(
                    "Đã lưu báo cáo; lãnh đạo cơ quan gửi Văn phòng",
                    "Update saved; the agency head sends it to the office",
                ),
            )
            return redirect("programmes:task", task_id=task.pk)
    row = task_rows(type(task).objects.filter(pk=task.pk), timezone.localdate())[0]
    return render(
        request,
        "programmes/update_form.html",
        {"task": task, "programme": task.programme, "form": form, "row": row},
    )


def _update_for(request: HttpRequest, update_id: int) -> ProgressUpdate:
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("task__programme"), pk=update_id
    )
    task_for(request, update.task_id)
    return update


def _decide(
    request: HttpRequest, update_id: int, service: Any, done: tuple[str, str], **given: Any
) -> HttpResponse:
    """One step of an update's way (submit, confirm, return): the service, its message, back to
    the task."""
    update = _update_for(request, update_id)
    run(request, service, done, update=update, **given)
    return redirect("programmes:task", task_id=update.task_id)


@guarded
@require_POST
def update_submit(request: HttpRequest, update_id: int) -> HttpResponse:
    sent = ("Đã gửi báo cáo đến Văn phòng", "Update sent to the office")
    return _decide(request, update_id, workflow.update_submit, sent)


@guarded
@require_POST
def update_confirm(request: HttpRequest, update_id: int) -> HttpResponse:
    confirmed = ("Đã xác nhận báo cáo", "Update confirmed")
    return _decide(request, update_id, workflow.update_confirm, confirmed)


@guarded
@require_POST
def update_return(request: HttpRequest, update_id: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, choose("Cần ghi lý do trả lại", "Give the reason for returning it"))
        return redirect("programmes:task", task_id=_update_for(request, update_id).task_id)
    returned = ("Đã trả lại báo cáo cho cơ quan", "Update returned to the agency")
    reason = form.cleaned_data["reason"]
    return _decide(request, update_id, workflow.update_return, returned, reason=reason)


@guarded
@require_POST
def remind(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for(request, task_id)
    form = ReminderForm(request.POST)
    if form.is_valid():
        run(
            request,
            workflow.reminder_send,
            ("Đã ghi việc đôn đốc", "Reminder recorded"),
            task=task,
            note=form.cleaned_data["note"],
            by_mail=form.cleaned_data["by_mail"],
        )
    return redirect("programmes:task", task_id=task.pk)


@guarded
@require_POST
def extend(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for(request, task_id)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        run(
            request,
            workflow.extension_approve,
            ("Đã ghi gia hạn", "Extension recorded"),
            task=task,
            **form.cleaned_data,
        )
    else:
        messages.error(
            request,
            choose(
                "Gia hạn cần thời hạn mới và văn bản cho phép",
                "An extension needs the new deadline and its document",
            ),
        )
    return redirect("programmes:task", task_id=task.pk)


@guarded
def stop(request: HttpRequest, task_id: int) -> HttpResponse:
    """GET: the confirmation page naming the task; POST with `confirmed=yes` and a reason: the
    office stops it (`workflow.task_stop`)."""
    task = task_for(request, task_id)
    access.require(request.user, task.programme.body_id, access.REGISTER)
    form = StopForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not is_confirmed(request):
            messages.error(request, choose(*NOT_CONFIRMED))
            return redirect("programmes:stop", task_id=task.pk)
        if form.is_valid():
            stopped = run_form(
                request,
                form,
                workflow.task_stop,
                fields={"lý do": "reason"},
                task=task,
                **form.cleaned_data,
            )
            if stopped:
                messages.success(request, choose("Đã dừng nhiệm vụ", "Task stopped"))
                return redirect("programmes:task", task_id=task.pk)
    row = task_rows(type(task).objects.filter(pk=task.pk), timezone.localdate())[0]
    return render(
        request,
        "programmes/task_stop.html",
        {"task": task, "programme": task.programme, "form": form, "row": row},
    )


@guarded
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    found = get_object_or_404(Attachment.objects.select_related("update"), pk=attachment_id)
    task_for(request, found.update.task_id)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
