"""Where a civil servant's products of a month come from, for the task points of Decree
335/2025/NĐ-CP: a small port between two feature apps that may not import each other (the
layers of pyproject.toml's import-linter contract). `evaluations` asks `products_of`; an app that
knows the work people were given (`programmes`, from its `Product` rows) plugs a source in when
Django starts (`register`, in its AppConfig.ready). No source, or no product: an empty list,
and the task points are entered by hand as before."""

from __future__ import annotations

from typing import Protocol

from tinnhiem.grading.products import ProductLine


class ProductSource(Protocol):
    """Gives the products a person was assigned in a month, converted to weights."""

    def products_of(self, *, person_id: int, year: int, month: int) -> list[ProductLine]: ...


_sources: list[ProductSource] = []


def register(source: ProductSource) -> None:
    """Plug a source in (once: registering the same source again changes nothing)."""
    if source not in _sources:
        _sources.append(source)


def products_of(*, person_id: int, year: int, month: int) -> list[ProductLine]:
    """Every registered source's products of the person for the month."""
    return [
        line
        for source in _sources
        for line in source.products_of(person_id=person_id, year=year, month=month)
    ]
