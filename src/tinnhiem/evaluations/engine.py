"""The bridge to the pure grading engine (`tinnhiem.grading`): a period's scheme, the score lines
of a unit's evaluations, and the grading of a unit's list with its quota decision.

Nothing here grades: totals, bands, conditions, facts and quotas are the engine's; this module
only turns stored evaluations into `ScoreLine`s and explains what the engine asks for.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tinnhiem.core.errors import DomainError, InputProblem
from tinnhiem.evaluations.models import Cadre, Evaluation, Period, Unit
from tinnhiem.grading import (
    BUILTIN_SCHEMES,
    DecisionError,
    Graded,
    GradingError,
    GradingResult,
    InputKind,
    QuotaStatus,
    QuotaUse,
    Scheme,
    ScoreLine,
    apply_quotas,
    assess,
    load_scheme,
    parse_scheme,
    total_of,
)
from tinnhiem.grading import (
    Period as GradingPeriod,
)
from tinnhiem.grading.numbers import parse_number, parse_share, show

MONTHLY_SCHEMES = tuple(key for key in BUILTIN_SCHEMES if key != "party-member")
YES, NO = "yes", "no"


class QuotaDecisionNeeded(DomainError):
    """A quota would be exceeded or a tie is flagged: the unit head must name who keeps the
    top grade before the list can be approved."""


def scheme_from(key: str, toml: str) -> Scheme:
    """A built-in scheme by key, or the custom TOML text; refused unless it grades months on
    points (the monthly workflow needs scores per criterion)."""
    if not toml.strip() and key not in MONTHLY_SCHEMES:  # never a path on the server's disk
        raise InputProblem(f"Không có phương án '{key}'", f"No scheme '{key}'")
    try:
        scheme = _parsed(toml) if toml.strip() else load_scheme(key)
    except GradingError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc
    if scheme.input is not InputKind.POINTS or GradingPeriod.MONTHLY not in scheme.periods:
        raise InputProblem(
            f"Phương án '{scheme.key}' không chấm điểm hằng tháng theo tiêu chí",
            f"Scheme '{scheme.key}' does not score months by criteria",
        )
    return scheme


@functools.lru_cache(maxsize=64)
def _parsed(toml: str) -> Scheme:
    return parse_scheme(toml, source="scheme.toml")


def period_scheme(period: Period) -> Scheme:
    return scheme_from(period.scheme_key, period.scheme_toml)


def _problem(exc: GradingError, scheme: Scheme) -> InputProblem:
    """The engine's error, naming the criterion by its label rather than its key."""
    labels = {c.key: (c.label_vi, c.label_en) for c in scheme.criteria}
    vi, en = labels.get(exc.field or "", (exc.field or "", exc.field or ""))
    if vi and vi not in exc.message_vi:
        return InputProblem(f"{vi}: {exc.message_vi}", f"{en}: {exc.message_en}")
    return InputProblem(exc.message_vi, exc.message_en)


def parse_scores(scheme: Scheme, raw: Mapping[str, str], *, is_complete: bool) -> dict[str, str]:
    """Scores as typed ("89,5" too) to exact decimal strings by criterion key, checked by the
    engine (a number from 0 to the criterion's maximum). A draft may leave scores out."""
    scores: dict[str, Decimal] = {}
    for criterion in scheme.criteria:
        text = (raw.get(criterion.key) or "").strip()
        if not text:
            continue
        value = parse_number(text)
        if value is None:
            raise InputProblem(
                f"{criterion.label_vi}: '{text}' không phải là số",
                f"{criterion.label_en}: '{text}' is not a number",
            )
        scores[criterion.key] = value
    checked = dict(scores)
    if not is_complete:  # let the engine check the scores given, whatever is still blank
        for criterion in scheme.criteria:
            checked.setdefault(criterion.key, Decimal(0))
    try:
        total_of(scheme, checked)
    except GradingError as exc:
        raise _problem(exc, scheme) from exc
    return {key: str(value) for key, value in scores.items()}


def parse_conditions(scheme: Scheme, raw: Mapping[str, str]) -> dict[str, str]:
    """The extra conditions of a grade as stored: "yes"/"no", or a share as typed ("35%")."""
    found: dict[str, str] = {}
    for condition in scheme.conditions:
        text = (raw.get(condition.key) or "").strip()
        if condition.at_least is None:
            found[condition.key] = YES if text.lower() in (YES, "on", "1", "có") else NO
        elif text:
            if parse_share(text) is None:
                raise InputProblem(
                    f"{condition.label_vi}: '{text}' không phải tỷ lệ (ví dụ 35% hoặc 0,35)",
                    f"{condition.label_en}: '{text}' is not a share (for example 35% or 0.35)",
                )
            found[condition.key] = text
    return found


