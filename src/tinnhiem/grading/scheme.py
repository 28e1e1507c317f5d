"""Evaluation schemes ("phương án đánh giá, xếp loại") as data: criteria with their maximum points,
grade bands, the rounding of totals, conditions for the top grade, disqualifying facts, quotas
and the annual rules. The TOML loader is in `tinnhiem.grading.loader`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from tinnhiem.grading.numbers import Rounding


class Period(StrEnum):
    MONTHLY = "monthly"  # hằng tháng
    QUARTERLY = "quarterly"  # hằng quý
    ANNUAL = "annual"  # hằng năm


class InputKind(StrEnum):
    POINTS = "points"  # scores per criterion; the grade comes from the total
    GRADE = "grade"  # a proposed grade per person (party members' annual grading)


class QuotaBase(StrEnum):
    """Whom a quota's cap is a share of."""

    GRADED = "graded"  # everyone graded in the population (Hanoi: 30 % of the unit)
    AT_LEAST = "at_least"  # those graded `base_band` or better before the quota (national: good)


class Aggregation(StrEnum):
    """How a quarter or a year is graded from its months (or a year from its quarters)."""

    AVERAGE = "average"  # the band reached by the average of the period totals
    SHARE = "share"  # the best band reached in at least a given share of the periods


POPULATION_KEYS = ("unit", "group")


@dataclass(frozen=True)
class Criterion:
    key: str
    label_vi: str
    label_en: str
    maximum: Decimal
    is_bonus: bool = False  # optional on the sheet; a blank or absent bonus is 0
    aliases: tuple[str, ...] = ()  # other column headers accepted for it


@dataclass(frozen=True)
class GradeBand:
    """A grade. With points, reached by a total of `at_least` or more (inclusive, exact)."""

    key: str
    label_vi: str
    label_en: str
    at_least: Decimal | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    """An extra condition for `band`: a yes/no column (`at_least` None) or a share column that
    must be at least `at_least`. Unmet, the person gets the next band down."""

    key: str
    band: str
    label_vi: str
    label_en: str
    at_least: Fraction | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_flag(self) -> bool:
        return self.at_least is None


@dataclass(frozen=True)
class Fact:
    key: str
    label_vi: str
    label_en: str


UNSPECIFIED_FACT = Fact(
    key="unspecified",
    label_vi="có tình tiết không được xếp loại cao hơn (không nêu cụ thể)",
    label_en="a disqualifying fact (not named)",
)


@dataclass(frozen=True)
class Disqualifying:
    """Facts that force `grade` whatever the scores ("không hoàn thành nhiệm vụ")."""

    grade: str
    facts: tuple[Fact, ...]
    aliases: tuple[str, ...] = ()

    def fact(self, key: str) -> Fact:
        if key == UNSPECIFIED_FACT.key:
            return UNSPECIFIED_FACT
        return next(fact for fact in self.facts if fact.key == key)

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (*(fact.key for fact in self.facts), UNSPECIFIED_FACT.key)


@dataclass(frozen=True)
class Quota:
    """At most `cap` (or `outstanding_cap` in an outstanding unit) of `base` in each population
    (the people sharing the `per` keys) may keep `band`; the others get `demote_to`."""

    band: str
    cap: Fraction
    base: QuotaBase
    per: tuple[str, ...]
    demote_to: str
    base_band: str | None = None
    outstanding_cap: Fraction | None = None
    periods: tuple[Period, ...] = ()  # empty: every period


@dataclass(frozen=True)
class AnnualRules:
    """Decree 90/2020's annual rules, kept by later decrees; months may be fractional."""

    deadline: tuple[int, int]  # (month, day): the annual grading is done before this day
    min_months_worked: Decimal  # fewer months worked in the year: not graded
    absence_capped_from: Decimal  # absent this long ...
    absence_not_graded_from: Decimal  # ... up to under this long: at most `absence_cap`
    absence_cap: str
    is_maternity_on_time_worked: bool  # maternity leave: graded on the months worked


@dataclass(frozen=True)
class LeaderResults:
    """What a civil servant holding a leading or managerial post adds to their own three figures
    (Decree 335/2025/NĐ-CP, Điều 15 khoản 3): the result of the unit they lead (`unit_result`)
    and their capacity to organise the unit's tasks (`organizing`), each a percentage ("tỷ lệ
    điểm") weighted with quantity, quality and progress. The unit's result is `all_completed`
    when every civil servant they manage reaches `band` or better, else `any_not_completed`."""

    unit_result: Decimal  # weight, beside quantity, quality and progress
    organizing: Decimal  # weight; 0 leaves the criterion out
    band: str
    all_completed: Fraction
    any_not_completed: Fraction


@dataclass(frozen=True)
class TaskResults:
    """How the task points are computed from the quantity, quality and progress of the products
    a person was assigned in the period (Decree 335/2025/NĐ-CP, Điều 14; docs/grading-schemes.md
    cites each clause and says what is left to choose). Each figure is a percentage 0–100 of the
    converted weight assigned; the points are `criterion`'s maximum times the weighted mean of
    the figures over 100, so 100 % of each gives the maximum (70) and 0 gives 0. A major error
    costs `error_cost` of that product's quality, a delay `delay_cost` of its progress, unless an
    objective cause was confirmed. `leaders`: the figures a leader adds (Điều 15)."""

    criterion: str
    quantity: Decimal
    quality: Decimal
    progress: Decimal
    error_cost: Fraction
    delay_cost: Fraction
    leaders: LeaderResults | None = None


@dataclass(frozen=True)
class Scheme:
    key: str
    title_vi: str
    title_en: str
    source_vi: str
    input: InputKind
    periods: tuple[Period, ...]
    places: int
    rounding: Rounding
    max_total: Decimal | None
    criteria: tuple[Criterion, ...]
    bands: tuple[GradeBand, ...]  # best first
    conditions: tuple[Condition, ...] = ()
    disqualifying: Disqualifying | None = None
    quotas: tuple[Quota, ...] = ()
    aggregation: Aggregation | None = Aggregation.AVERAGE  # None: not aggregated
    share_at_least: tuple[tuple[str, Fraction], ...] = ()  # (band, share) for SHARE, best first
    annual: AnnualRules | None = None
    task_results: TaskResults | None = None

    @property
    def band_keys(self) -> tuple[str, ...]:
        return tuple(band.key for band in self.bands)

    @property
    def lowest(self) -> GradeBand:
        return self.bands[-1]

    def band(self, key: str) -> GradeBand:
        for band in self.bands:
            if band.key == key:
                return band
        raise KeyError(key)

    def rank(self, key: str) -> int:
        """0 for the best band; a larger rank is a lower grade."""
        return self.band_keys.index(key)

    def below(self, key: str) -> str:
        """The next band down (the lowest band stays where it is)."""
        rank = self.rank(key)
        return self.bands[min(rank + 1, len(self.bands) - 1)].key

    def at_most(self, key: str, ceiling: str) -> str:
        """`key`, or `ceiling` if `key` is better than it."""
        return key if self.rank(key) >= self.rank(ceiling) else ceiling

    @property
    def highest_total(self) -> Decimal:
        """The largest total a person can reach: `max_total`, or the sum of the maxima."""
        if self.max_total is not None:
            return self.max_total
        return sum((criterion.maximum for criterion in self.criteria), Decimal(0))
