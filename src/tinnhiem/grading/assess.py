"""A person's grade before any quota: the total of their scores (or the grade proposed for them),
the band it reaches, the extra conditions of that band, and disqualifying facts.

The order is fixed and every step leaves a note saying why, in Vietnamese and English:
band from the total -> each unmet condition takes the grade one band down -> a disqualifying
fact forces the scheme's grade for it. Quotas come after, in `tinnhiem.grading.quota`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, Inexact
from fractions import Fraction

from tinnhiem.grading.errors import ScoreError
from tinnhiem.grading.numbers import exact_add, round_decimal, show, vi
from tinnhiem.grading.scheme import Condition, Criterion, InputKind, Scheme


@dataclass(frozen=True)
class Note:
    """One reason, in both languages."""

    vi: str
    en: str


@dataclass(frozen=True)
class ScoreLine:
    """One person's input for one period.

    `scores` maps criterion key to points (points schemes); `proposed` is the grade put forward
    (grade schemes). `conditions` maps a condition key to True/False or to a share; a condition
    left out is not met. `facts` are the disqualifying facts found. `key` identifies the person
    across units and periods; it defaults to "unit/name". `row` is where the line came from."""

    name: str
    unit: str
    group: str = ""
    scores: Mapping[str, Decimal] = field(default_factory=dict)
    proposed: str | None = None
    conditions: Mapping[str, bool | Fraction] = field(default_factory=dict)
    facts: frozenset[str] = frozenset()
    key: str = ""
    row: int | None = None

    @property
    def person(self) -> str:
        return self.key or f"{self.unit}/{self.name}"


@dataclass(frozen=True)
class Assessment:
    """A person's total and grade before the quota step, and the notes that explain them."""

    person: str
    name: str
    unit: str
    group: str
    total: Decimal | None
    grade: str
    notes: tuple[Note, ...] = ()
    row: int | None = None


def total_of(scheme: Scheme, scores: Mapping[str, Decimal], *, row: int | None = None) -> Decimal:
    """The exact sum of the scores, capped at the scheme's `max_total`, rounded by its rule.

    Refuses a missing score (a bonus may be left out), an unknown criterion, a negative score and
    a score above its criterion's maximum, naming the criterion and the row."""
    return _Plan(scheme).total(scores, row)


def assess(scheme: Scheme, line: ScoreLine) -> Assessment:
    """The grade before the quota step, with its notes."""
    return _Plan(scheme).assess(line)


def assess_all(scheme: Scheme, lines: list[ScoreLine]) -> list[Assessment]:
    """`assess` for many lines, preparing the scheme once."""
    plan = _Plan(scheme)
    return [plan.assess(line) for line in lines]


def judge(
    scheme: Scheme,
    grade: str,
    conditions: Mapping[str, bool | Fraction],
    facts: frozenset[str],
    *,
    row: int | None = None,
) -> tuple[str, list[Note]]:
    """Apply the extra conditions of `grade` and the disqualifying facts to a grade already
    reached by a total or proposed; return the grade and the notes (shared with aggregation)."""
    return _Plan(scheme).judge(grade, conditions, facts, row)


