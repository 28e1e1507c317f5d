"""The programmes app's products as the evaluations' source of a month's task results
(`core.task_feed`): each `Product` of the person for the month, as the grading core reads it."""

from __future__ import annotations

from dataclasses import dataclass

from tinnhiem.grading.products import ProductLine
from tinnhiem.programmes.models import Product


@dataclass(frozen=True)
class ProgrammeProducts:
    """Registered by `ProgrammesConfig.ready`; one query per person and month."""

    def products_of(self, *, person_id: int, year: int, month: int) -> list[ProductLine]:
        return [
            ProductLine(
                weight=product.weight,
                is_completed=product.is_completed,
                meets_quality=product.meets_quality,
                is_on_time=product.is_on_time,
                major_errors=product.major_errors,
                delays=product.delays,
                is_exempt=bool(product.exemption.strip()),
            )
            for product in Product.objects.filter(person_id=person_id, year=year, month=month)
        ]
