"""The results report read back from the PDF: title, figures, every name with its diacritics,
the exact published percentages, the bands reached, the chart, the signature."""

from __future__ import annotations

import re
from typing import Any

from tinnhiem.documents.data import ResultsReport
from tinnhiem.documents.results_pdf import render_results_pdf

PERCENTAGES = (
    "90,12",
    "7,41",
    "2,47",
    "82,72",
    "81,48",
    "14,81",
    "3,70",
    "85,19",
    "64,20",
    "16,05",
)


def test_title_names_and_exact_percentages(
    report: ResultsReport, pdf: Any, names: tuple[str, ...]
) -> None:
    content = pdf.text(render_results_pdf(report))
    assert "BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM" in content
    assert "Thành phố Hồ Chí Minh, ngày 07 tháng 12 năm 2023" in content
    for name in names:
        assert name in content
    for value in PERCENTAGES:
        assert value in content
    assert "90,12%" in content  # on the chart too


def test_session_figures_base_and_signature(report: ResultsReport, pdf: Any) -> None:
    flat = pdf.flat_text(render_results_pdf(report))
    for expected in (
        "Tổng số thành viên",
        "Số phiếu thu về",
        "Số phiếu không hợp lệ",
        "Tỷ lệ tính trên tổng số phiếu thu về",
        "Nghị quyết 96/2023/QH15",
        "Phiếu không hợp lệ",
        "TM. BAN KIỂM PHIẾU",
        "TRƯỞNG BAN",
        "Trần Quang Thắng",
        "Tín nhiệm cao",
        "Tín nhiệm thấp",
    ):
        assert expected in flat, expected


def test_bands_reached_are_named_with_their_consequence(
    band_report: ResultsReport, pdf: Any
) -> None:
    flat = pdf.flat_text(render_results_pdf(band_report))
    assert "Từ 2/3 phiếu tín nhiệm thấp trở lên: Cao Thanh Bình" in flat
    assert "Trên 1/2 đến dưới 2/3 phiếu tín nhiệm thấp: Lê Thị Huỳnh Mai" in flat
    assert "có thể xin từ chức" in flat
    assert "phải trình miễn nhiệm" in flat
    assert "74,07" in flat and "55,56" in flat  # 60/81 and 45/81


def test_previous_results_are_shown_with_their_label(
    report_with_previous: ResultsReport, pdf: Any
) -> None:
    content = pdf.text(render_results_pdf(report_with_previous))
    assert "Kết quả lần trước" in content
    assert "88,89%" in content  # 80/90 the previous time


def test_a_no_confidence_vote_has_its_own_title_and_base(
    no_confidence_report: ResultsReport, pdf: Any
) -> None:
    flat = pdf.flat_text(render_results_pdf(no_confidence_report))
    assert "KẾT QUẢ BỎ PHIẾU TÍN NHIỆM" in flat
    assert "Không tín nhiệm" in flat
    assert "tổng số đại biểu" in flat
    assert "52,63" in flat  # 50 of 95 members
    assert "Quá nửa không tín nhiệm: Lê Thị Huỳnh Mai" in flat


def test_without_a_body_or_figures_the_report_still_renders(
    bare_report: ResultsReport, pdf: Any
) -> None:
    content = pdf.text(render_results_pdf(bare_report))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in content
    assert "Ngày 03 tháng 02 năm 2024" in content
    assert "—" in content
    assert "90,12" in content


def test_the_font_is_embedded_and_the_output_stable(report: ResultsReport, pdf: Any) -> None:
    data = render_results_pdf(report)
    found = pdf.fonts(data)
    assert found and all(re.search("Liberation|Noto|DejaVu", name) for name in found)
    assert render_results_pdf(report) == data
    page = pdf.pages(data)[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