def parse_facts(scheme: Scheme, keys: Collection[str]) -> list[str]:
    known = scheme.disqualifying.fact_keys if scheme.disqualifying else ()
    unknown = sorted(set(keys) - set(known))
    if unknown:
        raise InputProblem(
            f"Không có tình tiết '{unknown[0]}'", f"No disqualifying fact '{unknown[0]}'"
        )
    return sorted(set(keys))


def engine_conditions(scheme: Scheme, stored: Mapping[str, str]) -> dict[str, bool | Fraction]:
    values: dict[str, bool | Fraction] = {}
    for condition in scheme.conditions:
        text = stored.get(condition.key, "")
        if condition.at_least is None:
            values[condition.key] = text == YES
        elif text and (share := parse_share(text)) is not None:
            values[condition.key] = share
    return values


def score_line(evaluation: Evaluation, scheme: Scheme, *, is_reviewed: bool = True) -> ScoreLine:
    """One evaluation as the engine reads it; the key is the cadre's id, never the name."""
    cadre = evaluation.cadre
    scores = evaluation.reviewed_scores if is_reviewed else evaluation.self_scores
    conditions = evaluation.reviewed_conditions if is_reviewed else evaluation.self_conditions
    return ScoreLine(
        name=cadre.person.full_name,
        unit=cadre.unit.name,
        group=cadre.group,
        scores={key: Decimal(value) for key, value in scores.items()},
        conditions=engine_conditions(scheme, conditions),
        facts=frozenset(evaluation.facts if is_reviewed else ()),
        key=str(cadre.pk),
    )


def check_complete(scheme: Scheme, evaluation: Evaluation, *, is_reviewed: bool) -> None:
    """Refuse a submission or review whose scores the engine cannot grade."""
    try:
        assess(scheme, score_line(evaluation, scheme, is_reviewed=is_reviewed))
    except GradingError as exc:
        raise _problem(exc, scheme) from exc


@dataclass(frozen=True)
class Contest:
    """One population over its cap: who competes for the top grade, and what the rule alone
    decides (by total) and leaves open (a tie at the cap)."""

    use: QuotaUse
    candidates: tuple[str, ...]  # cadre ids, highest total first
    kept_by_total: tuple[str, ...]
    tied: tuple[str, ...]
    places_for_tied: int


@dataclass(frozen=True)
class UnitGrading:
    """The engine's result for a unit's month, before any decision, and what it needs."""

    scheme: Scheme
    result: GradingResult  # without decisions: tied people are flagged
    contests: tuple[Contest, ...]
    is_outstanding: bool

    @property
    def needs_decision(self) -> bool:
        return bool(self.contests)

    @property
    def contested(self) -> frozenset[str]:
        return frozenset(key for contest in self.contests for key in contest.candidates)

    @property
    def proposed_keep(self) -> frozenset[str]:
        return frozenset(key for contest in self.contests for key in contest.kept_by_total)


def is_outstanding(scheme: Scheme, unit: Unit, period: Period) -> bool:
    has_cap = any(quota.outstanding_cap is not None for quota in scheme.quotas)
    return has_cap and unit.outstanding_year == period.year


def grade_unit(
    scheme: Scheme,
    evaluations: Sequence[Evaluation],
    unit: Unit,
    period: Period,
    *,
    decisions: Collection[str] = (),
) -> GradingResult:
    lines = [score_line(evaluation, scheme) for evaluation in evaluations]
    outstanding = {unit.name} if is_outstanding(scheme, unit, period) and lines else set()
    try:
        return apply_quotas(
            scheme,
            [assess(scheme, line) for line in lines],
            period=GradingPeriod.MONTHLY,
            outstanding_units=outstanding,
            decisions=decisions,
        )
    except DecisionError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc
    except GradingError as exc:
        raise _problem(exc, scheme) from exc


def unit_grading(
    scheme: Scheme, evaluations: Sequence[Evaluation], unit: Unit, period: Period
) -> UnitGrading:
    """The unit's grades by the engine, and the populations whose cap is exceeded."""
    result = grade_unit(scheme, evaluations, unit, period)
    return UnitGrading(
        scheme, result, quota_contests(scheme, result), is_outstanding(scheme, unit, period)
    )


def quota_contests(scheme: Scheme, result: GradingResult) -> tuple[Contest, ...]:
    """Every population whose cap the result exceeds, with who competes for its places."""
    return tuple(_contest(scheme, result, use) for use in result.quota_use if _over(use))


def _over(use: QuotaUse) -> bool:
    return use.candidates > use.allowed


