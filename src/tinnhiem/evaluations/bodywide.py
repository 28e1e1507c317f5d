"""Grading the year of every unit of a body in one step: one transaction, one run of the engine
over all the units' cadres, each unit's annual quota applied within its own population (the
unit, or the unit and the group of similar posts, as the scheme's quota says), one explicit
decision naming who keeps the top grade wherever a cap is exceeded. Units whose year is already
approved are left as they are (read-only); if any other unit is not ready, nothing is graded and
the report says which and why."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import DomainError, InputProblem, WrongState
from tinnhiem.evaluations import access
from tinnhiem.evaluations.annual import (
    YearPreview,
    current_approval,
    decide_year,
    grade_people,
    year_people,
)
from tinnhiem.evaluations.engine import quota_contests
from tinnhiem.evaluations.models import Cadre, Unit, YearGrade
from tinnhiem.evaluations.year_store import approve_unit_year
from tinnhiem.grading import PersonPeriods, Scheme


class Readiness(StrEnum):
    READY = "ready"
    APPROVED = "approved"  # already approved: left as it is
    NOT_READY = "not_ready"


@dataclass
class UnitState:
    unit: Unit
    state: Readiness
    reason_vi: str = ""
    reason_en: str = ""
    cadres: list[Cadre] = field(default_factory=list)


@dataclass
class BodyYear:
    """Each unit with cadres and whether it can be graded now; the people of the ready ones."""

    units: list[UnitState]
    scheme: Scheme | None = None
    people: list[PersonPeriods] = field(default_factory=list)
    months: dict[int, int] = field(default_factory=dict)

    @property
    def ready(self) -> list[UnitState]:
        return [u for u in self.units if u.state is Readiness.READY]

    @property
    def not_ready(self) -> list[UnitState]:
        return [u for u in self.units if u.state is Readiness.NOT_READY]


def body_year(body: Body, year: int) -> BodyYear:
    """Where every unit of the body stands for the year's grading. Reads only."""
    found = BodyYear(units=[])
    schemes: set[str] = set()
    for unit in Unit.objects.filter(body=body).order_by("name"):
        cadres = list(unit.cadres.filter(is_active=True).select_related("person", "unit"))
        if not cadres:
            continue
        if current_approval(unit, year) is not None:
            found.units.append(UnitState(unit, Readiness.APPROVED, cadres=cadres))
            continue
        try:
            scheme, people, months = year_people(unit, year, cadres)
        except DomainError as exc:
            found.units.append(
                UnitState(unit, Readiness.NOT_READY, exc.message_vi, exc.message_en, cadres)
            )
            continue
        if not any(person.periods for person in people):
            found.units.append(
                UnitState(
                    unit,
                    Readiness.NOT_READY,
                    f"Chưa có tháng nào của năm {year} được phê duyệt",
                    f"No month of {year} is approved",
                    cadres,
                )
            )
            continue
        found.units.append(UnitState(unit, Readiness.READY, cadres=cadres))
        found.scheme = scheme
        schemes.add(scheme.key)
        found.people += people
        found.months |= months
    if len(schemes) > 1:  # months of one body share its scheme; a custom change mid-year
        raise InputProblem(
            "Các đơn vị không cùng một phương án đánh giá trong năm",
            "The units were not graded under one scheme in the year",
        )
    return found


def _outstanding(states: list[UnitState], year: int) -> set[str]:
    return {s.unit.name for s in states if s.unit.outstanding_year == year}


def _refuse_not_ready(found: BodyYear) -> None:
    if found.not_ready:
        vi = "; ".join(f"{s.unit.name}: {s.reason_vi}" for s in found.not_ready)
        en = "; ".join(f"{s.unit.name}: {s.reason_en}" for s in found.not_ready)
        raise WrongState(
            f"Chưa thể xếp loại năm toàn cơ quan, chưa lưu gì. Đơn vị chưa sẵn sàng: {vi}",
            f"Cannot grade the body's year, nothing was saved. Units not ready: {en}",
        )
    if not found.ready:
        raise InputProblem(
            "Không còn đơn vị nào để xếp loại năm (các đơn vị đã được phê duyệt)",
            "No unit is left to grade (every unit's year is approved)",
        )


def body_year_grade(
    *,
    actor: Any,
    body: Body,
    year: int,
    keep: Collection[int | str] | None = None,
    graded_on: date | None = None,
) -> dict[str, list[YearGrade]]:
    """Grade and approve the year of every unit of the body not approved yet, all or nothing.
    Organisers and administrators only. Where any unit's annual quota is exceeded, `keep`
    (cadre ids, across units) names exactly who keeps the top grade in each contest."""
    access.require(
        access.is_organiser(actor, body.pk),
        "Chỉ người tổ chức hoặc quản trị xếp loại năm toàn cơ quan",
        "Only an organiser or administrator grades the whole body's year",
    )
    graded_on = graded_on or timezone.localdate()
    with transaction.atomic():
        units = list(Unit.objects.select_for_update().filter(body=body).order_by("pk"))
        if not units:
            raise InputProblem("Cơ quan chưa có đơn vị nào", "The body has no unit")
        found = body_year(body, year)
        _refuse_not_ready(found)
        assert found.scheme is not None
        outstanding = _outstanding(found.ready, year)
        result = decide_year(found.scheme, found.people, graded_on, outstanding, keep)
        saved: dict[str, list[YearGrade]] = {}
        for state in found.ready:
            saved[state.unit.name] = approve_unit_year(
                actor=actor,
                unit=state.unit,
                year=year,
                cadres=state.cadres,
                result=result,
                months=found.months,
                graded_on=graded_on,
                keep=keep,
                is_body_wide=True,
            )
    return saved


def body_year_preview(body: Body, year: int, graded_on: date) -> tuple[BodyYear, YearPreview]:
    """The units' readiness and, for the ready ones, the year as the engine grades it now."""
    found = body_year(body, year)
    if not found.ready or found.scheme is None:
        raise InputProblem("Chưa có đơn vị nào sẵn sàng", "No unit is ready")
    outstanding = _outstanding(found.ready, year)
    result = grade_people(found.scheme, found.people, graded_on, outstanding)
    names = {p.person: p.name for p in found.people}
    return found, YearPreview(result, quota_contests(found.scheme, result.graded), names)
