"""Quarterly and annual grades from the grades of shorter periods, by the scheme's rule, and the
annual rules of Decree 90/2020 (kept by later decrees).

Rules (`[aggregation] rule`):

- `average`: the band reached by the average of the period totals (months, or quarters for a
  quarterly scheme), computed exactly and rounded once like any total. Hanoi and the national
  scheme use it: one figure the cadre can check, monotone (a better month never lowers the
  year), and a monthly quota demotion is not counted twice (the year has its own quota).
- `share`: the best band reached (at that band or better) in at least its share of the periods.

Annual rules (`[annual]`), in this order:

1. absent (sick, personal leave; not maternity) `absence_not_graded_from` months or more: not
   graded (this closes the gap the wording leaves at exactly 6 months);
2. on maternity leave: graded on the months worked, whatever their number;
3. otherwise fewer than `min_months_worked` months worked: not graded;
4. the grade from the periods, then the conditions of the top grade and the disqualifying facts
   as for a single period;
5. absent `absence_capped_from` months up to under `absence_not_graded_from`: no better than
   `absence_cap`.

Grading on or after the deadline (15 December) is allowed but marked late: the year's results
must not be lost because a unit met a day late.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from tinnhiem.grading.assess import Assessment, Note, judge
from tinnhiem.grading.errors import AggregationError
from tinnhiem.grading.numbers import exact_sum, round_ratio, show
from tinnhiem.grading.quota import GradingResult, apply_quotas
from tinnhiem.grading.scheme import Aggregation, AnnualRules, Period, Scheme


@dataclass(frozen=True)
class PeriodGrade:
    """One period's result for a person: the total (None for grade schemes) and the grade after
    that period's quota."""

    total: Decimal | None
    grade: str


@dataclass(frozen=True)
class Aggregate:
    total: Decimal | None
    grade: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class AnnualFacts:
    """Months in the year (fractions allowed): in the post, absent (sick or personal leave, not
    maternity), on maternity leave."""

    months_in_post: Decimal | int = 12
    months_absent: Decimal | int = 0
    months_maternity: Decimal | int = 0


@dataclass(frozen=True)
class PersonPeriods:
    """A person's results over the periods of a quarter or a year, with the facts and the
    conditions that apply to the aggregated grade (stated once for the quarter or the year)."""

    name: str
    unit: str
    periods: tuple[PeriodGrade, ...]
    group: str = ""
    facts: AnnualFacts = AnnualFacts()
    conditions: Mapping[str, bool | Fraction] = field(default_factory=dict)
    disqualifying: frozenset[str] = frozenset()
    key: str = ""

    @property
    def person(self) -> str:
        return self.key or f"{self.unit}/{self.name}"


class AnnualStatus(StrEnum):
    GRADED = "graded"
    NOT_GRADED = "not_graded"


@dataclass(frozen=True)
class AnnualGrade:
    status: AnnualStatus
    total: Decimal | None
    grade: str | None
    is_late: bool
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class NotGraded:
    person: str
    name: str
    unit: str
    group: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class YearResult:
    """Those graded for the year (after the annual quota) and those not graded, with why."""

    graded: GradingResult
    not_graded: tuple[NotGraded, ...]
    is_late: bool

    def to_dict(self) -> dict[str, Any]:
        data = self.graded.to_dict()
        data["not_graded"] = [
            {
                "name": p.name,
                "unit": p.unit,
                "reason": {
                    "vi": "; ".join(n.vi for n in p.notes),
                    "en": "; ".join(n.en for n in p.notes),
                },
            }
            for p in self.not_graded
        ]
        data["late"] = self.is_late
        return data


def aggregate(scheme: Scheme, periods: Sequence[PeriodGrade]) -> Aggregate:
    """The grade of a longer period from its shorter ones, by the scheme's rule."""
    if scheme.aggregation is None:
        raise AggregationError(
            f"phương án '{scheme.key}' không tổng hợp theo kỳ",
            f"scheme '{scheme.key}' does not aggregate periods",
        )
    if not periods:
        raise AggregationError("không có kết quả kỳ nào", "no period result to aggregate")
    known = scheme.band_keys
    for item in periods:
        if item.grade not in known:
            raise AggregationError(
                f"loại '{item.grade}' không có", f"no grade '{item.grade}'", field="grade"
            )
    average = _average(scheme, periods)
    if scheme.aggregation is Aggregation.AVERAGE:
        if average is None:
            raise AggregationError(
                "quy tắc 'average' cần tổng điểm mọi kỳ", "rule 'average' needs every total"
            )
        return _by_average(scheme, average, len(periods))
    return _by_share(scheme, periods, average)


