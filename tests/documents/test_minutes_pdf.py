"""The counting minutes read back: Decree 30 layout (A4 portrait, page numbers from page 2),
the board, the figures, the table and the signing blocks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tinnhiem.documents.data import ResultsReport
from tinnhiem.documents.minutes_pdf import render_minutes_pdf


def test_title_opening_board_and_purpose(report: ResultsReport, pdf: Any) -> None:
    flat = pdf.flat_text(render_minutes_pdf(report))
    for expected in (
        "BIÊN BẢN KIỂM PHIẾU",
        "Hôm nay, vào lúc ………… giờ ………… phút, ngày 07 tháng 12 năm 2023, tại Hội trường",
        "Ban kiểm phiếu gồm:",
        "1. Trần Quang Thắng, Trưởng ban;",
        "2. Nguyễn Thị Hồng Vân, Ủy viên;",
        "5. Đỗ Minh Khôi, Thư ký.",
        "Đã tiến hành kiểm phiếu lấy phiếu tín nhiệm đối với người giữ chức vụ",
    ):
        assert expected in flat, expected


def test_figures_in_the_decree_wording(report: ResultsReport, pdf: Any) -> None:
    flat = pdf.flat_text(render_minutes_pdf(report))
    for expected in (
        "Tổng số thành viên: 95;",
        "Số người được triệu tập: 95;",
        "Số người có mặt: 81;",
        "Số phiếu phát ra: 81;",
        "Số phiếu thu về: 81;",
        "Số phiếu hợp lệ: 81;",
        "Số phiếu không hợp lệ: 0.",
    ):
        assert expected in flat, expected


def test_every_name_and_percentage(report: ResultsReport, pdf: Any, names: tuple[str, ...]) -> None:
    content = pdf.text(render_minutes_pdf(report))
    for name in names:
        assert name in content
    for value in ("90,12", "82,72", "81,48", "85,19", "64,20", "16,05", "3,70"):
        assert value in content


def test_closing_and_signatures(report: ResultsReport, pdf: Any) -> None:
    flat = pdf.flat_text(render_minutes_pdf(report))
    assert "Biên bản được lập thành ………… bản, kết thúc lúc" in flat
    for expected in (
        "THƯ KÝ",
        "TM. BAN KIỂM PHIẾU",
        "TRƯỞNG BAN",
        "CÁC ỦY VIÊN",
        "Võ Ngọc Thùy Dương",
    ):
        assert expected in flat


def test_a4_portrait_with_page_numbers_from_page_two(report: ResultsReport, pdf: Any) -> None:
    pages = pdf.pages(render_minutes_pdf(report))
    assert len(pages) >= 2
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (width, height) == pytest.approx((595.28, 841.89), abs=0.01)
    first = pages[0].extract_text().split("\n")[0]
    assert not re.fullmatch(r"\s*1\s*", first)
    for number, page in enumerate(pages[1:], 2):
        assert page.extract_text().split("\n")[0].strip() == str(number)


def test_a_board_without_members_leaves_blanks(bare_report: ResultsReport, pdf: Any) -> None:
    flat = pdf.flat_text(render_minutes_pdf(bare_report))
    assert "Ban kiểm phiếu gồm:" in flat and "…………" in flat
    assert "CÁC ỦY VIÊN" in flat


def test_the_font_is_embedded(report: ResultsReport, pdf: Any) -> None:
    found = pdf.fonts(render_minutes_pdf(report))
    assert found and all(re.search("Liberation|Noto|DejaVu", name) for name in found)
