"""Party cells of a body, and which readers see which cell's records."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.audit.services import record as audit
from tinnhiem.bodies.models import Body
from tinnhiem.bodies.roster import fold
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem
from tinnhiem.members import access
from tinnhiem.members.models import OrgUnit, UnitAccess


def unit_create(*, actor: Any, body: Body, name: str) -> OrgUnit:
    """A party cell of the body (organisers and administrators)."""
    access.require_edit(actor, body.pk)
    name = " ".join(name.split())
    if not name:
        raise InputProblem("Thiếu tên chi bộ", "The party cell's name is missing")
    with transaction.atomic():
        if any(fold(n) == fold(name) for n in body.org_units.values_list("name", flat=True)):
            raise InputProblem(f"Chi bộ '{name}' đã có", f"Party cell '{name}' exists already")
        unit = OrgUnit.objects.create(body=body, name=name)
        audit(actor=actor, action="unit.create", obj=unit, body_id=body.pk, after={"name": name})
    return unit


def unit_access_grant(*, actor: Any, unit: OrgUnit, username: str) -> UnitAccess:
    """Open one cell's records to a user who holds a reading role (board, observer) on the
    body. Organisers and administrators see every cell already. Administrators only."""
    permissions.require(actor, unit.body_id, permissions.ADMINISTER)
    grant = (
        RoleGrant.objects.filter(body_id=unit.body_id, user__username=username.strip())
        .exclude(role__in=access.EDIT)
        .select_related("user")
        .first()
    )
    if grant is None:
        raise InputProblem(
            f"'{username}' không có vai trò quan sát hoặc kiểm phiếu ở cơ quan này",
            f"'{username}' holds no observer or board role in this body",
        )
    with transaction.atomic():
        item, _ = UnitAccess.objects.get_or_create(grant=grant, unit=unit)
        audit(
            actor=actor,
            action="unit.access_grant",
            obj=item,
            body_id=unit.body_id,
            after={"user": grant.user.username, "unit": unit.name},
        )
    return item


def unit_access_revoke(*, actor: Any, item: UnitAccess) -> None:
    permissions.require(actor, item.unit.body_id, permissions.ADMINISTER)
    with transaction.atomic():
        audit(
            actor=actor,
            action="unit.access_revoke",
            obj=item,
            body_id=item.unit.body_id,
            before={"user": item.grant.user.username, "unit": item.unit.name},
        )
        item.delete()
