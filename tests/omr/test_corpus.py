"""The generated corpus is deterministic: the same seed draws the same pixels and truth."""

from __future__ import annotations

import numpy as np

from .corpus import make_sheet, random_plan, random_scan


def test_the_same_seed_makes_the_same_sheet() -> None:
    sheets = []
    for _ in range(2):
        rng = np.random.default_rng(11)
        sheets.append(make_sheet(rng, plan=random_plan(rng, 5, mix="hard"), scan=random_scan(rng)))
    assert np.array_equal(sheets[0].image, sheets[1].image)
    assert sheets[0].truth == sheets[1].truth


def test_another_seed_makes_another_sheet() -> None:
    a = make_sheet(np.random.default_rng(1))
    b = make_sheet(np.random.default_rng(2))
    assert a.image.shape != b.image.shape or not np.array_equal(a.image, b.image)
