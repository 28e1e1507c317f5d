"""A task's sub-tasks (its parts per agency): the office adds, edits and deletes them (a
deletion confirmed on a page of its own); the focal officer of a part's agency updates its
progress. What the task page shows of them comes from `part_context`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tinnhiem.core import permissions
from tinnhiem.core.i18n import choose, pair
from tinnhiem.core.pages import run, run_form
from tinnhiem.programmes import access, subtasks
from tinnhiem.programmes.models import Agency, AgencyRole, SubTask, Task
from tinnhiem.programmes.views.common import NOT_CONFIRMED, guarded, is_confirmed, task_for


class PartForm(forms.Form):
    """A part of the task: the agencies offered are the task's lead and co-operating ones."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=pair("Cơ quan thực hiện", "Agency")
    )
    title = forms.CharField(
        max_length=subtasks.TITLE_LENGTH, label=pair("Nội dung phần việc", "What the part is")
    )
    weight = forms.IntegerField(
        min_value=1, max_value=subtasks.MAX_WEIGHT, initial=1, label=pair("Trọng số", "Weight")
    )
    progress = forms.IntegerField(
        min_value=0, max_value=100, initial=0, label=pair("Tiến độ (%)", "Progress (%)")
    )

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.filter(
            pk__in=[task.lead_id, *task.partners.values_list("pk", flat=True)]
        )


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        min_value=0, max_value=100, label=pair("Tiến độ (%)", "Progress (%)")
    )


def part_context(request: HttpRequest, task: Task) -> dict[str, Any]:
    """The task page's part: its sub-tasks, which of them this user may update, and the
    progress the task shows (rolled up by weight when it has parts)."""
    body_id = task.programme.body_id
    office = permissions.can(request.user, body_id, access.REGISTER)
    mine = access.agency_roles(request.user, body_id)
    is_open = task.completed_on is None and task.stopped_on is None
    parts = [
        (part, is_open and (office or AgencyRole.FOCAL in mine.get(part.agency_id, set())))
        for part in task.parts.select_related("agency")
    ]
    return {
        "parts": parts,
        "shown_progress": subtasks.progress_of(task),
        "can_edit_parts": office and is_open,
    }


def _part_for(request: HttpRequest, part_id: int) -> SubTask:
    part = get_object_or_404(SubTask.objects.select_related("agency"), pk=part_id)
    part.task = task_for(request, part.task_id)
    return part


def _back(task: Task) -> HttpResponse:
    return redirect(reverse("programmes:task", args=[task.pk]) + "#parts")


@guarded
def part_new(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for(request, task_id)
    access.require(request.user, task.programme.body_id, access.REGISTER)
    return _part_form(request, task, None)


@guarded
def part_edit(request: HttpRequest, part_id: int) -> HttpResponse:
    part = _part_for(request, part_id)
    access.require(request.user, part.task.programme.body_id, access.REGISTER)
    return _part_form(request, part.task, part)


def _part_form(request: HttpRequest, task: Task, part: SubTask | None) -> HttpResponse:
    initial = (
        {}
        if part is None
        else {
            "agency": part.agency_id,
            "title": part.title,
            "weight": part.weight,
            "progress": part.progress,
        }
    )
    form = PartForm(request.POST or None, task=task, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_form(
            request, form, subtasks.subtask_save, task=task, subtask=part, **form.cleaned_data
        ):
            messages.success(request, choose("Đã lưu phần việc", "Sub-task saved"))
            return _back(task)
    return render(
        request,
        "programmes/subtask_form.html",
        {"task": task, "programme": task.programme, "form": form, "part": part},
    )


@guarded
def part_progress(request: HttpRequest, part_id: int) -> HttpResponse:
    """The part's progress alone (the focal officer of its agency, or the office)."""
    part = _part_for(request, part_id)
    task = part.task
    access.require_part_progress(request.user, part.agency_id, task.programme.body_id)
    form = ProgressForm(request.POST or None, initial={"progress": part.progress})
    if request.method == "POST" and form.is_valid():
        progress = form.cleaned_data["progress"]
        if run_form(request, form, subtasks.subtask_progress, subtask=part, progress=progress):
            messages.success(
                request, choose("Đã cập nhật tiến độ phần việc", "Sub-task progress updated")
            )
            return _back(task)
    return render(
        request,
        "programmes/subtask_form.html",
        {"task": task, "programme": task.programme, "form": form, "part": part, "only": True},
    )


@guarded
def part_delete(request: HttpRequest, part_id: int) -> HttpResponse:
    """GET asks; POST with the confirmation field deletes."""
    part = _part_for(request, part_id)
    task = part.task
    access.require(request.user, task.programme.body_id, access.REGISTER)
    if request.method == "POST":
        if not is_confirmed(request):
            messages.error(request, choose(*NOT_CONFIRMED))
            return redirect("programmes:part_delete", part_id=part.pk)
        if run(
            request,
            subtasks.subtask_delete,
            ("Đã xóa phần việc", "Sub-task deleted"),
            subtask=part,
        ):
            return _back(task)
        return redirect("programmes:part_delete", part_id=part.pk)
    return render(
        request,
        "programmes/confirm.html",
        {
            "programme": task.programme,
            "question": choose(
                f"Xóa phần việc «{part.title}» của {part.agency.name}?",
                f"Delete the sub-task «{part.title}» of {part.agency.name}?",
            ),
            "consequence": choose(
                "Tiến độ của nhiệm vụ được tính lại từ các phần việc còn lại; nhật ký giữ lại "
                "việc xóa.",
                "The task's progress is rolled up again from the parts left; the audit log "
                "keeps the deletion.",
            ),
            "button": choose("Có, xóa phần việc", "Yes, delete the sub-task"),
            "back": reverse("programmes:task", args=[task.pk]),
            "hidden": {},
            "is_danger": True,
        },
    )
