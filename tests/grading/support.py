"""Shared builders for the grading tests: score lines with a given total, and results by person."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tinnhiem.grading import GradingResult, ScoreLine, load_scheme

HANOI = load_scheme("hanoi")
NATIONAL = load_scheme("national")
PARTY = load_scheme("party-member")


def hanoi_line(
    name: str, total: str | int | Decimal, unit: str = "U1", **extra: object
) -> ScoreLine:
    """A Hanoi line whose scores add up to `total`: discipline first, then performance, then
    the bonus."""
    rest = Decimal(str(total))
    scores = {}
    for key, maximum in (("discipline", 20), ("performance", 70), ("bonus", 10)):
        part = min(rest, Decimal(maximum))
        scores[key] = part
        rest -= part
    assert rest == 0, f"{total} is above 100"
    return ScoreLine(name=name, unit=unit, scores=scores, **extra)


def national_line(
    name: str,
    total: str | int | Decimal,
    unit: str = "U1",
    group: str = "G1",
    *,
    on_time: bool = True,
    beyond: str | None = "0.3",
    facts: frozenset[str] = frozenset(),
) -> ScoreLine:
    """A national line with `total` split as general (up to 30) then tasks, meeting the extra
    conditions for "excellent" unless told otherwise."""
    value = Decimal(str(total))
    general = min(value, Decimal(30))
    conditions: dict[str, bool | Fraction] = {"on_time": on_time}
    if beyond is not None:
        conditions["beyond_share"] = Fraction(beyond)
    return ScoreLine(
        name=name,
        unit=unit,
        group=group,
        scores={"general": general, "tasks": value - general},
        conditions=conditions,
        facts=facts,
    )


def outcome(result: GradingResult) -> dict[str, tuple[str, str]]:
    """name -> (grade, quota status)."""
    return {person.name: (person.grade, person.quota.value) for person in result.people}
