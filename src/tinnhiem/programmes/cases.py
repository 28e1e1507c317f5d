"""Watched cases and matters (vụ án, vụ việc) of the anti-corruption steering committee.

Readable only by the roles granted it (internal affairs, the steering committee): every read is
audit-logged, a list as one row naming the cases shown. No defendant is named: stages count
defendants only. Taking a case off the list needs the document that approved it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.programmes import access
from tinnhiem.programmes.models import CaseEvent, CaseKind, WatchedCase
from tinnhiem.steering.cases import CaseDates, Flow, Level, Stage, flow


def case_list(*, actor: Any, body: Body, as_of: date | None = None) -> list[WatchedCase]:
    """The cases followed (on `as_of`, or all); the read is logged."""
    access.require(actor, body.pk, access.READ_CASES)
    cases = WatchedCase.objects.filter(body=body).prefetch_related("events")
    if as_of is not None:
        cases = cases.filter(listed_on__lte=as_of)
    found = list(cases)
    with transaction.atomic():
        record(
            actor=actor,
            action="case.read",
            object_type="WatchedCase",
            body_id=body.pk,
            after={"cases": [c.pk for c in found]},
        )
    return found


def case_read(*, actor: Any, case: WatchedCase) -> WatchedCase:
    access.require(actor, case.body_id, access.READ_CASES)
    with transaction.atomic():
        record(actor=actor, action="case.read", obj=case, body_id=case.body_id)
    return case


def case_create(
    *,
    actor: Any,
    body: Body,
    name: str,
    kind: str,
    level: str,
    listed_on: date,
    handling_agency: str = "",
    damage: Decimal | None = None,
    recovered: Decimal | None = None,
    seized: Decimal | None = None,
    blockers: str = "",
    proposal: str = "",
    targets: Mapping[str, date] | None = None,
) -> WatchedCase:
    """Put a case or matter on the watch list, with its money figures, its blockers (định giá,
    giám định) and the dates the committee set for its stages (`targets`: stage → date, saved
    as target events). No defendant is named."""
    access.require(actor, body.pk, access.WRITE_CASES)
    if not name.strip():
        raise InputProblem("Cần tên vụ án, vụ việc", "Name the case or matter")
    if kind not in CaseKind.values or level not in {lv.value for lv in Level}:
        raise InputProblem("Loại hoặc cấp theo dõi không hợp lệ", "Unknown kind or watch level")
    targets = dict(targets or {})
    _check_stages(targets)
    money = {"damage": damage, "recovered": recovered, "seized": seized}
    _check_money(money)
    with transaction.atomic():
        case = WatchedCase.objects.create(
            body=body,
            name=name.strip(),
            kind=kind,
            level=level,
            listed_on=listed_on,
            handling_agency=handling_agency.strip(),
            blockers=blockers.strip(),
            proposal=proposal.strip(),
            **money,
        )
        CaseEvent.objects.bulk_create(
            CaseEvent(case=case, stage=stage, on=on, is_target=True)
            for stage, on in sorted(targets.items(), key=lambda item: item[1])
        )
        record(
            actor=actor,
            action="case.create",
            obj=case,
            body_id=body.pk,
            after={
                "kind": kind,
                "level": level,
                "listed_on": listed_on,
                "handling_agency": case.handling_agency,
                "blockers": case.blockers,
                "proposal": case.proposal,
                "targets": targets,
                **money,
            },
        )
    return case


def _check_stages(targets: Mapping[str, date]) -> None:
    unknown = [stage for stage in targets if stage not in {s.value for s in Stage}]
    if unknown:
        raise InputProblem(f"Giai đoạn '{unknown[0]}' không có", f"Unknown stage '{unknown[0]}'")


MONEY = {
    "damage": ("thiệt hại", "damage"),
    "recovered": ("đã thu hồi", "recovered"),
    "seized": ("đã kê biên, tạm giữ", "seized"),
}


def _check_money(money: Mapping[str, Decimal | None]) -> None:
    for field, value in money.items():
        if value is not None and value < 0:
            vi, en = MONEY[field]
            raise InputProblem(
                f"Số tiền {vi} không được âm", f"The amount {en} must not be negative"
            )


def case_event(
    *,
    actor: Any,
    case: WatchedCase,
    stage: str,
    on: date,
    defendants: int = 0,
    is_target: bool = False,
) -> CaseEvent:
    """A stage reached, with the defendants it concerns (a number, never names); or, with
    `is_target`, the date the committee set for it."""
    access.require(actor, case.body_id, access.WRITE_CASES)
    if stage not in {s.value for s in Stage}:
        raise InputProblem(f"Giai đoạn '{stage}' không có", f"Unknown stage '{stage}'")
    if defendants < 0:
        raise InputProblem("Số bị can không được âm", "Defendants must not be negative")
    with transaction.atomic():
        case = WatchedCase.objects.select_for_update().get(pk=case.pk)
        if case.removed_on is not None:
            raise WrongState("Vụ việc đã đưa ra khỏi diện theo dõi", "The case is off the list")
        event = CaseEvent.objects.create(
            case=case, stage=stage, on=on, defendants=defendants, is_target=is_target
        )
        if stage == Stage.ENFORCEMENT and not is_target:
            case.closed_on = on
            case.save(update_fields=["closed_on"])
        record(
            actor=actor,
            action="case.target" if is_target else "case.stage",
            obj=case,
            body_id=case.body_id,
            after={"stage": stage, "on": on, "defendants": defendants},
        )
    return event


UPDATABLE = ("handling_agency", "damage", "recovered", "seized", "blockers", "proposal")


def case_update(*, actor: Any, case: WatchedCase, **changes: Any) -> WatchedCase:
    """Bring a watched case's figures up to date as it moves on: the handling agency, the
    damage, the amounts recovered and seized, the blockers, the proposal (the given fields
    only). A case off the list is not changed any more."""
    access.require(actor, case.body_id, access.WRITE_CASES)
    unknown = sorted(set(changes) - set(UPDATABLE))
    if unknown:
        listed = ", ".join(unknown)
        raise InputProblem(f"Không có trường {listed}", f"Unknown fields {listed}")
    _check_money({k: v for k, v in changes.items() if k in ("damage", "recovered", "seized")})
    for field in ("handling_agency", "blockers", "proposal"):
        if field in changes:
            changes[field] = (changes[field] or "").strip()
    with transaction.atomic():
        case = WatchedCase.objects.select_for_update().get(pk=case.pk)
        if case.removed_on is not None:
            raise WrongState("Vụ việc đã đưa ra khỏi diện theo dõi", "The case is off the list")
        before = {field: getattr(case, field) for field in changes}
        changed = {field: value for field, value in changes.items() if before[field] != value}
        if not changed:
            return case
        for field, value in changed.items():
            setattr(case, field, value)
        case.save(update_fields=list(changed))
        record(
            actor=actor,
            action="case.update",
            obj=case,
            body_id=case.body_id,
            before={field: before[field] for field in changed},
            after=changed,
        )
    return case


def case_remove(*, actor: Any, case: WatchedCase, on: date, document: str) -> WatchedCase:
    """Take a case off the watch list: only with the document that approved it."""
    access.require(actor, case.body_id, access.WRITE_CASES)
    if not document.strip():
        raise InputProblem(
            "Cần văn bản đồng ý đưa ra khỏi diện theo dõi",
            "Give the document approving the removal from the list",
        )
    with transaction.atomic():
        case = WatchedCase.objects.select_for_update().get(pk=case.pk)
        if case.removed_on is not None:
            raise WrongState("Vụ việc đã đưa ra khỏi diện theo dõi", "The case is off the list")
        if on < case.listed_on:
            raise InputProblem(
                "Ngày đưa ra trước ngày đưa vào diện theo dõi", "Removed before it was listed"
            )
        case.removed_on = on
        case.removal_document = document.strip()
        case.removal_approved_by = actor
        case.save(update_fields=["removed_on", "removal_document", "removal_approved_by"])
        record(
            actor=actor,
            action="case.remove",
            obj=case,
            body_id=case.body_id,
            after={"on": on, "document": case.removal_document},
        )
    return case


def case_flow(*, actor: Any, body: Body, start: date, end: date) -> Flow:
    """T6b: carried over, new, closed, dropped and remaining in the period (a logged read)."""
    cases = case_list(actor=actor, body=body)
    return flow(
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
        end,
    )
