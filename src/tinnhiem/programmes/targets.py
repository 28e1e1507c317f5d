"""Targets (chỉ tiêu): entered from the office's sheet, updated by indicator and period."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem
from tinnhiem.programmes import access
from tinnhiem.programmes.models import DIGITS, PLACES, Agency, Indicator, Programme
from tinnhiem.programmes.registry import programme_ensure
from tinnhiem.steering.indicators import Assessment, Direction
from tinnhiem.steering.sheets import IndicatorRow

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def indicator_import(
    *,
    actor: Any,
    code: str,
    rows: Sequence[IndicatorRow],
    title: str = "",
    body: Body | None = None,
) -> list[Assessment]:
    """Create or update the programme's targets by indicator and period, from rows already
    checked (`steering.sheets.read_indicators`); all rows or none."""
    with transaction.atomic():
        programme, _ = programme_ensure(actor=actor, code=code, title=title, body=body)
        for row in rows:
            year = _YEAR.search(row.period)
            Indicator.objects.update_or_create(
                programme=programme,
                name=row.indicator,
                period=row.period,
                defaults={
                    "unit": row.unit,
                    "plan": row.plan,
                    "actual": row.actual,
                    "direction": row.direction.value,
                    "year": int(year.group()) if year else None,
                },
            )
        record(
            actor=actor,
            action="programme.indicators",
            obj=programme,
            body_id=programme.body_id,
            after={"rows": [[row.indicator, row.period] for row in rows]},
        )
    return [assessment(i) for i in _of(programme, rows)]


def indicator_save(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    period: str,
    plan: Decimal,
    unit: str = "",
    actual: Decimal | None = None,
    direction: str = Direction.AT_LEAST,
    owner: Agency | None = None,
    indicator: Indicator | None = None,
) -> Indicator:
    """Add a target to the programme or, with `indicator`, change one, as the office types it
    on the targets page. An indicator has one row per period: a second row for the same
    indicator and period is refused by the database's constraint (never checked then written),
    so the office edits the row already there."""
    access.require(actor, programme.body_id, access.WRITE_TARGETS)
    name, period, unit = name.strip(), period.strip(), unit.strip()
    _check_indicator(programme, name, period, plan, actual, direction, owner, indicator)
    year = _YEAR.search(period)
    fields = {
        "name": name,
        "period": period,
        "unit": unit,
        "plan": plan,
        "actual": actual,
        "direction": str(direction),
        "owner": owner,
        "year": int(year.group()) if year else None,
    }
    with transaction.atomic():
        before = None
        if indicator is not None:
            indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
            before = _facts(indicator)
        try:
            with (
                transaction.atomic()
            ):  # a savepoint: the clash is refused, not a broken transaction
                if indicator is None:
                    indicator = Indicator.objects.create(programme=programme, **fields)
                else:
                    for field, value in fields.items():
                        setattr(indicator, field, value)
                    indicator.save(update_fields=list(fields))
        except IntegrityError as exc:
            raise InputProblem(
                f"Chỉ tiêu «{name}» của kỳ «{period}» đã có: hãy sửa dòng đã có",
                f"The indicator '{name}' for the period '{period}' exists: edit that row",
            ) from exc
        record(
            actor=actor,
            action="programme.indicator",
            obj=indicator,
            body_id=programme.body_id,
            before=before,
            after=_facts(indicator),
        )
    return indicator


LARGEST = Decimal(10) ** (DIGITS - PLACES)  # what the database's decimal columns hold


def _check_indicator(
    programme: Programme,
    name: str,
    period: str,
    plan: Decimal,
    actual: Decimal | None,
    direction: str,
    owner: Agency | None,
    indicator: Indicator | None,
) -> None:
    if not name:
        raise InputProblem("Cần tên chỉ tiêu", "Name the indicator")
    if not period:
        raise InputProblem("Cần kỳ của chỉ tiêu (ví dụ 2024)", "Give the period (for example 2024)")
    for what, value in ((("Kế hoạch", "The plan"), plan), (("Thực hiện", "The actual"), actual)):
        if value is not None and not (0 <= value < LARGEST):
            raise InputProblem(
                f"{what[0]} phải là số không âm, nhỏ hơn {LARGEST}",
                f"{what[1]} must be a non-negative number below {LARGEST}",
            )
    if direction not in {d.value for d in Direction}:
        raise InputProblem("Chiều đánh giá không hợp lệ", "Unknown direction")
    if owner is not None and owner.body_id != programme.body_id:
        raise InputProblem(
            "Cơ quan phụ trách không thuộc cấp ủy này", "The owner is not this body's"
        )
    if indicator is not None and indicator.programme_id != programme.pk:
        raise InputProblem(
            "Chỉ tiêu không thuộc chương trình này", "Not this programme's indicator"
        )


def _facts(indicator: Indicator) -> dict[str, Any]:
    return {
        "name": indicator.name,
        "period": indicator.period,
        "unit": indicator.unit,
        "plan": indicator.plan,
        "actual": indicator.actual,
        "direction": indicator.direction,
        "owner": indicator.owner.name if indicator.owner else None,
    }


def _of(programme: Programme, rows: Sequence[IndicatorRow]) -> list[Indicator]:
    found = {(i.name, i.period): i for i in Indicator.objects.filter(programme=programme)}
    return [found[(row.indicator, row.period)] for row in rows]


def assessment(indicator: Indicator) -> Assessment:
    """The target's share of plan and verdict; an actual not yet entered counts as 0."""
    actual = indicator.actual if indicator.actual is not None else Decimal(0)
    return Assessment(
        indicator.name, indicator.period, indicator.plan, actual, Direction(indicator.direction)
    )


def same_period_last_year(indicator: Indicator) -> Indicator | None:
    """The same target a year earlier ("cùng kỳ năm trước"): same name, its period's year one
    less, the rest of the period's words equal."""
    if indicator.year is None:
        return None
    period = indicator.period.replace(str(indicator.year), str(indicator.year - 1))
    return Indicator.objects.filter(
        programme=indicator.programme_id, name=indicator.name, period=period
    ).first()
