"""Shared pieces of the database commands: the command-line actor, error reporting and the
session named on the command line."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from tinnhiem.bilingual import BilingualError
from tinnhiem.votes.models import VoteSession

CLI_USERNAME = "cli"


def cli_actor() -> Any:
    """The account the command line acts as: an administrator that cannot log in."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=CLI_USERNAME, defaults={"is_superuser": True, "is_staff": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class UserError(CommandError):
    """Exit status 2 with the bilingual message."""

    def __init__(self, error: BilingualError | str) -> None:
        super().__init__(error if isinstance(error, str) else error.message, returncode=2)


def session_or_fail(session_id: str) -> Any:
    try:
        return VoteSession.objects.select_related("body").get(pk=int(session_id))
    except (ValueError, VoteSession.DoesNotExist) as exc:
        raise UserError(
            f"Không có đợt lấy phiếu '{session_id}' / No session '{session_id}'"
        ) from exc