def _average(scheme: Scheme, periods: Sequence[PeriodGrade]) -> Decimal | None:
    totals = [item.total for item in periods if item.total is not None]
    if len(totals) < len(periods):
        return None
    numerator, denominator = exact_sum(totals).as_integer_ratio()
    return round_ratio(numerator, denominator * len(totals), scheme.places, scheme.rounding)


def _by_average(scheme: Scheme, average: Decimal, count: int) -> Aggregate:
    grade = next(band.key for band in scheme.bands if average >= (band.at_least or Decimal(0)))
    return Aggregate(
        total=average,
        grade=grade,
        notes=(
            Note(
                f"Trung bình {count} kỳ: {average} điểm: loại {grade}",
                f"Average of {count} periods: {average} points: grade {grade}",
            ),
        ),
    )


def _by_share(scheme: Scheme, periods: Sequence[PeriodGrade], average: Decimal | None) -> Aggregate:
    count = len(periods)
    for key, share in scheme.share_at_least:
        limit = scheme.rank(key)
        reached = sum(1 for item in periods if scheme.rank(item.grade) <= limit)
        if reached * share.denominator >= count * share.numerator:
            note = Note(
                f"{reached}/{count} kỳ đạt loại {key} trở lên (cần {show(share)}): loại {key}",
                f"{reached} of {count} periods at grade {key} or better ({show(share)} needed): "
                f"grade {key}",
            )
            return Aggregate(total=average, grade=key, notes=(note,))
    lowest = scheme.lowest.key
    note = Note(
        f"Không đạt tỷ lệ kỳ của loại nào cao hơn: loại {lowest}",
        f"No better grade reached in enough periods: grade {lowest}",
    )
    return Aggregate(total=average, grade=lowest, notes=(note,))


def annual_grade(
    scheme: Scheme,
    periods: Sequence[PeriodGrade],
    facts: AnnualFacts = AnnualFacts(),
    *,
    graded_on: date,
    conditions: Mapping[str, bool | Fraction] | None = None,
    disqualifying: frozenset[str] = frozenset(),
) -> AnnualGrade:
    """A person's annual grade before the annual quota, by the scheme's annual rules."""
    rules = _rules(scheme)
    months = _months(facts, len(periods))
    deadline = date(graded_on.year, *rules.deadline)
    is_late = graded_on >= deadline
    notes = [_late(graded_on, deadline)] if is_late else []
    absent = months[1] + (0 if rules.is_maternity_on_time_worked else months[2])
    maternity = months[2] if rules.is_maternity_on_time_worked else Decimal(0)
    worked = months[0] - absent - maternity
    refusal = _not_graded(rules, absent, maternity, worked, len(periods))
    if refusal is not None:
        return AnnualGrade(AnnualStatus.NOT_GRADED, None, None, is_late, (*notes, refusal))
    if maternity:
        notes.append(
            Note(
                f"Nghỉ thai sản {maternity} tháng: xếp loại theo {worked} tháng làm việc thực tế",
                f"Maternity leave of {maternity} months: graded on the {worked} months worked",
            )
        )
    result = aggregate(scheme, periods)
    notes += result.notes
    grade, more = judge(scheme, result.grade, conditions or {}, disqualifying)
    notes += more
    if absent >= rules.absence_capped_from:
        grade = scheme.at_most(grade, rules.absence_cap)
        notes.append(
            Note(
                f"Nghỉ {absent} tháng (từ {rules.absence_capped_from} đến dưới "
                f"{rules.absence_not_graded_from} tháng): không cao hơn loại {rules.absence_cap}",
                f"Absent {absent} months ({rules.absence_capped_from} to under "
                f"{rules.absence_not_graded_from}): no better than grade {rules.absence_cap}",
            )
        )
    return AnnualGrade(AnnualStatus.GRADED, result.total, grade, is_late, tuple(notes))


def _rules(scheme: Scheme) -> AnnualRules:
    if scheme.annual is None:
        raise AggregationError(
            f"phương án '{scheme.key}' không có quy định xếp loại năm ([annual])",
            f"scheme '{scheme.key}' has no annual rules ([annual])",
        )
    return scheme.annual


