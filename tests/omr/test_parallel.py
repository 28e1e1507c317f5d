"""Reading a pile on every core gives what reading it page by page gives, in order."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tinnhiem.omr import crop_png, read_pages

from .corpus import SESSION, Printed, make_sheet, random_plan, random_scan


@pytest.fixture(scope="module")
def pile(twenty_five: Printed) -> list[np.ndarray]:
    images = []
    for n in range(10):
        rng = np.random.default_rng(300 + n)
        page = n % 2
        plan = random_plan(rng, len(twenty_five.geometry.pages[page].lines), mix="hard")
        images.append(make_sheet(rng, people=25, page=page, plan=plan, scan=random_scan(rng)).image)
    return images


def test_all_cores_give_the_sequential_readings_in_order(
    pile: list[np.ndarray], templates: dict
) -> None:
    seen: list[int] = []
    pooled = read_pages(
        iter(pile), templates, expected_session=SESSION, processes=2, progress=seen.append
    )
    alone = read_pages(pile, templates, expected_session=SESSION, processes=1)
    assert len(pooled) == len(alone) == len(pile)
    assert all(a.same_as(b) for a, b in zip(pooled, alone, strict=True))
    assert [r.code.page for r in pooled if r.code] == [n % 2 for n in range(len(pile))]
    assert seen == list(range(1, len(pile) + 1))
    assert pooled[0].aligned is not None


def test_a_crop_for_the_board_is_a_png_of_the_region(
    pile: list[np.ndarray], templates: dict, twenty_five: Printed
) -> None:
    (reading,) = read_pages(pile[:1], templates, expected_session=SESSION, processes=1)
    line = twenty_five.geometry.pages[0].lines[3]
    x0, y0, _, y1 = line.name
    x1 = line.box("low")[2]
    data = crop_png(reading, (x0, y0, x1, y1), pad_pt=6.0)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == pytest.approx(
        ((x1 - x0 + 12) * 100 / 72, (y1 - y0 + 12) * 100 / 72), abs=2
    )
    with pytest.raises(ValueError):
        crop_png(reading, (900, 900, 1000, 1000))
