"""The task points offered from a cadre's products of the month (Decree 335/2025/NĐ-CP): the
programmes app's `Product` rows reach the evaluations through `core.task_feed`, without either
app importing the other."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for
from tests.evaluations.national import month_of, national_unit, open_month

from tinnhiem import grading
from tinnhiem.bodies.models import Person
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.models import Evaluation
from tinnhiem.evaluations.products import task_offer
from tinnhiem.programmes.models import Product

SCHEMES = Path(grading.__file__).parent / "schemes"


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


# A head of a unit under the leaders' rule (Điều 15 khoản 3): the unit's result from the month's
# grades of the unit's other active cadres, and the task points once the capacity to organise
# is typed. The six national cadres are graded first (approved by the org's head), then a
# leader joins the unit as a cadre and becomes its head: their own month is not yet assessed.


def graded_unit_with_leader(
    org: SimpleNamespace, nat: SimpleNamespace, *totals: int
) -> tuple[Any, Any]:
    period = month_of(org, nat, 4, *totals)
    person = Person.objects.create(body=org.body, full_name="Đỗ Văn Trưởng Phòng")
    leader = structure.cadre_save(
        actor=org.organiser, person=person, unit=nat.unit, manager=org.head, group="Lãnh đạo"
    )
    structure.unit_save(
        actor=org.organiser, body=org.body, name=nat.unit.name, head=person, unit=nat.unit
    )
    product(person, 4)
    product(person, 4, is_on_time=False, delays=1)  # progress of this one 75 %: 87.5 in all
    return period, leader


def page(org: SimpleNamespace, period: Any, cadre: Any, organizing: str | None = None) -> str:
    query = {} if organizing is None else {"organizing": organizing}
    address = reverse("evaluations:evaluation", args=[period.pk, cadre.pk])
    response = client_for(org.organiser).get(address, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_head_whose_staff_all_completed_sees_100_percent_and_the_leaders_points(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    period, leader = graded_unit_with_leader(org, org_national, 80, 80, 80, 80, 80, 60)
    text = page(org, period, leader)
    assert '<strong class="ev-unit-result">100%</strong> — 6 công chức đều đạt' in text
    assert "Điều 15 khoản 3" in text and "“Hoàn thành nhiệm vụ” trở lên" in text
    # organising not typed: the points at 100 % as the upper bound, the score not pre-filled
    # 70 × (100 + 100 + 87.5 + 100 + 100) / 500 = 68.25
    assert "Điểm tối đa nếu năng lực tổ chức đạt 100%</dt><dd>68,25 / 70" in text
    assert 'name="organizing"' in text and 'name="score_tasks" value=""' in text
    # typed 80: 70 × 467.5 / 500 = 65.45, offered in the own score, still editable
    typed = page(org, period, leader, "80")
    assert '<strong class="ev-leader-points">65,45</strong> / 70' in typed
    assert 'name="score_tasks" value="65.45"' in typed
    wrong = page(org, period, leader, "120")
    assert "&#x27;120&#x27; không phải tỷ lệ phần trăm từ 0 đến 100" in wrong
    assert 'name="score_tasks" value=""' in wrong


def test_one_staff_not_completed_gives_50_percent(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    period, leader = graded_unit_with_leader(org, org_national, 80, 80, 80, 80, 40, 60)
    text = page(org, period, leader, "100")
    assert '<strong class="ev-unit-result">50%</strong> — chưa đạt: Vũ Văn Năm' in text
    # 70 × (100 + 100 + 87.5 + 50 + 100) / 500 = 61.25
    assert '<strong class="ev-leader-points">61,25</strong> / 70' in text


def test_staff_not_graded_yet_are_named_and_nothing_is_computed(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    period, leader = graded_unit_with_leader(org, org_national, 80, 80, 80, 80, 80, 60)
    for cadre in org_national.cadres[:2]:
        found = Evaluation.objects.get(cadre=cadre, period=period)
        services.evaluation_reopen(actor=org.admin, evaluation=found, reason="Sửa điểm")
    newcomer = structure.cadre_save(
        actor=org.organiser,
        person=Person.objects.create(body=org.body, full_name="Bùi Thị Mới"),
        unit=org_national.unit,
        manager=org.manager,
    )
    text = page(org, period, leader, "90")
    assert (
        "Chưa tính được kết quả đơn vị: 3 công chức chưa được xếp loại tháng này "
        "(Bùi Thị Mới, Lý Văn Một, Mai Thị Hai)"  # by name
    ) in text
    assert "ev-unit-result" not in text and "ev-leader-points" not in text
    assert 'name="score_tasks" value=""' in text
    structure.cadre_save(
        actor=org.organiser,
        person=newcomer.person,
        unit=org_national.unit,
        manager=org.manager,
        is_active=False,
    )
    assert "2 công chức chưa được xếp loại" in page(org, period, leader)  # only active ones


def test_a_cadre_who_heads_no_unit_sees_no_leader_block(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    period, _ = graded_unit_with_leader(org, org_national, 80, 80, 80, 80, 80, 60)
    staff = structure.cadre_save(
        actor=org.organiser,
        person=Person.objects.create(body=org.body, full_name="Bùi Thị Mới"),
        unit=org_national.unit,
        manager=org.manager,
    )
    product(staff.person, 4)
    text = page(org, period, staff, "80")
    assert "ev-offer-points" in text and "ev-leader" not in text
    assert 'name="score_tasks" value="70.00"' in text  # the three figures' points, as before


def test_a_scheme_without_the_leaders_rule_shows_no_leader_block(
    org: SimpleNamespace, org_national: SimpleNamespace
) -> None:
    toml = (SCHEMES / "national.toml").read_text(encoding="utf-8")
    toml = toml.split("[task_results.leaders]")[0].replace('key = "national"', 'key = "no_leaders"')
    structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="custom", scheme_toml=toml)
    period = open_month(org, 5)
    leader = org_national.cadres[5]
    structure.unit_save(
        actor=org.organiser,
        body=org.body,
        name=org_national.unit.name,
        head=leader.person,
        unit=org_national.unit,
    )
    product(leader.person, 5)
    text = page(org, period, leader, "80")
    assert "ev-leader" not in text and 'name="score_tasks" value="70.00"' in text
    hanoi_head = org.cadres[4]  # the Hanoi scheme: no task points from products at all
    structure.unit_save(
        actor=org.organiser,
        body=org.body,
        name=org.unit.name,
        head=hanoi_head.person,
        unit=org.unit,
    )
    assert "ev-leader" not in page(org, org.period, hanoi_head)
