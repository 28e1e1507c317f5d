"""What a user name may be: ASCII letters, digits, "." "-" "_", after NFKC normalisation.

A name is shown in the audit log, on every page header and in the minutes' signatures of the
board, so it must read as what it is: no spaces ("ad min"), no markup ("<script>"), no letters
of another script that look Latin (a Cyrillic "а" in "аdmin" reads "admin").
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from tinnhiem.core.errors import InputProblem
from tinnhiem.core.i18n import choose

ALLOWED = re.compile(r"[A-Za-z0-9._-]{1,150}")
RULE_VI = "chỉ dùng chữ cái không dấu (a–z, A–Z), chữ số và các dấu . - _, tối đa 150 ký tự"
RULE_EN = "use only unaccented letters (a–z, A–Z), digits and . - _, at most 150 characters"
FIELD_VI = "Tên đăng nhập " + RULE_VI + "."
FIELD_EN = "A user name may " + RULE_EN.removeprefix("use ") + "."


def normalise(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).strip()


def shown(name: str) -> str:
    """The name with every character outside printable ASCII spelled as an escape, so that a
    look-alike letter shows as what it is (аdmin → \\u0430dmin)."""
    return name.encode("ascii", "backslashreplace").decode("ascii")


def clean_username(raw: str) -> str:
    """The normalised name, or an InputProblem naming it."""
    name = normalise(raw)
    if not name:
        raise InputProblem("Cần tên đăng nhập", "A user name is required")
    if ALLOWED.fullmatch(name) is None:
        raise InputProblem(
            f"Tên đăng nhập '{shown(name)}' không dùng được: {RULE_VI}",
            f"The user name '{shown(name)}' cannot be used: {RULE_EN}",
        )
    return name


@deconstructible
class UsernameValidator:
    """The same rule on the user model's field: createsuperuser and any form refuse such a name."""

    code = "invalid_username"

    def __call__(self, value: str) -> None:
        if ALLOWED.fullmatch(normalise(str(value))) is None:
            raise ValidationError(choose(FIELD_VI, FIELD_EN), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UsernameValidator)

    def __hash__(self) -> int:
        return hash(self.code)