def _months(facts: AnnualFacts, periods: int) -> tuple[Decimal, Decimal, Decimal]:
    values = tuple(
        Decimal(value)
        for value in (facts.months_in_post, facts.months_absent, facts.months_maternity)
    )
    in_post, absent, maternity = values
    if any(value < 0 for value in values) or in_post > 12 or absent + maternity > in_post:
        raise AggregationError(
            f"số tháng không hợp lệ: {in_post} tháng công tác, nghỉ {absent}, thai sản {maternity}",
            f"months do not add up: {in_post} in post, {absent} absent, {maternity} maternity",
            field="months",
        )
    if periods > 12:
        raise AggregationError(
            f"{periods} kết quả kỳ trong một năm", f"{periods} period results in one year"
        )
    return in_post, absent, maternity


def _not_graded(
    rules: AnnualRules, absent: Decimal, maternity: Decimal, worked: Decimal, periods: int
) -> Note | None:
    if absent >= rules.absence_not_graded_from:
        return Note(
            f"Nghỉ {absent} tháng (từ {rules.absence_not_graded_from} tháng trở lên): "
            "không xếp loại",
            f"Absent {absent} months ({rules.absence_not_graded_from} or more): not graded",
        )
    if not maternity and worked < rules.min_months_worked:
        return Note(
            f"Làm việc {worked} tháng trong năm (dưới {rules.min_months_worked} tháng): "
            "không xếp loại",
            f"Worked {worked} months in the year (under {rules.min_months_worked}): not graded",
        )
    if periods == 0 or worked <= 0:
        return Note(
            "Không có kết quả đánh giá kỳ nào trong năm: không xếp loại",
            "No period was assessed in the year: not graded",
        )
    return None


def _late(graded_on: date, deadline: date) -> Note:
    return Note(
        f"Xếp loại ngày {graded_on:%d/%m/%Y}, không trước hạn {deadline:%d/%m/%Y}",
        f"Graded on {graded_on.isoformat()}, not before the deadline of {deadline.isoformat()}",
    )


def grade_year(
    scheme: Scheme,
    people: Sequence[PersonPeriods],
    *,
    graded_on: date,
    outstanding_units: Collection[str] = (),
    decisions: Collection[str] = (),
) -> YearResult:
    """Every person's annual grade, then the scheme's quotas on those graded."""
    graded: list[Assessment] = []
    not_graded: list[NotGraded] = []
    is_late = False
    for item in people:
        year = annual_grade(
            scheme,
            item.periods,
            item.facts,
            graded_on=graded_on,
            conditions=item.conditions,
            disqualifying=item.disqualifying,
        )
        is_late = is_late or year.is_late
        if year.grade is None:
            not_graded.append(NotGraded(item.person, item.name, item.unit, item.group, year.notes))
        else:
            graded.append(_assessment(item, year.total, year.grade, year.notes))
    result = apply_quotas(
        scheme,
        graded,
        period=Period.ANNUAL,
        outstanding_units=outstanding_units,
        decisions=decisions,
    )
    return YearResult(graded=result, not_graded=tuple(not_graded), is_late=is_late)


def grade_quarter(
    scheme: Scheme,
    people: Sequence[PersonPeriods],
    *,
    outstanding_units: Collection[str] = (),
    decisions: Collection[str] = (),
) -> GradingResult:
    """Every person's quarterly grade from their months (one to three), then the quotas."""
    if Period.MONTHLY not in scheme.periods:
        raise AggregationError(
            f"phương án '{scheme.key}' không đánh giá hằng tháng",
            f"scheme '{scheme.key}' has no monthly scores to aggregate",
        )
    assessments = []
    for item in people:
        if not 1 <= len(item.periods) <= 3:
            raise AggregationError(
                f"'{item.person}': một quý có 1 đến 3 tháng, không phải {len(item.periods)}",
                f"'{item.person}': a quarter has 1 to 3 months, not {len(item.periods)}",
            )
        result = aggregate(scheme, item.periods)
        grade, more = judge(scheme, result.grade, item.conditions, item.disqualifying)
        assessments.append(_assessment(item, result.total, grade, (*result.notes, *more)))
    return apply_quotas(
        scheme,
        assessments,
        period=Period.QUARTERLY,
        outstanding_units=outstanding_units,
        decisions=decisions,
    )


def _assessment(
    item: PersonPeriods, total: Decimal | None, grade: str, notes: Sequence[Note]
) -> Assessment:
    return Assessment(
        person=item.person,
        name=item.name,
        unit=item.unit,
        group=item.group,
        total=total,
        grade=grade,
        notes=tuple(notes),
    )
