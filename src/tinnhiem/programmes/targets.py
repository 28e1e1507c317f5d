"""Targets (chỉ tiêu): entered from the office's sheet, updated by indicator and period."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.programmes.models import Indicator, Programme
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
