"""The one base of every error tinnhiem raises for a person to read: a message in Vietnamese and
one in English (Vietnamese first: the working language of the bodies that use it), and, when the
error comes from a file the user gave, the row and the field (a spreadsheet column) it is about.

The pure cores' errors (`rules`, `grading`, `steering`, `omr`, `ballotcrypto`, `sheets`) and the
services' `core.errors.DomainError` all derive from `BilingualError`, so a view or a command
catches one type and shows `for_language(...)`, or `message` (both languages) on a terminal.
Pure: no Django.
"""

from __future__ import annotations


class BilingualError(Exception):
    """An error with a message for the user in Vietnamese and English.

    `message_vi`, `message_en` are the messages as given; `row`, `field` the place in the input
    when there is one. The place is phrased once, when the error is made (`where_vi`,
    `where_en`), and put before the message in `text_vi`, `text_en`, `message` (both, as
    "vi / en", also the `str()` of the error) and `for_language`."""

    def __init__(
        self, message_vi: str, message_en: str, *, row: int | None = None, field: str | None = None
    ) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        self.row = row
        self.field = field
        self.where_vi = _where(f"dòng {row}" if row is not None else "", field, "cột")
        self.where_en = _where(f"row {row}" if row is not None else "", field, "column")
        super().__init__(self.message)

    @property
    def text_vi(self) -> str:
        return _located(self.where_vi, self.message_vi)

    @property
    def text_en(self) -> str:
        return _located(self.where_en, self.message_en)

    @property
    def message(self) -> str:
        return f"{self.text_vi} / {self.text_en}"

    def for_language(self, language: str | None) -> str:
        """The message in the user's language: English for "en", "en-gb", ...; else Vietnamese."""
        return self.text_en if (language or "").startswith("en") else self.text_vi


def _where(row: str, field: str | None, column: str) -> str:
    parts = [row] if row else []
    if field is not None:
        parts.append(f"{column} '{field}'")
    return ", ".join(parts)


def _located(where: str, text: str) -> str:
    # not str.capitalize(), which would lowercase a column header such as 'Tín nhiệm thấp'
    return f"{where[:1].upper()}{where[1:]}: {text}" if where else text
