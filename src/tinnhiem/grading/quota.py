"""The quota step: at most a share of a population may keep a grade.

For each quota of the scheme, best grade first, and each population (the people sharing the
quota's `per` keys: a unit, or a unit and a group of similar posts):

1. the cap: `floor(base × cap)`, where the base is everyone graded in the population or those
   graded `base_band` or better before this quota (a cap of "at most 30 %" allows 3 of 10, and
   2 of 7, since 3 of 7 is above 30 %);
2. the candidates (those at the quota's grade) are ordered by total, highest first; the person's
   name, the unit and the order of the input play no part;
3. runs of equal totals are kept whole while they fit; runs wholly past the cap are demoted;
4. a run that straddles the cap is a tie the rules cannot break: everyone in it is **flagged**
   until the caller decides who keeps the grade (`decisions`, exactly as many as there are
   places left). Nothing is broken silently, not by name, not by row.

Grade-input schemes have no totals, so all their candidates tie: a quota exceeded there always
needs a decision.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import groupby
from typing import Any

from tinnhiem.grading.assess import Assessment, Note, ScoreLine, assess_all
from tinnhiem.grading.errors import DecisionError
from tinnhiem.grading.numbers import cap_count, show
from tinnhiem.grading.scheme import Period, Quota, QuotaBase, Scheme


class QuotaStatus(StrEnum):
    OK = "ok"  # no quota touched the person's grade
    DEMOTED = "demoted"  # a quota took the grade down
    FLAGGED = "flagged"  # tied at the cap: an explicit decision is needed


@dataclass(frozen=True)
class Graded:
    """A person's result after the quota step. A flagged person keeps the grade before the quota
    until a decision is made."""

    person: str
    name: str
    unit: str
    group: str
    total: Decimal | None
    grade: str
    grade_before_quota: str
    quota: QuotaStatus
    notes: tuple[Note, ...]

    @property
    def reason_vi(self) -> str:
        return "; ".join(note.vi for note in self.notes)

    @property
    def reason_en(self) -> str:
        return "; ".join(note.en for note in self.notes)


@dataclass(frozen=True)
class QuotaUse:
    """How one population used one quota."""

    band: str
    unit: str | None
    group: str | None
    cap: Fraction
    is_outstanding: bool
    base: int
    allowed: int
    candidates: int
    kept: int
    demoted: int
    flagged: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "group": self.group,
            "cap": show(self.cap),
            "outstanding": self.is_outstanding,
            "base": self.base,
            "allowed": self.allowed,
            "candidates": self.candidates,
            "kept": self.kept,
            "demoted": self.demoted,
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class GradingResult:
    scheme: Scheme
    people: tuple[Graded, ...]
    quota_use: tuple[QuotaUse, ...]

    def person(self, key: str) -> Graded:
        """The result of the person with this key (`ScoreLine.person`)."""
        for person in self.people:
            if person.person == key:
                return person
        raise KeyError(key)

    @property
    def is_complete(self) -> bool:
        """No tie is waiting for a decision."""
        return all(person.quota is not QuotaStatus.FLAGGED for person in self.people)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `tinnhiem grade --format json`. Totals are exact decimal strings."""
        use: dict[str, list[dict[str, Any]]] = {}
        for item in self.quota_use:
            use.setdefault(item.band, []).append(item.to_dict())
        return {
            "scheme": self.scheme.key,
            "people": [
                {
                    "name": p.name,
                    "unit": p.unit,
                    "total": None if p.total is None else str(p.total),
                    "grade": p.grade,
                    "quota": p.quota.value,
                    "reason": {"vi": p.reason_vi, "en": p.reason_en},
                }
                for p in self.people
            ],
            "quota_use": use,
        }


def apply_quotas(
    scheme: Scheme,
    assessments: Sequence[Assessment],
    *,
    period: Period | None = None,
    outstanding_units: Collection[str] = (),
    decisions: Collection[str] = (),
) -> GradingResult:
    """Apply the scheme's quotas (those for `period`, or all) to grades before the quota.

    `outstanding_units` get a quota's `outstanding_cap`; `decisions` are the people (by
    `Assessment.person`) who keep the grade among those tied at a cap. A decision that names
    nobody in such a tie, or the wrong number of people for the places left, is refused."""
    _check_people(assessments)
    _check_outstanding(scheme, assessments, outstanding_units)
    step = _Step(scheme, assessments, frozenset(outstanding_units), frozenset(decisions))
    for quota in sorted(scheme.quotas, key=lambda q: scheme.rank(q.band)):
        if period is None or not quota.periods or period in quota.periods:
            step.apply(quota)
    unused = sorted(step.decisions - step.used)
    if unused:
        raise DecisionError(
            f"quyết định giữ loại cho {', '.join(unused)}: người này không ở nhóm bằng điểm "
            "tại ngưỡng hạn mức",
            f"a decision to keep the grade names {', '.join(unused)}: not tied at a quota's cap",
        )
    return step.result()


