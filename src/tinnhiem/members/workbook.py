"""Writing the register (form 7-HSĐV column order) and the quarterly reconciliation as XLSX. Every
sheet carries its lines of heading (for an export: the secrecy mark with who and when) above the
column headers, and the same lines in the printed page header. No Django import."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tinnhiem import cells
from tinnhiem.members.reconcile import Figures
from tinnhiem.members.register import COLUMNS, GROUPS

DATE_FORMAT = "dd/mm/yyyy"
THIN = Side(style="thin", color="555555")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
REPORT_HEADERS = [
    ("Chi bộ", "Party cell"),
    ("Đầu quý", "At the start"),
    ("Kết nạp", "Admitted"),
    ("Chuyển đến", "Transferred in"),
    ("Chuyển từ chi bộ khác đến", "Moved in from another cell"),
    ("Chuyển đi", "Transferred out"),
    ("Chuyển sang chi bộ khác", "Moved to another cell"),
    ("Ra khỏi Đảng", "Left"),
    ("Từ trần", "Died"),
    ("Cuối quý", "At the end"),
]


def register_keys() -> list[str]:
    """The register's columns in the order of form 7-HSĐV, then the handbook's."""
    return [key for _, _, keys in GROUPS for key in keys]


def register_xlsx(heading: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    """The register as bytes (`register_xlsx_to` into memory): for a page's worth of members."""
    out = io.BytesIO()
    register_xlsx_to(out, heading, rows)
    return out.getvalue()


