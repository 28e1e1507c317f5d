"""The printed-ballot contract: the page code parsed strictly and written as it is parsed, the
geometry's JSON read back to the same geometry and the same hash, the mark alphabet. (That the
code, JSON and hash of the fixture ballots never change: tests/documents/test_layout_pins.py.)"""

from __future__ import annotations

import json

from tests.omr.corpus import ballot_spec

from tinnhiem.ballotformat import (
    BLANK,
    PENDING,
    SEVERAL,
    BallotLayout,
    PageCode,
    PageGeometry,
    format_code,
    layout_hash,
    level_mark,
    line_marks,
    mark_level,
    parse_code,
)
from tinnhiem.documents.ballot_layout import code_text, plan_pages
from tinnhiem.documents.ballot_pdf import render_ballots

# ---------------------------------------------------------------- the page code


def test_a_printed_code_parses_to_its_fields() -> None:
    text = "TN1|s=phi%C3%AAn%207%7Cx|t=kh%E1%BB%91i%201|p=1|n=3|h=0123456789abcdef"
    assert parse_code(text) == PageCode("phiên 7|x", "khối 1", 1, 3, "0123456789abcdef")


def test_a_code_is_written_as_it_is_parsed() -> None:
    code = PageCode("phiên 7|x=y", "khối 1/2", 2, 3, "0123456789abcdef")
    text = format_code(code)
    assert text == "TN1|s=phi%C3%AAn%207%7Cx%3Dy|t=kh%E1%BB%91i%201%2F2|p=2|n=3|h=0123456789abcdef"
    assert parse_code(text) == code


def test_the_parser_agrees_with_the_printer() -> None:
    spec = ballot_spec(5)
    page = plan_pages(spec)[0]
    code = parse_code(code_text(spec, page.geometry(), 1))
    assert code == PageCode("42", "1", 0, 1, layout_hash(page.geometry()))


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
        "TN1|s=42|t=1|p=0|n=1|x=1",  # a field it does not know instead of the hash
    ):
        assert parse_code(text) is None, text


# ---------------------------------------------------------------- geometry


def test_the_geometry_json_reads_back_to_the_same_geometry_and_hash() -> None:
    _, layout = render_ballots(ballot_spec(25))
    stored = json.dumps(layout.as_json(), ensure_ascii=False, indent=1)
    again = BallotLayout.from_json(json.loads(stored))
    assert again == layout
    assert [layout_hash(p) for p in again.pages] == [layout_hash(p) for p in layout.pages]
    assert json.dumps(again.as_json(), ensure_ascii=False, indent=1) == stored


def test_the_hash_covers_every_part_of_the_geometry() -> None:
    _, layout = render_ballots(ballot_spec(5))
    page = layout.pages[0].as_json()
    original = layout_hash(PageGeometry.from_json(page))
    changes = [
        ("index", 1),
        ("width", page["width"] + 0.01),
        ("code", [page["code"][0] + 0.01, *page["code"][1:]]),
        ("corners", [page["corners"][1], page["corners"][0], *page["corners"][2:]]),
        ("lines", page["lines"][:-1]),
    ]
    for key, value in changes:
        assert layout_hash(PageGeometry.from_json({**page, key: value})) != original, key


def test_a_line_knows_its_boxes_by_level_and_its_bounds() -> None:
    _, layout = render_ballots(ballot_spec(5))
    page = layout.pages[0]
    line = page.line(3)
    assert line.official == 3 and line.level_keys == ("high", "confidence", "low")
    assert line.box("low") == line.box_rects[2]
    x0, y0, x1, y1 = line.bounds
    assert (x0, y0) == (line.name[0], line.name[1]) and x1 == line.box("low")[2]
    assert y1 == max(line.name[3], *(box[3] for box in line.box_rects))
    assert page.officials == (0, 1, 2, 3, 4)


# ---------------------------------------------------------------- marks


def test_the_mark_alphabet() -> None:
    assert (BLANK, SEVERAL, PENDING) == ("_", "+", "?")
    assert [level_mark(i) for i in range(3)] == ["0", "1", "2"]
    assert line_marks(3) == ("0", "1", "2", "_", "+")
    assert line_marks(2) == ("0", "1", "_", "+")


def test_a_mark_names_a_level_only_when_it_is_a_level_index() -> None:
    assert [mark_level(level_mark(i)) for i in range(10)] == list(range(10))
    for mark in (BLANK, SEVERAL, PENDING, "", "²", "٣", "10", "a"):
        assert mark_level(mark) is None, mark
