"""Registering programmes and their tasks: by hand, or from the sheet offices keep (updated by
code, never duplicated; nothing saved when any row is wrong)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.core.errors import InputProblem
from tinnhiem.programmes import access
from tinnhiem.programmes.models import Agency, Programme, Task
from tinnhiem.steering.sheets import TASK_HEADERS, TaskRow, format_deadline

BATCH = 2000
_LINKS = Task.partners.through  # the co-operating agencies of a task
_FIELDS = ("title", "lead", "deadline", "completed_on", "leader")


@dataclass(frozen=True)
class ImportSummary:
    programme: str
    created: int
    updated: int
    unchanged: int
    is_new_programme: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "new_programme": self.is_new_programme,
        }


def programme_ensure(
    *, actor: Any, code: str, title: str = "", body: Body | None = None
) -> tuple[Programme, bool]:
    """The programme with this code, created if new (in `body`, or in the installation's only
    body, or in a body of its own when there is none yet). Call inside a transaction."""
    code = code.strip()
    if not code:
        raise InputProblem("Cần số, ký hiệu chương trình", "A programme code is required")
    programme = Programme.objects.select_for_update().filter(code=code).first()
    if programme is not None:
        access.require(actor, programme.body_id, access.REGISTER)
        if title and title != programme.title:
            before = {"title": programme.title}
            programme.title = title
            programme.save(update_fields=["title"])
            _audit(actor, "programme.update", programme, before=before, after={"title": title})
        return programme, False
    body = body or _default_body(actor)
    access.require(actor, body.pk, access.REGISTER)
    programme = Programme.objects.create(body=body, code=code, title=title or code)
    _audit(actor, "programme.create", programme, after={"code": code, "title": programme.title})
    return programme, True


def _default_body(actor: Any) -> Body:
    bodies = list(Body.objects.all()[:2])
    if len(bodies) == 1:
        return bodies[0]
    if bodies:
        raise InputProblem(
            "Có nhiều cơ quan: hãy chọn cơ quan ban hành chương trình",
            "There are several bodies: choose the programme's body",
        )
    body = Body.objects.create(
        name="Cấp ủy ban hành chương trình",
        level=BodyLevel.PROVINCE,
        kind=BodyKind.PARTY_COMMITTEE,
    )
    record(actor=actor, action="body.create", obj=body, body_id=body.pk, after={"name": body.name})
    return body


def task_import(
    *, actor: Any, code: str, rows: Sequence[TaskRow], title: str = "", body: Body | None = None
) -> ImportSummary:
    """Create or update the programme's tasks by code from rows already checked
    (`steering.sheets.read_tasks`); agencies are found by name, created if new. One
    transaction: all rows or none. In bulk (a fixed number of queries whatever the number of
    rows): 25,000 tasks are one office's whole register."""
    with transaction.atomic():
        programme, is_new = programme_ensure(actor=actor, code=code, title=title, body=body)
        agencies = _agencies(programme.body, rows)
        existing = {t.code: t for t in Task.objects.filter(programme=programme)}
        linked: dict[int, set[int]] = {}
        for task_id, agency_id in _LINKS.objects.filter(task__programme=programme).values_list(
            "task_id", "agency_id"
        ):
            linked.setdefault(task_id, set()).add(agency_id)
        created: list[tuple[Task, set[int]]] = []
        changed: list[tuple[Task, set[int]]] = []
        unchanged = 0
        for row in rows:
            partners = {agencies[name].pk for name in row.partners}
            fields = {
                "title": row.title,
                "lead_id": agencies[row.lead].pk,
                "deadline": row.deadline,
                "completed_on": row.completed,
                "leader": row.leader,
            }
            task = existing.get(row.code)
            if task is None:
                created.append((Task(programme=programme, code=row.code, **fields), partners))
            elif all(getattr(task, k) == v for k, v in fields.items()) and partners == linked.get(
                task.pk, set()
            ):
                unchanged += 1
            else:
                for name, value in fields.items():
                    setattr(task, name, value)
                changed.append((task, partners))
        Task.objects.bulk_create([task for task, _ in created], batch_size=BATCH)
        Task.objects.bulk_update([task for task, _ in changed], list(_FIELDS), batch_size=BATCH)
        _LINKS.objects.filter(task_id__in=[task.pk for task, _ in changed]).delete()
        _LINKS.objects.bulk_create(
            [
                _LINKS(task_id=task.pk, agency_id=agency_id)
                for task, partners in (*created, *changed)
                for agency_id in sorted(partners)
            ],
            batch_size=BATCH,
        )
        # one row for the import, naming every task it created or changed
        _audit(
            actor,
            "programme.import",
            programme,
            after={
                "rows": len(rows),
                "created": [task.code for task, _ in created],
                "updated": [task.code for task, _ in changed],
            },
        )
    return ImportSummary(programme.code, len(created), len(changed), unchanged, is_new)


def _agencies(body: Body, rows: Sequence[TaskRow]) -> dict[str, Agency]:
    """The body's agencies by name, those the rows name for the first time created."""
    agencies = {a.name: a for a in Agency.objects.filter(body=body)}
    named = dict.fromkeys(name for row in rows for name in (row.lead, *row.partners))
    new = [Agency(body=body, name=name) for name in named if name not in agencies]
    if new:
        Agency.objects.bulk_create(new, batch_size=BATCH)
        agencies = {a.name: a for a in Agency.objects.filter(body=body)}
    return agencies


def task_sheet(programme: Programme) -> list[list[str]]:
    """The programme's tasks as the office's sheet, with the headers `task_import` reads, so
    that an export imported again changes nothing (two queries whatever the number of tasks)."""
    tasks = (
        Task.objects.filter(programme=programme)
        .select_related("lead")
        .prefetch_related(Prefetch("partners", queryset=Agency.objects.only("name")))
        .order_by("code")
    )
    rows = [list(TASK_HEADERS)]
    for task in tasks:
        rows.append(
            [
                task.code,
                task.title,
                task.lead.name,
                "; ".join(sorted(partner.name for partner in task.partners.all())),
                format_deadline(task.deadline),
                format_deadline(task.completed_on) if task.completed_on else "",
                task.leader,
            ]
        )
    return rows


def _audit(
    actor: Any,
    action: str,
    programme: Programme,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    record(
        actor=actor,
        action=action,
        obj=programme,
        body_id=programme.body_id,
        before=before,
        after=after,
    )