def register_xlsx_to(out: BinaryIO, heading: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    """The register written into `out`: `heading` lines, the 14 numbered groups of 7-HSĐV (and
    the handbook's fields) over one header per column, then one row per member; importable
    again. Rows are written as they come (openpyxl's write-only mode), so a province's 500,000
    members never sit in memory at once. Returns the number of members written."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("7-HSĐV")
    keys = register_keys()
    _page(sheet, heading, len(keys))
    for line, content in enumerate(heading, start=1):
        sheet.append([_cell(sheet, content, Font(bold=True, size=14 if line == 1 else 11))])
        sheet.merged_cells.add(f"A{line}:{get_column_letter(len(keys))}{line}")
    sheet.append([])
    top = len(heading) + 2
    groups: list[Any] = []
    column = 1
    for number, (vi, _, group_keys) in enumerate(GROUPS, start=1):
        label = f"({number}) {vi}" if number <= 14 else vi
        groups.append(_cell(sheet, label, Font(bold=True), CENTRE, BOX))
        groups.extend(_cell(sheet, "", None, CENTRE, BOX) for _ in group_keys[1:])
        if len(group_keys) > 1:
            end = get_column_letter(column + len(group_keys) - 1)
            sheet.merged_cells.add(f"{get_column_letter(column)}{top}:{end}{top}")
        column += len(group_keys)
    sheet.append(groups)
    sheet.append([_cell(sheet, COLUMNS[key][0], Font(bold=True), CENTRE, BOX) for key in keys])
    # a member's cells take their style from three prototypes: setting font, border and
    # alignment on each of 500,000 × 32 cells hashes the style objects every time (minutes)
    styled = {kind: _cell(sheet, sample, None, WRAP, BOX) for kind, sample in STYLE_SAMPLES}
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append(
            [_data_cell(sheet, count if key == "row" else row.get(key, ""), styled) for key in keys]
        )
    book.save(out)
    return count


def _cell(
    sheet: Any,
    content: object,
    font: Font | None,
    alignment: Alignment | None = None,
    border: Border | None = None,
) -> WriteOnlyCell:
    """One cell of a write-only sheet, its text through `cells.value` and always a string (never
    a formula or an error code); dates as dates, text with the text format (keeps a card's 0)."""
    cell = WriteOnlyCell(sheet, value=cells.value(content))
    if isinstance(cell.value, str):
        cell.data_type = "s"
        cell.number_format = "@"
    elif isinstance(cell.value, date):
        cell.number_format = DATE_FORMAT
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


STYLE_SAMPLES = (("text", ""), ("date", date(2000, 1, 1)), ("number", 0))


def _data_cell(sheet: Any, content: object, styled: dict[str, WriteOnlyCell]) -> WriteOnlyCell:
    """One member's cell, as `_cell` makes it, its style copied from the prototype of its kind
    (openpyxl keeps a cell's style as indexes into the workbook's tables: `_style`). The
    public way, a NamedStyle set by name on each cell, measured 2.6 times slower (200,000
    cells: 3.40 s against 1.29 s); over a province's 16 million cells that is minutes, so the
    copy stays, pinned by tests/members/test_member_export.py reading the styles back."""
    cell = WriteOnlyCell(sheet, value=cells.value(content))
    if isinstance(cell.value, str):
        cell.data_type = "s"
        kind = "text"
    else:
        kind = "date" if isinstance(cell.value, date) else "number"
    cell._style = copy(styled[kind]._style)
    return cell


def _page(sheet: Any, heading: Sequence[str], width: int) -> None:
    """Column widths, frozen header, print titles and the A4 landscape page of the register."""
    for index, key in enumerate(register_keys(), start=1):
        size = 6 if key == "row" else max(12, min(28, len(COLUMNS[key][0]) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = size
    top = len(heading) + 2
    sheet.freeze_panes = f"C{top + 2}"
    sheet.print_title_rows = f"{top}:{top + 1}"
    if heading:
        sheet.oddHeader.center.text = "\n".join(heading[-1:])
        sheet.oddFooter.center.text = "Trang &P / &N"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def report_xlsx(heading: Sequence[str], per_unit: dict[str, Figures], total: Figures) -> bytes:
    """The quarterly reconciliation: one row per unit and the total."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Đối chiếu"
    top = _heading(sheet, heading, len(REPORT_HEADERS))
    for index, (vi, _) in enumerate(REPORT_HEADERS, start=1):
        cell = cells.put(sheet, top, index, vi)
        cell.font = Font(bold=True)
        cell.alignment = CENTRE
        cell.border = BOX
    for unit, figures in per_unit.items():
        cells.append(sheet, [unit, *figures.as_row()])
    cells.append(sheet, ["Tổng cộng", *total.as_row()])
    for line in range(top + 1, sheet.max_row + 1):
        for cell in sheet[line]:
            cell.border = BOX
            cell.font = Font(bold=line == sheet.max_row)
    sheet.column_dimensions["A"].width = 40
    for index in range(2, len(REPORT_HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    return _save(book)


def _heading(sheet: Worksheet, heading: Sequence[str], width: int) -> int:
    """The heading lines above the table (merged across it) and in the printed page header;
    returns the first row of the table."""
    for line, text in enumerate(heading, start=1):
        cell = cells.put(sheet, line, 1, text)
        cell.font = Font(bold=True, size=14 if line == 1 else 11)
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
    if heading:
        sheet.oddHeader.center.text = "\n".join(heading[-1:])
        sheet.oddFooter.center.text = "Trang &P / &N"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return len(heading) + 2


def _save(book: Workbook) -> bytes:
    return cells.finish(book)


def template_xlsx() -> bytes:
    """An empty register with one example row, to fill in and import."""
    example = {
        "full_name": "Nguyễn Văn An",
        "sex": "Nam",
        "ethnicity": "Kinh",
        "religion": "Không",
        "home_town": "Xã Yên Thành, tỉnh Ninh Bình",
        "education": "12/12",
        "political_theory": "Trung cấp",
        "professional": "Cử nhân Luật",
        "admitted_on": date(2015, 5, 19),
        "full_member_on": date(2016, 5, 19),
        "card_number": "01234567",
        "record_number": "123456NB",
        "birth_date": date(1985, 3, 2),
        "unit": "Chi bộ Văn phòng",
        "citizen_id": "037085001234",
    }
    return register_xlsx(["SỔ DANH SÁCH ĐẢNG VIÊN (Mẫu 7-HSĐV) — mẫu để nhập"], [example])
