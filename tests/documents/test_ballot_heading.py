"""The heading and the seal place of a paper ballot (layout 2), read back with poppler as a person
sees the sheet: every page starts with the body, the nation and the motto, and the place for the
organiser's seal sits at the top left of every page, over the body's name, where the National
Assembly and People's Councils stamp their ballots. A long body name breaks between its word groups,
never inside a place's name. Layout 1 (the seal under the table of the last page) is kept for the
sessions that printed it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from tests.readback import Page, Word, pdf_words

from tinnhiem.documents.ballot_layout import plan_pages
from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.documents.data import BallotSpec, BodyHeader, HeaderKind
from tinnhiem.documents.fonts import register_fonts
from tinnhiem.documents.names import name_lines
from tinnhiem.documents.text import word_groups

SpecFactory = Callable[..., BallotSpec]
NINH_BINH = BodyHeader("Hội đồng nhân dân tỉnh Ninh Bình", HeaderKind.STATE)


def words_in(page: Page, rect: tuple[float, float, float, float]) -> list[Word]:
    x0, y0, x1, y1 = rect
    return [w for w in page.words if x0 <= w.x0 and w.x1 <= x1 and y0 <= w.top and w.bottom <= y1]


def lines_of(words: list[Word]) -> list[str]:
    """Words grouped into printed lines (same baseline within 2 pt), top to bottom."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.bottom), w.x0)):
        if rows and abs(rows[-1][0].bottom - word.bottom) < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows]


def test_every_page_has_the_heading_and_the_seal_place_at_its_top_left(
    make_spec: SpecFactory,
) -> None:
    data, geometry = render_ballots(make_spec(60, header=NINH_BINH))
    pages = pdf_words(data)
    assert len(pages) == len(geometry.pages) >= 3
    for page, layout in zip(pages, geometry.pages, strict=True):
        seal = layout.seal
        assert seal is not None, f"page {layout.index + 1} has no seal place"
        table_top = min(line.name[1] for line in layout.lines)
        # top left: right of the corner mark's column, left of the page's middle, above the table
        assert layout.corners[0][2] + 3 * 72 / 25.4 <= seal[0] and seal[2] < layout.width / 2
        assert seal[3] < table_top
        inside = lines_of(words_in(page, seal))
        assert inside == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH NINH BÌNH", "(Nơi đóng dấu)"], inside
        right = lines_of(words_in(page, (seal[2], 0, layout.width, seal[3])))
        assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        # one seal place per page, and none under the table
        assert sum(w.text == "đóng" for w in page.words) == 1
    first, *further = pages
    assert any(line.startswith("PHIẾU LẤY PHIẾU TÍN NHIỆM") for line in lines_of(list(first.words)))
    for page in further:
        assert "PHIẾU LẤY PHIẾU TÍN NHIỆM (tiếp theo)" in lines_of(list(page.words))


def test_a_party_ballot_carries_the_superior_committee_the_star_and_the_seal_place(
    make_spec: SpecFactory,
) -> None:
    header = BodyHeader(
        "Đảng ủy xã An Phú", HeaderKind.PARTY, parent_name="Đảng bộ Thành phố Hồ Chí Minh"
    )
    data, geometry = render_ballots(make_spec(header=header))
    page, layout = pdf_words(data)[0], geometry.pages[0]
    assert layout.seal is not None
    inside = lines_of(words_in(page, layout.seal))
    assert inside == [
        "ĐẢNG BỘ",
        "THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY XÃ AN PHÚ",
        "*",
        "(Nơi đóng dấu)",
    ], inside
    right = lines_of(words_in(page, (layout.seal[2], 0, layout.width, layout.seal[3])))
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_a_ballot_without_a_body_still_has_its_seal_place(make_spec: SpecFactory) -> None:
    spec = make_spec(header=BodyHeader(""), session_line="", ballot_type_name="")
    data, geometry = render_ballots(spec)
    seal = geometry.pages[0].seal
    assert seal is not None
    assert lines_of(words_in(pdf_words(data)[0], seal)) == ["(Nơi đóng dấu)"]


