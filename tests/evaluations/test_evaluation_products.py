"""The task points offered from a cadre's products of the month (Decree 335/2025/NĐ-CP): the
programmes app's `Product` rows reach the evaluations through `core.task_feed`, without either
app importing the other."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from tests.evaluations.national import national_unit, open_month

from tinnhiem.evaluations import services
from tinnhiem.evaluations.products import task_offer
from tinnhiem.programmes.models import Product


@pytest.fixture
def org_national(org: SimpleNamespace) -> SimpleNamespace:
    return national_unit(org)


def product(person: Any, month: int, **fields: Any) -> Product:
    values: dict[str, Any] = {"is_completed": True, "meets_quality": True, "is_on_time": True}
    values.update(fields)
    return Product.objects.create(person=person, year=2026, month=month, title="Báo cáo", **values)


def test_products_of_the_month_give_the_task_points(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    cadre = org_national.cadres[0]
    period = open_month(org, 4)
    product(cadre.person, 4, weight=Decimal(2))
    product(cadre.person, 4, major_errors=1)  # quality of this one 75 %
    product(cadre.person, 4, is_on_time=False, delays=2)  # progress of this one 50 %
    product(cadre.person, 4, is_completed=False, meets_quality=False, is_on_time=False)
    product(cadre.person, 4, major_errors=3, exemption="Thiên tai, đã xác nhận")
    product(cadre.person, 5, is_completed=False)  # another month: not counted
    offer = task_offer(cadre, period)
    assert offer is not None and offer.products == 5
    # quantity 5 of 6; quality (2 + 0.75 + 1 + 1) / 5 = 95 %; progress (2 + 1 + 0.5 + 1) / 5 = 90 %
    assert (offer.quantity, offer.quality, offer.progress) == (
        Decimal("83.33"),
        Decimal("95.00"),
        Decimal("90.00"),
    )
    # 70 × (5/6 + 0.95 + 0.9) / 3 = 62.61 (the exact figures, rounded once)
    assert offer.as_scores() == {"tasks": "62.61"}
    saved = services.evaluation_self_assess(
        actor=org.organiser,
        cadre=cadre,
        period=period,
        scores={"general": "30", **offer.as_scores()},
    )
    assert saved.self_scores["tasks"] == "62.61"


def test_no_products_or_a_scheme_without_the_rule_offers_nothing(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    cadre = org_national.cadres[1]
    assert task_offer(cadre, open_month(org, 4)) is None
    product(org.cadres[0].person, 3)
    assert task_offer(org.cadres[0], org.period) is None  # the Hanoi scheme: points entered
