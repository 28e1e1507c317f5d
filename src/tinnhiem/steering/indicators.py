"""Targets (chỉ tiêu): the share of plan achieved and the verdict, exactly.

Plans and actuals are integers or decimals as typed ("9290", "9 290" is refused: no thousands
separator; "97,5" with a Vietnamese decimal comma is 97.5), never binary floats. The percentage
of plan has two decimals rounded half up; the verdict compares the exact values, so a plan met
by 10,001 of 10,000 is "exceeded" even where the rounded percentage shows 100.00.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tinnhiem.grading.numbers import Rounding, parse_number, round_ratio
from tinnhiem.sheets import normalize_header
from tinnhiem.steering.errors import ValueProblem


class Direction(StrEnum):
    AT_LEAST = "at_least"  # "không thấp hơn": more is better (new members admitted)
    AT_MOST = "at_most"  # "không vượt quá": less is better (overdue tasks, backlog)


class Verdict(StrEnum):
    EXCEEDED = "exceeded"  # vượt
    MET = "met"  # đạt
    NOT_MET = "not_met"  # không đạt


VERDICT_LABELS = {
    Verdict.EXCEEDED: ("Vượt", "Exceeded"),
    Verdict.MET: ("Đạt", "Met"),
    Verdict.NOT_MET: ("Không đạt", "Not met"),
}
DIRECTION_LABELS = {
    Direction.AT_LEAST: ("không thấp hơn", "at least"),
    Direction.AT_MOST: ("không vượt quá", "at most"),
}
_DIRECTION_WORDS = {
    "khong thap hon": Direction.AT_LEAST,
    "at least": Direction.AT_LEAST,
    "at_least": Direction.AT_LEAST,
    "toi thieu": Direction.AT_LEAST,
    "khong vuot qua": Direction.AT_MOST,
    "at most": Direction.AT_MOST,
    "at_most": Direction.AT_MOST,
    "toi da": Direction.AT_MOST,
}


def parse_direction(text: str, *, row: int | None = None, column: str | None = None) -> Direction:
    """ "không thấp hơn"/"at_least" (also the default, for an empty cell) or
    "không vượt quá"/"at_most"."""
    key = normalize_header(text or "")
    if not key:
        return Direction.AT_LEAST
    direction = _DIRECTION_WORDS.get(key)
    if direction is None:
        raise ValueProblem(
            f"chiều '{text}' không hợp lệ: ghi 'không thấp hơn' hoặc 'không vượt quá'",
            f"direction '{text}' is not valid: write 'at_least' or 'at_most'",
            row=row,
            field=column,
        )
    return direction


def parse_amount(
    text: str | int | Decimal, *, row: int | None = None, column: str | None = None
) -> Decimal:
    """An integer or a decimal as typed, with a point or a Vietnamese decimal comma; never a
    float. A negative amount is refused."""
    if isinstance(text, bool) or isinstance(text, float):
        text = str(text)  # a spreadsheet's float is read back through its shortest text
    if isinstance(text, int | Decimal):
        value: Decimal | None = Decimal(text)
    else:
        value = parse_number(str(text))
    if value is None or value < 0:
        raise ValueProblem(
            f"'{text}' không phải là một số không âm (ví dụ 9290 hoặc 97,5)",
            f"'{text}' is not a non-negative number (for example 9290 or 97.5)",
            row=row,
            field=column,
        )
    return value


def percent_of_plan(actual: Decimal, plan: Decimal) -> str | None:
    """`actual / plan` as a percentage with two decimals, half up; None for a plan of 0."""
    if plan == 0:
        return None
    numerator, denominator = _integers(actual, plan)
    return f"{round_ratio(numerator * 100, denominator, 2, Rounding.HALF_UP):.2f}"


def verdict(actual: Decimal, plan: Decimal, direction: Direction) -> Verdict:
    """Exceeded, met or not met, on the exact values, by direction."""
    if actual == plan:
        return Verdict.MET
    better = actual > plan if direction is Direction.AT_LEAST else actual < plan
    return Verdict.EXCEEDED if better else Verdict.NOT_MET


def _integers(left: Decimal, right: Decimal) -> tuple[int, int]:
    """Two decimals scaled to integers with the same factor."""
    places = max(-left.as_tuple().exponent, -right.as_tuple().exponent, 0)  # type: ignore[operator]
    scale = Decimal(10) ** places
    return int(left * scale), int(right * scale)


@dataclass(frozen=True)
class Assessment:
    indicator: str
    period: str
    plan: Decimal
    actual: Decimal
    direction: Direction

    @property
    def percent(self) -> str | None:
        return percent_of_plan(self.actual, self.plan)

    @property
    def verdict(self) -> Verdict:
        return verdict(self.actual, self.plan, self.direction)

    def as_dict(self) -> dict[str, object]:
        """The fields of `tinnhiem programme indicators --format json`."""
        return {
            "indicator": self.indicator,
            "period": self.period,
            "plan": _plain(self.plan),
            "actual": _plain(self.actual),
            "percent": self.percent,
            "verdict": self.verdict.value,
        }


def _plain(value: Decimal) -> int | float:
    """A JSON number as people write it: 9290, 97.5. Only for output: every computation above
    is on the exact decimal (a float prints back the shortest text that reads as itself)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
