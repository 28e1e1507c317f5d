"""The formal annual grading of a unit: each cadre's approved months and annual facts (months in
the post, absent, on maternity leave) graded by the engine's `grade_year` (the annual rules of
Decree 90/2020), then the scheme's annual quota over the unit, with an explicit decision of the
unit head whenever a cap is exceeded. Graded on or after 15 December: stored, flagged late.

The unit head (or an organiser) grades; every month of the year must be approved first; the
results are stored per cadre (graded again: replaced, the audit log keeps the earlier ones).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evaluations import access
from tinnhiem.evaluations.engine import (
    Contest,
    QuotaDecisionNeeded,
    period_scheme,
    quota_contests,
)
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    QuotaOutcome,
    Unit,
    YearFacts,
    YearGrade,
    YearStatus,
)
from tinnhiem.grading import (
    AnnualFacts,
    DecisionError,
    GradingError,
    GradingResult,
    PeriodGrade,
    PersonPeriods,
    QuotaStatus,
    Scheme,
    YearResult,
    grade_quarter,
    grade_year,
)


def year_facts_save(
    *,
    actor: Any,
    cadre: Cadre,
    year: int,
    months_in_post: Decimal | int = 12,
    months_absent: Decimal | int = 0,
    months_maternity: Decimal | int = 0,
) -> YearFacts:
    """A cadre's months for the annual rules, checked like the engine checks them."""
    access.require(
        access.can_approve(actor, cadre.unit),
        "Chỉ thủ trưởng đơn vị ghi thời gian công tác trong năm",
        "Only the unit head records the months of the year",
    )
    values = [Decimal(v) for v in (months_in_post, months_absent, months_maternity)]
    in_post, absent, maternity = values
    if any(v < 0 for v in values) or in_post > 12 or absent + maternity > in_post:
        raise InputProblem(
            f"Số tháng không hợp lệ: {in_post} tháng công tác, nghỉ {absent}, thai sản {maternity}",
            f"Months do not add up: {in_post} in post, {absent} absent, {maternity} maternity",
        )
    with transaction.atomic():
        before = YearFacts.objects.filter(cadre=cadre, year=year).first()
        facts, _ = YearFacts.objects.update_or_create(
            cadre=cadre,
            year=year,
            defaults={
                "months_in_post": in_post,
                "months_absent": absent,
                "months_maternity": maternity,
            },
        )
        record(
            actor=actor,
            action="evaluation.year_facts",
            obj=facts,
            body_id=cadre.person.body_id,
            before=_facts_dict(before) if before else None,
            after=_facts_dict(facts) | {"person": cadre.person.full_name},
        )
    return facts


def _facts_dict(facts: YearFacts) -> dict[str, Any]:
    return {
        "year": facts.year,
        "months_in_post": str(facts.months_in_post),
        "months_absent": str(facts.months_absent),
        "months_maternity": str(facts.months_maternity),
    }


def year_grade(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    facts: Mapping[int, AnnualFacts] | None = None,
    keep: Collection[int | str] | None = None,
    graded_on: date | None = None,
) -> list[YearGrade]:
    """Grade the unit's active cadres for the year. `facts` (by cadre id) are saved first; a
    cadre without facts worked the twelve months. Where the annual quota is exceeded, `keep`
    names exactly who keeps the top grade (higher averages first; a tie is the head's choice)."""
    access.require(
        access.can_approve(actor, unit),
        "Chỉ thủ trưởng đơn vị xếp loại năm của đơn vị",
        "Only the unit head grades the unit's year",
    )
    graded_on = graded_on or timezone.localdate()
    cadres = list(unit.cadres.filter(is_active=True).select_related("person", "unit"))
    if not cadres:
        raise InputProblem("Đơn vị chưa có ai để xếp loại", "The unit has nobody to grade")
    # the months are saved all or none, and kept even when the grading then asks for a quota
    # decision: the head decides on the months just entered
    with transaction.atomic():
        for cadre_id, given in (facts or {}).items():
            cadre = next((c for c in cadres if c.pk == int(cadre_id)), None)
            if cadre is None:
                raise InputProblem("Cán bộ không thuộc đơn vị", "The cadre is not of this unit")
            year_facts_save(
                actor=actor,
                cadre=cadre,
                year=year,
                months_in_post=given.months_in_post,
                months_absent=given.months_absent,
                months_maternity=given.months_maternity,
            )
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=unit.pk)  # one grading of the unit at a time
        scheme, people, months = _people(unit, year, cadres)
        outstanding = {unit.name} if unit.outstanding_year == year else set()
        result = _decided(scheme, people, graded_on, outstanding, keep)
        before = {
            g.cadre.person.full_name: g.grade or g.status
            for g in YearGrade.objects.filter(unit=unit, year=year).select_related("cadre__person")
        }
        saved = _store(result, cadres, unit, year, months, graded_on, actor, keep)
        record(
            actor=actor,
            action="evaluation.year_grade",
            obj=unit,
            body_id=unit.body_id,
            before={"grades": before} if before else None,
            after={
                "unit": unit.name,
                "year": year,
                "scheme": scheme.key,
                "late": result.is_late,
                "grades": {g.cadre.person.full_name: g.grade or g.status for g in saved},
                "kept_by_decision": sorted(
                    g.cadre.person.full_name
                    for g in saved
                    if g.quota_outcome == QuotaOutcome.KEPT_BY_DECISION
                ),
            },
        )
    return saved


