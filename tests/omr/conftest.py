"""Shared fixtures: printed ballots and their templates (built once per run), and a reader
bound to the corpus session."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from tinnhiem.omr import PageReading, read_page

from .corpus import SESSION, Printed, Sheet, printed

Reader = Callable[..., PageReading]


@pytest.fixture(scope="session")
def five() -> Printed:
    """The one-page ballot of five officials."""
    return printed(5)


@pytest.fixture(scope="session")
def twenty_five() -> Printed:
    """The two-page ballot of 25 officials (17 lines, then 8), each page headed and sealed."""
    return printed(25)


@pytest.fixture(scope="session")
def templates(five: Printed, twenty_five: Printed) -> dict[tuple[str, str], object]:
    """Templates of both ballots of the session, as a counting board would load them."""
    return {**five.templates(), **twenty_five.templates()}


def reader_of(templates: dict[tuple[str, str], object]) -> Reader:
    """Read a sheet (or a bare image) with these templates, as a session's reader."""

    def reader(sheet: Sheet | np.ndarray, **options: object) -> PageReading:
        image = sheet.image if isinstance(sheet, Sheet) else sheet
        return read_page(image, templates, expected_session=SESSION, **options)  # type: ignore[arg-type]

    return reader


@pytest.fixture(scope="session")
def read_layout_1() -> Reader:
    """The reader of a session that printed layout 1 (the seal place under the table)."""
    return reader_of({**printed(5, layout=1).templates(), **printed(25, layout=1).templates()})


@pytest.fixture(scope="session")
def read(templates: dict[tuple[str, str], object]) -> Reader:
    """Read a sheet (or a bare image) as the session's reader."""
    return reader_of(templates)
