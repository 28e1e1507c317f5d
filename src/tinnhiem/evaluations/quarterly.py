"""Quarterly grades. For every scheme, a read-only summary of a unit's approved months
(`quarter_grades`); for a scheme graded quarterly (the national one), the stored quarterly grade
per cadre, approved by the unit head through the same quota check and explicit decision as a
month (`quarter_approve`), read-only once approved and reopened only by an administrator with a
reason (`quarter_reopen`).

A quarter is graded from its approved months by the scheme's aggregation rule. Its extra
conditions of the top grade and its disqualifying facts are read from the months' reviews: a
yes/no condition is met for the quarter when it was met in every month of it, a share condition
takes the lowest monthly share (the share over the quarter is at least that), and a fact found in
any month counts for the quarter.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evaluations import access
from tinnhiem.evaluations.decisions import (
    GradesApproved,
    decided,
    names_kept,
    outcome_of,
    require_reopen,
)
from tinnhiem.evaluations.engine import (
    YES,
    Contest,
    engine_conditions,
    period_scheme,
    quota_contests,
    quota_use_dicts,
)
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    QuarterApproval,
    QuarterGrade,
    Unit,
)
from tinnhiem.grading import (
    GradingError,
    GradingResult,
    PeriodGrade,
    PersonPeriods,
    Scheme,
    grade_quarter,
)
from tinnhiem.grading import Period as GradingPeriod
from tinnhiem.grading.numbers import parse_share, show


def months_of(quarter: int) -> range:
    if not 1 <= quarter <= 4:
        raise InputProblem("Quý từ 1 đến 4", "A quarter is 1 to 4")
    return range(3 * quarter - 2, 3 * quarter + 1)


def quarter_grades(unit: Unit, year: int, quarter: int) -> GradingResult:
    """The quarter's grades of the unit from its approved months (one to three per cadre), by
    the engine's `grade_quarter` with the quarterly quota; ties at the cap stay flagged. Read
    only: a summary for every scheme; a quarterly scheme's quarter is approved and stored by
    `quarter_approve`."""
    evaluations = list(
        Evaluation.objects.filter(
            unit=unit,
            period__year=year,
            period__month__in=months_of(quarter),
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
    people = _people(scheme, unit, evaluations)
    return _grade(scheme, people, unit, year)


def _people(scheme: Scheme, unit: Unit, evaluations: Sequence[Evaluation]) -> list[PersonPeriods]:
    by_cadre: dict[Cadre, list[Evaluation]] = {}
    for e in evaluations:
        by_cadre.setdefault(e.cadre, []).append(e)
    return [
        PersonPeriods(
            name=cadre.person.full_name,
            unit=unit.name,
            group=cadre.group,
            periods=tuple(
                PeriodGrade(Decimal(e.total) if e.total else None, e.grade) for e in months
            ),
            conditions=engine_conditions(scheme, quarter_conditions(scheme, months)),
            disqualifying=frozenset(quarter_facts(months)),
            key=str(cadre.pk),
        )
        for cadre, months in by_cadre.items()
    ]


def quarter_conditions(scheme: Scheme, months: Sequence[Evaluation]) -> dict[str, str]:
    """The quarter's conditions as stored: a flag met in every month; the lowest share."""
    found: dict[str, str] = {}
    for condition in scheme.conditions:
        stated = [e.reviewed_conditions.get(condition.key, "") for e in months]
        if condition.at_least is None:
            found[condition.key] = YES if stated and all(s == YES for s in stated) else "no"
            continue
        shares: list[Fraction] = []
        for text in stated:
            share = parse_share(text) if text else None
            if share is None:
                break
            shares.append(share)
        else:
            if shares:
                found[condition.key] = show(min(shares))
    return found


def quarter_facts(months: Sequence[Evaluation]) -> list[str]:
    return sorted({fact for e in months for fact in e.facts})


def _grade(
    scheme: Scheme,
    people: list[PersonPeriods],
    unit: Unit,
    year: int,
    decisions: Collection[str] = (),
) -> GradingResult:
    outstanding = {unit.name} if unit.outstanding_year == year and people else set()
    try:
        return grade_quarter(scheme, people, outstanding_units=outstanding, decisions=decisions)
    except GradingError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc


@dataclass(frozen=True)
class QuarterInput:
    scheme: Scheme
    people: list[PersonPeriods]
    evaluations: dict[int, list[Evaluation]]  # by cadre id, the months of the quarter


def quarter_input(unit: Unit, year: int, quarter: int) -> QuarterInput:
    """The engine's input for the unit's quarter, once the scheme grades quarters and every
    month of the quarter opened in the body is approved for every active cadre of the unit."""
    periods = list(
        Period.objects.filter(body_id=unit.body_id, year=year, month__in=months_of(quarter))
    )
    if not periods:
        raise InputProblem(
            f"Quý {quarter}/{year} chưa có tháng đánh giá nào",
            f"No month was evaluated in quarter {quarter} of {year}",
        )
    scheme = period_scheme(max(periods, key=lambda p: p.month))
    if GradingPeriod.QUARTERLY not in scheme.periods:
        raise InputProblem(
            f"Phương án '{scheme.key}' không xếp loại theo quý: quý chỉ để xem",
            f"Scheme '{scheme.key}' does not grade quarters: the quarter is a summary only",
        )
    cadres = list(unit.cadres.filter(is_active=True).select_related("person"))
    if not cadres:
        raise InputProblem("Đơn vị chưa có ai để xếp loại", "The unit has nobody to grade")
    evaluations = list(
        Evaluation.objects.filter(period__in=periods, cadre__in=cadres)
        .select_related("cadre__person", "period")
        .order_by("period__month")
    )
    done = {(e.cadre_id, e.period_id) for e in evaluations if e.status == EvaluationStatus.APPROVED}
    pending = sorted(
        f"{c.person.full_name} ({p})" for c in cadres for p in periods if (c.pk, p.pk) not in done
    )
    if pending:
        names = ", ".join(pending)
        raise WrongState(
            f"Chưa thể phê duyệt quý: còn tháng chưa phê duyệt: {names}",
            f"Cannot approve the quarter yet: months not approved: {names}",
        )
    by_cadre: dict[int, list[Evaluation]] = {}
    for e in evaluations:
        by_cadre.setdefault(e.cadre_id, []).append(e)
    return QuarterInput(scheme, _people(scheme, unit, evaluations), by_cadre)


