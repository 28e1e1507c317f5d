"""Paper ballots: the official text, one page per copy when it fits, boxes a scanner can find,
corner marks and a code on every page, and nothing that could identify a voter."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from itertools import combinations
from typing import Any

import pytest
from pypdf import PdfReader

from tinnhiem.ballotformat import PageGeometry, Rect, layout_hash
from tinnhiem.documents.ballot_layout import code_text, plan_pages
from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.documents.data import BallotPerson, BallotSpec, BodyHeader, HeaderKind
from tinnhiem.rules import load_profile

SpecFactory = Callable[..., BallotSpec]
CODE = re.compile(r"^TN1\|s=42\|t=1\|p=(\d+)\|n=(\d+)\|h=([0-9a-f]{16})$")


def inside(inner: Rect, outer: Rect) -> bool:
    return (
        outer[0] <= inner[0] < inner[2] <= outer[2] and outer[1] <= inner[1] < inner[3] <= outer[3]
    )


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def all_rects(page: PageGeometry) -> list[Rect]:
    rects = [box for line in page.lines for box in line.box_rects]
    return [*rects, *page.corners, page.code]


def test_the_ballot_carries_the_official_text(
    make_spec: SpecFactory, pdf: Any, names: tuple[str, ...]
) -> None:
    data, _ = render_ballots(make_spec())
    content = pdf.text(data)
    for expected in (
        "HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHIẾU LẤY PHIẾU TÍN NHIỆM",
        "Kỳ họp thứ mười bốn",
        "Khối Hội đồng nhân dân và Ủy ban nhân dân",
        "Mỗi người chỉ đánh dấu một ô.",
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Tín nhiệm",
        "Nơi đóng dấu",
        *names,
    ):
        assert expected in content, expected
    flat = " ".join(content.split())
    assert "Tín nhiệm cao" in flat and "Tín nhiệm thấp" in flat


def test_one_page_per_copy_and_copies_are_identical(make_spec: SpecFactory) -> None:
    data, geometry = render_ballots(make_spec(), copies=3)
    reader = PdfReader(io.BytesIO(data))
    assert len(geometry.pages) == 1
    assert len(reader.pages) == 3
    texts = [page.extract_text() for page in reader.pages]
    assert texts[0] == texts[1] == texts[2]
    contents = [page.get_contents().get_data() for page in reader.pages]
    assert contents[0] == contents[1] == contents[2]


def test_geometry_has_one_line_per_person_with_boxes_inside_the_page(
    make_spec: SpecFactory,
) -> None:
    _, geometry = render_ballots(make_spec())
    page = geometry.pages[0]
    assert page.index == 0
    assert page.width == pytest.approx(595.28) and page.height == pytest.approx(841.89)
    whole = (0.0, 0.0, page.width, page.height)
    assert [line.official for line in page.lines] == [0, 1, 2, 3, 4]
    for line in page.lines:
        assert line.level_keys == ("high", "confidence", "low")
        assert inside(line.name, whole)
        for box in line.box_rects:
            assert inside(box, whole)
            assert box[2] - box[0] == pytest.approx(box[3] - box[1])  # square
            assert box[0] > line.name[2]  # right of the name
            assert line.name[1] < (box[1] + box[3]) / 2 < line.name[3]  # on its row
    for a, b in combinations(all_rects(page), 2):
        assert not overlap(a, b), (a, b)


def test_rows_go_down_the_page_in_the_order_of_posts(make_spec: SpecFactory) -> None:
    _, geometry = render_ballots(make_spec())
    tops = [line.name[1] for line in geometry.pages[0].lines]
    assert tops == sorted(tops)


def test_sixty_people_span_several_pages_each_with_corners_and_a_code(
    make_spec: SpecFactory,
) -> None:
    data, geometry = render_ballots(make_spec(60))
    pages = geometry.pages
    assert len(pages) >= 3
    assert len(PdfReader(io.BytesIO(data)).pages) == len(pages)
    officials = [line.official for page in pages for line in page.lines]
    assert officials == list(range(60))
    for index, page in enumerate(pages):
        assert page.index == index
        assert len(page.corners) == 4
        for corner in page.corners:
            assert corner[2] - corner[0] == pytest.approx(14.17, abs=0.02)  # 5 mm
        assert inside(page.code, (0.0, 0.0, page.width, page.height))
        for a, b in combinations(all_rects(page), 2):
            assert not overlap(a, b)
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    assert all("Họ và tên" in t and "Chức vụ" in t for t in texts)  # header repeated
    assert "Nơi đóng dấu" in texts[-1] and "Trang 1/" in texts[0]


def test_corners_sit_in_the_four_corners_of_the_page(make_spec: SpecFactory) -> None:
    _, geometry = render_ballots(make_spec())
    page = geometry.pages[0]
    (tl, tr, bl, br) = page.corners
    assert tl[0] < page.width / 2 and tl[1] < page.height / 2
    assert tr[0] > page.width / 2 and tr[1] < page.height / 2
    assert bl[0] < page.width / 2 and bl[1] > page.height / 2
    assert br[0] > page.width / 2 and br[1] > page.height / 2


def test_the_code_names_session_type_page_and_the_layout_hash(make_spec: SpecFactory) -> None:
    spec = make_spec(60)
    plans = plan_pages(spec)
    for plan in plans:
        match = CODE.match(plan.code_text)
        assert match, plan.code_text
        page, pages, digest = match.groups()
        assert int(page) == plan.index and int(pages) == len(plans)
        assert digest == layout_hash(plan.geometry())
    assert len({plan.code_text for plan in plans}) == len(plans)


def test_the_code_is_drawn_as_a_qr_symbol_on_every_page(make_spec: SpecFactory) -> None:
    data, geometry = render_ballots(make_spec())
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    boxes = sum(len(line.boxes) for page in geometry.pages for line in page.lines)
    # a QR symbol of version 3 or more has hundreds of dark modules, each a filled rectangle
    assert content.count(b" re") > boxes + 4 + 150


def test_the_code_never_carries_anything_about_a_voter(make_spec: SpecFactory) -> None:
    spec = make_spec(session_code="phiên 7|x")
    plans = plan_pages(spec)
    assert plans[0].code_text.startswith("TN1|s=phi%C3%AAn%207%7Cx|t=1|p=0|n=1|h=")
    assert code_text(spec, plans[0].geometry(), 1) == plans[0].code_text


def test_same_spec_same_bytes_and_geometry(make_spec: SpecFactory) -> None:
    first = render_ballots(make_spec(12), copies=2)
    second = render_ballots(make_spec(12), copies=2)
    assert first == second


def test_a_different_list_changes_the_layout_hash(make_spec: SpecFactory) -> None:
    one = plan_pages(make_spec())[0].code_text
    other = plan_pages(make_spec(4))[0].code_text
    assert one.split("|h=")[1] != other.split("|h=")[1]


def test_a_two_level_ballot_has_two_boxes_a_person(make_spec: SpecFactory, pdf: Any) -> None:
    spec = make_spec(profile=load_profile("nq96-bpt"), ballot_type_name="")
    data, geometry = render_ballots(spec)
    assert "PHIẾU BỎ PHIẾU TÍN NHIỆM" in pdf.text(data)
    assert "Không tín nhiệm" in " ".join(pdf.text(data).split())
    for line in geometry.pages[0].lines:
        assert line.level_keys == ("confidence", "no_confidence")


def test_a_party_ballot_has_the_party_header(make_spec: SpecFactory, pdf: Any) -> None:
    header = BodyHeader(
        body_name="ĐẢNG ỦY SỞ TƯ PHÁP", kind=HeaderKind.PARTY, parent_name="ĐẢNG BỘ TỈNH QUẢNG NAM"
    )
    data, _ = render_ballots(make_spec(header=header, profile=load_profile("qd96")))
    content = pdf.text(data)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in content and "ĐẢNG BỘ TỈNH QUẢNG NAM" in content
    assert "CỘNG HÒA" not in content


def test_long_names_and_posts_wrap_inside_their_cells(make_spec: SpecFactory, pdf: Any) -> None:
    long = BallotPerson(
        "Tôn Nữ Thị Ngọc Huyền Trang Nguyễn Phước", "Phó Chủ tịch " * 8 + "Ủy ban nhân dân"
    )
    data, geometry = render_ballots(make_spec(people=(long,)))
    line = geometry.pages[0].lines[0]
    assert line.name[3] - line.name[1] > 40  # the row grew to hold the wrapped text
    assert "Ủy ban nhân dân" in pdf.text(data)


def test_copies_must_be_positive(make_spec: SpecFactory) -> None:
    with pytest.raises(ValueError, match="copies"):
        render_ballots(make_spec(), copies=0)


def test_the_font_is_embedded(make_spec: SpecFactory, pdf: Any, names: tuple[str, ...]) -> None:
    data, _ = render_ballots(make_spec())
    names = pdf.fonts(data)
    assert names and all(re.search("Liberation|Noto|DejaVu", name) for name in names)
