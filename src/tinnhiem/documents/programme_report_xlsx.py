"""The programme's period report as a spreadsheet (the appendices offices attach): a first
sheet with the report's heading and figures in words, then one sheet per table.

Counts are numbers, exact decimals (plans, percentages) are numbers shown with their decimals;
every text is a string cell, never a formula (`tinnhiem.cells`), whatever a title begins with.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from tinnhiem import cells
from tinnhiem.documents import text
from tinnhiem.documents.archive import stable_zip
from tinnhiem.documents.programme_report import ProgrammeReport, Section

COVER_SHEET = "Báo cáo"
HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
TOP = Alignment(vertical="top", wrap_text=False)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
CHARACTERS_PER_WIDTH = 7  # a relative width of 1 is about 7 characters


def render_programme_xlsx(report: ProgrammeReport) -> bytes:
    """The workbook as bytes: the same report gives the same bytes."""
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = COVER_SHEET
    _cover(cover, report)
    for section in report.sections:
        _section(workbook.create_sheet(section.sheet), section)
    moment = datetime.combine(report.dated, time(0, 0))
    workbook.properties.title = text.nfc(report.document_title)
    workbook.properties.creator = text.nfc(report.author)
    workbook.properties.lastModifiedBy = text.nfc(report.author)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    content = cells.finish(workbook)
    workbook.properties.modified = moment  # openpyxl stamps the time of saving: put ours back
    return stable_zip(
        content, replace={"docProps/core.xml": tostring(workbook.properties.to_tree())}
    )


def _cover(sheet: Worksheet, report: ProgrammeReport) -> None:
    lines = [
        report.header.parent_name.upper(),
        report.header.body_name.upper(),
        report.number,
        text.date_line(report.header.city, report.dated),
        "",
        report.title,
        report.subtitle,
        report.period,
        "",
        *report.summary,
        *([report.anchor] if report.anchor else []),
    ]
    for line in lines:
        cells.append(sheet, [text.nfc(line)] if line else [])
    for row in (6, 7):
        sheet.cell(row=row, column=1).font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 120
    for (cell,) in sheet.iter_rows(min_row=9, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _section(sheet: Worksheet, section: Section) -> None:
    """The table under its heading. Each row's cells are found by their address: openpyxl's
    `max_row`, and `sheet[row]`, look at every cell of the sheet, so asking them after each of
    25,000 rows is quadratic."""
    cells.append(sheet, [text.nfc(section.heading)])
    sheet["A1"].font = Font(bold=True, size=13)
    cells.append(sheet, [])
    if not section.rows:
        cells.append(sheet, [section.empty])
        return
    cells.append(sheet, [text.nfc(label) for label in section.heads])
    head_row = sheet.max_row
    for cell in sheet[head_row]:
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
    first_total = len(section.rows) - section.total_rows
    for index, row in enumerate(section.rows):
        cells.append(sheet, [_value(value) for value in row])
        _format(sheet, head_row + 1 + index, len(row), is_total=index >= first_total)
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1)
    last = get_column_letter(len(section.heads))
    sheet.auto_filter.ref = f"A{head_row}:{last}{head_row + len(section.rows)}"
    for column, width in enumerate(section.widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = max(
            8, width * CHARACTERS_PER_WIDTH
        )


def _format(sheet: Worksheet, row: int, columns: int, *, is_total: bool) -> None:
    """A row of the table: decimals shown with their places, texts wrapped, totals bold."""
    for column in range(1, columns + 1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(cell.value, Decimal):
            places = max(-cell.value.as_tuple().exponent, 0)  # type: ignore[operator]
            cell.number_format = "0." + "0" * places if places else "0"
        cell.alignment = TOP_WRAP if isinstance(cell.value, str) else TOP
        if is_total:
            cell.font = BOLD


def _value(value: object) -> object:
    return text.nfc(value) if isinstance(value, str) else value
