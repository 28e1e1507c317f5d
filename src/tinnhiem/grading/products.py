"""Task points from products (Decree 335/2025/NĐ-CP, from 1 January 2026): a civil servant's task
result (70 of 100 points under the `national` scheme) is computed from the quantity, quality and
progress of the products and pieces of work they were assigned in the period, each a percentage.

`task_figures` turns the products into the three percentages; `task_points` the percentages into
points, by the scheme's `[task_results]` (`scheme.TaskResults`): the criterion's maximum times the
weighted mean of the three over 100, rounded once by the scheme's rule, so 100 % of each gives the
maximum and 0 gives 0. Exact throughout (Fractions, then one rounding). Pure: no Django.

What the text fixes and what is chosen here (docs/grading-schemes.md, "Task points from
products"): quantity is the converted weight completed over the weight assigned; quality and
progress are over the weight completed (an unfinished product already counts against quantity);
a major error costs `error_cost` of that product's quality and a delay `delay_cost` of its
progress, never below 0, unless an objective cause was confirmed (`is_exempt`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tinnhiem.grading.errors import ScoreError
from tinnhiem.grading.numbers import Rounding, round_fraction
from tinnhiem.grading.scheme import Scheme, TaskResults

HUNDRED = Decimal(100)
FIGURES = ("quantity", "quality", "progress")


@dataclass(frozen=True)
class ProductLine:
    """One product or piece of work of the period, converted to a weight (hệ số quy đổi)."""

    weight: Decimal
    is_completed: bool
    meets_quality: bool
    is_on_time: bool
    major_errors: int = 0
    delays: int = 0
    is_exempt: bool = False  # an objective cause confirmed: errors and delays not counted


@dataclass(frozen=True)
class TaskFigures:
    """Quantity, quality and progress as exact percentages (0–100)."""

    quantity: Fraction
    quality: Fraction
    progress: Fraction

    def rounded(self, places: int = 2) -> dict[str, Decimal]:
        """The three as decimals for people ("87.50"), half up."""
        return {
            name: round_fraction(getattr(self, name), places, Rounding.HALF_UP) for name in FIGURES
        }


def task_figures(products: Iterable[ProductLine], rule: TaskResults) -> TaskFigures | None:
    """The three percentages of a period's products; None when no product carries a weight
    (the task points are then entered by hand)."""
    assigned = done = Fraction(0)
    quality = progress = Fraction(0)
    for product in products:
        weight = Fraction(product.weight)
        assigned += weight
        if not product.is_completed:
            continue
        done += weight
        errors = 0 if product.is_exempt else product.major_errors
        delays = 0 if product.is_exempt or product.is_on_time else max(product.delays, 1)
        if product.meets_quality:
            quality += weight * max(Fraction(0), 1 - errors * rule.error_cost)
        progress += weight * max(Fraction(0), 1 - delays * rule.delay_cost)
    if assigned <= 0:
        return None
    if done == 0:
        return TaskFigures(Fraction(0), Fraction(0), Fraction(0))
    return TaskFigures(100 * done / assigned, 100 * quality / done, 100 * progress / done)


def task_points(
    scheme: Scheme,
    quantity: Decimal | Fraction,
    quality: Decimal | Fraction,
    progress: Decimal | Fraction,
    *,
    row: int | None = None,
) -> Decimal:
    """The task criterion's points from the three percentages, by the scheme's rule and
    rounding. A percentage outside 0–100 is refused (naming `row`)."""
    rule = scheme.task_results
    if rule is None:
        raise ScoreError(
            f"phương án '{scheme.key}' không tính điểm nhiệm vụ từ số lượng, chất lượng, tiến độ",
            f"scheme '{scheme.key}' does not compute task points from quantity, quality, progress",
            row=row,
        )
    figures = {"quantity": quantity, "quality": quality, "progress": progress}
    for name, value in figures.items():
        if not 0 <= value <= 100:
            raise ScoreError(
                f"'{value}' không nằm trong khoảng 0–100 (%)",
                f"'{value}' is not a percentage from 0 to 100",
                row=row,
                field=name,
            )
    weights = {name: Fraction(getattr(rule, name)) for name in FIGURES}
    weighted = sum((weights[name] * Fraction(figures[name]) for name in FIGURES), Fraction(0))
    mean = weighted / sum(weights.values(), Fraction(0))
    maximum = next(c.maximum for c in scheme.criteria if c.key == rule.criterion)
    return round_fraction(Fraction(maximum) * mean / 100, scheme.places, scheme.rounding)