class _Plan:
    """The scheme turned into lookups once per batch, so 50,000 people cost 50,000 dict reads
    rather than 50,000 walks over the scheme."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.criteria = scheme.criteria
        self.known = frozenset(criterion.key for criterion in scheme.criteria)
        self.floors = [(band.key, band.at_least or Decimal(0)) for band in scheme.bands]
        self.reached: dict[Decimal, Note] = {}
        self.conditions: dict[str, list[Condition]] = {}
        for condition in scheme.conditions:
            self.conditions.setdefault(condition.band, []).append(condition)

    def total(self, scores: Mapping[str, Decimal], row: int | None) -> Decimal:
        total = Decimal(0)
        counted = 0
        for criterion in self.criteria:
            value = scores.get(criterion.key)
            if value is None and criterion.is_bonus:
                continue
            value = _checked(criterion, value, row)
            try:
                total = exact_add(total, value)
            except Inexact as exc:
                raise ScoreError(
                    f"điểm {value} có quá nhiều chữ số", f"the score {value} has too many digits",
                    row=row, field=criterion.key,
                ) from exc  # fmt: skip
            counted += 1
        if len(scores) > counted:
            unknown = sorted(set(scores) - self.known)
            if unknown:
                raise ScoreError(
                    "không có tiêu chí này", "no such criterion", row=row, field=unknown[0]
                )
        cap = self.scheme.max_total
        if cap is not None and total > cap:
            total = cap
        return round_decimal(total, self.scheme.places, self.scheme.rounding)

    def band_of(self, total: Decimal) -> str:
        for key, floor in self.floors:
            if total >= floor:
                return key
        return self.floors[-1][0]

    def assess(self, line: ScoreLine) -> Assessment:
        scheme = self.scheme
        total: Decimal | None = None
        if scheme.input is InputKind.POINTS:
            points = self.total(line.scores, line.row)
            grade = self.band_of(points)
            note = self.reached.get(points)
            if note is None:  # totals repeat (half points: 201 of them), their notes too
                note = self.reached[points] = _reached(scheme, points, grade)
            notes = [note]
            total = points
        else:
            grade = self.proposed(line)
            band = scheme.band(grade)
            notes = [Note(f"Đề xuất: {band.label_vi}", f"Proposed: {band.label_en}")]
        if line.conditions or line.facts or grade in self.conditions:
            grade, more = self.judge(grade, line.conditions, line.facts, line.row)
            notes += more
        return Assessment(
            person=line.person,
            name=line.name,
            unit=line.unit,
            group=line.group,
            total=total,
            grade=grade,
            notes=tuple(notes),
            row=line.row,
        )

    def proposed(self, line: ScoreLine) -> str:
        if line.proposed not in self.scheme.band_keys:
            keys = ", ".join(self.scheme.band_keys)
            raise ScoreError(
                f"xếp loại '{line.proposed or ''}' không có (có: {keys})",
                f"no grade '{line.proposed or ''}' (grades: {keys})",
                row=line.row,
                field="grade",
            )
        return line.proposed

    def judge(
        self,
        grade: str,
        conditions: Mapping[str, bool | Fraction],
        facts: frozenset[str],
        row: int | None,
    ) -> tuple[str, list[Note]]:
        scheme = self.scheme
        notes = []
        while grade in self.conditions:
            unmet = [c for c in self.conditions[grade] if not _is_met(c, conditions.get(c.key))]
            if not unmet:
                break
            lower = scheme.below(grade)
            notes.append(_unmet(scheme, grade, lower, unmet))
            grade = lower
        if facts:
            grade, note = self.disqualified(grade, facts, row)
            notes.append(note)
        return grade, notes

    def disqualified(self, grade: str, facts: frozenset[str], row: int | None) -> tuple[str, Note]:
        rules = self.scheme.disqualifying
        known = rules.fact_keys if rules else ()
        for key in sorted(facts):
            if key not in known:
                raise ScoreError(
                    f"tình tiết '{key}' không có (có: {', '.join(known) or 'không có'})",
                    f"no disqualifying fact '{key}' (facts: {', '.join(known) or 'none'})",
                    row=row,
                    field="disqualified",
                )
        assert rules is not None
        named = [rules.fact(key) for key in sorted(facts)]
        forced = self.scheme.band(rules.grade)
        return self.scheme.at_most(grade, rules.grade), Note(
            f"Không cao hơn loại {forced.key} ({forced.label_vi}) vì "
            f"{'; '.join(f.label_vi for f in named)}",
            f"No better than grade {forced.key} ({forced.label_en}) because of "
            f"{'; '.join(f.label_en for f in named)}",
        )


def _checked(criterion: Criterion, value: Decimal | None, row: int | None) -> Decimal:
    """The score, if it is a number from 0 to the criterion's maximum."""
    if value is None:
        raise ScoreError("thiếu điểm", "the score is missing", row=row, field=criterion.key)
    if not value.is_finite():
        raise ScoreError(
            f"'{value}' không phải là số", f"'{value}' is not a number", row=row,
            field=criterion.key,
        )  # fmt: skip
    if value < 0:
        raise ScoreError(
            f"điểm {value} là số âm", f"the score {value} is negative", row=row,
            field=criterion.key,
        )  # fmt: skip
    if value > criterion.maximum:
        raise ScoreError(
            f"điểm {vi(value)} vượt mức tối đa {vi(criterion.maximum)} của tiêu chí "
            f"'{criterion.label_vi}'",
            f"the score {value} is above the maximum of {criterion.maximum} for "
            f"'{criterion.label_en}'",
            row=row,
            field=criterion.key,
        )
    return value


def _reached(scheme: Scheme, total: Decimal, grade: str) -> Note:
    band = scheme.band(grade)
    if band.at_least:
        return Note(
            f"Tổng {vi(total)} điểm: loại {grade} (từ {vi(band.at_least)} điểm)",
            f"Total {total} points: grade {grade} ({band.at_least} or more)",
        )
    above = scheme.bands[-2].at_least if len(scheme.bands) > 1 else None
    return Note(
        f"Tổng {vi(total)} điểm: loại {grade} (dưới {vi(above)} điểm)",
        f"Total {total} points: grade {grade} (under {above})",
    )


def _is_met(condition: Condition, value: bool | Fraction | None) -> bool:
    if condition.at_least is None:
        return value is True
    return value is not None and not isinstance(value, bool) and value >= condition.at_least


def _unmet(scheme: Scheme, grade: str, lower: str, unmet: list[Condition]) -> Note:
    def share(c: Condition) -> str:
        return "" if c.at_least is None else f" ({show(c.at_least)})"

    return Note(
        f"Chưa đủ điều kiện loại {grade} ({'; '.join(c.label_vi + share(c) for c in unmet)}): "
        f"xếp loại {lower}",
        f"Conditions for grade {grade} not met ({'; '.join(c.label_en for c in unmet)}): "
        f"graded {lower}",
    )