def _check_people(assessments: Sequence[Assessment]) -> None:
    seen: dict[str, Assessment] = {}
    for item in assessments:
        if item.person in seen:
            raise DecisionError(
                f"'{item.person}' có hai lần (thêm cột mã cán bộ nếu trùng tên)",
                f"'{item.person}' appears twice (add an id column if two share a name)",
                row=item.row,
                field="name",
            )
        seen[item.person] = item


def _check_outstanding(
    scheme: Scheme, assessments: Sequence[Assessment], outstanding: Collection[str]
) -> None:
    if not outstanding:
        return
    if not any(quota.outstanding_cap is not None for quota in scheme.quotas):
        raise DecisionError(
            f"phương án '{scheme.key}' không có hạn mức riêng cho đơn vị có thành tích nổi bật",
            f"scheme '{scheme.key}' has no separate cap for units with outstanding achievements",
        )
    units = {item.unit for item in assessments}
    unknown = sorted(set(outstanding) - units)
    if unknown:
        raise DecisionError(
            f"đơn vị {', '.join(unknown)} không có trong danh sách xếp loại",
            f"unit {', '.join(unknown)} is not among those graded",
        )


class _Step:
    """The running state of the quota step: current grades, statuses and notes per person."""

    def __init__(
        self,
        scheme: Scheme,
        assessments: Sequence[Assessment],
        outstanding: frozenset[str],
        decisions: frozenset[str],
    ) -> None:
        self.scheme = scheme
        self.people = assessments
        self.outstanding = outstanding
        self.decisions = decisions
        self.used: set[str] = set()
        self.grade = {a.person: a.grade for a in assessments}
        self.status = dict.fromkeys(self.grade, QuotaStatus.OK)
        self.notes: dict[str, list[Note]] = {}
        self.use: list[QuotaUse] = []

    def apply(self, quota: Quota) -> None:
        populations: dict[tuple[str, ...], list[Assessment]] = {}
        key_of = _population_key(quota.per)
        for item in self.people:
            populations.setdefault(key_of(item), []).append(item)
        for key in sorted(populations):
            self.population(quota, dict(zip(quota.per, key, strict=True)), populations[key])

    def population(self, quota: Quota, where: dict[str, str], people: list[Assessment]) -> None:
        scheme, grade = self.scheme, self.grade
        if quota.base is QuotaBase.GRADED:
            base = len(people)
        else:
            assert quota.base_band is not None
            limit = scheme.rank(quota.base_band)
            base = sum(1 for p in people if scheme.rank(grade[p.person]) <= limit)
        unit = where.get("unit")
        is_outstanding = unit in self.outstanding and quota.outstanding_cap is not None
        cap = quota.outstanding_cap if is_outstanding and quota.outstanding_cap else quota.cap
        allowed = cap_count(base, cap)
        candidates = sorted(
            (p for p in people if grade[p.person] == quota.band), key=_by_total, reverse=True
        )
        scope = _Scope(quota, where, cap, base, allowed, len(candidates), is_outstanding)
        counts = self.place(scope, candidates)
        self.use.append(
            QuotaUse(
                band=quota.band,
                unit=unit,
                group=where.get("group"),
                cap=cap,
                is_outstanding=is_outstanding,
                base=base,
                allowed=allowed,
                candidates=len(candidates),
                kept=counts[QuotaStatus.OK],
                demoted=counts[QuotaStatus.DEMOTED],
                flagged=counts[QuotaStatus.FLAGGED],
            )
        )

    def place(self, scope: _Scope, candidates: list[Assessment]) -> dict[QuotaStatus, int]:
        counts = dict.fromkeys(QuotaStatus, 0)
        used = 0
        rank = 1
        for _, run_iter in groupby(candidates, key=_by_total):
            run = list(run_iter)
            places = scope.allowed - used
            if len(run) <= places:
                outcomes = [(p, QuotaStatus.OK, scope.within(rank)) for p in run]
            elif places <= 0:
                outcomes = [(p, QuotaStatus.DEMOTED, scope.over(rank)) for p in run]
            else:
                outcomes = self.tie(scope, run, places, rank)
            for person, status, note in outcomes:
                self.settle(scope.quota, person, status, note)
                counts[status] += 1
            used += min(len(run), max(places, 0))
            rank += len(run)
        return counts

    def tie(
        self, scope: _Scope, run: list[Assessment], places: int, rank: int
    ) -> list[tuple[Assessment, QuotaStatus, Note]]:
        chosen = {p.person for p in run} & self.decisions
        if not chosen:
            return [(p, QuotaStatus.FLAGGED, scope.flagged(rank, len(run), places)) for p in run]
        if len(chosen) != places:
            names = ", ".join(p.person for p in run)
            raise DecisionError(
                f"{len(run)} người bằng điểm ({names}) tranh {places} chỗ của {scope.vi}: "
                f"cần chọn đúng {places}, đã chọn {len(chosen)}",
                f"{len(run)} people tied ({names}) for {_places(places)} of {scope.en}: choose "
                f"exactly {places}, {len(chosen)} chosen",
            )
        self.used.update(chosen)
        return [
            (p, QuotaStatus.OK, scope.decided(rank, len(run), places, is_kept=True))
            if p.person in chosen
            else (p, QuotaStatus.DEMOTED, scope.decided(rank, len(run), places, is_kept=False))
            for p in run
        ]

    def settle(self, quota: Quota, person: Assessment, status: QuotaStatus, note: Note) -> None:
        key = person.person
        self.notes.setdefault(key, []).append(note)
        if status is QuotaStatus.DEMOTED:
            self.grade[key] = quota.demote_to
        if self.status[key] is QuotaStatus.OK:
            self.status[key] = status

    def result(self) -> GradingResult:
        people = tuple(
            Graded(
                person=a.person,
                name=a.name,
                unit=a.unit,
                group=a.group,
                total=a.total,
                grade=self.grade[a.person],
                grade_before_quota=a.grade,
                quota=self.status[a.person],
                notes=a.notes + tuple(self.notes.get(a.person, ())),
            )
            for a in self.people
        )
        return GradingResult(scheme=self.scheme, people=people, quota_use=tuple(self.use))


