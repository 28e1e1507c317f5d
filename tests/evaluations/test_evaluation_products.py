"""The task points offered from a cadre's products of the month (Decree 335/2025/NĐ-CP): the
programmes app's `Product` rows reach the evaluations through `core.task_feed`, without either
app importing the other."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for
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
    # all over the weight assigned (Điều 14 khoản 2): quantity 5/6; quality (2 + 0.75 + 1 + 1)/6;
    # progress (2 + 1 + 0.5 + 1)/6
    assert (offer.quantity, offer.quality, offer.progress) == (
        Decimal("83.33"),
        Decimal("79.17"),
        Decimal("75.00"),
    )
    # 70 × (5 + 4.75 + 4.5) / 18 = 55.416… = 55.42 (the exact figures, rounded once)
    assert offer.as_scores() == {"tasks": "55.42"}
    saved = services.evaluation_self_assess(
        actor=org.organiser,
        cadre=cadre,
        period=period,
        scores={"general": "30", **offer.as_scores()},
    )
    assert saved.self_scores["tasks"] == "55.42"


def test_no_products_or_a_scheme_without_the_rule_offers_nothing(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    cadre = org_national.cadres[1]
    assert task_offer(cadre, open_month(org, 4)) is None
    product(org.cadres[0].person, 3)
    assert task_offer(org.cadres[0], org.period) is None  # the Hanoi scheme: points entered


def test_the_evaluation_page_offers_the_points_of_a_cadre_with_products(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    with_products, without = org_national.cadres[0], org_national.cadres[1]
    period = open_month(org, 4)
    product(with_products.person, 4)
    product(with_products.person, 4, is_on_time=False, delays=1)  # progress of this one 75 %
    client = client_for(org.organiser)
    page = client.get(reverse("evaluations:evaluation", args=[period.pk, with_products.pk]))
    text = page.content.decode()
    # quantity 100 %, quality 100 %, progress 87.5 %: 70 × 287.5 / 300 = 67.08
    assert "Điểm kết quả nhiệm vụ đề xuất từ sản phẩm trong tháng" in text
    assert "từ các nhiệm vụ của chương trình" in text
    assert '<strong class="ev-offer-points">67,08</strong> / 70' in text
    assert "<dd>87,50</dd>" in text and "<dt>Đúng tiến độ</dt><dd>1</dd>" in text
    assert 'name="score_tasks" value="67.08"' in text  # pre-filled, still an input
    saved = services.evaluation_self_assess(
        actor=org.organiser, cadre=with_products, period=period, scores={"tasks": "60"}
    )
    again = client.get(reverse("evaluations:evaluation", args=[period.pk, with_products.pk]))
    assert 'name="score_tasks" value="60"' in again.content.decode()  # what was saved wins
    assert saved.self_scores["tasks"] == "60"
    other = client.get(reverse("evaluations:evaluation", args=[period.pk, without.pk]))
    other_text = other.content.decode()
    assert other.status_code == 200 and "ev-offer" not in other_text
    assert 'name="score_tasks" value=""' in other_text
