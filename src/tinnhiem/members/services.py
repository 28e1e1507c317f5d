"""The party-member register: records, their dated events, reads, import and export. Each
service checks access, runs in one transaction and writes its audit row in it."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tinnhiem.audit.services import record as audit
from tinnhiem.bodies.models import Body, Person
from tinnhiem.bodies.roster import fold
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.members import access, labels
from tinnhiem.members.checks import Issue, check_dates, check_identifiers, compact
from tinnhiem.members.models import (
    EventKind,
    LeavingForm,
    MemberEvent,
    MemberRecord,
    MemberStatus,
    OrgUnit,
    Sex,
)

EDITABLE = (
    "full_name",
    "birth_name",
    "birth_date",
    "sex",
    "ethnicity",
    "religion",
    "home_town",
    "education",
    "political_theory",
    "professional",
    "foreign_language",
    "occupation_before",
    "occupation_now",
    "admitted_on",
    "full_member_on",
    "card_number",
    "record_number",
    "badge_number",
    "service",
    "citizen_id",
    "phone",
    "notes",
)
IDENTIFIERS = ("card_number", "record_number", "citizen_id", "phone")
EVENT_DATES = ("transferred_out_on", "transferred_in_on", "died_on", "left_on")
UNIQUE = {
    "record_number": ("Số lý lịch", "Record number"),
    "card_number": ("Số thẻ đảng viên", "Party card number"),
    "citizen_id": ("Số căn cước công dân", "Citizen ID"),
}


class RecordInvalid(InputProblem):
    """A record failed its checks; `issues` name the fields, for the form to show."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(
            "Hồ sơ chưa hợp lệ: " + "; ".join(i.message_vi for i in issues),
            "The record is not valid: " + "; ".join(i.message_en for i in issues),
        )


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InputProblem(
            f"Không sửa trực tiếp được: {', '.join(sorted(unknown))}",
            f"Not editable directly: {', '.join(sorted(unknown))}",
        )
    cleaned = {}
    for key, value in fields.items():
        if key in IDENTIFIERS:
            cleaned[key] = compact(value)
        elif isinstance(value, str):
            cleaned[key] = " ".join(value.split()) if key != "notes" else value.strip()
        else:
            cleaned[key] = value
    return cleaned


def _validate(
    body: Body, values: dict[str, Any], pk: int | None, issues: list[Issue] | None = None
) -> None:
    issues = (issues or []) + check_identifiers(values) + check_dates(values, timezone.localdate())
    if not values.get("full_name"):
        issues.append(Issue("full_name", "Thiếu họ và tên", "The name is missing"))
    if values.get("sex") not in Sex.values:
        issues.append(Issue("sex", "Chưa chọn giới tính", "Choose the sex"))
    if not values.get("admitted_on"):
        issues.append(Issue("admitted_on", "Thiếu ngày vào Đảng", "The admission date is missing"))
    for key, (vi, en) in UNIQUE.items():
        value = values.get(key)
        taken = MemberRecord.objects.filter(body=body, **{key: value})
        if pk is not None:
            taken = taken.exclude(pk=pk)
        if value and taken.exists():
            issues.append(Issue(key, f"{vi} '{value}' đã có trong sổ", f"{en} '{value}' is taken"))
    if issues:
        raise RecordInvalid(issues)


def _check_links(body: Body, unit: OrgUnit | None, person: Person | None) -> None:
    if unit is not None and unit.body_id != body.pk:
        raise InputProblem("Chi bộ không thuộc cơ quan này", "The party cell is not of this body")
    if person is not None and person.body_id != body.pk:
        raise InputProblem("Người này không thuộc cơ quan này", "The person is not of this body")


