"""The formal annual grading of a unit: each cadre's approved months and annual facts (months in
the post, absent, on maternity leave; the year's extra conditions of the top grade and the
disqualifying facts) graded by the engine's `grade_year` (the annual rules of Decree 90/2020),
then the scheme's annual quota over the unit, with an explicit decision of the unit head whenever
a cap is exceeded. Graded on or after 15 December: stored, flagged late.

The unit head (or an organiser) grades, which approves the year: every month of the year must be
approved first; the grades are stored per cadre with a `YearApproval`, and are read-only from
then on. Only an administrator reopens them (`year_reopen`, with a reason, audit-logged); the
unit is then graded again (the audit log keeps the earlier grades). Grading every unit of a body
at once is `bodywide.body_year_grade`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evaluations import access, year_store
from tinnhiem.evaluations.decisions import (
    GradesApproved,
    decided,
    require_reopen,
)
from tinnhiem.evaluations.engine import (
    Contest,
    engine_conditions,
    parse_conditions,
    parse_facts,
    period_scheme,
    quota_contests,
)
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    Unit,
    YearApproval,
    YearFacts,
    YearGrade,
)
from tinnhiem.evaluations.quarterly import quarter_grades as quarter_grades
from tinnhiem.grading import (
    AnnualFacts,
    DecisionError,
    GradingError,
    PeriodGrade,
    PersonPeriods,
    Scheme,
    YearResult,
    grade_year,
)

FACTS_REASON_NEEDED = (
    "Cần ghi căn cứ của tình tiết không được xếp loại cao",
    "The basis of a disqualifying fact is required",
)


@dataclass(frozen=True)
class YearStatement:
    """What the head states once for a cadre's year: the extra conditions of the top grade as
    typed ("yes"/"no", a share such as "35%"), the disqualifying facts found and their basis."""

    conditions: Mapping[str, str] = field(default_factory=dict)
    facts: tuple[str, ...] = ()
    facts_reason: str = ""


def year_scheme(body_id: int, year: int) -> Scheme:
    """The scheme of the year: the one the year's last month was opened with."""
    last = Period.objects.filter(body_id=body_id, year=year).order_by("-month").first()
    if last is None:
        raise InputProblem(
            f"Năm {year} chưa có tháng đánh giá nào", f"No month was evaluated in {year}"
        )
    return period_scheme(last)


def current_approval(unit: Unit, year: int) -> YearApproval | None:
    return YearApproval.objects.filter(unit=unit, year=year, is_current=True).first()


def _require_open(unit: Unit, year: int) -> None:
    if current_approval(unit, year) is not None:
        raise GradesApproved(
            f"Xếp loại năm {year} của {unit.name} đã được phê duyệt: chỉ xem, không sửa (chỉ "
            "quản trị mở lại, có ghi lý do)",
            f"The {year} grades of {unit.name} are approved: read-only (only an administrator "
            "reopens them, with a reason)",
        )


def _statement_values(cadre: Cadre, year: int, statement: YearStatement) -> dict[str, Any]:
    scheme = year_scheme(cadre.person.body_id, year)
    conditions = parse_conditions(scheme, statement.conditions)
    facts = parse_facts(scheme, statement.facts)
    reason = statement.facts_reason.strip()
    if facts and not reason:
        raise InputProblem(
            f"{cadre.person.full_name}: {FACTS_REASON_NEEDED[0]}",
            f"{cadre.person.full_name}: {FACTS_REASON_NEEDED[1]}",
        )
    return {"conditions": conditions, "facts": facts, "facts_reason": reason if facts else ""}


def year_facts_save(
    *,
    actor: Any,
    cadre: Cadre,
    year: int,
    months_in_post: Decimal | int = 12,
    months_absent: Decimal | int = 0,
    months_maternity: Decimal | int = 0,
    statement: YearStatement | None = None,
) -> YearFacts:
    """A cadre's months for the annual rules, checked like the engine checks them, and (when
    given) the year's conditions of the top grade and disqualifying facts, checked against the
    year's scheme; a fact needs its basis. Refused once the unit's year is approved."""
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
    stated = _statement_values(cadre, year, statement) if statement is not None else {}
    with transaction.atomic():
        _require_open(cadre.unit, year)
        before = YearFacts.objects.filter(cadre=cadre, year=year).first()
        facts, _ = YearFacts.objects.update_or_create(
            cadre=cadre,
            year=year,
            defaults={
                "months_in_post": in_post,
                "months_absent": absent,
                "months_maternity": maternity,
                **stated,
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
        "conditions": facts.conditions,
        "facts": facts.facts,
        "facts_reason": facts.facts_reason,
    }


def save_year_inputs(
    *,
    actor: Any,
    cadres: Sequence[Cadre],
    year: int,
    facts: Mapping[int, AnnualFacts] | None,
    statements: Mapping[int, YearStatement] | None,
) -> None:
    """Save the months and statements given (by cadre id), all or none; a cadre given only a
    statement keeps the months stored."""
    given = set(facts or {}) | set(statements or {})
    if not given:
        return
    stored = {f.cadre_id: f for f in YearFacts.objects.filter(cadre__in=cadres, year=year)}
    with transaction.atomic():
        for cadre_id in sorted(given, key=int):
            cadre = next((c for c in cadres if c.pk == int(cadre_id)), None)
            if cadre is None:
                raise InputProblem("Cán bộ không thuộc đơn vị", "The cadre is not of this unit")
            months = (facts or {}).get(cadre_id) or _annual_facts(stored.get(cadre.pk))
            year_facts_save(
                actor=actor,
                cadre=cadre,
                year=year,
                months_in_post=months.months_in_post,
                months_absent=months.months_absent,
                months_maternity=months.months_maternity,
                statement=(statements or {}).get(cadre_id),
            )


def year_grade(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    facts: Mapping[int, AnnualFacts] | None = None,
    statements: Mapping[int, YearStatement] | None = None,
    keep: Collection[int | str] | None = None,
    graded_on: date | None = None,
) -> list[YearGrade]:
    """Grade and approve the unit's year for its active cadres. `facts` and `statements` (by
    cadre id) are saved first; a cadre without facts worked the twelve months and stated no
    condition. Where the annual quota is exceeded, `keep` names exactly who keeps the top grade
    (higher averages first; a tie is the head's choice). Refused while the year is approved."""
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
    save_year_inputs(actor=actor, cadres=cadres, year=year, facts=facts, statements=statements)
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=unit.pk)  # one grading of the unit at a time
        _require_open(unit, year)
        scheme, people, months = year_people(unit, year, cadres)
        outstanding = {unit.name} if unit.outstanding_year == year else set()
        result = decide_year(scheme, people, graded_on, outstanding, keep)
        return year_store.approve_unit_year(
            actor=actor,
            unit=unit,
            year=year,
            cadres=cadres,
            result=result,
            months=months,
            graded_on=graded_on,
            keep=keep,
        )


