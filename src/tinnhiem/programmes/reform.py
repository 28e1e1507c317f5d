"""Administrative reform (CCHC) figures of a year: procedures abolished, simplified,
decentralised and delegated; files handled online, fully online and on time; the PAR Index
and SIPAS scores and ranks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem
from tinnhiem.programmes import access
from tinnhiem.programmes.models import ReformFigure
from tinnhiem.rules.arithmetic import percent

COUNTS = (
    "abolished",
    "simplified",
    "decentralised",
    "delegated",
    "files_total",
    "files_online",
    "files_fully_online",
    "files_on_time",
    "par_rank",
    "sipas_rank",
)
SCORES = ("par_index", "sipas")


def reform_set(*, actor: Any, body: Body, year: int, **values: Any) -> ReformFigure:
    access.require(actor, body.pk, access.WRITE_REFORM)
    unknown = set(values) - set(COUNTS) - set(SCORES)
    if unknown:
        raise InputProblem(f"Không có mục {sorted(unknown)}", f"Unknown figures {sorted(unknown)}")
    for name in COUNTS:
        value = values.get(name)
        if value is not None and value < 0:
            raise InputProblem(f"'{name}' không được âm", f"'{name}' must not be negative")
    for name in SCORES:
        value = values.get(name)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise InputProblem(f"'{name}' từ 0 đến 100", f"'{name}' is 0 to 100")
    total = values.get("files_total")
    for name in ("files_online", "files_fully_online", "files_on_time"):
        if total is not None and (values.get(name) or 0) > total:
            raise InputProblem(
                f"'{name}' lớn hơn tổng số hồ sơ ({total})", f"'{name}' exceeds the files ({total})"
            )
    if (values.get("files_fully_online") or 0) > (values.get("files_online") or 0):
        raise InputProblem(
            "Hồ sơ trực tuyến toàn trình nhiều hơn hồ sơ trực tuyến",
            "More files fully online than online",
        )
    with transaction.atomic():
        figure, _ = ReformFigure.objects.update_or_create(body=body, year=year, defaults=values)
        record(
            actor=actor,
            action="reform.set",
            obj=figure,
            body_id=body.pk,
            after={"year": year, **values},
        )
    return figure


def shares(figure: ReformFigure) -> dict[str, str | None]:
    """The shares of files handled online, fully online and on time, "xx.xx" half up."""
    total = figure.files_total
    return {
        name: percent(getattr(figure, name), total)
        if total and getattr(figure, name) is not None
        else None
        for name in ("files_online", "files_fully_online", "files_on_time")
    }
