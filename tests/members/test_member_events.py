"""Moves between party cells as dated events, and corrections that supersede a mistaken event
with a reason (never deleting it): one test per event type, the reconciliation around them, the
audit rows and who may record them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.members import services
from tinnhiem.members.events import Correction, member_event_correct, member_move
from tinnhiem.members.exchange import register_report
from tinnhiem.members.models import EventKind, MemberEvent, MemberRecord, MemberStatus, OrgUnit
from tinnhiem.members.reconcile import Figures, Quarter
from tinnhiem.members.units import unit_access_grant

Q2 = Quarter(2025, 2)


def last(record: MemberRecord, kind: str) -> MemberEvent:
    return record.events.filter(kind=kind).order_by("-id")[0]


def fix(users: dict[str, Any], event: MemberEvent, **values: Any) -> MemberEvent:
    values.setdefault("reason", "Ghi nhầm")
    return member_event_correct(
        actor=users["organiser"], event=event, correction=Correction(**values)
    )


def test_a_move_between_cells_is_dated_logged_and_counted_in_both_cells(
    body: Body,
    users: dict[str, Any],
    cells: dict[str, OrgUnit],
    add_member: Callable[..., MemberRecord],
) -> None:
    record = add_member("Lê Văn Chuyển")
    add_member("Ở Lại")
    member_move(
        actor=users["organiser"],
        record=record,
        on=date(2025, 5, 5),
        unit=cells["finance"],
        reason="Điều động công tác",
    )
    record.refresh_from_db()
    assert record.unit == cells["finance"] and record.status == MemberStatus.ACTIVE
    event = last(record, EventKind.MOVED)
    assert (event.from_unit, event.to_unit, event.happened_on) == (
        cells["office"],
        cells["finance"],
        date(2025, 5, 5),
    )
    audit = AuditEvent.objects.get(action="member.moved")
    assert audit.before == {"unit": "Chi bộ Văn phòng"}
    assert audit.after == {
        "unit": "Chi bộ Tài chính",
        "on": "2025-05-05",
        "reason": "Điều động công tác",
    }
    per_unit, total = register_report(actor=users["organiser"], body=body, quarter=Q2)
    assert per_unit["Chi bộ Văn phòng"] == Figures(at_start=2, moved_out=1, at_end=1)
    assert per_unit["Chi bộ Tài chính"] == Figures(moved_in=1, at_end=1)
    assert total == Figures(at_start=2, moved_in=1, moved_out=1, at_end=2) and total.is_balanced
    # once moved, the cell changes only by a move
    with pytest.raises(InputProblem, match="ghi việc chuyển chi bộ"):
        services.member_update(actor=users["organiser"], record=record, unit=cells["office"])


def test_a_move_needs_an_active_member_another_cell_and_a_date_after_the_last_event(
    users: dict[str, Any],
    cells: dict[str, OrgUnit],
    add_member: Callable[..., MemberRecord],
    other_body: Body,
) -> None:
    record = add_member()
    organiser = users["organiser"]
    with pytest.raises(InputProblem, match="đang sinh hoạt ở chi bộ này"):
        member_move(actor=organiser, record=record, on=date(2025, 1, 1), unit=cells["office"])
    with pytest.raises(InputProblem, match="sự kiện gần nhất"):
        member_move(actor=organiser, record=record, on=date(2009, 1, 1), unit=cells["finance"])
    foreign = OrgUnit.objects.create(body=other_body, name="Chi bộ khác")
    with pytest.raises(InputProblem, match="không thuộc cơ quan"):
        member_move(actor=organiser, record=record, on=date(2025, 1, 1), unit=foreign)
    services.member_record_death(actor=organiser, record=record, on=date(2025, 2, 1))
    with pytest.raises(WrongState, match="Đã từ trần"):
        member_move(actor=organiser, record=record, on=date(2025, 3, 1), unit=cells["finance"])


def test_correcting_a_transfer_out_keeps_the_mistake_and_replays_the_record(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = services.member_transfer_out(
        actor=users["organiser"], record=add_member(), on=date(2025, 5, 10), destination="Quận 1"
    )
    wrong = last(record, EventKind.TRANSFERRED_OUT)
    fixed = fix(users, wrong, happened_on=date(2025, 5, 1), place="Quận 10")
    record.refresh_from_db()
    assert (record.transferred_out_on, record.transferred_out_to) == (date(2025, 5, 1), "Quận 10")
    assert MemberEvent.objects.filter(pk=wrong.pk).exists()  # history kept
    assert fixed.corrects == wrong and fixed.correction_reason == "Ghi nhầm"
    audit = AuditEvent.objects.get(action="member.event_correct")
    assert audit.before["on"] == "2025-05-10" and audit.after["on"] == "2025-05-01"
    assert audit.after["reason"] == "Ghi nhầm"
    with pytest.raises(WrongState, match="đã được đính chính"):
        fix(users, wrong, place="Quận 3")


def test_voiding_a_transfer_out_brings_the_member_back(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = services.member_transfer_out(
        actor=users["organiser"], record=add_member(), on=date(2025, 5, 10), destination="Quận 1"
    )
    fix(users, last(record, EventKind.TRANSFERRED_OUT), is_void=True, reason="Không chuyển")
    record.refresh_from_db()
    assert record.status == MemberStatus.ACTIVE and record.transferred_out_on is None
    assert record.events.count() == 3  # admitted, the mistake and its voiding


def test_correcting_a_transfer_back_in(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    organiser = users["organiser"]
    record = services.member_transfer_out(
        actor=organiser, record=add_member(), on=date(2025, 1, 10), destination="Quận 2"
    )
    record = services.member_transfer_in(
        actor=organiser, record=record, on=date(2025, 6, 1), origin="Quận 2"
    )
    fix(users, last(record, EventKind.TRANSFERRED_IN), place="Quận 12")
    record.refresh_from_db()
    assert record.transferred_in_from == "Quận 12" and record.status == MemberStatus.ACTIVE
    # voiding the return leaves the member out again
    fix(users, last(record, EventKind.TRANSFERRED_IN), is_void=True)
    record.refresh_from_db()
    assert record.status == MemberStatus.TRANSFERRED_OUT and record.transferred_in_on is None


def test_correcting_the_entry_by_transfer(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = add_member(
        admitted_on=date(2012, 1, 1),
        transferred_in_on=date(2025, 4, 2),
        transferred_in_from="Nam Định",
    )
    entry = last(record, EventKind.TRANSFERRED_IN)
    fix(users, entry, happened_on=date(2025, 4, 1))
    record.refresh_from_db()
    assert record.transferred_in_on == date(2025, 4, 1)
    with pytest.raises(InputProblem, match="phải bắt đầu bằng kết nạp hoặc chuyển đến"):
        fix(users, last(record, EventKind.TRANSFERRED_IN), is_void=True)


def test_correcting_a_leaving_its_form_and_reason(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = services.member_leave(
        actor=users["organiser"],
        record=add_member(),
        on=date(2025, 3, 1),
        reason="Xin ra",
        form="allowed_to_leave",
    )
    fix(users, last(record, EventKind.LEFT), form="struck_off", detail="Bỏ sinh hoạt")
    record.refresh_from_db()
    assert (record.left_form, record.left_reason, record.status) == (
        "struck_off",
        "Bỏ sinh hoạt",
        MemberStatus.LEFT,
    )
    with pytest.raises(InputProblem, match="Hình thức"):
        fix(users, last(record, EventKind.LEFT), form="resigned")


def test_voiding_a_death_recorded_by_mistake(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = services.member_record_death(
        actor=users["organiser"], record=add_member(), on=date(2025, 2, 1)
    )
    fix(users, last(record, EventKind.DIED), is_void=True, reason="Nhầm người")
    record.refresh_from_db()
    assert record.status == MemberStatus.ACTIVE and record.died_on is None
    services.member_transfer_out(
        actor=users["organiser"], record=record, on=date(2025, 1, 15), destination="Quận 5"
    )  # the void death no longer sets the earliest date of a new event


def test_correcting_a_move_and_its_order_with_a_later_move(
    users: dict[str, Any], cells: dict[str, OrgUnit], add_member: Callable[..., MemberRecord]
) -> None:
    organiser = users["organiser"]
    third = OrgUnit.objects.create(body=cells["office"].body, name="Chi bộ Tổ chức")
    record = add_member()
    member_move(actor=organiser, record=record, on=date(2025, 2, 1), unit=cells["finance"])
    fix(users, last(record, EventKind.MOVED), to_unit=third)
    record.refresh_from_db()
    assert record.unit == third
    member_move(actor=organiser, record=record, on=date(2025, 3, 1), unit=cells["finance"])
    first_move = record.events.filter(kind=EventKind.MOVED, correction__isnull=True).order_by(
        "happened_on"
    )[0]
    with pytest.raises(InputProblem, match="lúc đó đảng viên ở Chi bộ Văn phòng"):
        fix(users, first_move, is_void=True)  # the later move left from the third cell
    fix(users, last(record, EventKind.MOVED), is_void=True)
    fix(users, first_move, is_void=True)
    record.refresh_from_db()
    assert record.unit == cells["office"]  # back where the member started


def test_an_admission_is_corrected_by_editing_the_record_and_a_reason_is_required(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = add_member()
    with pytest.raises(InputProblem, match="Sửa hồ sơ"):
        fix(users, last(record, EventKind.ADMITTED), happened_on=date(2010, 1, 1))
    record = services.member_record_death(
        actor=users["organiser"], record=record, on=date(2025, 2, 1)
    )
    with pytest.raises(InputProblem, match="Cần ghi lý do đính chính"):
        fix(users, last(record, EventKind.DIED), reason="  ", is_void=True)


def test_a_superseded_event_no_longer_counts_in_the_reconciliation(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = services.member_transfer_out(
        actor=users["organiser"], record=add_member(), on=date(2025, 5, 10), destination="Quận 1"
    )
    fix(users, last(record, EventKind.TRANSFERRED_OUT), happened_on=date(2025, 7, 2))
    _per_unit, total = register_report(actor=users["organiser"], body=body, quarter=Q2)
    assert total == Figures(at_start=1, at_end=1)
    _, third = register_report(actor=users["organiser"], body=body, quarter=Quarter(2025, 3))
    assert third == Figures(at_start=1, transferred_out=1)


@pytest.mark.parametrize("who", ["observer", "board1", "stranger"])
def test_only_organisers_and_administrators_move_and_correct(
    users: dict[str, Any],
    cells: dict[str, OrgUnit],
    add_member: Callable[..., MemberRecord],
    who: str,
) -> None:
    record = services.member_record_death(
        actor=users["organiser"], record=add_member(), on=date(2025, 2, 1)
    )
    other = add_member()
    with pytest.raises(NotAllowed):
        member_move(actor=users[who], record=other, on=date(2025, 1, 1), unit=cells["finance"])
    with pytest.raises(NotAllowed):
        member_event_correct(
            actor=users[who],
            event=last(record, EventKind.DIED),
            correction=Correction(reason="x", is_void=True),
        )
    member_move(actor=users["admin"], record=other, on=date(2025, 1, 1), unit=cells["finance"])


def test_the_pages_move_correct_and_show_the_history(
    users: dict[str, Any], cells: dict[str, OrgUnit], add_member: Callable[..., MemberRecord]
) -> None:
    record = add_member("Lê Thị Trang")
    client = Client()
    client.force_login(users["organiser"])
    move_url = reverse("members:record_move", args=[record.pk])
    page = client.post(move_url, {"on": "2025-02-01", "unit": cells["finance"].pk}, follow=True)
    assert "Đã ghi việc chuyển chi bộ" in page.content.decode()
    moved = last(record, EventKind.MOVED)
    correct_url = reverse("members:event_correct", args=[moved.pk])
    page = client.post(correct_url, {"reason": "Ghi nhầm ngày", "happened_on": "2025-02-03"})
    assert page.status_code == 302
    text = client.get(reverse("members:record", args=[record.pk])).content.decode()
    assert "Chi bộ Văn phòng → Chi bộ Tài chính" in text
    assert (
        "Đã được đính chính" in text and "Đính chính sự kiện ngày 01/02/2025: Ghi nhầm ngày" in text
    )
    assert "<s>01/02/2025</s>" in text
    # a reader of a cell sees no correction form; an observer gets a 404
    unit_access_grant(actor=users["admin"], unit=cells["finance"], username="observer")
    observer = Client()
    observer.force_login(users["observer"])
    assert observer.get(correct_url).status_code == 404
    assert (
        observer.post(move_url, {"on": "2025-03-01", "unit": cells["office"].pk}).status_code == 404
    )
