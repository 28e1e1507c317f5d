"""Inspection, supervision and discipline figures (KTGS) of a period: entered as a whole table,
checked row by row (`steering.inspection`), refused whole when any row breaks a rule — the
figures are never adjusted to balance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem
from tinnhiem.programmes import access
from tinnhiem.programmes.models import InspectionFigure
from tinnhiem.steering.inspection import Activity, FigureRow, Subject, check_rows

FIELDS = ("inspected", "committee_members", "violating", "to_discipline", "disciplined")


def figures_set(
    *,
    actor: Any,
    body: Body,
    period: str,
    starts_on: date,
    ends_on: date,
    rows: Sequence[FigureRow],
) -> list[InspectionFigure]:
    """Replace the period's figures with `rows` (the inspection commission's table)."""
    access.require(actor, body.pk, access.WRITE_INSPECTION)
    if not period.strip():
        raise InputProblem("Cần tên kỳ báo cáo", "Name the reporting period")
    if ends_on < starts_on:
        raise InputProblem(
            "Kỳ báo cáo kết thúc trước khi bắt đầu", "The period ends before it starts"
        )
    check_rows(rows, first_row=1)
    with transaction.atomic():
        existing = InspectionFigure.objects.filter(body=body, starts_on=starts_on, ends_on=ends_on)
        before = [_as_dict(f) for f in existing]
        existing.delete()
        saved = [
            InspectionFigure.objects.create(
                body=body,
                period=period.strip(),
                starts_on=starts_on,
                ends_on=ends_on,
                activity=row.activity.value,
                subject=row.subject.value,
                forms=dict(row.forms),
                **{name: getattr(row, name) for name in FIELDS},
            )
            for row in rows
        ]
        record(
            actor=actor,
            action="ktgs.set",
            obj=body,
            body_id=body.pk,
            before={"rows": before} if before else None,
            after={"period": period.strip(), "rows": [_as_dict(f) for f in saved]},
        )
    return saved


def figure_rows(body: Body, starts_on: date, ends_on: date) -> list[FigureRow]:
    return [
        as_row(f)
        for f in InspectionFigure.objects.filter(
            body=body, starts_on=starts_on, ends_on=ends_on
        ).order_by("id")  # as the commission entered its table
    ]


def as_row(figure: InspectionFigure) -> FigureRow:
    return FigureRow(
        Activity(figure.activity),
        Subject(figure.subject),
        forms={key: int(value) for key, value in figure.forms.items()},
        **{name: getattr(figure, name) for name in FIELDS},
    )


def periods(body: Body) -> list[tuple[str, date, date]]:
    """The body's reporting periods, latest first."""
    return list(
        InspectionFigure.objects.filter(body=body)
        .values_list("period", "starts_on", "ends_on")
        .distinct()
        .order_by("-ends_on", "-starts_on")
    )


def _as_dict(figure: InspectionFigure) -> dict[str, Any]:
    return {
        "activity": figure.activity,
        "subject": figure.subject,
        **{name: getattr(figure, name) for name in FIELDS},
        "forms": figure.forms,
    }
