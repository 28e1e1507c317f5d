"""Storing a unit's part of a year's result as its approved annual grades: one `YearGrade` per
cadre (graded, or not graded with why), the unit's `YearApproval` with its quota use and the
decision, and the audit row with the grades before and after. Used by the unit's grading
(`annual.year_grade`) and the body's (`bodywide.body_year_grade`), inside their transaction."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from tinnhiem.audit.services import record
from tinnhiem.evaluations.decisions import names_kept, outcome_of
from tinnhiem.evaluations.engine import quota_use_dicts
from tinnhiem.evaluations.models import (
    Cadre,
    QuotaOutcome,
    Unit,
    YearApproval,
    YearGrade,
    YearStatus,
)
from tinnhiem.grading import YearResult


def approve_unit_year(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    cadres: list[Cadre],
    result: YearResult,
    months: Mapping[int, int],
    graded_on: date,
    keep: Collection[int | str] | None,
    is_body_wide: bool = False,
) -> list[YearGrade]:
    """Store one unit's part of a year's result, approve it and write its audit row. Runs inside
    the caller's transaction."""
    before = {
        g.cadre.person.full_name: g.grade or g.status
        for g in YearGrade.objects.filter(unit=unit, year=year).select_related("cadre__person")
    }
    saved = _store(result, cadres, unit, year, months, graded_on, actor, keep)
    mine = {str(c.pk) for c in cadres}
    uses = [u for u in result.graded.quota_use if u.unit == unit.name]
    approval = YearApproval.renew(
        {"unit": unit, "year": year},
        actor,
        kept=(int(key) for key in keep or () if str(key) in mine),
        quota_use=_use_dicts(result, unit),
        is_outstanding=any(u.is_outstanding for u in uses),
        is_body_wide=is_body_wide,
    )
    record(
        actor=actor,
        action="evaluation.year_grade",
        obj=unit,
        body_id=unit.body_id,
        before={"grades": before} if before else None,
        after={
            "unit": unit.name,
            "year": year,
            "scheme": result.graded.scheme.key,
            "late": result.is_late,
            "body_wide": is_body_wide,
            "grades": {g.cadre.person.full_name: g.grade or g.status for g in saved},
            "kept_by_decision": names_kept(saved),
            "quota_use": approval.quota_use,
        },
    )
    return saved


def _use_dicts(result: YearResult, unit: Unit) -> list[dict[str, Any]]:
    return [
        use
        for use, item in zip(quota_use_dicts(result.graded), result.graded.quota_use, strict=True)
        if item.unit == unit.name
    ]


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
            values |= {
                "status": YearStatus.GRADED,
                "total": "" if person.total is None else str(person.total),
                "grade_before_quota": person.grade_before_quota,
                "grade": person.grade,
                "quota_outcome": outcome_of(person, keep),
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
