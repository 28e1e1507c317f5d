"""Records and their events through the services: checked, one audit row each, events as dated
changes (never a silent edit of the status)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.members import services
from tinnhiem.members.models import EventKind, MemberRecord, MemberStatus, OrgUnit
from tinnhiem.members.services import RecordInvalid


def test_create_checks_every_field_and_names_them(
    body: Body, users: dict[str, Any], cells: dict[str, OrgUnit]
) -> None:
    with pytest.raises(RecordInvalid) as caught:
        services.member_create(
            actor=users["organiser"],
            body=body,
            unit=cells["office"],
            full_name="Trần Văn Bình",
            sex="male",
            admitted_on=date(2015, 2, 3),
            full_member_on=date(2014, 2, 3),
            record_number="12345HN",
            card_number="1234567",
            citizen_id="1234",
        )
    fields = {issue.field for issue in caught.value.issues}
    assert fields == {"full_member_on", "record_number", "card_number", "citizen_id"}
    assert not MemberRecord.objects.exists()


def test_create_writes_the_admission_and_one_audit_row(
    add_member: Callable[..., MemberRecord],
) -> None:
    record = add_member("Nguyễn Thị Lan", record_number="123456hn", card_number="0123 4567")
    assert record.record_number == "123456HN" and record.card_number == "01234567"
    assert record.status == MemberStatus.ACTIVE and record.search_name == "nguyen thi lan"
    assert list(record.events.values_list("kind", "happened_on")) == [
        (EventKind.ADMITTED, date(2010, 5, 19))
    ]
    assert AuditEvent.objects.filter(action="member.create", object_id=str(record.pk)).count() == 1


def test_record_and_card_numbers_are_unique_in_the_body(
    add_member: Callable[..., MemberRecord],
) -> None:
    add_member(record_number="123456HN", card_number="12345678")
    with pytest.raises(RecordInvalid, match="đã có trong sổ") as caught:
        add_member(record_number="123456HN", card_number="12345678")
    assert {i.field for i in caught.value.issues} == {"record_number", "card_number"}


def test_a_member_arriving_by_transfer_enters_by_transfer(
    add_member: Callable[..., MemberRecord],
) -> None:
    record = add_member(transferred_in_on=date(2024, 2, 1), transferred_in_from="Đảng bộ Sở Y tế")
    assert list(record.events.values_list("kind", "place")) == [
        (EventKind.TRANSFERRED_IN, "Đảng bộ Sở Y tế")
    ]
    with pytest.raises(RecordInvalid, match="cả ngày và nơi"):
        add_member(transferred_in_on=date(2024, 2, 1))


def test_transfer_out_and_back_leaving_and_death_are_dated_events(
    add_member: Callable[..., MemberRecord], users: dict[str, Any]
) -> None:
    organiser = users["organiser"]
    record = add_member()
    record = services.member_transfer_out(
        actor=organiser, record=record, on=date(2024, 3, 5), destination="Đảng bộ Quận 1"
    )
    assert record.status == MemberStatus.TRANSFERRED_OUT
    assert record.transferred_out_to == "Đảng bộ Quận 1"
    with pytest.raises(WrongState, match="Đã chuyển đi"):
        services.member_record_death(actor=organiser, record=record, on=date(2024, 4, 1))
    with pytest.raises(InputProblem, match="05/03/2024"):
        services.member_transfer_in(
            actor=organiser, record=record, on=date(2024, 3, 1), origin="Đảng bộ Quận 1"
        )
    record = services.member_transfer_in(
        actor=organiser, record=record, on=date(2024, 9, 1), origin="Đảng bộ Quận 1"
    )
    record = services.member_leave(
        actor=organiser,
        record=record,
        on=date(2025, 1, 2),
        reason="Xin ra",
        form="allowed_to_leave",
    )
    assert record.status == MemberStatus.LEFT and record.left_form == "allowed_to_leave"
    kinds = list(record.events.values_list("kind", flat=True))
    assert kinds == ["admitted", "transferred_out", "transferred_in", "left"]
    actions = list(
        AuditEvent.objects.filter(object_id=str(record.pk), object_type="MemberRecord")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "member.create",
        "member.transferred_out",
        "member.transferred_in",
        "member.left",
    ]


def test_a_death_sets_the_status_and_its_date(
    add_member: Callable[..., MemberRecord], users: dict[str, Any]
) -> None:
    record = services.member_record_death(
        actor=users["organiser"], record=add_member(), on=date(2025, 6, 30)
    )
    assert record.status == MemberStatus.DECEASED and record.died_on == date(2025, 6, 30)


def test_status_and_event_columns_cannot_be_edited_directly(
    add_member: Callable[..., MemberRecord], users: dict[str, Any]
) -> None:
    record = add_member()
    for field, value in (("status", "left"), ("died_on", date(2025, 1, 1))):
        with pytest.raises(InputProblem, match="Không sửa trực tiếp"):
            services.member_update(actor=users["organiser"], record=record, **{field: value})
    record.refresh_from_db()
    assert record.status == MemberStatus.ACTIVE and record.died_on is None


def test_an_update_logs_before_and_after_and_moves_the_admission(
    add_member: Callable[..., MemberRecord], users: dict[str, Any], cells: dict[str, OrgUnit]
) -> None:
    record = add_member("Lê Văn Hùng")
    services.member_update(
        actor=users["organiser"],
        record=record,
        unit=cells["finance"],
        full_name="Lê Văn Hưng",
        admitted_on=date(2011, 1, 1),
    )
    record.refresh_from_db()
    assert record.search_name == "le van hung" and record.unit == cells["finance"]
    assert record.events.get().happened_on == date(2011, 1, 1)
    event = AuditEvent.objects.get(action="member.update")
    assert event.before == {
        "full_name": "Lê Văn Hùng",
        "admitted_on": "2010-05-19",
        "unit": "Chi bộ Văn phòng",
    }
    assert event.after["unit"] == "Chi bộ Tài chính"
    services.member_update(actor=users["organiser"], record=record, full_name="Lê Văn Hưng")
    assert AuditEvent.objects.filter(action="member.update").count() == 1  # no change, no row


def test_observers_and_board_members_change_nothing(
    add_member: Callable[..., MemberRecord], users: dict[str, Any]
) -> None:
    record = add_member()
    for name in ("observer", "board1", "stranger"):
        with pytest.raises(NotAllowed):
            services.member_update(actor=users[name], record=record, full_name="X")
        with pytest.raises(NotAllowed):
            services.member_record_death(actor=users[name], record=record, on=date(2025, 1, 1))
    assert MemberRecord.objects.get().status == MemberStatus.ACTIVE