@pytest.mark.parametrize(
    ("name", "groups"),
    [
        ("HỘI ĐỒNG NHÂN DÂN TỈNH NINH BÌNH", ["HỘI ĐỒNG NHÂN DÂN", "TỈNH NINH BÌNH"]),
        ("Đảng bộ xã An Phú", ["Đảng bộ", "xã An Phú"]),
        (
            "ĐOÀN ĐẠI BIỂU QUỐC HỘI THÀNH PHỐ HỒ CHÍ MINH",
            ["ĐOÀN ĐẠI BIỂU QUỐC HỘI", "THÀNH PHỐ HỒ CHÍ MINH"],
        ),
        ("ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY", ["ỦY BAN NHÂN DÂN", "THỊ XÃ SƠN TÂY"]),
        # a place whose own name starts with a place word: Xã Đàn ward, Hà Nội
        ("HỘI ĐỒNG NHÂN DÂN PHƯỜNG XÃ ĐÀN", ["HỘI ĐỒNG NHÂN DÂN", "PHƯỜNG XÃ ĐÀN"]),
        ("ĐẢNG BỘ XÃ AN PHÚ HUYỆN CỦ CHI", ["ĐẢNG BỘ", "XÃ AN PHÚ", "HUYỆN CỦ CHI"]),
        ("QUỐC HỘI", ["QUỐC HỘI"]),
        # a place word that ends the name is the place's own (Thượng Quận commune, Kinh Môn)
        ("ỦY BAN KIỂM TRA ĐẢNG ỦY XÃ THƯỢNG QUẬN", ["ỦY BAN KIỂM TRA ĐẢNG ỦY", "XÃ THƯỢNG QUẬN"]),
        ("HỘI ĐỒNG NHÂN DÂN TỈNH", ["HỘI ĐỒNG NHÂN DÂN TỈNH"]),
        # "xã hội" (society) and "hợp tác xã" (a cooperative) are no communes
        (
            "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH NINH BÌNH",
            ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "TỈNH NINH BÌNH"],
        ),
        ("LIÊN MINH HỢP TÁC XÃ TỈNH NINH BÌNH", ["LIÊN MINH HỢP TÁC XÃ", "TỈNH NINH BÌNH"]),
        # decomposed input (NFD, as some keyboards type it) reads the same
        ("Ho\u0302\u0323i đồng nhân dân tỉnh Ninh Bình", ["Hội đồng nhân dân", "tỉnh Ninh Bình"]),
    ],
)
def test_a_body_name_is_cut_into_word_groups_before_each_place(
    name: str, groups: list[str]
) -> None:
    assert word_groups(name) == groups


def test_a_long_name_breaks_between_groups_and_short_groups_share_a_line() -> None:
    bold = register_fonts().bold
    long = "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert name_lines(long, bold, 12, 190) == ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]
    assert name_lines("ĐẢNG BỘ XÃ AN PHÚ", bold, 12, 190) == ["ĐẢNG BỘ XÃ AN PHÚ"]
    # a group wider than the line on its own is wrapped at its words, and nothing is lost
    assert name_lines(long, bold, 12, 120) == [
        "HỘI ĐỒNG NHÂN",
        "DÂN",
        "THÀNH PHỐ HỒ",
        "CHÍ MINH",
    ]
    assert name_lines("", bold, 12, 120) == []


def test_layout_1_keeps_the_seal_place_under_the_table_of_the_last_page(
    make_spec: SpecFactory,
) -> None:
    spec = dataclasses.replace(make_spec(60, header=NINH_BINH), layout=1)
    data, geometry = render_ballots(spec)
    pages = pdf_words(data)
    assert all(layout.seal is None for layout in geometry.pages)
    stamps = [sum(w.text == "đóng" for w in page.words) for page in pages]
    assert stamps == [0] * (len(pages) - 1) + [1]
    last, table_bottom = pages[-1], max(line.name[3] for line in geometry.pages[-1].lines)
    assert next(w for w in last.words if w.text == "đóng").top > table_bottom
    # layout 1 broke the body's name where the width ran out ("TỈNH NINH / BÌNH"), and still does
    left = lines_of(words_in(pages[0], (0, 0, pages[0].width * 0.46, 80)))
    assert left[:2] == ["HỘI ĐỒNG NHÂN DÂN TỈNH NINH", "BÌNH"], left


def test_an_unknown_layout_is_refused(make_spec: SpecFactory) -> None:
    with pytest.raises(ValueError, match="layout 9"):
        plan_pages(dataclasses.replace(make_spec(), layout=9))