def member_create(
    *,
    actor: Any,
    body: Body,
    unit: OrgUnit,
    person: Person | None = None,
    transferred_in_on: date | None = None,
    transferred_in_from: str = "",
    **fields: Any,
) -> MemberRecord:
    """A new row of the register. The member enters it by admission here (on the admission
    date) or, when a transfer-in date is given, by transfer from `transferred_in_from`."""
    access.require_edit(actor, body.pk)
    _check_links(body, unit, person)
    values = _clean(fields)
    values["transferred_in_on"] = transferred_in_on
    transferred_in_from = " ".join(transferred_in_from.split())
    pair = []
    if bool(transferred_in_on) != bool(transferred_in_from):
        pair.append(
            Issue(
                "transferred_in_from",
                "Chuyển đến cần cả ngày và nơi chuyển đi",
                "A transfer in needs both the date and the origin",
            )
        )
    _validate(body, values, None, pair)
    with transaction.atomic():
        record = MemberRecord.objects.create(
            body=body,
            unit=unit,
            person=person,
            search_name=fold(values["full_name"]),
            transferred_in_from=transferred_in_from,
            **values,
        )
        if transferred_in_on:
            entry = (EventKind.TRANSFERRED_IN, transferred_in_on, transferred_in_from)
        else:
            entry = (EventKind.ADMITTED, record.admitted_on, "")
        MemberEvent.objects.create(
            record=record, kind=entry[0], happened_on=entry[1], place=entry[2], recorded_by=actor
        )
        audit(
            actor=actor,
            action="member.create",
            obj=record,
            body_id=body.pk,
            after={
                **values,
                "unit": unit.name,
                "person": person.pk if person else None,
                "transferred_in_from": transferred_in_from,
            },
        )
    return record


def member_update(
    *,
    actor: Any,
    record: MemberRecord,
    unit: OrgUnit | None = None,
    person: Person | Literal["keep"] | None = "keep",
    **fields: Any,
) -> MemberRecord:
    """Change the record's own columns, its party cell (a cell entered by mistake; once the
    member has moved between cells, only `events.member_move` changes it) or its linked person.
    Status, transfers, moves, leaving and death change only through their event services."""
    access.require_edit(actor, record.body_id)
    changes = _clean(fields)
    with transaction.atomic():
        record = (
            MemberRecord.objects.select_for_update()
            .select_related("body", "unit")
            .get(pk=record.pk)
        )
        _check_links(record.body, unit, None if person == "keep" else person)
        values = {key: getattr(record, key) for key in (*EDITABLE, *EVENT_DATES)}
        before = {k: values[k] for k, v in changes.items() if values[k] != v}
        after = {k: changes[k] for k in before}
        values.update(changes)
        _validate(record.body, values, record.pk)
        _check_admission_before_events(record, values["admitted_on"])
        if unit is not None and unit.pk != record.unit_id:
            if record.events.filter(kind=EventKind.MOVED).exists():
                raise InputProblem(
                    "Đảng viên đã có sự kiện chuyển chi bộ: ghi việc chuyển chi bộ (có ngày) "
                    "thay vì sửa chi bộ trực tiếp",
                    "The member has moved between cells before: record the move (dated) "
                    "rather than editing the cell",
                )
            before["unit"], after["unit"] = record.unit.name, unit.name
            record.unit = unit
        if person != "keep" and (person.pk if person else None) != record.person_id:
            before["person"], after["person"] = record.person_id, person.pk if person else None
            record.person = person
        if not before:
            return record
        for key in changes:
            setattr(record, key, values[key])
        record.search_name = fold(record.full_name)
        record.save()
        if "admitted_on" in before:
            record.events.filter(kind=EventKind.ADMITTED).update(happened_on=record.admitted_on)
        audit(
            actor=actor,
            action="member.update",
            obj=record,
            body_id=record.body_id,
            before=before,
            after=after,
        )
    return record


def _check_admission_before_events(record: MemberRecord, admitted_on: date) -> None:
    later = record.events.exclude(kind=EventKind.ADMITTED).filter(happened_on__lt=admitted_on)
    if admitted_on and later.exists():
        raise RecordInvalid(
            [
                Issue(
                    "admitted_on",
                    "Ngày vào Đảng sau một sự kiện đã ghi (chuyển đi, chuyển đến...)",
                    "The admission date is after a recorded event (a transfer...)",
                )
            ]
        )


def member_read(*, actor: Any, record: MemberRecord) -> MemberRecord:
    """Open a full record: allowed by unit, and logged (party files are state secrets)."""
    access.require_read(actor, record)
    with transaction.atomic():
        audit(actor=actor, action="member.read", obj=record, body_id=record.body_id)
    return record


