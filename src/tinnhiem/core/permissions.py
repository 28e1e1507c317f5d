"""Who may do what on which body. Roles are granted per body (accounts.RoleGrant); a superuser
is an administrator of every body."""

from __future__ import annotations

from typing import Any

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.core.errors import NotAllowed

READ = (Role.ADMINISTRATOR, Role.ORGANISER, Role.BOARD, Role.OBSERVER)
ORGANISE = (Role.ADMINISTRATOR, Role.ORGANISER)
COUNT = (Role.ADMINISTRATOR, Role.BOARD)
PUBLISH = (Role.ADMINISTRATOR, Role.ORGANISER, Role.BOARD)
ADMINISTER = (Role.ADMINISTRATOR,)


def roles_on(user: Any, body_id: int) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return {role.value for role in Role}
    return set(RoleGrant.objects.filter(user=user, body_id=body_id).values_list("role", flat=True))


def can(user: Any, body_id: int, allowed: tuple[str, ...]) -> bool:
    return bool(roles_on(user, body_id) & set(allowed))


def require(user: Any, body_id: int, allowed: tuple[str, ...]) -> None:
    if not can(user, body_id, allowed):
        raise NotAllowed(
            "Bạn không có quyền thực hiện việc này đối với cơ quan này",
            "You are not allowed to do this for this body",
        )


def visible_body_ids(user: Any) -> set[int] | None:
    """The bodies the user may see; None means all of them (a superuser)."""
    if user.is_superuser:
        return None
    return set(RoleGrant.objects.filter(user=user).values_list("body_id", flat=True))
