"""Task points from the quantity, quality and progress of a period's products (Decree
335/2025/NĐ-CP; `[task_results]` of the `national` scheme)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tinnhiem.grading import SchemeError, ScoreError, load_scheme, parse_scheme
from tinnhiem.grading.products import (
    LeaderFigures,
    ProductLine,
    task_figures,
    task_points,
    unit_result,
)

SCHEMES = Path(__file__).resolve().parents[2] / "src" / "tinnhiem" / "grading" / "schemes"
NATIONAL = load_scheme("national")
RULE = NATIONAL.task_results


def points(quantity: str, quality: str, progress: str) -> str:
    return str(task_points(NATIONAL, Decimal(quantity), Decimal(quality), Decimal(progress)))


def test_the_national_scheme_has_the_rule() -> None:
    assert RULE is not None and RULE.criterion == "tasks"
    assert (RULE.error_cost, RULE.delay_cost) == (Fraction(1, 4), Fraction(1, 4))


def test_full_marks_give_70_and_nothing_gives_0() -> None:
    assert points("100", "100", "100") == "70.00"
    assert points("0", "0", "0") == "0.00"


def test_equal_weights_rounded_half_up_once() -> None:
    assert points("100", "100", "0") == "46.67"  # 70 × 2/3 = 46.666…
    assert points("90", "80", "70") == "56.00"
    assert points("99.5", "100", "100") == "69.88"  # 69.8833…


def test_weights_are_data_in_the_scheme_file() -> None:
    text = load_scheme_text().replace("quantity = 1\n", "quantity = 2\n")
    scheme = parse_scheme(text, source="custom.toml")
    assert str(task_points(scheme, Decimal(100), Decimal(0), Decimal(0))) == "35.00"  # 70 × 2/4


def test_a_percentage_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ScoreError) as caught:
        task_points(NATIONAL, Decimal("100.5"), Decimal(0), Decimal(0), row=4)
    assert caught.value.row == 4 and caught.value.field == "quantity"


def test_a_scheme_without_the_rule_refuses() -> None:
    with pytest.raises(ScoreError, match="hanoi"):
        task_points(load_scheme("hanoi"), Decimal(100), Decimal(100), Decimal(100))


def test_a_task_results_table_naming_no_criterion_is_refused() -> None:
    text = load_scheme_text().replace('criterion = "tasks"', 'criterion = "nhiem_vu"')
    with pytest.raises(SchemeError, match="nhiem_vu"):
        parse_scheme(text, source="custom.toml")
    with pytest.raises(SchemeError, match="weight"):
        parse_scheme(
            load_scheme_text()
            .replace("quantity = 1\n", "quantity = 0\n")
            .replace("quality = 1\n", "quality = 0\n")
            .replace("progress = 1\n", "progress = 0\n"),
            source="custom.toml",
        )


def product(weight: str = "1", **flags: object) -> ProductLine:
    values: dict[str, object] = {"is_completed": True, "meets_quality": True, "is_on_time": True}
    values.update(flags)
    return ProductLine(weight=Decimal(weight), **values)  # type: ignore[arg-type]


def test_figures_from_products() -> None:
    assert RULE is not None
    figures = task_figures(
        [
            product("2"),
            product("1", major_errors=1),  # quality 75 %
            product("1", is_on_time=False, delays=2),  # progress 50 %
            product("1", is_completed=False, meets_quality=False, is_on_time=False),
        ],
        RULE,
    )
    assert figures is not None
    # Điều 14 khoản 2: all three over the weight assigned (5), not the weight completed (4):
    # quantity 4/5; quality (2 + 0.75 + 1)/5; progress (2 + 1 + 0.5)/5
    assert figures.rounded() == {
        "quantity": Decimal("80.00"),
        "quality": Decimal("75.00"),
        "progress": Decimal("70.00"),
    }
    # 70 × (80 + 75 + 70) / 300 = 52.50
    points = task_points(NATIONAL, figures.quantity, figures.quality, figures.progress)
    assert str(points) == "52.50"


def test_costs_floor_at_zero_and_an_objective_cause_exempts() -> None:
    assert RULE is not None
    worst = task_figures([product(major_errors=5, is_on_time=False, delays=9)], RULE)
    assert worst is not None and (worst.quality, worst.progress) == (0, 0)
    exempt = task_figures(
        [product(major_errors=5, is_on_time=False, delays=9, is_exempt=True)], RULE
    )
    assert exempt is not None and (exempt.quality, exempt.progress) == (100, 100)
    late = task_figures([product(is_on_time=False)], RULE)  # late, no delay counted: one
    assert late is not None and late.progress == 75


def test_no_products_no_figures_and_nothing_done_is_zero() -> None:
    assert RULE is not None
    assert task_figures([], RULE) is None
    nothing = task_figures([product(is_completed=False)], RULE)
    assert nothing is not None and (nothing.quantity, nothing.quality, nothing.progress) == (
        0,
        0,
        0,
    )


def test_an_unfinished_product_counts_against_all_three_figures() -> None:
    assert RULE is not None
    half = task_figures([product(), product(is_completed=False)], RULE)
    assert half is not None and (half.quantity, half.quality, half.progress) == (50, 50, 50)


def leader(quantity: str, quality: str, progress: str, unit: str, organizing: str) -> str:
    figures = LeaderFigures(Decimal(unit), Decimal(organizing))
    return str(
        task_points(
            NATIONAL, Decimal(quantity), Decimal(quality), Decimal(progress), leader=figures
        )
    )


def test_the_national_scheme_has_the_leaders_rule() -> None:
    assert RULE is not None and RULE.leaders is not None
    assert (RULE.leaders.unit_result, RULE.leaders.organizing) == (1, 1)
    assert (RULE.leaders.all_completed, RULE.leaders.any_not_completed) == (1, Fraction(1, 2))


def test_a_leader_averages_the_units_result_and_organising_with_their_own() -> None:
    # Điều 15 khoản 3: 70 × (90 + 80 + 70 + 50 + 100) / 500 = 54.60
    assert leader("90", "80", "70", "50", "100") == "54.60"
    assert leader("100", "100", "100", "100", "100") == "70.00"
    assert leader("100", "100", "100", "50", "100") == "63.00"  # one of the staff failed
    assert leader("0", "0", "0", "0", "0") == "0.00"


def test_the_units_result_from_the_staffs_grades() -> None:
    assert unit_result(NATIONAL, ["excellent", "good", "completed"]) == 100
    assert unit_result(NATIONAL, ["good", "not_completed"]) == 50
    assert unit_result(NATIONAL, []) == 100


def test_a_leaders_figure_outside_0_to_100_or_missing_is_refused() -> None:
    with pytest.raises(ScoreError) as caught:
        task_points(
            NATIONAL, Decimal(90), Decimal(90), Decimal(90),
            leader=LeaderFigures(Decimal(101), Decimal(100)), row=7,
        )  # fmt: skip
    assert caught.value.row == 7 and caught.value.field == "unit_result"
    with pytest.raises(ScoreError) as missing:
        task_points(
            NATIONAL, Decimal(90), Decimal(90), Decimal(90),
            leader=LeaderFigures(Decimal(100)), row=8,
        )  # fmt: skip
    assert missing.value.row == 8 and missing.value.field == "organizing"


def test_the_leaders_weights_are_data_and_a_scheme_without_them_refuses() -> None:
    text = load_scheme_text().replace("organizing = 1\n", "organizing = 0\n")
    scheme = parse_scheme(text, source="custom.toml")
    figures = LeaderFigures(Decimal(50))  # 70 × (100 × 3 + 50) / 400 = 61.25
    points = task_points(scheme, Decimal(100), Decimal(100), Decimal(100), leader=figures)
    assert str(points) == "61.25"
    start = load_scheme_text().index("[task_results.leaders]")
    without = parse_scheme(load_scheme_text()[:start], source="custom.toml")
    with pytest.raises(ScoreError, match="leading or managerial"):
        task_points(without, Decimal(100), Decimal(100), Decimal(100), leader=figures)


def load_scheme_text() -> str:
    return (SCHEMES / "national.toml").read_text("utf-8")
