"""Passwords: 12 characters at least, not numeric, not common, not like the user's name, not the
service's name with digits; refused with a message in both languages wherever one is set."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tinnhiem.accounts.services import role_grant
from tinnhiem.core.errors import InputProblem

WEAK = {
    "11111119": "too short",  # and only digits
    "tinnhiem": "too short",
    "Tinnhiem2026": "guessable word",  # 12 characters: the service's name and a year
    "Password@2026": "guessable word",
    "123456789012": "numeric",
    "qwertyuiop12": "common",  # in Django's list as it is
    "nguyenvana2026": "similar",  # to the user name
}


@pytest.mark.parametrize(("password", "reason"), WEAK.items())
def test_a_weak_password_is_refused_in_both_languages(
    body: Any, users: dict[str, Any], password: str, reason: str
) -> None:
    with pytest.raises(InputProblem) as refused:
        role_grant(
            actor=users["admin"], body=body, username="nguyenvana", role="board", password=password
        )
    assert reason in refused.value.message_en.lower()
    assert refused.value.message_vi.startswith("Mật khẩu chưa đủ mạnh")
    assert "password" not in refused.value.message_vi.lower().replace("mật khẩu", "")
    assert not get_user_model().objects.filter(username="nguyenvana").exists()


@pytest.mark.parametrize(
    "password", ["tinnhiem-demo", "correct horse battery staple", "Hội trường tầng 3 2026"]
)
def test_a_long_unguessable_password_is_accepted(db: Any, password: str) -> None:
    validate_password(password, get_user_model()(username="nguyenvana"))


def test_the_validators_are_the_ones_asked_for() -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password("1111", get_user_model()(username="x"))
    assert {error.code for error in refused.value.error_list} >= {
        "password_too_short",
        "password_entirely_numeric",
    }
