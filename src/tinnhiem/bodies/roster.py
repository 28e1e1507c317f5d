"""Reading roster sheets (officials, voters) from XLSX or CSV, with every row's problems,
before anything is saved. No Django import: the services save what this reads."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from tinnhiem import cells, sheets


class RosterKind(StrEnum):
    OFFICIALS = "officials"
    VOTERS = "voters"


# column key -> (Vietnamese header, English header, other accepted spellings)
COLUMNS: dict[RosterKind, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    RosterKind.OFFICIALS: {
        "name": ("Họ và tên", "Full name", ("ho ten", "name")),
        "birth_date": ("Ngày sinh", "Date of birth", ("birth date",)),
        "position": ("Chức vụ", "Post", ("position", "chuc danh")),
        "block": ("Khối phiếu", "Ballot type", ("block", "loai phieu")),
        "took_office_on": ("Ngày giữ chức vụ", "Took office on", ("took office",)),
        "retirement": (
            "Đã có thông báo nghỉ hưu",
            "Retirement announced",
            ("nghi huu", "retirement"),
        ),
    },
    RosterKind.VOTERS: {
        "name": ("Họ và tên", "Full name", ("ho ten", "name")),
        "unit": ("Chức vụ, đơn vị", "Post and unit", ("chuc vu", "don vi", "unit", "position")),
    },
}
REQUIRED = {RosterKind.OFFICIALS: ("name", "position"), RosterKind.VOTERS: ("name",)}
YES = {"x", "có", "co", "yes", "y", "1", "true", "đã có"}


class Severity(StrEnum):
    ERROR = "error"  # blocks the import
    WARNING = "warning"  # shown, the import may go ahead


@dataclass(frozen=True)
class Problem:
    severity: Severity
    field: str
    message_vi: str
    message_en: str


@dataclass
class RosterRow:
    row: int  # the sheet's row number (the header is row 1)
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


@dataclass
class RosterPreview:
    kind: RosterKind
    file_name: str
    rows: list[RosterRow]
    problems: list[Problem] = field(default_factory=list)  # about the file itself

    @property
    def has_errors(self) -> bool:
        return bool(self.problems) or any(row.has_errors for row in self.rows)


def fold(text: str) -> str:
    """Lower case without accents, for matching headers and names."""
    text = unicodedata.normalize("NFD", str(text).strip().lower()).replace("đ", "d")
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Mn").split())


def _header_map(kind: RosterKind, header: list[Any]) -> dict[int, str]:
    lookup = {}
    for key, (vi, en, others) in COLUMNS[kind].items():
        for spelling in (vi, en, key, *others):
            lookup[fold(spelling)] = key
    return {i: lookup[fold(h)] for i, h in enumerate(header) if h is not None and fold(h) in lookup}


def _sheet_rows(file_name: str, content: bytes) -> list[list[Any]]:
    """The rows, within the upload limits (raises `UnreadableSheet`)."""
    if file_name.lower().endswith(".xlsx"):
        return sheets.xlsx_table(file_name, content)
    text = sheets.decode_csv(file_name, content)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";\t,", key=first.count)  # a tie goes to ";": "Chức vụ, đơn vị" has a comma
    return sheets.csv_table(file_name, text, delimiter)


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def read_roster(
    kind: RosterKind, file_name: str, content: bytes, *, known_posts: set[str] | None = None
) -> RosterPreview:
    """Every row with its problems. `known_posts` (folded) flags posts the body lacks."""
    if not file_name.lower().endswith((".xlsx", ".csv")):
        return RosterPreview(
            kind,
            file_name,
            [],
            [
                _file_problem(
                    file_name,
                    "chỉ nhận tệp .xlsx hoặc .csv",
                    "only .xlsx or .csv files are accepted",
                )
            ],
        )
    try:
        raw = _sheet_rows(file_name, content)
    except sheets.UnreadableSheet as exc:
        return RosterPreview(
            kind, file_name, [], [_file_problem(file_name, exc.detail_vi, exc.detail_en)]
        )
    if not raw:
        return RosterPreview(
            kind, file_name, [], [_file_problem(file_name, "tệp trống", "the file is empty")]
        )
    columns = _header_map(kind, raw[0])
    missing = [COLUMNS[kind][key][0] for key in REQUIRED[kind] if key not in columns.values()]
    if missing:
        return RosterPreview(
            kind,
            file_name,
            [],
            [
                _file_problem(
                    file_name,
                    f"thiếu cột {', '.join(missing)}",
                    f"missing column {', '.join(missing)}",
                )
            ],
        )
    rows = []
    seen: dict[str, int] = {}
    for number, values in enumerate(raw[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        row = RosterRow(
            number, {key: values[i] if i < len(values) else None for i, key in columns.items()}
        )
        _check_row(kind, row, seen, known_posts)
        rows.append(row)
    return RosterPreview(kind, file_name, rows)


def _file_problem(file_name: str, vi: str, en: str) -> Problem:
    return Problem(Severity.ERROR, "", f"Tệp {file_name}: {vi}", f"File {file_name}: {en}")


def _check_row(
    kind: RosterKind, row: RosterRow, seen: dict[str, int], known_posts: set[str] | None
) -> None:
    values = row.values
    name = " ".join(str(values.get("name") or "").split())
    values["name"] = name
    if not name:
        row.problems.append(Problem(Severity.ERROR, "name", "Thiếu họ và tên", "Missing name"))
    for key in ("birth_date", "took_office_on"):
        if key in values:
            try:
                values[key] = parse_date(values[key])
            except ValueError:
                vi, en, _ = COLUMNS[kind][key]
                row.problems.append(
                    Problem(
                        Severity.ERROR,
                        key,
                        f"'{vi}' không phải ngày (dd/mm/yyyy)",
                        f"'{en}' is not a date (dd/mm/yyyy)",
                    )
                )
                values[key] = None
    identity = fold(name) + "|" + str(values.get("birth_date") or "")
    if name and identity in seen:
        row.problems.append(
            Problem(
                Severity.ERROR,
                "name",
                f"Trùng người với dòng {seen[identity]}",
                f"Same person as row {seen[identity]}",
            )
        )
    elif name:
        seen[identity] = row.row
    if kind is RosterKind.OFFICIALS:
        _check_post(row, known_posts)
    else:
        values["unit"] = str(values.get("unit") or "").strip()


def _check_post(row: RosterRow, known_posts: set[str] | None) -> None:
    values = row.values
    position = " ".join(str(values.get("position") or "").split())
    values["position"] = position
    values["block"] = str(values.get("block") or "").strip()
    values["retirement"] = fold(str(values.get("retirement") or "")) in {fold(y) for y in YES}
    if not position:
        row.problems.append(Problem(Severity.ERROR, "position", "Thiếu chức vụ", "Missing post"))
    elif known_posts is not None and fold(position) not in known_posts:
        row.problems.append(
            Problem(
                Severity.WARNING,
                "position",
                f"Chức vụ '{position}' chưa có trong danh mục chức vụ của cơ quan: sẽ được thêm",
                f"Post '{position}' is unknown to the body: it will be added",
            )
        )


def template_xlsx(kind: RosterKind) -> bytes:
    """An empty sheet with the headers, and one example row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    headers = ["STT", *(vi for vi, _, _ in COLUMNS[kind].values())]
    cells.append(sheet, headers)
    example = {
        RosterKind.OFFICIALS: [
            1,
            "Nguyễn Văn An",
            "15/03/1970",
            "Chủ tịch Hội đồng nhân dân",
            "1",
            "01/07/2021",
            "",
        ],
        RosterKind.VOTERS: [1, "Trần Thị Bình", "Đại biểu HĐND, Sở Tư pháp"],
    }[kind]
    cells.append(sheet, example)
    return _finish(book, headers)


def rows_xlsx(kind: RosterKind, rows: list[list[Any]]) -> bytes:
    """Export: the same headers as the template, so an export can be imported again."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    headers = ["STT", *(vi for vi, _, _ in COLUMNS[kind].values())]
    cells.append(sheet, headers)
    for index, row in enumerate(rows, start=1):
        cells.append(sheet, [index, *row])
    return _finish(book, headers)


def _finish(book: Workbook, headers: list[str]) -> bytes:
    sheet = book.active
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(8, len(header) + 12)
    sheet.freeze_panes = "A2"
    return cells.finish(book)