def _population_key(per: tuple[str, ...]) -> Callable[[Assessment], tuple[str, ...]]:
    if per == ("unit",):
        return lambda item: (item.unit,)
    if per == ("unit", "group"):
        return lambda item: (item.unit, item.group)
    return lambda item: tuple(item.unit if part == "unit" else item.group for part in per)


def _places(count: int) -> str:
    return f"{count} place" if count == 1 else f"{count} places"


def _by_total(item: Assessment) -> Decimal:
    return Decimal(-1) if item.total is None else item.total


@dataclass(frozen=True)
class _Scope:
    """One quota in one population, and the sentences that explain its outcomes."""

    quota: Quota
    where: dict[str, str]
    cap: Fraction
    base: int
    allowed: int
    candidates: int
    is_outstanding: bool

    @functools.cached_property
    def vi(self) -> str:
        place = ", ".join(
            f"{'đơn vị' if k == 'unit' else 'nhóm'} {v}" for k, v in self.where.items()
        )
        whom = (
            "người được xếp loại"
            if self.quota.base is QuotaBase.GRADED
            else f"người đạt loại {self.quota.base_band} trở lên"
        )
        extra = ", đơn vị có thành tích nổi bật" if self.is_outstanding else ""
        return (
            f"hạn mức loại {self.quota.band} {place or 'toàn danh sách'}{extra} "
            f"({self.allowed} chỗ = {show(self.cap)} của {self.base} {whom})"
        )

    @functools.cached_property
    def en(self) -> str:
        place = ", ".join(f"{k} {v}" for k, v in self.where.items())
        whom = (
            "graded"
            if self.quota.base is QuotaBase.GRADED
            else f"graded {self.quota.base_band} or better"
        )
        extra = ", an outstanding unit" if self.is_outstanding else ""
        return (
            f"the cap on grade {self.quota.band} in {place or 'the whole list'}{extra} "
            f"({_places(self.allowed)} = {show(self.cap)} of {self.base} {whom})"
        )

    def within(self, rank: int) -> Note:
        return Note(
            f"Trong {self.vi}; hạng {rank}/{self.candidates}",
            f"Within {self.en}; rank {rank} of {self.candidates}",
        )

    def over(self, rank: int) -> Note:
        down = self.quota.demote_to
        return Note(
            f"Hạ xuống loại {down}: vượt {self.vi}; hạng {rank}/{self.candidates}",
            f"Demoted to grade {down}: over {self.en}; rank {rank} of {self.candidates}",
        )

    def flagged(self, rank: int, tied: int, places: int) -> Note:
        return Note(
            f"Cần quyết định: {tied} người bằng điểm ở hạng {rank} tranh {places} chỗ còn lại "
            f"của {self.vi}",
            f"Decision needed: {tied} people tied at rank {rank} for {_places(places)} left "
            f"of {self.en}",
        )

    def decided(self, rank: int, tied: int, places: int, *, is_kept: bool) -> Note:
        if is_kept:
            return Note(
                f"Giữ loại {self.quota.band} theo quyết định: {tied} người bằng điểm ở hạng "
                f"{rank} tranh {places} chỗ của {self.vi}",
                f"Keeps grade {self.quota.band} by decision: {tied} people tied at rank {rank} "
                f"for {_places(places)} of {self.en}",
            )
        down = self.quota.demote_to
        return Note(
            f"Hạ xuống loại {down} theo quyết định: {tied} người bằng điểm ở hạng {rank} tranh "
            f"{places} chỗ của {self.vi}",
            f"Demoted to grade {down} by decision: {tied} people tied at rank {rank} for "
            f"{_places(places)} of {self.en}",
        )


def grade(
    scheme: Scheme,
    lines: Sequence[ScoreLine],
    *,
    period: Period | None = None,
    outstanding_units: Collection[str] = (),
    decisions: Collection[str] = (),
) -> GradingResult:
    """Grade one period: each person's total and grade (`assess`), then the quota step."""
    return apply_quotas(
        scheme,
        assess_all(scheme, list(lines)),
        period=period,
        outstanding_units=outstanding_units,
        decisions=decisions,
    )
