"""The task points offered from the products a cadre was assigned in the month (Decree
335/2025/NĐ-CP): quantity, quality and progress from whatever source knows the work given
(`core.task_feed`; the programmes app plugs its `Product` rows in), turned into the scheme's task
points by the grading core. Only offered: the cadre and the manager still enter the scores."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tinnhiem.core import task_feed
from tinnhiem.evaluations.engine import period_scheme
from tinnhiem.evaluations.models import Cadre, Period
from tinnhiem.grading.products import task_figures, task_points


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
    )
