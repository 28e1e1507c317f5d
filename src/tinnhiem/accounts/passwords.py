"""Password checks: Django's validators (settings.AUTH_PASSWORD_VALIDATORS) and one of ours,
and their messages in both languages for a service's InputProblem."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from tinnhiem.core.errors import InputProblem
from tinnhiem.core.i18n import choose

# The service's own name and the words anyone tries first here (NIST SP 800-63B 3.1.1.2:
# "context-specific words, such as the name of the service"), without accents or spaces.
CONTEXT_WORDS = frozenset(
    {"tinnhiem", "laytinnhiem", "layphieutinnhiem", "phieutinnhiem", "matkhau", "password"}
    | {"admin", "quantri", "administrator", "hoidongnhandan", "hdnd", "dangbo", "danguy"}
)


@cache
def _common() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def letters_of(password: str) -> str:
    """The letters alone, lower case, without accents: "Tinnhiệm@2026" → "tinnhiem"."""
    decomposed = unicodedata.normalize("NFKD", password.casefold().replace("đ", "d"))
    return "".join(char for char in decomposed if char.isascii() and char.isalpha())


class MinimumLength(MinimumLengthValidator):
    """Django's length check, with a Vietnamese message (Django's catalogue lacks its plural)."""

    def get_error_message(self) -> str:
        return choose(
            f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.",
            f"This password is too short. It must contain at least {self.min_length} characters.",
        )

    def get_help_text(self) -> str:
        return choose(
            f"Mật khẩu phải có ít nhất {self.min_length} ký tự.",
            f"Your password must contain at least {self.min_length} characters.",
        )


class ContextWordsValidator:
    """Refuses a common or context word dressed up with digits and symbols ("Tinnhiem2026",
    "Password@123"), which the length and common-list checks let through."""

    def validate(self, password: str, user: Any = None) -> None:
        core = letters_of(password)
        names = {letters_of(str(getattr(user, "username", "") or ""))} - {""}
        if core and (core in CONTEXT_WORDS or core in _common() or core in names):
            raise ValidationError(
                choose(
                    "Mật khẩu chỉ là một từ dễ đoán thêm chữ số hoặc ký hiệu.",
                    "The password is a guessable word with digits or symbols added.",
                ),
                code="password_context_word",
            )

    def get_help_text(self) -> str:
        return choose(
            "Mật khẩu không được là tên phần mềm hay một từ dễ đoán thêm chữ số.",
            "Your password can't be the service's name or a guessable word with digits added.",
        )


def require_strong(password: str, *, user: Any) -> None:
    """Every validator's verdict, as an InputProblem with both languages' messages."""
    try:
        validate_password(password, user)
    except ValidationError:
        messages: dict[str, str] = {}
        for language in ("vi", "en"):
            with translation.override(language):
                try:
                    validate_password(password, user)
                except ValidationError as exc:
                    messages[language] = " ".join(exc.messages)
        raise InputProblem(
            "Mật khẩu chưa đủ mạnh: " + messages["vi"],
            "The password is too weak: " + messages["en"],
        ) from None
