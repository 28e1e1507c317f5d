"""Errors of the rule engine. Each carries a Vietnamese and an English message.

`row` and `field` name the place in the input (a spreadsheet row, a column) when there is one,
so that a command or a form can point the user at it.
"""

from __future__ import annotations


class RuleError(ValueError):
    """Base of every error the rule engine raises."""

    def __init__(
        self, message_vi: str, message_en: str, *, row: int | None = None, field: str | None = None
    ) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        self.row = row
        self.field = field
        super().__init__(self.message)

    @property
    def where_vi(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.field is not None:
            parts.append(f"cột '{self.field}'")
        return ", ".join(parts)

    @property
    def where_en(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(f"column '{self.field}'")
        return ", ".join(parts)

    @property
    def message(self) -> str:
        vi = _located(self.where_vi, self.message_vi)
        en = _located(self.where_en, self.message_en)
        return f"{vi} / {en}"


def _located(where: str, text: str) -> str:
    # not str.capitalize(), which would lowercase a column header such as 'Tín nhiệm thấp'
    return f"{where[:1].upper()}{where[1:]}: {text}" if where else text


class ProfileError(RuleError):
    """A rule profile (built in or TOML) is unknown or malformed."""


class MembersRequired(RuleError):
    """The profile's base is the members of the body, and their number was not given."""


class InvalidCount(RuleError):
    """A count is negative or not a whole number."""


class CountExceedsBallots(RuleError):
    """A count, or a person's line total, is above the ballots collected (or the members)."""


class CollectedExceedsIssued(RuleError):
    """More ballots collected than issued."""
