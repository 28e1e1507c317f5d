"""Reading a spreadsheet of counts (.csv or .xlsx) into the rule engine's count lines.

One row per person; the first non-blank row is the header. Columns are found by their header,
in English (`name,position,high,confidence,low,invalid`) or in Vietnamese ("Họ và tên",
"Chức vụ", "Tín nhiệm cao", ...), ignoring case, accents and extra spaces. A level column may
also be headed by the profile's own level key or label, so a custom profile needs no code here.
Other columns ("STT", a percentage column) are ignored.

Every error names the spreadsheet row (the header is row 1 when it is the first row) and the
column header as written in the file, so the user can find the cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tinnhiem.rules.errors import InvalidCount, RuleError
from tinnhiem.rules.profiles import Profile
from tinnhiem.rules.tally import CountLine
from tinnhiem.sheets import Cell, is_blank, normalize_header, read_rows

NAME = "name"
POSITION = "position"
INVALID = "invalid"

# normalised header -> field; level fields are kept only when the profile has that level
_SYNONYMS: dict[str, str] = {
    "name": NAME,
    "ho va ten": NAME,
    "ho ten": NAME,
    "position": POSITION,
    "chuc vu": POSITION,
    "chuc danh": POSITION,
    "high": "high",
    "tin nhiem cao": "high",
    "confidence": "confidence",
    "tin nhiem": "confidence",
    "low": "low",
    "tin nhiem thap": "low",
    "no_confidence": "no_confidence",
    "no confidence": "no_confidence",
    "khong tin nhiem": "no_confidence",
    "invalid": INVALID,
    "khong hop le": INVALID,
    "phieu khong hop le": INVALID,
}


_WHOLE = re.compile(r"[+-]?[0-9]+")


class SheetError(RuleError):
    """The spreadsheet cannot be read, or lacks a column the profile needs."""


@dataclass(frozen=True)
class CountSheet:
    """The lines read, and for each field the column header as written in the file."""

    lines: list[CountLine]
    headers: dict[str, str] = field(default_factory=dict)


def read_count_sheet(path: Path, profile: Profile) -> list[CountLine]:
    """The count lines of a .csv or .xlsx file, one per non-blank row after the header."""
    return read_sheet(path, profile).lines


def read_sheet(path: Path, profile: Profile) -> CountSheet:
    """Like `read_count_sheet`, keeping the header of each column for error messages."""
    rows = read_rows(path, SheetError)
    header_index = next((i for i, cells in enumerate(rows) if not is_blank(cells)), None)
    if header_index is None:
        raise SheetError(f"tệp '{path.name}' trống", f"file '{path.name}' is empty")
    header = rows[header_index]
    columns = _columns(header, header_index + 1, profile, path)
    headers = {key: str(header[index]).strip() for key, index in columns.items()}
    lines = [
        _line(index + 1, cells, columns, headers, profile)
        for index, cells in enumerate(rows)
        if index > header_index and not is_blank(cells)
    ]
    return CountSheet(lines=lines, headers=headers)


def _columns(
    header: Sequence[Cell], header_row: int, profile: Profile, path: Path
) -> dict[str, int]:
    names = dict(_SYNONYMS)
    for level in profile.levels:
        for text in (level.key, level.label_vi, level.label_en):
            names[normalize_header(text)] = level.key
    wanted = {NAME, POSITION, INVALID, *profile.level_keys}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(normalize_header(str(cell or "")))
        if key not in wanted:
            continue
        if key in columns:
            raise SheetError(
                f"hai cột cùng là '{key}'",
                f"two columns both give '{key}'",
                row=header_row,
                field=str(cell).strip(),
            )
        columns[key] = index
    for key in (NAME, *profile.level_keys):
        if key not in columns:
            raise _missing_column(key, header_row, profile, path)
    return columns


def _missing_column(key: str, header_row: int, profile: Profile, path: Path) -> SheetError:
    if key == NAME:
        vi, en = "Họ và tên", "name"
    else:
        level = profile.level(key)
        vi, en = level.label_vi, key
    return SheetError(
        f"tệp '{path.name}' thiếu cột '{vi}' (hoặc '{en}')",
        f"file '{path.name}' has no column '{en}' (or '{vi}')",
        row=header_row,
        field=en,
    )


def _line(
    number: int,
    cells: Sequence[Cell],
    columns: dict[str, int],
    headers: dict[str, str],
    profile: Profile,
) -> CountLine:
    def text(key: str) -> str:
        index = columns.get(key)
        value = cells[index] if index is not None and index < len(cells) else None
        return unicodedata.normalize("NFC", "" if value is None else str(value).strip())

    def count(key: str, *, is_blank_zero: bool) -> int:
        index = columns[key]
        value = cells[index] if index < len(cells) else None
        return _count(value, row=number, header=headers[key], is_blank_zero=is_blank_zero)

    name = text(NAME)
    if not name:
        raise SheetError("thiếu họ tên", "the name is missing", row=number, field=headers[NAME])
    counts = {key: count(key, is_blank_zero=False) for key in profile.level_keys}
    invalid = count(INVALID, is_blank_zero=True) if INVALID in columns else 0
    return CountLine(name=name, position=text(POSITION), counts=counts, invalid=invalid, row=number)


def _count(value: Cell, *, row: int, header: str, is_blank_zero: bool) -> int:
    """A whole number of zero or more; an empty level cell is an error, not a silent zero."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        raw = "" if value is None else str(value).strip()
        if raw == "" and is_blank_zero:
            return 0
        if raw == "":
            raise InvalidCount("ô trống", "the cell is empty", row=row, field=header)
        if not _WHOLE.fullmatch(raw):
            raise InvalidCount(
                f"'{raw}' không phải là số nguyên",
                f"'{raw}' is not a whole number",
                row=row,
                field=header,
            )
        number = int(raw)
    if number < 0:
        raise InvalidCount(
            f"số phiếu {number} là số âm",
            f"the count {number} is negative",
            row=row,
            field=header,
        )
    return number
