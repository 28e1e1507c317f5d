"""The page code read from a whole page in any orientation (its text is parsed by
`tinnhiem.ballotformat.parse_code`: tests/test_ballotformat.py)."""

from __future__ import annotations

import cv2
import numpy as np

from tinnhiem.omr import decode_code

from .corpus import Printed, Scan, covering_plan, make_sheet


def test_the_code_is_read_from_a_whole_page_any_way_round(five: Printed) -> None:
    sheet = make_sheet(np.random.default_rng(1), plan=covering_plan(5), scan=Scan(angle=2.0))
    expected = decode_code(sheet.image)
    assert expected is not None and expected.layout_hash == five.template.pages[0].layout_hash
    for turn in (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE):
        assert decode_code(cv2.rotate(sheet.image, turn)) == expected


def test_a_page_without_a_code_decodes_to_none() -> None:
    assert decode_code(np.full((2339, 1654), 245, dtype=np.uint8)) is None
