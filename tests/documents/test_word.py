"""The Word documents read back with python-docx: real tables holding every name and the exact
percentages, A4 with the Decree 30 margins, Times New Roman for every script."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm

from tinnhiem.documents.data import ResultsReport
from tinnhiem.documents.word import render_minutes_docx, render_results_docx


def read(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def table_texts(document: DocxDocument) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def near(length: int | None, millimetres: float) -> bool:
    """Word stores lengths in twentieths of a point: within a tenth of a millimetre."""
    return length is not None and abs(length - Mm(millimetres)) < Mm(0.1)


def body_text(document: DocxDocument) -> str:
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("render", [render_minutes_docx, render_results_docx])
def test_a_table_holds_every_name_and_percentage(
    render: object, report: ResultsReport, names: tuple[str, ...]
) -> None:
    document = read(render(report))  # type: ignore[operator]
    cells = table_texts(document)
    for name in names:
        assert any(name in cell for cell in cells), name
    for value in ("90,12", "7,41", "2,47", "64,20", "16,05", "3,70"):
        assert value in cells
    assert "STT" in cells and "Phiếu không hợp lệ" in cells and "Mức" in cells
    assert "Tín nhiệm cao" in cells and "Tín nhiệm thấp" in cells


def test_minutes_text_and_signatures(report: ResultsReport) -> None:
    document = read(render_minutes_docx(report))
    text = body_text(document)
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Hôm nay, vào lúc ………… giờ ………… phút, ngày 07 tháng 12 năm 2023" in text
    assert "1. Trần Quang Thắng, Trưởng ban;" in text
    assert "- Số phiếu thu về: 81;" in text
    assert "CÁC ỦY VIÊN" in text
    cells = "\n".join(table_texts(document))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Thành phố Hồ Chí Minh, ngày 07 tháng 12 năm 2023" in cells
    for signer in ("THƯ KÝ", "TM. BAN KIỂM PHIẾU", "Đỗ Minh Khôi", "Võ Ngọc Thùy Dương"):
        assert signer in cells


def test_minutes_page_is_a4_portrait_with_decree_30_margins(report: ResultsReport) -> None:
    section = read(render_minutes_docx(report)).sections[0]
    assert near(section.page_width, 210) and near(section.page_height, 297)
    assert near(section.left_margin, 30) and near(section.right_margin, 15)
    assert near(section.top_margin, 20) and near(section.bottom_margin, 20)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml


def test_results_page_is_a4_landscape(report: ResultsReport) -> None:
    section = read(render_results_docx(report)).sections[0]
    assert near(section.page_width, 297) and near(section.page_height, 210)


def test_times_new_roman_for_every_script(report: ResultsReport) -> None:
    document = read(render_minutes_docx(report))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 13
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(attribute)) == "Times New Roman"


def test_results_report_has_title_outcomes_and_signature(band_report: ResultsReport) -> None:
    document = read(render_results_docx(band_report))
    text = body_text(document)
    assert "BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM" in text
    assert "Từ 2/3 phiếu tín nhiệm thấp trở lên: Cao Thanh Bình" in text
    cells = table_texts(document)
    assert "74,07%" in cells  # the chart's segment label
    assert "TM. BAN KIỂM PHIẾU" in "\n".join(cells)


def test_header_rows_repeat_on_every_page(report: ResultsReport) -> None:
    document = read(render_minutes_docx(report))
    results = next(t for t in document.tables if "STT" in [c.text for c in t.rows[0].cells])
    flags = [row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) for row in results.rows[:2]]
    assert all(flag is not None for flag in flags)


def test_previous_results_appear_under_the_bars(report_with_previous: ResultsReport) -> None:
    text = body_text(read(render_results_docx(report_with_previous)))
    assert "Kết quả lần trước: Tín nhiệm cao 88,89%" in text


def test_an_empty_header_still_renders(bare_report: ResultsReport) -> None:
    for render in (render_minutes_docx, render_results_docx):
        document = read(render(bare_report))
        assert "Ngày 03 tháng 02 năm 2024" in "\n".join(table_texts(document))
