"""Task points from products (Decree 335/2025/NĐ-CP, from 1 January 2026): a civil servant's task
result (70 of 100 points under the `national` scheme, Điều 12 khoản 3) is computed from the
quantity, quality and progress of the products and pieces of work they were assigned in the
month or quarter, each a percentage (Điều 14); a leader adds the result of the unit they lead and
their capacity to organise its tasks (Điều 15 khoản 3).

`task_figures` turns the products into the three percentages; `task_points` the percentages into
points, by the scheme's `[task_results]` (`scheme.TaskResults`): the criterion's maximum times the
weighted mean of the figures over 100, rounded once by the scheme's rule, so 100 % of each gives
the maximum and 0 gives 0. Exact throughout (Fractions, then one rounding). Pure: no Django.

As the decree words it (docs/grading-schemes.md cites each clause): all three figures are over
the converted weight assigned ("so với số lượng sản phẩm/công việc được giao (đã quy đổi)");
quality counts what was completed meeting the quality required, progress what was completed on
time or better; each major error costs `error_cost` of that product's quality and each delay
`delay_cost` of its progress, never below 0, unless an objective cause was confirmed
(`is_exempt`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tinnhiem.grading.errors import ScoreError
from tinnhiem.grading.numbers import Rounding, round_fraction
from tinnhiem.grading.scheme import LeaderResults, Scheme, TaskResults

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


@dataclass(frozen=True)
class LeaderFigures:
    """What a leader adds (Điều 15 khoản 3), as percentages 0–100: the result of the unit they
    lead (see `unit_result`) and their capacity to organise its tasks (None when the scheme
    leaves it out)."""

    unit_result: Decimal | Fraction
    organizing: Decimal | Fraction | None = None


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
    return TaskFigures(100 * done / assigned, 100 * quality / assigned, 100 * progress / assigned)


def task_points(
    scheme: Scheme,
    quantity: Decimal | Fraction,
    quality: Decimal | Fraction,
    progress: Decimal | Fraction,
    *,
    leader: LeaderFigures | None = None,
    row: int | None = None,
) -> Decimal:
    """The task criterion's points from the three percentages (and, for a leader, the unit's
    result and the capacity to organise, Điều 15 khoản 3), by the scheme's rule and rounding.
    A percentage outside 0–100 is refused (naming `row`)."""
    rule = _rule(scheme, row)
    figures = {"quantity": quantity, "quality": quality, "progress": progress}
    weights = {name: Fraction(getattr(rule, name)) for name in FIGURES}
    if leader is not None:
        leaders = _leaders(scheme, rule, row)
        figures.update(unit_result=leader.unit_result)
        weights.update(unit_result=Fraction(leaders.unit_result))
        if leaders.organizing:
            if leader.organizing is None:
                raise ScoreError(
                    "thiếu năng lực tổ chức thực hiện nhiệm vụ của người lãnh đạo",
                    "the leader's capacity to organise the tasks is missing",
                    row=row,
                    field="organizing",
                )
            figures.update(organizing=leader.organizing)
            weights.update(organizing=Fraction(leaders.organizing))
    for name, value in figures.items():
        if not 0 <= value <= 100:
            raise ScoreError(
                f"'{value}' không nằm trong khoảng 0–100 (%)",
                f"'{value}' is not a percentage from 0 to 100",
                row=row,
                field=name,
            )
    weighted = sum((weights[name] * Fraction(figures[name]) for name in figures), Fraction(0))
    mean = weighted / sum(weights.values(), Fraction(0))
    maximum = next(c.maximum for c in scheme.criteria if c.key == rule.criterion)
    return round_fraction(Fraction(maximum) * mean / 100, scheme.places, scheme.rounding)


def unit_result(scheme: Scheme, grades: Iterable[str]) -> Fraction:
    """The unit's result as a percentage, from the grades of the civil servants the leader
    manages (Điều 15 khoản 3): `all_completed` when every one reaches the rule's band or better,
    else `any_not_completed` (100 % and 50 % in the decree)."""
    leaders = _leaders(scheme, _rule(scheme, None), None)
    reached = all(scheme.rank(grade) <= scheme.rank(leaders.band) for grade in grades)
    return 100 * (leaders.all_completed if reached else leaders.any_not_completed)


def _rule(scheme: Scheme, row: int | None) -> TaskResults:
    if scheme.task_results is None:
        raise ScoreError(
            f"phương án '{scheme.key}' không tính điểm nhiệm vụ từ số lượng, chất lượng, tiến độ",
            f"scheme '{scheme.key}' does not compute task points from quantity, quality, progress",
            row=row,
        )
    return scheme.task_results


def _leaders(scheme: Scheme, rule: TaskResults, row: int | None) -> LeaderResults:
    if rule.leaders is None:
        raise ScoreError(
            f"phương án '{scheme.key}' không có quy tắc cho người giữ chức vụ lãnh đạo, quản lý",
            f"scheme '{scheme.key}' has no rule for those holding a leading or managerial post",
            row=row,
            field="unit_result",
        )
    return rule.leaders