def _people(
    unit: Unit, year: int, cadres: list[Cadre]
) -> tuple[Scheme, list[PersonPeriods], dict[int, int]]:
    periods = list(Period.objects.filter(body_id=unit.body_id, year=year).order_by("month"))
    if not periods:
        raise InputProblem(
            f"Năm {year} chưa có tháng đánh giá nào", f"No month was evaluated in {year}"
        )
    pending = (
        Evaluation.objects.filter(period__in=periods, cadre__in=cadres)
        .exclude(status=EvaluationStatus.APPROVED)
        .select_related("cadre__person", "period")
    )
    if pending:
        names = ", ".join(sorted({f"{e.cadre.person.full_name} ({e.period})" for e in pending}))
        raise WrongState(
            f"Chưa thể xếp loại năm: còn tháng chưa phê duyệt: {names}",
            f"Cannot grade the year yet: months not approved: {names}",
        )
    scheme = period_scheme(periods[-1])
    if scheme.annual is None:
        raise InputProblem(
            f"Phương án '{scheme.key}' không có quy định xếp loại năm",
            f"Scheme '{scheme.key}' has no annual rules",
        )
    approved: dict[int, list[PeriodGrade]] = {c.pk: [] for c in cadres}
    for e in Evaluation.objects.filter(period__in=periods, cadre__in=cadres).order_by(
        "period__month"
    ):
        approved[e.cadre_id].append(PeriodGrade(Decimal(e.total) if e.total else None, e.grade))
    stored = {f.cadre_id: f for f in YearFacts.objects.filter(cadre__in=cadres, year=year)}
    people = []
    for cadre in cadres:
        found = stored.get(cadre.pk)
        facts = (
            AnnualFacts(
                *(
                    _plain(m)
                    for m in (found.months_in_post, found.months_absent, found.months_maternity)
                )
            )
            if found
            else AnnualFacts()
        )
        people.append(
            PersonPeriods(
                name=cadre.person.full_name,
                unit=unit.name,
                group=cadre.group,
                periods=tuple(approved[cadre.pk]),
                facts=facts,
                key=str(cadre.pk),
            )
        )
    return scheme, people, {key: len(value) for key, value in approved.items()}


def _plain(months: Decimal) -> Decimal:
    """8.00 stored as 8, 5.50 as 5.5: the months as the notes show them."""
    return months.quantize(Decimal(1)) if months == months.to_integral() else months.normalize()


def _grade(
    scheme: Scheme,
    people: list[PersonPeriods],
    graded_on: date,
    outstanding: set[str],
    decisions: Collection[str] = (),
) -> YearResult:
    try:
        return grade_year(
            scheme,
            people,
            graded_on=graded_on,
            outstanding_units=outstanding,
            decisions=decisions,
        )
    except DecisionError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc
    except GradingError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc


def _decided(
    scheme: Scheme,
    people: list[PersonPeriods],
    graded_on: date,
    outstanding: set[str],
    keep: Collection[int | str] | None,
) -> YearResult:
    """The result with the head's decision where the annual quota is exceeded."""
    first = _grade(scheme, people, graded_on, outstanding)
    contests = _contests(scheme, first)
    contested = {key for contest in contests for key in contest.candidates}
    names = {p.person: p.name for p in first.graded.people}
    if not contests:
        if keep:
            raise InputProblem(
                "Không có hạn mức nào bị vượt: không cần quyết định giữ loại",
                "No quota is exceeded: no decision on who keeps the grade is needed",
            )
        return first
    if keep is None:
        listed = ", ".join(names[key] for key in sorted(contested, key=names.__getitem__))
        raise QuotaDecisionNeeded(
            f"Vượt hạn mức xếp loại năm ({listed}): cần quyết định rõ ai giữ loại cao nhất",
            f"The annual quota is exceeded ({listed}): decide who keeps the top grade",
        )
    chosen = {str(key) for key in keep}
    if chosen - contested:
        raise InputProblem(
            "Người được chọn không thuộc diện xét hạn mức",
            "Someone chosen is not among those the quota decides",
        )
    tied = {key for contest in contests for key in contest.tied}
    result = _grade(scheme, people, graded_on, outstanding, sorted(chosen & tied))
    kept = {
        p.person
        for p in result.graded.people
        if p.person in contested and p.grade == p.grade_before_quota
    }
    if kept != chosen:
        shown = ", ".join(sorted(names[key] for key in kept)) or "—"
        raise InputProblem(
            "Quyết định chưa đúng quy tắc hạn mức (giữ người điểm cao hơn trước): "
            f"theo điểm, giữ loại: {shown}",
            "The decision does not fit the quota rule (higher averages keep the grade first): "
            f"by the averages, the grade is kept by: {shown}",
        )
    return result


