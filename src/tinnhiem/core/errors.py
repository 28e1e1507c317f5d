"""Domain errors: each has a message for the user in Vietnamese and English."""

from __future__ import annotations

from tinnhiem.bilingual import BilingualError


class DomainError(BilingualError):
    """Base of every error a service raises for the user to read. Not a ValueError (as the pure
    cores' errors are): a service's refusal is not a malformed value."""


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
