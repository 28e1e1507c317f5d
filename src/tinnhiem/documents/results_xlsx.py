"""The results as a spreadsheet: sheet "Kết quả" (session figures, then one row per person in the
order of posts) and sheet "Xếp hạng" (the ranking view).

Counts are numbers. Each percentage is written twice: as a number shown with two decimals, for
sorting and charts, and as the exact published text ("90.12"), so nothing is ever re-rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tinnhiem import cells
from tinnhiem.documents import formalities, text
from tinnhiem.documents.data import BoardRole, ResultsReport
from tinnhiem.rules import Profile

RESULTS_SHEET = "Kết quả"
RANKING_SHEET = "Xếp hạng"
PERCENT_FORMAT = "0.00"
HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


def render_results_xlsx(report: ResultsReport) -> bytes:
    """The workbook as bytes."""
    workbook = Workbook()
    results = workbook.active
    assert results is not None
    results.title = RESULTS_SHEET
    _results_sheet(results, report)
    _ranking_sheet(workbook.create_sheet(RANKING_SHEET), report)
    for sheet in workbook.worksheets:
        _page_setup(sheet)
    _signature(results, report)
    return cells.finish(workbook)


def _page_setup(sheet: Worksheet) -> None:
    """A4 landscape, fitted to the page's width, the table's head repeated on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    head = sheet.auto_filter.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if head:
        sheet.print_title_rows = f"{head}:{head}"


def _signature(sheet: Worksheet, report: ResultsReport) -> None:
    """The signature block the PDF has: who signs for the counting board, then the head."""
    session = report.session
    heads = text.board_names(session.board, BoardRole.HEAD)
    cells.append(sheet, [])
    column = max(sheet.max_column - 3, 2)
    for value in (
        formalities.on_behalf(session.header.kind),
        "TRƯỞNG BAN",
        "",
        "",
        heads[0] if heads else "",
    ):
        row = sheet.max_row + 1
        cells.put(sheet, row, column, value).font = BOLD


NATION_COLUMN = 6  # the national header's column, right of the body's (as the PDF's heading)


def _heading(sheet: Worksheet, report: ResultsReport) -> None:
    """The heading the PDF has: the managing and the issuing body on the left, the nation and
    its motto (or the Party's name) on the right, then a blank row."""
    header = report.session.header
    nation, motto = text.national_header(header.kind)
    lines = [(header.parent_name, nation), (header.body_name, motto)]
    if not header.parent_name.strip():
        lines = [(header.body_name, nation), ("", motto)]
    for left, right in lines:
        row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value else 1
        cells.put(sheet, row, 1, text.nfc(left.upper())).font = Font(bold=left == header.body_name)
        cells.put(sheet, row, NATION_COLUMN, right).font = Font(bold=True)
    cells.append(sheet, [])


def _results_sheet(sheet: Worksheet, report: ResultsReport) -> None:
    session = report.session
    profile = report.result.profile
    _heading(sheet, report)
    cells.append(sheet, [text.report_title(profile)])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)
    cells.append(sheet, [text.nfc(session.title)])
    cells.append(sheet, [text.date_line(session.header.city, session.held_on)])
    cells.append(sheet, [])
    for label, value in text.session_figures(report):  # column A stays narrow for STT
        cells.append(sheet, [None, label, int(value) if value.isdigit() else value])
    cells.append(sheet, [None, "Quy định áp dụng", text.nfc(profile.title_vi)])
    cells.append(sheet, [None, "Cơ sở tính tỷ lệ", text.base_text(profile)])
    cells.append(sheet, [None, "Số dùng làm cơ sở", report.result.base])
    cells.append(sheet, [])
    cells.append(sheet, _results_head(profile))
    header_row = sheet.max_row
    for row in text.result_rows(report):
        person = report.result.people[row.index - 1]
        consequence = person.band.consequence_vi if person.band else ""
        cells.append(sheet, [*_number_cells(row, with_text=True), row.band, consequence])
    _format_table(sheet, header_row, profile, with_text=True)
    widths = [6, 26, 36] + [12, 11, 12] * len(profile.levels) + [11, 12, 30, 60]
    _set_widths(sheet, widths)


def _results_head(profile: Profile) -> list[str]:
    head = [text.COL_INDEX, text.COL_NAME, text.COL_POSITION]
    for label in text.level_labels(profile):
        head += [
            f"{label}: {text.COL_COUNT.lower()}",
            f"{label}: tỷ lệ (%)",
            f"{label}: tỷ lệ công bố",
        ]
    return [*head, "Phiếu hợp lệ", text.COL_INVALID, text.COL_BAND, "Hệ quả theo quy định"]


def _number_cells(row: text.ResultRow, *, with_text: bool) -> list[object]:
    values: list[object] = [row.index, row.name, row.position]
    for count, percent in zip(row.counts, row.percents, strict=True):
        values += [int(count), float(Decimal(percent.replace(",", ".")))]
        if with_text:
            values.append(percent)
    if with_text:
        values += [int(row.valid), int(row.invalid)]
    return values


def _ranking_sheet(sheet: Worksheet, report: ResultsReport) -> None:
    profile = report.result.profile
    cells.append(sheet, [f"Xếp hạng: nhiều phiếu “{profile.levels[0].label_vi}” nhất trước"])
    sheet["A1"].font = Font(bold=True, size=13)
    cells.append(
        sheet, ["Xếp hạng, không phải thứ tự công bố (kết quả công bố theo thứ tự chức vụ)."]
    )
    cells.append(sheet, [])
    head = ["Hạng", text.COL_NAME, text.COL_POSITION]
    for label in text.level_labels(profile):
        head += [f"{label}: {text.COL_COUNT.lower()}", f"{label}: tỷ lệ (%)"]
    cells.append(sheet, [*head, text.COL_BAND])
    header_row = sheet.max_row
    for row in text.ranking_rows(report):
        cells.append(sheet, [*_number_cells(row, with_text=False), row.band])
    _format_table(sheet, header_row, profile, with_text=False)
    _set_widths(sheet, [7, 26, 36] + [12, 11] * len(profile.levels) + [30])


def _format_table(sheet: Worksheet, header_row: int, profile: Profile, *, with_text: bool) -> None:
    for cell in sheet[header_row]:
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = WRAP
    sheet.row_dimensions[header_row].height = 45
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    step = 3 if with_text else 2
    percent_columns = [4 + 1 + step * i for i in range(len(profile.levels))]
    for column in percent_columns:
        for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=column, max_col=column):
            cell.number_format = PERCENT_FORMAT
    last = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A{header_row}:{last}{sheet.max_row}"
    for line in sheet.iter_rows(min_row=header_row + 1):
        for cell in line:
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))


def _set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
