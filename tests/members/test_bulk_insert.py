"""`core.bulk.insert_many` stores the objects as built and gives them their ids, on PostgreSQL
through COPY and on SQLite through bulk_create: the register's import (members/exchange.py)
saves its members and their events through it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from tinnhiem.bodies.models import Body
from tinnhiem.core.bulk import insert_many
from tinnhiem.members.models import (
    EventKind,
    MemberEvent,
    MemberRecord,
    MemberStatus,
    OrgUnit,
    Sex,
)


def test_the_rows_are_stored_as_built_with_their_ids(
    body: Body, users: dict[str, Any], cells: dict[str, OrgUnit]
) -> None:
    before = timezone.now()
    made = insert_many(
        MemberRecord,
        [
            MemberRecord(
                body=body,
                unit=cells["office"],
                full_name=name,
                search_name=name.lower(),
                sex=Sex.FEMALE,
                status=MemberStatus.TRANSFERRED_OUT if n == 2 else MemberStatus.ACTIVE,
                admitted_on=date(2010, 5, 19),
                birth_date=None,
                card_number=f"0000000{n}",
                notes="Ghi chú; có dấu \t tab và\ndòng mới, \\ gạch chéo",
            )
            for n, name in enumerate(["Lê Thị An", "Trần Thị Bình", "Đỗ Thị Cúc"], 1)
        ],
    )
    assert [r.pk for r in made] == sorted(r.pk for r in made) and None not in [r.pk for r in made]
    insert_many(
        MemberEvent,
        [MemberEvent(record=r, kind=EventKind.ADMITTED, happened_on=r.admitted_on) for r in made],
    )
    stored = {r.full_name: r for r in MemberRecord.objects.filter(pk__in=[r.pk for r in made])}
    assert set(stored) == {"Lê Thị An", "Trần Thị Bình", "Đỗ Thị Cúc"}
    binh = stored["Trần Thị Bình"]
    assert binh.status == "transferred_out" and binh.card_number == "00000002"
    assert binh.birth_date is None and binh.admitted_on == date(2010, 5, 19)
    assert binh.notes == "Ghi chú; có dấu \t tab và\ndòng mới, \\ gạch chéo"
    assert binh.created_at >= before and binh.updated_at >= before  # as bulk_create sets them
    assert MemberEvent.objects.filter(record__in=made, kind="admitted").count() == 3
    assert not made[0]._state.adding
    # the next ordinary insert does not collide with the ids drawn
    later = MemberRecord.objects.create(
        body=body,
        unit=cells["office"],
        full_name="Vũ Văn Dũng",
        search_name="vu van dung",
        sex=Sex.MALE,
        admitted_on=date(2012, 1, 1),
    )
    assert later.pk > max(r.pk for r in made)


def test_nothing_to_insert(body: Body) -> None:
    assert insert_many(MemberRecord, []) == []


def test_a_broken_constraint_is_djangos_integrity_error_on_either_database(
    body: Body, cells: dict[str, OrgUnit]
) -> None:
    import pytest
    from django.db import IntegrityError, transaction

    def member(name: str) -> MemberRecord:
        return MemberRecord(
            body=body,
            unit=cells["office"],
            full_name=name,
            search_name=name.lower(),
            sex=Sex.MALE,
            admitted_on=date(2010, 5, 19),
            card_number="01234567",
        )

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_many(MemberRecord, [member("Lê Văn A"), member("Lê Văn B")])
    assert not MemberRecord.objects.filter(card_number="01234567").exists()
