"""Sub-tasks: an agency's share of a task (the lead's or a co-operating agency's), with a weight
and a progress. The office adds, edits and deletes them; the focal officer of the agency a part
belongs to updates its progress. Each service is one transaction with its audit row.

A task with parts shows their progress rolled up by weight (`steering.tasks.task_progress`,
the one function every page, report and snapshot reads it through); one without shows its own,
the last confirmed update's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.programmes import access
from tinnhiem.programmes.models import Agency, SubTask, Task
from tinnhiem.programmes.workflow import task_audit
from tinnhiem.steering.tasks import Part, task_progress

MAX_WEIGHT = 1000
TITLE_LENGTH = 500


def subtask_save(
    *,
    actor: Any,
    task: Task,
    agency: Agency,
    title: str,
    weight: int,
    progress: int = 0,
    subtask: SubTask | None = None,
) -> SubTask:
    """The office adds a part of `task` for `agency` (its lead or a co-operating agency), or
    edits `subtask`: its agency, title, weight and progress."""
    body_id = task.programme.body_id
    access.require(actor, body_id, access.REGISTER)
    title = title.strip()
    _check(title=title, weight=weight, progress=progress)
    if subtask is not None and subtask.task_id != task.pk:
        raise InputProblem("Phần việc không thuộc nhiệm vụ này", "The part is not of this task")
    with transaction.atomic():
        task = _open_task(task)
        if agency.pk != task.lead_id and not task.partners.filter(pk=agency.pk).exists():
            raise InputProblem(
                "Phần việc chỉ giao cho cơ quan chủ trì hoặc phối hợp của nhiệm vụ",
                "A part goes to the task's lead or co-operating agency only",
            )
        is_new = subtask is None
        part = SubTask(task=task) if subtask is None else _locked(subtask)
        part.agency = agency
        part.title = title
        part.weight = weight
        _set_progress(part, progress)
        part.save()
        task_audit(
            actor,
            "subtask.create" if is_new else "subtask.update",
            part,
            task,
            agency=agency.name,
            title=title,
            weight=weight,
            progress=progress,
        )
    return part


def subtask_progress(*, actor: Any, subtask: SubTask, progress: int) -> SubTask:
    """The focal officer of the part's agency (or the office) updates its progress; a part at
    100 % is done today."""
    task = subtask.task
    access.require_part_progress(actor, subtask.agency_id, task.programme.body_id)
    if not 0 <= progress <= 100:
        raise InputProblem("Tiến độ từ 0 đến 100 (%)", "Progress is 0 to 100 (%)")
    with transaction.atomic():
        task = _open_task(task)
        part = _locked(subtask)
        before = part.progress
        _set_progress(part, progress)
        part.save(update_fields=["progress", "completed_on"])
        task_audit(actor, "subtask.progress", part, task, before=before, progress=progress)
    return part


def subtask_delete(*, actor: Any, subtask: SubTask) -> None:
    """The office deletes a part (the audit log keeps what it was)."""
    task = subtask.task
    access.require(actor, task.programme.body_id, access.REGISTER)
    with transaction.atomic():
        task = _open_task(task)
        part = _locked(subtask)
        task_audit(
            actor,
            "subtask.delete",
            part,
            task,
            agency=part.agency.name,
            title=part.title,
            weight=part.weight,
            progress=part.progress,
        )
        part.delete()


def parts_by_task(tasks: QuerySet[Task] | Iterable[int]) -> dict[int, list[Part]]:
    """Each task's parts (the tasks given as a query or by id) as the roll-up reads them, in
    one query."""
    parts: dict[int, list[Part]] = {}
    for task_id, weight, progress in SubTask.objects.filter(task__in=tasks).values_list(
        "task_id", "weight", "progress"
    ):
        parts.setdefault(task_id, []).append(Part(weight=weight, progress=progress))
    return parts


def progress_of(task: Task) -> int | None:
    """The progress the task shows: its parts' rolled up by weight, or its own."""
    return task_progress(task.progress, parts_by_task([task.pk]).get(task.pk, []))


def _check(*, title: str, weight: int, progress: int) -> None:
    if not title:
        raise InputProblem("Cần ghi nội dung phần việc", "Describe the part")
    if len(title) > TITLE_LENGTH:
        raise InputProblem(
            f"Nội dung phần việc quá {TITLE_LENGTH} ký tự",
            f"The part's description exceeds {TITLE_LENGTH} characters",
        )
    if not 1 <= weight <= MAX_WEIGHT:
        raise InputProblem(f"Trọng số từ 1 đến {MAX_WEIGHT}", f"The weight is 1 to {MAX_WEIGHT}")
    if not 0 <= progress <= 100:
        raise InputProblem("Tiến độ từ 0 đến 100 (%)", "Progress is 0 to 100 (%)")


def _open_task(task: Task) -> Task:
    """The task, locked: its parts change only while it is neither done nor stopped."""
    task = Task.objects.select_for_update().select_related("programme").get(pk=task.pk)
    if task.completed_on is not None or task.stopped_on is not None:
        raise WrongState(
            "Nhiệm vụ đã hoàn thành hoặc đã dừng", "The task is done or stopped already"
        )
    return task


def _locked(subtask: SubTask) -> SubTask:
    return SubTask.objects.select_for_update().get(pk=subtask.pk)


def _set_progress(part: SubTask, progress: int) -> None:
    """A part reaching 100 % is done today; one brought back below is not done."""
    if progress == 100 and part.completed_on is None:
        part.completed_on = timezone.localdate()
    elif progress < 100:
        part.completed_on = None
    part.progress = progress
