"""Reading the first sheet of a CSV or XLSX file into rows of cells, for every command that takes
a spreadsheet (`tally`, `grade`). Pure: no Django. Errors are raised as the caller's own error
class (a RuleError subclass), so each command names the file in its own terms."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from tinnhiem.rules.errors import RuleError

Cell = str | int | float | None


def normalize_header(text: str) -> str:
    """Lower case, no accents, single spaces: "Tín nhiệm  cao" and "tin nhiem cao" match."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("_", " ").lower().split())


def is_blank(cells: Iterable[Cell]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def read_rows(path: Path, error: type[RuleError]) -> Sequence[Sequence[Cell]]:
    """Every row of the file's first sheet; `error` carries what went wrong to the user."""
    if not path.is_file():
        raise error(f"không tìm thấy tệp '{path}'", f"file '{path}' not found")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path, error)
    if suffix == ".xlsx":
        return _xlsx_rows(path, error)
    raise error(
        f"tệp '{path.name}' phải là .csv hoặc .xlsx",
        f"file '{path.name}' must be a .csv or an .xlsx",
    )


def _csv_rows(path: Path, error: type[RuleError]) -> list[list[str]]:
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"tệp '{path.name}' không phải UTF-8: hãy lưu dưới dạng 'CSV UTF-8'",
            f"file '{path.name}' is not UTF-8: save it as 'CSV UTF-8'",
        ) from exc
    except OSError as exc:
        raise _unreadable(path, exc, error) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _unreadable(path, exc, error) from exc


def _xlsx_rows(path: Path, error: type[RuleError]) -> list[tuple[Cell, ...]]:
    # imported here so that CSV input needs no openpyxl
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise _unreadable(path, exc, error) from exc
    try:
        sheet = workbook.worksheets[0]
        return [tuple(_cell(value) for value in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _unreadable(path: Path, exc: Exception, error: type[RuleError]) -> RuleError:
    return error(
        f"không đọc được tệp '{path.name}' ({exc})", f"cannot read file '{path.name}' ({exc})"
    )
