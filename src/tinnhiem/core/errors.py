"""Domain errors: each has a message for the user in Vietnamese and English."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises for the user to read."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(f"{message_vi} / {message_en}")

    def for_language(self, language: str | None) -> str:
        return self.message_en if (language or "").startswith("en") else self.message_vi


class NotAllowed(DomainError):
    """The acting user has no role that allows this on this body."""


class WrongState(DomainError):
    """The session is not in a state that allows this action."""


class SessionClosed(WrongState):
    """The session is closed: only an administrator's reopen changes it."""


class InputProblem(DomainError):
    """User input failed a check; the message names the row or field."""


class CountNotReady(DomainError):
    """The count cannot close yet (differences unresolved, totals off)."""
