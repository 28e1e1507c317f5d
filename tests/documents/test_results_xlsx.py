"""The spreadsheet read back with openpyxl: numbers as numbers, the published percentage
strings kept verbatim, a frozen bold header, and the ranking on its own sheet."""

from __future__ import annotations

import io
from itertools import takewhile

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tinnhiem.documents.data import ResultsReport
from tinnhiem.documents.results_xlsx import RANKING_SHEET, RESULTS_SHEET, render_results_xlsx


def sheets(report: ResultsReport) -> tuple[Worksheet, Worksheet]:
    workbook = load_workbook(io.BytesIO(render_results_xlsx(report)))
    assert workbook.sheetnames == [RESULTS_SHEET, RANKING_SHEET] == ["Kết quả", "Xếp hạng"]
    return workbook[RESULTS_SHEET], workbook[RANKING_SHEET]


def header_row(sheet: Worksheet, first: str) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == first)


def table(sheet: Worksheet, first: str) -> list[dict[str, object]]:
    start = header_row(sheet, first)
    head = [cell.value for cell in sheet[start]]
    rows = sheet.iter_rows(min_row=start + 1, values_only=True)
    table_rows = takewhile(lambda row: row[0] is not None, rows)  # the signature is below
    return [dict(zip(head, row, strict=True)) for row in table_rows]


def test_session_figures_are_numbers(report: ResultsReport) -> None:
    results, _ = sheets(report)
    figures = {row[1]: row[2] for row in results.iter_rows(max_row=25, values_only=True)}
    assert figures["Số phiếu thu về"] == 81
    assert figures["Tổng số thành viên"] == 95
    assert figures["Số dùng làm cơ sở"] == 81
    assert results["A4"].value == "BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"


def test_the_sheet_has_the_documents_heading(report: ResultsReport) -> None:
    results, _ = sheets(report)
    header = report.session.header
    left = [results["A1"].value, results["A2"].value]
    assert header.body_name.upper() in left and results["A1"].value
    assert results["F1"].value in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert results["F1"].font.bold


def test_rows_in_the_order_of_posts_with_counts_and_exact_percentages(
    report: ResultsReport, names: tuple[str, ...]
) -> None:
    rows = table(sheets(report)[0], "STT")
    assert [row["Họ và tên"] for row in rows] == list(names)
    first = rows[0]
    assert first["Tín nhiệm cao: số phiếu"] == 73
    assert first["Tín nhiệm cao: tỷ lệ (%)"] == 90.12
    assert first["Tín nhiệm cao: tỷ lệ công bố"] == "90,12"
    assert rows[2]["Tín nhiệm thấp: tỷ lệ công bố"] == "3,70"
    assert rows[4]["Tín nhiệm cao: tỷ lệ công bố"] == "64,20"
    assert first["Phiếu hợp lệ"] == 81 and first["Phiếu không hợp lệ"] == 0
    assert first["Mức"] == "—"


def test_header_is_bold_frozen_and_percentages_show_two_decimals(report: ResultsReport) -> None:
    results, _ = sheets(report)
    start = header_row(results, "STT")
    assert all(cell.font.bold for cell in results[start] if cell.value)
    assert results.freeze_panes == f"C{start + 1}"
    assert results.cell(row=start + 1, column=5).number_format == "0.00"
    assert results.column_dimensions["B"].width >= 20


def test_bands_and_consequences(band_report: ResultsReport) -> None:
    rows = table(sheets(band_report)[0], "STT")
    by_name = {row["Họ và tên"]: row for row in rows}
    assert by_name["Cao Thanh Bình"]["Mức"] == "Từ 2/3 phiếu tín nhiệm thấp trở lên"
    assert "miễn nhiệm" in str(by_name["Cao Thanh Bình"]["Hệ quả theo quy định"])
    assert by_name["Lê Thị Huỳnh Mai"]["Phiếu không hợp lệ"] == 1


def test_ranking_sheet(report: ResultsReport) -> None:
    _, ranking = sheets(report)
    rows = table(ranking, "Hạng")
    assert [row["Hạng"] for row in rows] == [1, 2, 3, 4, 5]
    assert [row["Họ và tên"] for row in rows][:2] == ["Nguyễn Thị Lệ", "Phan Văn Mãi"]
    assert rows[0]["Tín nhiệm cao: tỷ lệ (%)"] == 90.12
    assert ranking.freeze_panes == f"C{header_row(ranking, 'Hạng') + 1}"


def test_the_workbook_prints_on_a4_with_its_head_and_the_signature(
    report: ResultsReport,
) -> None:
    from openpyxl import load_workbook

    from tinnhiem.documents.results_xlsx import render_results_xlsx as render

    book = load_workbook(io.BytesIO(render(report)))
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows
    texts = [c.value for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert texts[-3:] == ["TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN", "Trần Quang Thắng"]
