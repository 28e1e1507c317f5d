"""Reading the first sheet of a CSV or XLSX file into rows of cells, for every reader of a
spreadsheet: `tally`, `grade` and `count` (from a path), the rosters and the member register
(from an upload's bytes). Every file is held to the limits of `tinnhiem.limits` before it is
parsed (its size; for an XLSX, its zip parts, before openpyxl reads them) and while it is read
(its rows), and every text read is restored (`cells.restore`: the quote our exports put before
a text that could be a formula comes off). Pure: no Django. Errors are `UnreadableSheet`, in
Vietnamese and English, naming the file; `read_rows` raises them as the caller's own error class
(a RuleError subclass), so each command names the file in its own terms."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tinnhiem import limits
from tinnhiem.bilingual import BilingualError
from tinnhiem.cells import restore
from tinnhiem.rules.errors import RuleError

Cell = str | int | float | None


class UnreadableSheet(BilingualError, ValueError):
    """A spreadsheet that cannot be read, or is over a limit: `detail_vi`, `detail_en` say what
    (for a reader that names the file itself), `message_vi`, `message_en` name the file too."""

    def __init__(self, file_name: str, detail_vi: str, detail_en: str) -> None:
        self.file_name, self.detail_vi, self.detail_en = file_name, detail_vi, detail_en
        super().__init__(f"Tệp {file_name}: {detail_vi}", f"File {file_name}: {detail_en}")


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
    if suffix not in (".csv", ".xlsx"):
        raise error(
            f"tệp '{path.name}' phải là .csv hoặc .xlsx",
            f"file '{path.name}' must be a .csv or an .xlsx",
        )
    try:
        check_size(path.name, path.stat().st_size)  # before reading it into memory
        content = path.read_bytes()
    except OSError as exc:
        raise error(
            f"không đọc được tệp '{path.name}' ({exc.strerror})",
            f"cannot read file '{path.name}' ({exc.strerror})",
        ) from exc
    except UnreadableSheet as exc:
        raise error(exc.message_vi, exc.message_en) from exc
    try:
        if suffix == ".csv":
            text = decode_csv(path.name, content)
            first_line = next((line for line in text.splitlines() if line.strip()), "")
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            return csv_table(path.name, text, delimiter)
        return [tuple(_cell(value) for value in row) for row in xlsx_table(path.name, content)]
    except UnreadableSheet as exc:
        raise error(exc.message_vi, exc.message_en) from exc


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def check_size(file_name: str, size: int) -> None:
    """A spreadsheet, like any upload that is not a scan, is at most `upload_bytes`."""
    limit = limits.current().upload_bytes
    if size > limit:
        raise UnreadableSheet(
            file_name,
            f"quá lớn ({limits.megabytes(size)}, tối đa {limits.megabytes(limit)})",
            f"too large ({limits.megabytes(size, english=True)}, at most "
            f"{limits.megabytes(limit, english=True)})",
        )


def decode_csv(file_name: str, content: bytes) -> str:
    """The text of a CSV file in UTF-8, with or without a byte-order mark. A file in another
    encoding (Excel's "CSV (Comma delimited)" writes Windows-1258) is refused, naming the line
    of the first byte that is not UTF-8: guessed, its names would be saved garbled."""
    check_size(file_name, len(content))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise UnreadableSheet(
            file_name,
            f"dòng {line}: không phải văn bản UTF-8 (lưu lại tệp dạng CSV UTF-8)",
            f"line {line}: not UTF-8 text (save the file again as CSV UTF-8)",
        ) from exc


def csv_table(file_name: str, text: str, delimiter: str) -> list[list[str]]:
    """The rows of a CSV text, texts restored, at most `sheet_rows` of them. Quoting is read
    strictly: a quote left open would otherwise swallow the rest of the file into one cell."""
    nul = text.find("\x00")
    if nul >= 0:  # Python's csv reads it; PostgreSQL refuses it in a text column
        raise _bad_csv(file_name, text.count("\n", 0, nul) + 1, "nul")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    start = 1  # the line where the row being read begins (a quoted cell may span lines)
    try:
        for row in _capped(file_name, reader):
            rows.append([restore(field) for field in row])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _bad_csv(file_name, start, str(exc)) from exc
    return rows


# Python's csv.Error texts, in the user's words (any other: the generic one)
_CSV_ERRORS = {
    "nul": ("có ký tự NUL (byte 0): tệp không phải văn bản CSV", "it holds a NUL character (byte 0): "
            "the file is not CSV text"),
    "field larger than field limit": (
        f"có một ô dài hơn {csv.field_size_limit():,} ký tự".replace(",", "."),
        f"a cell is longer than {csv.field_size_limit():,} characters",
    ),
    "unexpected end of data": (
        'một dấu ngoặc kép (") mở ở đây không được đóng đến hết tệp',
        'a double quote (") opened here is not closed before the end of the file',
    ),
    "expected after": (
        'sau dấu ngoặc kép (") đóng một ô phải là dấu phân cách hoặc hết dòng',
        'a double quote (") closing a cell must be followed by the separator or the end of the '
        "line",
    ),
}  # fmt: skip


def _bad_csv(file_name: str, line: int, error: str) -> UnreadableSheet:
    vi, en = next(
        (words for key, words in _CSV_ERRORS.items() if key in error),
        ("sai định dạng CSV", "not in CSV form"),
    )
    return UnreadableSheet(
        file_name, f"dòng {line}: không đọc được vì {vi}", f"line {line}: cannot be read: {en}"
    )


def xlsx_table(file_name: str, content: bytes) -> list[list[Any]]:
    """The rows of an XLSX file's first sheet (texts restored; numbers, dates as openpyxl reads
    them), at most `sheet_rows` rows of `SHEET_MAX_COLUMNS` cells. The zip is checked first."""
    # imported here so that CSV input needs no openpyxl
    from openpyxl import load_workbook

    check_size(file_name, len(content))
    check_xlsx(file_name, content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (
        Exception
    ) as exc:  # openpyxl raises many kinds (KeyError, TypeError...) on a damaged file
        raise _damaged(file_name) from exc
    try:
        sheet = book.worksheets[0]
        width = min(sheet.max_column or limits.SHEET_MAX_COLUMNS, limits.SHEET_MAX_COLUMNS)
        rows = sheet.iter_rows(values_only=True, max_col=width)
        return [[_restored(value) for value in row] for row in _capped(file_name, rows)]
    except UnreadableSheet:
        raise
    except Exception as exc:
        raise _damaged(file_name) from exc
    finally:
        book.close()


def check_xlsx(file_name: str, content: bytes) -> None:
    """Refuse, before any part is uncompressed, a damaged zip, or one whose parts would cost too
    much to open (`limits.zip_bomb`: 200 KB that become 200 MB of text in memory)."""
    try:
        parts = limits.zip_parts(content)
    except limits.ZIP_ERRORS as exc:
        raise _damaged(file_name) from exc
    problem = limits.zip_bomb(parts, limits.current().xlsx_expanded_bytes)
    if problem is not None:
        raise _bomb(file_name, *problem)


def _capped(file_name: str, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The rows, stopping at the first one past `sheet_rows` (blank rows count: a file can hold
    a million of them, and each costs time to read)."""
    cap = limits.current().sheet_rows
    for number, row in enumerate(rows, start=1):
        if number > cap:
            cap_vi = f"{cap:,}".replace(",", ".")
            raise UnreadableSheet(
                file_name,
                f"có hơn {cap_vi} dòng (kể cả dòng trống đã định dạng): xóa các dòng thừa "
                "hoặc chia thành nhiều tệp",
                f"it has more than {cap:,} rows (blank formatted rows included): delete the "
                "extra rows or split it into several files",
            )
        yield row


def _restored(value: object) -> object:
    return restore(value) if isinstance(value, str) else value


def _damaged(file_name: str) -> UnreadableSheet:
    return UnreadableSheet(
        file_name,
        "không đọc được: không phải tệp Excel (.xlsx) hoặc tệp bị hỏng",
        "cannot be read: not an Excel (.xlsx) file, or it is damaged",
    )


def _bomb(file_name: str, detail_vi: str, detail_en: str) -> UnreadableSheet:
    return UnreadableSheet(
        file_name,
        f"không được đọc vì {detail_vi}; hãy mở tệp trong Excel và lưu lại, hoặc chia thành "
        "nhiều tệp",
        f"not read because {detail_en}; open it in Excel and save it again, or split it into "
        "several files",
    )
