"""Who sees which member records. Administrators and organisers of the body see every unit and
change records; the body's other roles (board, observer) read only the units an administrator
opened to their role grant (UnitAccess). No new role: the grants are accounts.RoleGrant."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tinnhiem.core import permissions
from tinnhiem.core.errors import NotAllowed
from tinnhiem.members.models import MemberRecord, OrgUnit

EDIT = permissions.ORGANISE
READ = permissions.READ
NOT_YOURS = (
    "Bạn không có quyền xem hồ sơ đảng viên của chi bộ này",
    "You may not see the member records of this party cell",
)


def sees_every_unit(user: Any, body_id: int) -> bool:
    return permissions.can(user, body_id, EDIT)


def visible_units(user: Any, body_id: int) -> QuerySet[OrgUnit]:
    """The body's units whose records the user may read."""
    units = OrgUnit.objects.filter(body_id=body_id)
    if sees_every_unit(user, body_id):
        return units
    if not permissions.can(user, body_id, permissions.READ):
        return units.none()
    return units.filter(access__grant__user=user, access__grant__body_id=body_id).distinct()


def visible_records(user: Any, body_id: int) -> QuerySet[MemberRecord]:
    records = MemberRecord.objects.filter(body_id=body_id)
    if sees_every_unit(user, body_id):
        return records
    return records.filter(unit__in=visible_units(user, body_id))


def can_read(user: Any, record: MemberRecord) -> bool:
    if sees_every_unit(user, record.body_id):
        return True
    return visible_units(user, record.body_id).filter(pk=record.unit_id).exists()


def require_read(user: Any, record: MemberRecord) -> None:
    if not can_read(user, record):
        raise NotAllowed(*NOT_YOURS)


def require_edit(user: Any, body_id: int) -> None:
    permissions.require(user, body_id, EDIT)
