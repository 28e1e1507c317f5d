"""Task points from the quantity, quality and progress of a period's products (Decree
335/2025/NĐ-CP; `[task_results]` of the `national` scheme)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tinnhiem.grading import SchemeError, ScoreError, load_scheme, parse_scheme
from tinnhiem.grading.products import ProductLine, task_figures, task_points

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
    # quantity 4 of 5; quality (2 + 0.75 + 1) / 4; progress (2 + 1 + 0.5) / 4
    assert figures.rounded() == {
        "quantity": Decimal("80.00"),
        "quality": Decimal("93.75"),
        "progress": Decimal("87.50"),
    }


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
    assert nothing is not None and (nothing.quantity, nothing.quality) == (0, 0)


def load_scheme_text() -> str:
    return (SCHEMES / "national.toml").read_text("utf-8")
