"""Errors of the grading engine. Like the rule engine's, each carries a Vietnamese and an English
message, and `row` and `field` name the spreadsheet row and column when there is one."""

from __future__ import annotations

from tinnhiem.rules.errors import RuleError


class GradingError(RuleError):
    """Base of every error the grading engine raises."""


class SchemeError(GradingError):
    """An evaluation scheme (built in or TOML) is unknown or malformed."""


class ScoreError(GradingError):
    """A score is missing, not a number, negative or above its criterion's maximum, or a
    condition or fact cannot be read."""


class SheetError(GradingError):
    """The score sheet cannot be read, or lacks a column the scheme needs."""


class DecisionError(GradingError):
    """Quota decisions or outstanding units that do not fit the people being graded."""


class AggregationError(GradingError):
    """Period results or annual facts that cannot be aggregated."""
