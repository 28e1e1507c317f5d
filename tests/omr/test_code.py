"""The page code: parsed strictly, read from a whole page in any orientation."""

from __future__ import annotations

import cv2
import numpy as np

from tinnhiem.documents.ballot_layout import code_text, plan_pages
from tinnhiem.omr import PageCode, decode_code
from tinnhiem.omr.code import parse_code

from .corpus import Printed, Scan, ballot_spec, covering_plan, make_sheet


def test_a_printed_code_parses_to_its_fields() -> None:
    text = "TN1|s=phi%C3%AAn%207%7Cx|t=kh%E1%BB%91i%201|p=1|n=3|h=0123456789abcdef"
    assert parse_code(text) == PageCode("phiên 7|x", "khối 1", 1, 3, "0123456789abcdef")


def test_the_parser_agrees_with_the_printer() -> None:
    spec = ballot_spec(5)
    page = plan_pages(spec)[0]
    code = parse_code(code_text(spec, page.geometry(), 1))
    assert code is not None and code.session_code == "42" and code.pages == 1


def test_anything_else_is_not_a_code() -> None:
    for text in (
        "",
        "hello",
        "TN2|s=42|t=1|p=0|n=1|h=0123456789abcdef",  # another version
        "TN1|s=42|t=1|p=1|n=1|h=0123456789abcdef",  # page beyond the count
        "TN1|s=42|t=1|p=0|n=1|h=0123456789ABCDEF",  # not the printer's hex
        "TN1|s=42|t=1|p=0|n=1|h=0123",
        "TN1|s=42|t=1|p=x|n=1|h=0123456789abcdef",
        "TN1|s=42|t=1|p=0|n=1",
    ):
        assert parse_code(text) is None, text


def test_the_code_is_read_from_a_whole_page_any_way_round(five: Printed) -> None:
    sheet = make_sheet(np.random.default_rng(1), plan=covering_plan(5), scan=Scan(angle=2.0))
    expected = decode_code(sheet.image)
    assert expected is not None and expected.layout_hash == five.template.pages[0].layout_hash
    for turn in (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE):
        assert decode_code(cv2.rotate(sheet.image, turn)) == expected


def test_a_page_without_a_code_decodes_to_none() -> None:
    assert decode_code(np.full((2339, 1654), 245, dtype=np.uint8)) is None
