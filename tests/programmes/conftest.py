"""A city Party Committee with one user per programme-steering role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tinnhiem.accounts.models import Role
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel


@pytest.fixture
def committee(db: Any) -> Body:
    return Body.objects.create(
        name="Thành ủy Hà Nội",
        level=BodyLevel.PROVINCE,
        kind=BodyKind.PARTY_COMMITTEE,
        parent_name="Đảng bộ thành phố Hà Nội",
        city="Hà Nội",
    )


@pytest.fixture
def people(committee: Body, make_user: Callable[..., Any]) -> dict[str, Any]:
    return {
        "admin": make_user("p.admin", Role.ADMINISTRATOR, committee),
        "office": make_user("p.office", Role.OFFICE, committee),
        "steering": make_user("p.steering", Role.STEERING, committee),
        "inspection": make_user("p.inspection", Role.INSPECTION, committee),
        "internal": make_user("p.internal", Role.INTERNAL_AFFAIRS, committee),
        "organiser": make_user("p.organiser", Role.ORGANISER, committee),
        "stranger": make_user("p.stranger"),
    }