def current_quarter_approval(unit: Unit, year: int, quarter: int) -> QuarterApproval | None:
    return QuarterApproval.objects.filter(
        unit=unit, year=year, quarter=quarter, is_current=True
    ).first()


@dataclass(frozen=True)
class QuarterPreview:
    result: GradingResult
    contests: tuple[Contest, ...]


def quarter_preview(unit: Unit, year: int, quarter: int) -> QuarterPreview:
    found = quarter_input(unit, year, quarter)
    result = _grade(found.scheme, found.people, unit, year)
    return QuarterPreview(result, quota_contests(found.scheme, result))


def quarter_approve(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    quarter: int,
    keep: Collection[int | str] | None = None,
) -> QuarterApproval:
    """Approve the unit's quarter: the engine grades it from the approved months with the
    quarterly quota over the unit (and group); where a cap is exceeded, `keep` names exactly who
    keeps the top grade. The grades are stored per cadre and read-only from then on."""
    access.require(
        access.can_approve(actor, unit),
        "Chỉ thủ trưởng đơn vị phê duyệt xếp loại quý của đơn vị",
        "Only the unit head approves the unit's quarter",
    )
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=unit.pk)
        if current_quarter_approval(unit, year, quarter) is not None:
            raise GradesApproved(
                f"Xếp loại quý {quarter}/{year} của {unit.name} đã được phê duyệt: chỉ xem "
                "(chỉ quản trị mở lại, có ghi lý do)",
                f"Quarter {quarter} of {year} of {unit.name} is approved: read-only (only an "
                "administrator reopens it, with a reason)",
            )
        found = quarter_input(unit, year, quarter)
        result = decided(
            found.scheme,
            lambda chosen: _grade(found.scheme, found.people, unit, year, chosen),
            lambda result: result,
            keep,
            what=("quý", "quarterly"),
        )
        before = {
            g.cadre.person.full_name: g.grade
            for g in QuarterGrade.objects.filter(
                unit=unit, year=year, quarter=quarter
            ).select_related("cadre__person")
        }
        saved = _store(result, found, unit, year, quarter, keep)
        approval = QuarterApproval.renew(
            {"unit": unit, "year": year, "quarter": quarter},
            actor,
            kept=(int(key) for key in keep or ()),
            quota_use=quota_use_dicts(result),
            is_outstanding=any(u.is_outstanding for u in result.quota_use),
        )
        record(
            actor=actor,
            action="evaluation.quarter_approve",
            obj=approval,
            body_id=unit.body_id,
            before={"grades": before} if before else None,
            after={
                "unit": unit.name,
                "quarter": f"{quarter}/{year}",
                "scheme": found.scheme.key,
                "grades": {g.cadre.person.full_name: g.grade for g in saved},
                "kept_by_decision": names_kept(saved),
                "quota_use": approval.quota_use,
            },
        )
    return approval


def _store(
    result: GradingResult,
    found: QuarterInput,
    unit: Unit,
    year: int,
    quarter: int,
    keep: Collection[int | str] | None,
) -> list[QuarterGrade]:
    saved = []
    for person in result.people:
        months = found.evaluations[int(person.person)]
        grade, _ = QuarterGrade.objects.update_or_create(
            cadre=months[0].cadre,
            year=year,
            quarter=quarter,
            defaults={
                "unit": unit,
                "months": len(months),
                "total": "" if person.total is None else str(person.total),
                "grade_before_quota": person.grade_before_quota,
                "grade": person.grade,
                "quota_outcome": outcome_of(person, keep),
                "conditions": quarter_conditions(found.scheme, months),
                "facts": quarter_facts(months),
                "reason_vi": person.reason_vi,
                "reason_en": person.reason_en,
            },
        )
        saved.append(grade)
    return saved


def quarter_reopen(
    *, actor: Any, unit: Unit, year: int, quarter: int, reason: str
) -> QuarterApproval:
    """The only way to approve a quarter again: an administrator, with a reason."""
    reason = require_reopen(actor, unit.body_id, reason)
    with transaction.atomic():
        approval = QuarterApproval.reopen(
            {"unit": unit, "year": year, "quarter": quarter},
            reason,
            ("Chỉ mở lại được quý đã phê duyệt", "Only an approved quarter is reopened"),
        )
        grades = QuarterGrade.objects.filter(unit=unit, year=year, quarter=quarter).select_related(
            "cadre__person"
        )
        record(
            actor=actor,
            action="evaluation.quarter_reopen",
            obj=approval,
            body_id=unit.body_id,
            before={"grades": {g.cadre.person.full_name: g.grade for g in grades}},
            after={"unit": unit.name, "quarter": f"{quarter}/{year}", "reason": reason},
        )
    return approval