def _event(
    *,
    actor: Any,
    record: MemberRecord,
    kind: EventKind,
    on: date,
    needs: MemberStatus,
    becomes: MemberStatus,
    columns: dict[str, Any],
    place: str = "",
    reason: str = "",
    form: str = "",
) -> MemberRecord:
    access.require_edit(actor, record.body_id)
    if not on:
        raise InputProblem("Thiếu ngày", "The date is missing")
    if on > timezone.localdate():
        raise InputProblem("Ngày ở tương lai", "The date is in the future")
    with transaction.atomic():
        record = MemberRecord.objects.select_for_update().get(pk=record.pk)
        if record.status != needs:
            now_vi, now_en = labels.pair(record.status)
            raise WrongState(
                f"Không ghi được: đảng viên đang ở tình trạng '{now_vi}'",
                f"Cannot record this: the member's status is '{now_en}'",
            )
        check_after_last(record, on)
        MemberEvent.objects.create(
            record=record,
            kind=kind,
            happened_on=on,
            place=place,
            reason=reason,
            form=form,
            recorded_by=actor,
        )
        before = {"status": record.status, **{k: getattr(record, k) for k in columns}}
        for key, value in columns.items():
            setattr(record, key, value)
        record.status = becomes
        record.save()
        audit(
            actor=actor,
            action=f"member.{kind}",
            obj=record,
            body_id=record.body_id,
            before=before,
            after={"status": becomes, **columns},
        )
    return record


def effective(events: QuerySet[MemberEvent]) -> QuerySet[MemberEvent]:
    """The events in force: neither corrected by a later event nor a void correction."""
    return events.filter(correction__isnull=True, is_void=False)


def check_after_last(record: MemberRecord, on: date) -> None:
    """A new event comes on or after the last event in force."""
    last = effective(record.events.all()).order_by("-happened_on", "-id").first()
    if last is not None and on < last.happened_on:
        raise InputProblem(
            f"Ngày phải từ {last.happened_on:%d/%m/%Y} (sự kiện gần nhất) trở đi",
            f"The date must be on or after {last.happened_on:%d/%m/%Y} (the last event)",
        )


def _required(text: str, vi: str, en: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InputProblem(f"Thiếu {vi}", f"The {en} is missing")
    return text


def member_transfer_out(
    *, actor: Any, record: MemberRecord, on: date, destination: str
) -> MemberRecord:
    """The member moves to another party organisation: out of this register."""
    destination = _required(destination, "nơi chuyển đến", "destination")
    return _event(
        actor=actor,
        record=record,
        kind=EventKind.TRANSFERRED_OUT,
        on=on,
        needs=MemberStatus.ACTIVE,
        becomes=MemberStatus.TRANSFERRED_OUT,
        columns={"transferred_out_on": on, "transferred_out_to": destination},
        place=destination,
    )


def member_transfer_in(*, actor: Any, record: MemberRecord, on: date, origin: str) -> MemberRecord:
    """A member who had transferred out comes back into this register. (A member new to the
    register who comes by transfer is created with `member_create(transferred_in_on=...)`.)"""
    origin = _required(origin, "nơi chuyển đi", "origin")
    return _event(
        actor=actor,
        record=record,
        kind=EventKind.TRANSFERRED_IN,
        on=on,
        needs=MemberStatus.TRANSFERRED_OUT,
        becomes=MemberStatus.ACTIVE,
        columns={"transferred_in_on": on, "transferred_in_from": origin},
        place=origin,
    )


def member_leave(
    *, actor: Any, record: MemberRecord, on: date, reason: str, form: str
) -> MemberRecord:
    """The member leaves the Party (allowed to leave, struck off or expelled)."""
    reason = _required(reason, "lý do", "reason")
    if form not in LeavingForm.values:
        raise InputProblem("Chưa chọn hình thức ra khỏi Đảng", "Choose the form of leaving")
    return _event(
        actor=actor,
        record=record,
        kind=EventKind.LEFT,
        on=on,
        needs=MemberStatus.ACTIVE,
        becomes=MemberStatus.LEFT,
        columns={"left_on": on, "left_reason": reason, "left_form": form},
        reason=reason,
        form=form,
    )


def member_record_death(*, actor: Any, record: MemberRecord, on: date) -> MemberRecord:
    """The member died."""
    return _event(
        actor=actor,
        record=record,
        kind=EventKind.DIED,
        on=on,
        needs=MemberStatus.ACTIVE,
        becomes=MemberStatus.DECEASED,
        columns={"died_on": on},
    )


def secret_mark(actor: Any) -> str:
    who = actor.username
    if actor.get_full_name():
        who = f"{actor.get_full_name()} ({actor.username})"
    at = timezone.localtime()
    return f"Tài liệu mật — xuất bởi {who} lúc {at:%H:%M} ngày {at:%d/%m/%Y}"