def _contest(scheme: Scheme, result: GradingResult, use: QuotaUse) -> Contest:
    # the candidates of a quota are those at its grade before the quota step, in its population
    # (with several quotas in one scheme, someone demoted into this grade by a better grade's
    # quota is not counted here; the built-in schemes have one quota each)
    people = [
        person
        for person in result.people
        if person.grade_before_quota == use.band
        and (use.unit is None or person.unit == use.unit)
        and (use.group is None or person.group == use.group)
    ]
    people.sort(key=lambda person: person.total or Decimal(-1), reverse=True)
    tied = tuple(p.person for p in people if p.quota is QuotaStatus.FLAGGED)
    kept = tuple(p.person for p in people if p.quota is QuotaStatus.OK)
    return Contest(
        use=use,
        candidates=tuple(p.person for p in people),
        kept_by_total=kept,
        tied=tied,
        places_for_tied=use.allowed - len(kept),
    )


def decide(
    grading: UnitGrading,
    evaluations: Sequence[Evaluation],
    unit: Unit,
    period: Period,
    keep: Collection[str] | None,
) -> GradingResult:
    """The final result with the unit head's decision: `keep` names exactly the contested
    people who keep the top grade. The engine checks a tie's choice; a name the rule demotes
    (a lower total than one kept) or leaves out someone the rule keeps is refused, so that a
    stale or careless decision never changes a grade quietly."""
    if not grading.needs_decision:
        if keep:
            raise InputProblem(
                "Không có hạn mức nào bị vượt: không cần quyết định giữ loại",
                "No quota is exceeded: no decision on who keeps the grade is needed",
            )
        return grading.result
    if keep is None:
        names = _names(grading.result, grading.contested)
        raise QuotaDecisionNeeded(
            f"Vượt hạn mức hoặc có người bằng điểm tại ngưỡng ({names}): cần quyết định rõ ai "
            "giữ loại cao nhất trước khi phê duyệt",
            f"A quota is exceeded or people are tied at the cap ({names}): decide who keeps the "
            "top grade before approving",
        )
    chosen = {str(key) for key in keep}
    outside = chosen - grading.contested
    if outside:
        raise InputProblem(
            f"{_names(grading.result, outside)} không thuộc diện xét hạn mức",
            f"{_names(grading.result, outside)}: not among those the quota decides",
        )
    for contest in grading.contests:
        if contest.tied and not chosen & set(contest.tied):
            raise QuotaDecisionNeeded(
                f"{_names(grading.result, contest.tied)} bằng điểm tại ngưỡng hạn mức: chọn "
                f"{contest.places_for_tied} người giữ loại {contest.use.band}",
                f"{_names(grading.result, contest.tied)} are tied at the cap: choose "
                f"{contest.places_for_tied} to keep grade {contest.use.band}",
            )
    tied = {key for contest in grading.contests for key in contest.tied}
    result = grade_unit(grading.scheme, evaluations, unit, period, decisions=sorted(chosen & tied))
    kept = {p.person for p in result.people if p.person in grading.contested and _kept(p)}
    if kept != chosen:
        raise InputProblem(
            "Quyết định chưa đúng quy tắc hạn mức (giữ người điểm cao hơn trước): "
            f"theo tổng điểm, giữ loại: {_names(result, kept) or '—'}",
            "The decision does not fit the quota rule (higher totals keep the grade first): "
            f"by total, the grade is kept by: {_names(result, kept) or '—'}",
        )
    return result


def _kept(person: Graded) -> bool:
    return person.grade == person.grade_before_quota


def _names(result: GradingResult, keys: Collection[str]) -> str:
    return ", ".join(p.name for p in result.people if p.person in keys)


def quota_use_dicts(result: GradingResult) -> list[dict[str, Any]]:
    return [
        {
            "band": use.band,
            "group": use.group or "",
            "cap": show(use.cap),
            "is_outstanding": use.is_outstanding,
            "base": use.base,
            "allowed": use.allowed,
            "candidates": use.candidates,
            "kept": use.kept,
            "demoted": use.demoted,
            "flagged": use.flagged,
        }
        for use in result.quota_use
    ]


def band_label(scheme: Scheme, key: str, *, english: bool = False) -> str:
    if not key:
        return ""
    try:
        band = scheme.band(key)
    except KeyError:
        return key
    return band.label_en if english else band.label_vi


def cadre_key(cadre: Cadre) -> str:
    return str(cadre.pk)


def grade_classes(*schemes: Scheme) -> dict[str, str]:
    """A CSS class per grade key: r0 for the best, r3 for the lowest (always the red one)."""
    classes: dict[str, str] = {}
    for scheme in schemes:
        last = len(scheme.bands) - 1
        for index, band in enumerate(scheme.bands):
            classes.setdefault(band.key, "r3" if index == last else f"r{min(index, 2)}")
    return classes
