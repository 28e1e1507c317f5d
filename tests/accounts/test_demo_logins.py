"""The demo loaders make their users through the same rules, with the documented password."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from tests.accounts.logins import log_in

from tinnhiem.bodies.models import Body
from tinnhiem.cli.demo import Command as DemoCommand


def test_the_demo_loads_and_its_users_log_in(db: Any) -> None:
    call_command(DemoCommand(), "--only", "council", "--only", "evaluations", stdout=StringIO())
    for username in ("admin", "tochuc", "bkp1", "quansat", "canbo", "thutruong"):
        assert log_in(username, "tinnhiem-demo") is not None, username


def test_a_weak_demo_password_is_refused_and_nothing_is_loaded(db: Any) -> None:
    with pytest.raises(CommandError) as refused:
        call_command(DemoCommand(), password="tinnhiem", stdout=StringIO())
    assert refused.value.returncode == 2 and "too short" in str(refused.value)
    assert not Body.objects.exists()
