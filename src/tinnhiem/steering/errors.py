"""Errors of the steering core. Each carries a Vietnamese and an English message, and `row` and
`field` name the spreadsheet row and column when there is one (as the rule engine's do)."""

from __future__ import annotations

from tinnhiem.rules.errors import RuleError


class SteeringError(RuleError):
    """Base of every error the steering core raises."""


class FigureError(SteeringError):
    """Inspection and discipline figures that break one of their rules: they are refused,
    never adjusted."""


class ValueProblem(SteeringError):
    """A value as typed (a number, a date, a direction) that cannot be read."""
