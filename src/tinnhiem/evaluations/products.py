"""The task points offered from the products a cadre was assigned in the month (Decree
335/2025/NĐ-CP): quantity, quality and progress from whatever source knows the work given
(`core.task_feed`; the programmes app plugs its `Product` rows in), turned into the scheme's task
points by the grading core. Only offered: the cadre and the manager still enter the scores.

A cadre who heads their unit is, under a scheme with the leaders' rule (Điều 15 khoản 3), also
offered the unit's result, from the month's grades of the unit's other active cadres, and the
task points with it once the assessor has typed the capacity to organise (`leader_offer`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tinnhiem.core import task_feed
from tinnhiem.evaluations.engine import period_scheme
from tinnhiem.evaluations.models import Cadre, Evaluation, Period
from tinnhiem.grading import Scheme
from tinnhiem.grading.numbers import parse_number, show
from tinnhiem.grading.products import (
    LeaderFigures,
    TaskFigures,
    task_figures,
    task_points,
    unit_result,
)

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TaskOffer:
    """The month's figures (percent, two decimals) and the points they give to `criterion`."""

    criterion: str
    quantity: Decimal
    quality: Decimal
    progress: Decimal
    points: Decimal
    products: int  # assigned, of which:
    completed: int
    meeting_quality: int  # completed and meeting the quality required
    on_time: int  # completed on time
    maximum: Decimal  # the criterion's maximum (70 under the national scheme)
    figures: TaskFigures  # exact, for a leader's points

    def as_scores(self) -> dict[str, str]:
        """As the self-assessment's scores are entered (`evaluation_self_assess`)."""
        return {self.criterion: str(self.points)}


def task_offer(cadre: Cadre, period: Period) -> TaskOffer | None:
    """What the cadre's products of the month give, under the month's scheme; None when the
    scheme computes no task points from products or no product with a weight was assigned."""
    scheme = period_scheme(period)
    rule = scheme.task_results
    if rule is None:
        return None
    lines = task_feed.products_of(person_id=cadre.person_id, year=period.year, month=period.month)
    figures = task_figures(lines, rule)
    if figures is None:
        return None
    shown = figures.rounded()
    return TaskOffer(
        criterion=rule.criterion,
        quantity=shown["quantity"],
        quality=shown["quality"],
        progress=shown["progress"],
        points=task_points(scheme, figures.quantity, figures.quality, figures.progress),
        products=len(lines),
        completed=sum(1 for line in lines if line.is_completed),
        meeting_quality=sum(1 for line in lines if line.is_completed and line.meets_quality),
        on_time=sum(1 for line in lines if line.is_completed and line.is_on_time),
        maximum=next(c.maximum for c in scheme.criteria if c.key == rule.criterion),
        figures=figures,
    )


@dataclass(frozen=True)
class LeaderOffer:
    """What the head of a unit adds (Điều 15 khoản 3). `unit_result` is None until every other
    active cadre of the unit has a grade for the month (`not_graded` names those without);
    `points` is None until the capacity to organise is known (when the rule weighs it) and the
    head has products; `upper_bound` is then the points with organising at 100 %."""

    unit: str
    staff: int
    not_graded: list[str]
    below: list[str]  # graded under the rule's band: why the result is the lower one
    band: tuple[str, str]  # the band every one must reach (vi, en)
    all_completed: str  # "100%"
    any_not_completed: str  # "50%"
    unit_result: str | None  # "100%" or "50%"
    asks_organizing: bool
    organizing: str  # as typed
    problem: tuple[str, str] | None  # the organising percentage typed is not one
    points: Decimal | None
    upper_bound: Decimal | None


def leader_offer(
    cadre: Cadre, period: Period, offer: TaskOffer | None, organizing: str = ""
) -> LeaderOffer | None:
    """The leader's figures of the month for a cadre who heads their unit, under a scheme with
    the leaders' rule; None otherwise. `offer`: the cadre's own `task_offer` (None: no products,
    so no points); `organizing`: the capacity to organise as the assessor typed it ("85")."""
    scheme = period_scheme(period)
    rule = scheme.task_results
    if rule is None or rule.leaders is None or cadre.unit.head_id != cadre.person_id:
        return None
    leaders = rule.leaders
    staff, grades = _staff_grades(cadre, period)
    not_graded = [c.person.full_name for c in staff if c.pk not in grades]
    result = unit_result(scheme, grades.values()) if staff and not not_graded else None
    typed = organizing.strip()
    share, problem = _organizing(typed)
    points = upper = None
    if result is not None and offer is not None:
        if share is not None or not leaders.organizing:
            points = _points(scheme, offer.figures, LeaderFigures(result, share))
        else:  # not typed yet: the most organising can give
            upper = _points(scheme, offer.figures, LeaderFigures(result, HUNDRED))
    band = scheme.band(leaders.band)
    return LeaderOffer(
        unit=cadre.unit.name,
        staff=len(staff),
        not_graded=not_graded,
        below=sorted(
            c.person.full_name
            for c in staff
            if c.pk in grades and scheme.rank(grades[c.pk]) > scheme.rank(leaders.band)
        ),
        band=(band.label_vi, band.label_en),
        all_completed=show(leaders.all_completed),
        any_not_completed=show(leaders.any_not_completed),
        unit_result=None if result is None else show(result / 100),
        asks_organizing=bool(leaders.organizing),
        organizing=typed,
        problem=problem,
        points=points,
        upper_bound=upper,
    )


def _staff_grades(cadre: Cadre, period: Period) -> tuple[list[Cadre], dict[int, str]]:
    """The unit's other active cadres, and the month's grade of each one graded, by cadre."""
    staff = list(
        cadre.unit.cadres.filter(is_active=True).exclude(pk=cadre.pk).select_related("person")
    )
    grades = dict(
        Evaluation.objects.filter(period=period, cadre__in=staff)
        .exclude(grade="")
        .values_list("cadre_id", "grade")
    )
    return staff, grades


def _points(scheme: Scheme, figures: TaskFigures, leader: LeaderFigures) -> Decimal:
    return task_points(scheme, figures.quantity, figures.quality, figures.progress, leader=leader)


def _organizing(typed: str) -> tuple[Decimal | None, tuple[str, str] | None]:
    """The capacity to organise as a percentage 0–100 ("85", "85,5", "85%"), or why not."""
    if not typed:
        return None, None
    number = parse_number(typed.removesuffix("%"))
    if number is None or not 0 <= number <= HUNDRED:
        return None, (
            f"'{typed}' không phải tỷ lệ phần trăm từ 0 đến 100",
            f"'{typed}' is not a percentage from 0 to 100",
        )
    return number, None
