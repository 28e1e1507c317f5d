"""Fixtures of the register: two party cells of the body, and a way to add a member."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tinnhiem.bodies.models import Body
from tinnhiem.members.models import MemberRecord, OrgUnit
from tinnhiem.members.services import member_create
from tinnhiem.members.units import unit_create


@pytest.fixture
def cells(body: Body, users: dict[str, Any]) -> dict[str, OrgUnit]:
    organiser = users["organiser"]
    return {
        "office": unit_create(actor=organiser, body=body, name="Chi bộ Văn phòng"),
        "finance": unit_create(actor=organiser, body=body, name="Chi bộ Tài chính"),
    }


@pytest.fixture
def add_member(body: Body, users: dict[str, Any], cells: dict[str, OrgUnit]) -> Callable[..., Any]:
    counter = iter(range(1, 10_000))

    def add(name: str = "", *, cell: str = "office", **fields: Any) -> MemberRecord:
        n = next(counter)
        values: dict[str, Any] = {
            "full_name": name or f"Đảng viên {n}",
            "sex": "female" if n % 2 else "male",
            "birth_date": date(1980, 1, 1),
            "admitted_on": date(2010, 5, 19),
            "record_number": f"{100000 + n}HN",
        }
        values.update(fields)
        return member_create(actor=users["organiser"], body=body, unit=cells[cell], **values)

    return add
