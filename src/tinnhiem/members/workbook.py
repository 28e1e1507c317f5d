"""Writing the register (form 7-HSĐV column order) and the quarterly reconciliation as XLSX. Every
sheet carries its lines of heading (for an export: the secrecy mark with who and when) above the
column headers, and the same lines in the printed page header. No Django import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
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


def register_xlsx(heading: Sequence[str], rows: Sequence[dict[str, Any]]) -> bytes:
    """The register: `heading` lines, the 14 numbered groups of 7-HSĐV (and the handbook's
    fields) over one header per column, then one row per member. Importable again."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "7-HSĐV"
    keys = register_keys()
    top = _heading(sheet, heading, len(keys))
    column = 1
    for number, (vi, _, group_keys) in enumerate(GROUPS, start=1):
        label = f"({number}) {vi}" if number <= 14 else vi
        cells.put(sheet, top, column, label)
        if len(group_keys) > 1:
            sheet.merge_cells(
                start_row=top,
                start_column=column,
                end_row=top,
                end_column=column + len(group_keys) - 1,
            )
        column += len(group_keys)
    for index, key in enumerate(keys, start=1):
        cells.put(sheet, top + 1, index, COLUMNS[key][0])
    for line in (top, top + 1):
        for cell in sheet[line]:
            cell.font = Font(bold=True)
            cell.alignment = CENTRE
            cell.border = BOX
    for number, row in enumerate(rows, start=1):
        # each cell by its row number: sheet[sheet.max_row] scans every cell written so far,
        # and made an export of 10,000 members take minutes
        for column, key in enumerate(keys, start=1):
            cell = cells.put(
                sheet, top + 1 + number, column, number if key == "row" else row.get(key, "")
            )
            cell.alignment = WRAP
            cell.border = BOX
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                cell.number_format = "@"  # text: keeps the leading 0 of card and ID numbers
    for index, key in enumerate(keys, start=1):
        width = 6 if key == "row" else max(12, min(28, len(COLUMNS[key][0]) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(top + 2, 3)
    sheet.print_title_rows = f"{top}:{top + 1}"
    return _save(book)


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
