"""A unit evaluated under the national scheme (graded monthly and quarterly): five cadres in the
group "Chuyên viên" and one in "Lãnh đạo", the org's head as its head, months from April 2026."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from tinnhiem.bodies.models import Person
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.engine import unit_grading
from tinnhiem.evaluations.models import Cadre, Period

NAMES = ["Lý Văn Một", "Mai Thị Hai", "Ngô Văn Ba", "Tô Thị Bốn", "Vũ Văn Năm", "Hà Văn Sáu"]
MET = {"on_time": "yes", "beyond_share": "35%"}


def national(total: int | str) -> dict[str, str]:
    rest = Decimal(str(total))
    general = min(Decimal(30), rest)
    return {"general": str(general), "tasks": str(rest - general)}


def national_unit(org: SimpleNamespace) -> SimpleNamespace:
    structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="national")
    unit = structure.unit_save(
        actor=org.organiser, body=org.body, name="Phòng Nghiệp vụ", head=org.head
    )
    cadres = [
        structure.cadre_save(
            actor=org.organiser,
            person=Person.objects.create(body=org.body, full_name=name),
            unit=unit,
            manager=org.manager,
            group="Lãnh đạo" if index == 5 else "Chuyên viên",
        )
        for index, name in enumerate(NAMES)
    ]
    return SimpleNamespace(unit=unit, cadres=cadres)


def open_month(org: SimpleNamespace, month: int) -> Period:
    return structure.period_open(
        actor=org.organiser,
        body=org.body,
        year=2026,
        month=month,
        deadline=services.today() + timedelta(days=10),
    )


def reviewed_national(
    org: SimpleNamespace,
    period: Period,
    totals: Mapping[Cadre, int | str],
    conditions: Mapping[Cadre, Mapping[str, str]] | None = None,
    facts: Mapping[Cadre, Sequence[str]] | None = None,
) -> None:
    """Each cadre at the total given, with the conditions met unless others are given."""
    for cadre, total in totals.items():
        stated = (conditions or {}).get(cadre, MET)
        evaluation = services.evaluation_self_assess(
            actor=org.organiser,
            cadre=cadre,
            period=period,
            scores=national(total),
            conditions=stated,
        )
        services.evaluation_submit(actor=org.organiser, evaluation=evaluation)
        found = list((facts or {}).get(cadre, ()))
        services.evaluation_review(
            actor=org.users["manager"],
            evaluation=evaluation,
            scores=national(total),
            conditions=stated,
            facts=found,
            reasons={"facts": "Quyết định kỷ luật số 12"} if found else {},
        )


def approve_month(org: SimpleNamespace, nat: SimpleNamespace, period: Period) -> None:
    """Approve the month keeping those the rule keeps (no tie in these months)."""
    from tinnhiem.evaluations.models import Evaluation

    graded = list(
        Evaluation.objects.filter(period=period, unit=nat.unit).select_related(
            "cadre__person", "cadre__unit", "period"
        )
    )
    scheme = services.period_scheme(period)
    grading = unit_grading(scheme, graded, nat.unit, period)
    keep = sorted(grading.proposed_keep) if grading.needs_decision else None
    services.unit_approve(actor=org.users["head"], period=period, unit=nat.unit, keep=keep)


def month_of(org: SimpleNamespace, nat: SimpleNamespace, month: int, *totals: int) -> Period:
    period = open_month(org, month)
    reviewed_national(org, period, dict(zip(nat.cadres, totals, strict=True)))
    approve_month(org, nat, period)
    return period
