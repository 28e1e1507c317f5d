"""Moving a member between the body's party cells, and correcting an event recorded by mistake.

A move is a dated event like a transfer: the record changes cell from that day, the old cell
keeps the member's history until then (the reconciliation counts the move out of one cell and
into the other). A correction never edits or deletes an event: it adds one that supersedes the
mistaken one, with its own date and details or void (the event never happened), and the reason.
The record's status, event columns and cell are then replayed from the events in force, which
must still follow each other (in, out, back in; leaving or death only while in the register).
Each service checks access, runs in one transaction and writes its audit row in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record as audit
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.members import access, labels
from tinnhiem.members.models import (
    EventKind,
    LeavingForm,
    MemberEvent,
    MemberRecord,
    MemberStatus,
    OrgUnit,
)
from tinnhiem.members.services import check_after_last, effective

EVENT_COLUMNS: dict[str, tuple[str, ...]] = {
    EventKind.TRANSFERRED_OUT: ("transferred_out_on", "transferred_out_to"),
    EventKind.TRANSFERRED_IN: ("transferred_in_on", "transferred_in_from"),
    EventKind.DIED: ("died_on",),
    EventKind.LEFT: ("left_on", "left_reason", "left_form"),
}
ALL_COLUMNS = tuple(key for keys in EVENT_COLUMNS.values() for key in keys)


def _check_day(on: date | None) -> date:
    if not on:
        raise InputProblem("Thiếu ngày", "The date is missing")
    if on > timezone.localdate():
        raise InputProblem("Ngày ở tương lai", "The date is in the future")
    return on


def member_move(
    *, actor: Any, record: MemberRecord, on: date, unit: OrgUnit, reason: str = ""
) -> MemberRecord:
    """The member moves to another party cell of the body from `on` (a dated event)."""
    access.require_edit(actor, record.body_id)
    _check_day(on)
    reason = " ".join(reason.split())
    if unit.body_id != record.body_id:
        raise InputProblem("Chi bộ không thuộc cơ quan này", "The party cell is not of this body")
    with transaction.atomic():
        record = MemberRecord.objects.select_for_update().select_related("unit").get(pk=record.pk)
        if record.status != MemberStatus.ACTIVE:
            now_vi, now_en = labels.pair(record.status)
            raise WrongState(
                f"Không chuyển chi bộ được: đảng viên đang ở tình trạng '{now_vi}'",
                f"Cannot move between cells: the member's status is '{now_en}'",
            )
        if unit.pk == record.unit_id:
            raise InputProblem(
                "Đảng viên đang sinh hoạt ở chi bộ này", "The member is already in this cell"
            )
        check_after_last(record, on)
        left = record.unit
        MemberEvent.objects.create(
            record=record,
            kind=EventKind.MOVED,
            happened_on=on,
            from_unit=left,
            to_unit=unit,
            reason=reason,
            recorded_by=actor,
        )
        record.unit = unit
        record.save()
        audit(
            actor=actor,
            action="member.moved",
            obj=record,
            body_id=record.body_id,
            before={"unit": left.name},
            after={"unit": unit.name, "on": on, "reason": reason},
        )
    return record


@dataclass
class Replayed:
    """The record as its events in force make it."""

    status: str
    unit: OrgUnit
    columns: dict[str, Any] = field(default_factory=dict)


NEEDS = {
    EventKind.TRANSFERRED_OUT: MemberStatus.ACTIVE,
    EventKind.TRANSFERRED_IN: MemberStatus.TRANSFERRED_OUT,
    EventKind.LEFT: MemberStatus.ACTIVE,
    EventKind.DIED: MemberStatus.ACTIVE,
    EventKind.MOVED: MemberStatus.ACTIVE,
}
BECOMES = {
    EventKind.ADMITTED: MemberStatus.ACTIVE,
    EventKind.TRANSFERRED_IN: MemberStatus.ACTIVE,
    EventKind.TRANSFERRED_OUT: MemberStatus.TRANSFERRED_OUT,
    EventKind.LEFT: MemberStatus.LEFT,
    EventKind.DIED: MemberStatus.DECEASED,
    EventKind.MOVED: MemberStatus.ACTIVE,
}


def replay(events: Sequence[MemberEvent], first_unit: OrgUnit) -> Replayed:
    """Status, event columns and cell from the events in force, in the order they happened;
    refused, naming the event, when they no longer follow each other."""
    if not events:
        raise InputProblem(
            "Sau khi đính chính, sổ phải bắt đầu bằng kết nạp hoặc chuyển đến: không còn sự kiện "
            "vào sổ nào",
            "After the correction the register must start with an admission or a transfer in: "
            "no entry is left",
        )
    state = Replayed(status="", unit=first_unit, columns=dict.fromkeys(ALL_COLUMNS))
    for key in ALL_COLUMNS:
        state.columns[key] = None if key.endswith("_on") else ""
    for index, event in enumerate(events):
        kind = EventKind(event.kind)
        vi, en = labels.pair(kind, event=True)
        if index == 0 and kind not in (EventKind.ADMITTED, EventKind.TRANSFERRED_IN):
            _out_of_order(
                event,
                "sổ phải bắt đầu bằng kết nạp hoặc chuyển đến",
                "the register must start with an admission or a transfer in",
            )
        if index > 0 and (kind == EventKind.ADMITTED or NEEDS[kind] != state.status):
            _out_of_order(event, f"'{vi}' không thể xảy ra lúc này", f"'{en}' cannot happen then")
        if kind == EventKind.MOVED:
            if event.from_unit_id != state.unit.pk:
                _out_of_order(
                    event,
                    f"lúc đó đảng viên ở {state.unit.name}",
                    f"the member was then in {state.unit.name}",
                )
            assert event.to_unit is not None
            state.unit = event.to_unit
        for key, value in _columns(event).items():
            state.columns[key] = value
        state.status = BECOMES[kind]
    return state


def _columns(event: MemberEvent) -> dict[str, Any]:
    keys = EVENT_COLUMNS.get(event.kind, ())
    values = {
        "transferred_out_on": event.happened_on,
        "transferred_out_to": event.place,
        "transferred_in_on": event.happened_on,
        "transferred_in_from": event.place,
        "died_on": event.happened_on,
        "left_on": event.happened_on,
        "left_reason": event.reason,
        "left_form": event.form,
    }
    return {key: values[key] for key in keys}


def _out_of_order(event: MemberEvent, vi: str, en: str) -> None:
    raise InputProblem(
        f"Sau khi đính chính, các sự kiện không còn hợp lệ: ngày {event.happened_on:%d/%m/%Y}, "
        f"{vi}",
        f"After the correction the events no longer follow each other: on "
        f"{event.happened_on.isoformat()}, {en}",
    )


@dataclass(frozen=True)
class Correction:
    """The corrected values of an event (None: as recorded), or void if it never happened."""

    reason: str
    is_void: bool = False
    happened_on: date | None = None
    place: str | None = None
    detail: str | None = None  # the reason of a leaving or a move
    form: str | None = None
    to_unit: OrgUnit | None = None


def member_event_correct(*, actor: Any, event: MemberEvent, correction: Correction) -> MemberEvent:
    """Supersede a mistaken event with a correction (new values, or void), with a reason. The
    mistaken event stays in the history; the record is replayed from the events in force."""
    access.require_edit(actor, event.record.body_id)
    reason = " ".join(correction.reason.split())
    if not reason:
        raise InputProblem("Cần ghi lý do đính chính", "A reason for the correction is required")
    with transaction.atomic():
        record = (
            MemberRecord.objects.select_for_update().select_related("unit").get(pk=event.record_id)
        )
        event = MemberEvent.objects.select_related("from_unit", "to_unit").get(pk=event.pk)
        _check_correctable(event, correction)
        before = {"status": record.status, "unit": record.unit.name, **_event_dict(event)}
        fixed = _corrected(event, correction, reason, actor)
        fixed.save()  # a replay that fails below rolls it back with the transaction
        in_force = list(
            effective(record.events.all())
            .select_related("from_unit", "to_unit")
            .order_by("happened_on", "id")
        )
        state = replay(in_force, _first_unit(record))
        for key, value in state.columns.items():
            setattr(record, key, value)
        record.status, record.unit = state.status, state.unit
        record.save()
        audit(
            actor=actor,
            action="member.event_correct",
            obj=record,
            body_id=record.body_id,
            before=before,
            after={
                "status": record.status,
                "unit": record.unit.name,
                "void": fixed.is_void,
                "reason": reason,
                **({} if fixed.is_void else _event_dict(fixed)),
            },
        )
    return fixed


def _check_correctable(event: MemberEvent, correction: Correction) -> None:
    if MemberEvent.objects.filter(corrects=event).exists():
        raise WrongState(
            "Sự kiện này đã được đính chính: đính chính lần đính chính sau cùng",
            "This event was corrected already: correct the latest correction",
        )
    if event.is_void:
        raise WrongState(
            "Đây là một lần hủy sự kiện, không đính chính tiếp được",
            "This is a voiding: it cannot be corrected further",
        )
    if event.kind == EventKind.ADMITTED:
        raise InputProblem(
            "Ngày kết nạp được sửa trong hồ sơ (Sửa hồ sơ), không đính chính ở đây",
            "The admission date is changed by editing the record, not corrected here",
        )
    if correction.form and correction.form not in LeavingForm.values:
        raise InputProblem("Hình thức ra khỏi Đảng không hợp lệ", "Not a form of leaving")
    if correction.happened_on is not None:
        _check_day(correction.happened_on)
    to_unit = correction.to_unit
    is_move = event.kind == EventKind.MOVED
    if to_unit is not None and (not is_move or to_unit.body_id != event.record.body_id):
        raise InputProblem(
            "Chỉ đính chính chi bộ đến của việc chuyển chi bộ trong cơ quan",
            "Only a move's destination cell in this body can be corrected",
        )


def _corrected(event: MemberEvent, correction: Correction, reason: str, actor: Any) -> MemberEvent:
    def pick(value: str | None, stored: str) -> str:
        return stored if value is None else " ".join(value.split())

    return MemberEvent(
        record_id=event.record_id,
        kind=event.kind,
        happened_on=correction.happened_on or event.happened_on,
        place=pick(correction.place, event.place),
        reason=pick(correction.detail, event.reason),
        form=event.form if correction.form is None else correction.form,
        from_unit=event.from_unit,
        to_unit=correction.to_unit or event.to_unit,
        corrects=event,
        is_void=correction.is_void,
        correction_reason=reason,
        recorded_by=actor,
    )


def _first_unit(record: MemberRecord) -> OrgUnit:
    """Where the member started: the cell the earliest recorded move left, or the record's."""
    first = (
        MemberEvent.objects.filter(record=record, kind=EventKind.MOVED)
        .select_related("from_unit")
        .order_by("id")
        .first()
    )
    return first.from_unit if first is not None and first.from_unit else record.unit


def _event_dict(event: MemberEvent) -> dict[str, Any]:
    return {
        "event": event.pk,
        "kind": event.kind,
        "on": event.happened_on,
        "place": event.place,
        "detail": event.reason,
        "form": event.form,
        "to_unit": event.to_unit.name if event.to_unit else "",
    }