def year_reopen(*, actor: Any, unit: Unit, year: int, reason: str) -> YearApproval:
    """The only way to grade an approved year again: an administrator, with a reason. The stored
    grades stay as they were until the unit is graded again; the audit row keeps them."""
    reason = require_reopen(actor, unit.body_id, reason)
    with transaction.atomic():
        approval = YearApproval.reopen(
            {"unit": unit, "year": year},
            reason,
            ("Chỉ mở lại được xếp loại năm đã phê duyệt", "Only an approved year is reopened"),
        )
        grades = YearGrade.objects.filter(unit=unit, year=year).select_related("cadre__person")
        record(
            actor=actor,
            action="evaluation.year_reopen",
            obj=approval,
            body_id=unit.body_id,
            before={"grades": {g.cadre.person.full_name: g.grade or g.status for g in grades}},
            after={"unit": unit.name, "year": year, "reason": reason},
        )
    return approval


def pending_months(periods: Sequence[Period], cadres: Sequence[Cadre]) -> list[str]:
    """'Name (month)' of every evaluation of these months not approved yet."""
    pending = (
        Evaluation.objects.filter(period__in=periods, cadre__in=cadres)
        .exclude(status=EvaluationStatus.APPROVED)
        .select_related("cadre__person", "period")
    )
    return sorted({f"{e.cadre.person.full_name} ({e.period})" for e in pending})


def year_people(
    unit: Unit, year: int, cadres: list[Cadre]
) -> tuple[Scheme, list[PersonPeriods], dict[int, int]]:
    """The engine's input for the unit's year, once every month of it is approved."""
    periods = list(Period.objects.filter(body_id=unit.body_id, year=year).order_by("month"))
    if not periods:
        raise InputProblem(
            f"Năm {year} chưa có tháng đánh giá nào", f"No month was evaluated in {year}"
        )
    pending = pending_months(periods, cadres)
    if pending:
        names = ", ".join(pending)
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
        people.append(
            PersonPeriods(
                name=cadre.person.full_name,
                unit=unit.name,
                group=cadre.group,
                periods=tuple(approved[cadre.pk]),
                facts=_annual_facts(found),
                conditions=engine_conditions(scheme, found.conditions) if found else {},
                disqualifying=frozenset(found.facts) if found else frozenset(),
                key=str(cadre.pk),
            )
        )
    return scheme, people, {key: len(value) for key, value in approved.items()}


def _annual_facts(found: YearFacts | None) -> AnnualFacts:
    if found is None:
        return AnnualFacts()
    return AnnualFacts(
        *(_plain(m) for m in (found.months_in_post, found.months_absent, found.months_maternity))
    )


def _plain(months: Decimal) -> Decimal:
    """8.00 stored as 8, 5.50 as 5.5: the months as the notes show them."""
    return months.quantize(Decimal(1)) if months == months.to_integral() else months.normalize()


def grade_people(
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


def decide_year(
    scheme: Scheme,
    people: list[PersonPeriods],
    graded_on: date,
    outstanding: set[str],
    keep: Collection[int | str] | None,
) -> YearResult:
    """The result with the head's decision where the annual quota is exceeded."""
    return decided(
        scheme,
        lambda chosen: grade_people(scheme, people, graded_on, outstanding, chosen),
        lambda result: result.graded,
        keep,
        what=("năm", "annual"),
    )


@dataclass(frozen=True)
class YearPreview:
    """The year as the engine grades it now, before any decision: what the head sees before
    grading (who competes for the top grade when the annual quota is exceeded)."""

    result: YearResult
    contests: tuple[Contest, ...]
    names: Mapping[str, str]


def year_preview(unit: Unit, year: int, graded_on: date) -> YearPreview:
    cadres = list(unit.cadres.filter(is_active=True).select_related("person", "unit"))
    scheme, people, _ = year_people(unit, year, cadres)
    outstanding = {unit.name} if unit.outstanding_year == year else set()
    result = grade_people(scheme, people, graded_on, outstanding)
    names = {str(c.pk): c.person.full_name for c in cadres}
    return YearPreview(result, quota_contests(scheme, result.graded), names)
