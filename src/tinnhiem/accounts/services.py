"""Who holds which role in which body: granted and revoked by an administrator of the body; and
each user's own password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.accounts.passwords import require_strong
from tinnhiem.accounts.usernames import clean_username
from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem


def role_grant(
    *, actor: Any, body: Body, username: str, role: str, password: str = "", full_name: str = ""
) -> RoleGrant:
    """Give a user a role in a body, making the account if the name is new.

    The answer does not tell whether the name already exists elsewhere: unless the user is
    already in one of the actor's bodies, a password is required and checked whatever the
    case; it becomes the password of a new account and leaves an existing one's unchanged.
    The body's own audit rows are the same either way (the account's row is the site's)."""
    permissions.require(actor, body.pk, permissions.ADMINISTER)
    if role not in Role.values:
        raise InputProblem(f"Vai trò '{role}' không có", f"Unknown role '{role}'")
    username = clean_username(username)
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.filter(username__iexact=username).first()
        if user is None or not is_known_to(actor, user):
            _require_new_password(password, username, full_name)
            if user is None:
                user = user_model.objects.create_user(
                    username=username, password=password, first_name=full_name.strip()
                )
                action = "user.create"
            else:
                make_password(password)  # the same work as for a new account: no timing tell
                action = "user.existing"
            record(actor=actor, action=action, obj=user, after={"user": user.username})
        grant, _ = RoleGrant.objects.get_or_create(user=user, body=body, role=role)
        record(
            actor=actor,
            action="role.grant",
            obj=grant,
            body_id=body.pk,
            after={"user": user.username, "role": role},
        )
    return grant


def is_known_to(actor: Any, user: Any) -> bool:
    """The actor can already see this user: a site administrator, or the user holds a role in
    a body the actor administers. A form that finds a user by name answers for any other user
    as for a name that does not exist."""
    if actor.is_superuser:
        return True
    administered = RoleGrant.objects.filter(user=actor, role=Role.ADMINISTRATOR).values("body_id")
    return RoleGrant.objects.filter(user=user, body_id__in=administered).exists()


def _require_new_password(password: str, username: str, full_name: str) -> None:
    if not password:
        raise InputProblem(
            "Nhập mật khẩu cho tài khoản (dùng khi tên đăng nhập chưa có)",
            "Enter a password for the account (used if the user name is new)",
        )
    require_strong(password, user=get_user_model()(username=username, first_name=full_name))


def role_revoke(*, actor: Any, grant: RoleGrant) -> None:
    permissions.require(actor, grant.body_id, permissions.ADMINISTER)
    if grant.user_id == actor.pk and grant.role == Role.ADMINISTRATOR:
        raise InputProblem(
            "Không tự bỏ quyền quản trị của mình", "You cannot remove your own administrator role"
        )
    with transaction.atomic():
        record(
            actor=actor,
            action="role.revoke",
            obj=grant,
            body_id=grant.body_id,
            before={"user": grant.user.username, "role": grant.role},
        )
        grant.delete()


def password_change(*, actor: Any, password: str) -> None:
    """The user's own new password (already checked by the form, with the old one); the audit
    row says that it changed, never what to."""
    require_strong(password, user=actor)
    with transaction.atomic():
        actor.set_password(password)
        actor.save(update_fields=["password"])
        record(
            actor=actor, action="user.password_change", obj=actor, after={"user": actor.username}
        )