def _contests(scheme: Scheme, result: YearResult) -> list[Contest]:
    return list(quota_contests(scheme, result.graded))


@dataclass(frozen=True)
class YearPreview:
    """The unit's year as the engine grades it now, before any decision: what the head sees
    before grading (who competes for the top grade when the annual quota is exceeded)."""

    result: YearResult
    contests: tuple[Contest, ...]
    names: Mapping[str, str]


def year_preview(unit: Unit, year: int, graded_on: date) -> YearPreview:
    cadres = list(unit.cadres.filter(is_active=True).select_related("person", "unit"))
    scheme, people, _ = _people(unit, year, cadres)
    outstanding = {unit.name} if unit.outstanding_year == year else set()
    result = _grade(scheme, people, graded_on, outstanding)
    names = {str(c.pk): c.person.full_name for c in cadres}
    return YearPreview(result, tuple(_contests(scheme, result)), names)


def quarter_grades(unit: Unit, year: int, quarter: int) -> GradingResult:
    """The quarter's grades of the unit from its approved months (one to three per cadre), by
    the engine's `grade_quarter` with the quarterly quota; ties at the cap stay flagged. Read
    only: the quarter is a summary of approved months, not a separate approval."""
    if not 1 <= quarter <= 4:
        raise InputProblem("Quý từ 1 đến 4", "A quarter is 1 to 4")
    months = range(3 * quarter - 2, 3 * quarter + 1)
    evaluations = list(
        Evaluation.objects.filter(
            unit=unit,
            period__year=year,
            period__month__in=months,
            status=EvaluationStatus.APPROVED,
        )
        .select_related("cadre__person", "period")
        .order_by("period__month")
    )
    if not evaluations:
        raise InputProblem(
            f"Quý {quarter}/{year} chưa có tháng nào được phê duyệt",
            f"No approved month in quarter {quarter} of {year}",
        )
    scheme = period_scheme(evaluations[-1].period)
    by_cadre: dict[Cadre, list[PeriodGrade]] = {}
    for e in evaluations:
        by_cadre.setdefault(e.cadre, []).append(
            PeriodGrade(Decimal(e.total) if e.total else None, e.grade)
        )
    people = [
        PersonPeriods(
            name=cadre.person.full_name,
            unit=unit.name,
            group=cadre.group,
            periods=tuple(grades),
            key=str(cadre.pk),
        )
        for cadre, grades in by_cadre.items()
    ]
    outstanding = {unit.name} if unit.outstanding_year == year else set()
    try:
        return grade_quarter(scheme, people, outstanding_units=outstanding)
    except GradingError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc


def _store(
    result: YearResult,
    cadres: list[Cadre],
    unit: Unit,
    year: int,
    months: Mapping[int, int],
    graded_on: date,
    actor: Any,
    keep: Collection[int | str] | None,
) -> list[YearGrade]:
    chosen = {str(key) for key in keep or ()}
    graded = {p.person: p for p in result.graded.people}
    refused = {p.person: p for p in result.not_graded}
    saved = []
    for cadre in cadres:
        key = str(cadre.pk)
        values: dict[str, Any] = {
            "unit": unit,
            "months": months[cadre.pk],
            "is_late": result.is_late,
            "graded_on": graded_on,
            "graded_by": actor,
        }
        if key in graded:
            person = graded[key]
            outcome = QuotaOutcome.OK
            if keep is not None and person.grade_before_quota != person.grade:
                outcome = QuotaOutcome.DEMOTED_BY_DECISION
            elif key in chosen:
                outcome = QuotaOutcome.KEPT_BY_DECISION
            elif person.quota is QuotaStatus.DEMOTED:
                outcome = QuotaOutcome.DEMOTED
            values |= {
                "status": YearStatus.GRADED,
                "total": "" if person.total is None else str(person.total),
                "grade_before_quota": person.grade_before_quota,
                "grade": person.grade,
                "quota_outcome": outcome,
                "reason_vi": person.reason_vi,
                "reason_en": person.reason_en,
            }
        else:
            notes = refused[key].notes
            values |= {
                "status": YearStatus.NOT_GRADED,
                "total": "",
                "grade_before_quota": "",
                "grade": "",
                "quota_outcome": QuotaOutcome.NONE,
                "reason_vi": "; ".join(n.vi for n in notes),
                "reason_en": "; ".join(n.en for n in notes),
            }
        grade, _ = YearGrade.objects.update_or_create(cadre=cadre, year=year, defaults=values)
        saved.append(grade)
    return saved
