"""A second scan of one sheet is found from the image; two voters who marked the same boxes
are never taken for one sheet."""

from __future__ import annotations

import numpy as np
import pytest

from tinnhiem.omr import is_same_sheet

from .conftest import Reader
from .corpus import LinePlan, Scan, SheetPlan, make_sheet, random_plan

RESCANS = [
    (200, Scan(angle=1.0), 300, Scan(angle=-2.5, mode="colour")),
    (200, Scan(angle=-0.5, noise=5), 150, Scan(upside_down=True, angle=1.5, noise=5)),
    (300, Scan(mode="bw"), 200, Scan(angle=2.8, jpeg=50, noise=6)),
    (200, Scan(fold=True, shift_mm=(3, 3)), 200, Scan(fold=True, scale=1.03, angle=-1.2)),
]


def scan_twice(read: Reader, seed: int, plan: SheetPlan, first: tuple, second: tuple) -> tuple:
    prints = []
    for dpi, scan in (first, second):
        rng = np.random.default_rng(seed)  # same seed: the same strokes, stamp and signature
        sheet = make_sheet(rng, dpi=dpi, plan=plan, scan=scan, scan_rng=np.random.default_rng(dpi))
        prints.append(read(sheet).fingerprint)
    return tuple(prints)


@pytest.mark.parametrize("case", range(len(RESCANS)))
def test_the_same_sheet_scanned_again_is_the_same_sheet(case: int, read: Reader) -> None:
    dpi_a, scan_a, dpi_b, scan_b = RESCANS[case]
    plan = random_plan(np.random.default_rng(case), 5)
    a, b = scan_twice(read, 100 + case, plan, (dpi_a, scan_a), (dpi_b, scan_b))
    assert is_same_sheet(a, b)


@pytest.mark.parametrize("style", ["x", "tick", "filled"])
def test_voters_who_marked_the_same_boxes_are_different_sheets(style: str, read: Reader) -> None:
    plan = SheetPlan(tuple(LinePlan("level", (i % 3,), style, "pen") for i in range(5)))
    prints = []
    for voter in range(4):
        rng = np.random.default_rng(500 + voter)
        prints.append(read(make_sheet(rng, plan=plan, scan=Scan(angle=0.3))).fingerprint)
    for i in range(4):
        for j in range(i + 1, 4):
            assert not is_same_sheet(prints[i], prints[j]), (i, j)


def test_a_sheet_with_nothing_but_marks_is_never_called_a_duplicate(read: Reader) -> None:
    plan = SheetPlan(
        tuple(LinePlan("level", (1,), "x", "pen") for _ in range(5)), stamp=False, signature=False
    )
    a, b = scan_twice(read, 7, plan, (200, Scan()), (200, Scan(angle=1.0)))
    assert not is_same_sheet(a, b)  # nothing outside the boxes to tell sheets apart
