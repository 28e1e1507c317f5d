"""Errors of the rule engine. Each carries a Vietnamese and an English message
(`tinnhiem.bilingual.BilingualError`).

`row` and `field` name the place in the input (a spreadsheet row, a column) when there is one,
so that a command or a form can point the user at it.
"""

from __future__ import annotations

from tinnhiem.bilingual import BilingualError


class RuleError(BilingualError, ValueError):
    """Base of every error the rule engine raises."""


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
