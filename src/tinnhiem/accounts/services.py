"""Who holds which role in which body: granted and revoked by an administrator of the body."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem


def role_grant(
    *, actor: Any, body: Body, username: str, role: str, password: str = "", full_name: str = ""
) -> RoleGrant:
    """Give a user a role in a body; a new user name needs a password (Argon2-hashed)."""
    permissions.require(actor, body.pk, permissions.ADMINISTER)
    if role not in Role.values:
        raise InputProblem(f"Vai trò '{role}' không có", f"Unknown role '{role}'")
    username = username.strip()
    if not username:
        raise InputProblem("Cần tên đăng nhập", "A user name is required")
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.filter(username=username).first()
        if user is None:
            if not password:
                raise InputProblem("Người dùng mới cần mật khẩu", "A new user needs a password")
            try:
                validate_password(password)
            except ValidationError as exc:
                raise InputProblem(
                    "Mật khẩu chưa đủ mạnh: " + " ".join(exc.messages),
                    "The password is too weak: " + " ".join(exc.messages),
                ) from exc
            user = user_model.objects.create_user(
                username=username, password=password, first_name=full_name
            )
        grant, _ = RoleGrant.objects.get_or_create(user=user, body=body, role=role)
        record(
            actor=actor,
            action="role.grant",
            obj=grant,
            body_id=body.pk,
            after={"user": username, "role": role},
        )
    return grant


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
