"""How much a user may send: every limit on uploads and on what is read from them, in one place.

Read from the environment each time it is asked for (`current()`), so that the web, the
background reader and the commands without a database (`tally`, `grade`) apply the same numbers;
the settings read them once at start-up so that a wrong value stops the server there. Pure: no
Django. The checks live beside their readers (the request in `web/middleware.py`, spreadsheets
in `sheets.py`, scanned pages in `omr/images.py`); docs/deployment.md explains each number.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

MB = 1024 * 1024

# Fixed limits of an XLSX file (a zip of XML parts), checked before openpyxl opens it, and of
# the office documents attached as evidence (core/attachments.py). An ordinary workbook has
# about ten parts, each compressed 5 to 20 times; a "zip bomb" is compressed a thousand times
# or more.
XLSX_MAX_MEMBERS = 1000
XLSX_MAX_RATIO = 100
XLSX_RATIO_FLOOR = 1 * MB  # smaller parts may be compressed any amount: they cost nothing
SHEET_MAX_COLUMNS = 64  # the widest sheet read (the member register) has 32 columns
# Files in one request: a scanner that writes one JPEG per page gives hundreds; their total is
# held to `scan_upload_bytes` anyway.
MAX_FILES_PER_REQUEST = 1000


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 10 * MB  # one request with a spreadsheet, a report, evidence
    scan_upload_bytes: int = 200 * MB  # one request of scanned ballots (all its files)
    sheet_rows: int = 10_000  # rows of one sheet, counted as the spreadsheet numbers them
    xlsx_expanded_bytes: int = 30 * MB  # all parts of an XLSX once uncompressed
    scan_pixels: int = 150_000_000  # one scanned page or frame (A4 at 1200 dpi is 140 M)


# field -> (environment variable, unit in bytes or 1)
ENVIRONMENT: dict[str, tuple[str, int]] = {
    "upload_bytes": ("TINNHIEM_MAX_UPLOAD_MB", MB),
    "scan_upload_bytes": ("TINNHIEM_MAX_SCAN_UPLOAD_MB", MB),
    "sheet_rows": ("TINNHIEM_MAX_SHEET_ROWS", 1),
    "xlsx_expanded_bytes": ("TINNHIEM_MAX_XLSX_EXPANDED_MB", MB),
    "scan_pixels": ("TINNHIEM_MAX_SCAN_MEGAPIXELS", 1_000_000),
}


class BadLimit(ValueError):
    """An environment variable of the limits is not a positive number."""


def current(environ: Mapping[str, str] | None = None) -> Limits:
    """The limits in force: each from its environment variable, or its default."""
    environ = os.environ if environ is None else environ
    defaults = Limits()
    values: dict[str, int] = {}
    for item in fields(Limits):
        name, unit = ENVIRONMENT[item.name]
        raw = environ.get(name, "").strip()
        if not raw:
            values[item.name] = getattr(defaults, item.name)
            continue
        try:
            number = float(raw)
        except ValueError:
            number = 0
        if not number > 0:
            raise BadLimit(f"{name}={raw!r}: phải là một số dương / must be a positive number")
        values[item.name] = int(number * unit)
    return Limits(**values)


def megabytes(size: int, *, english: bool = False) -> str:
    """A size for people: "10 MB", "2,5 MB" (Vietnamese decimal comma) or "2.5 MB"."""
    text = f"{max(size / MB, 0.1):.1f}".removesuffix(".0")
    return f"{text if english else text.replace('.', ',')} MB"


def too_big(file_name: str, size: int, limit: int) -> tuple[str, str]:
    """The message for a file over its size limit, in Vietnamese and English."""
    size_en, limit_en = megabytes(size, english=True), megabytes(limit, english=True)
    return (
        f"Tệp «{file_name}» quá lớn ({megabytes(size)}, tối đa {megabytes(limit)})",
        f"The file '{file_name}' is too large ({size_en}, at most {limit_en})",
    )


# What zipfile raises on a damaged or hostile archive, besides BadZipFile: a directory that
# points outside the file (ValueError, OSError, EOFError, struct.error), a "version needed"
# it does not know (NotImplementedError), a ZIP64 field it did not expect (LargeZipFile).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    ValueError,
    OSError,
    EOFError,
    struct.error,
)


def zip_parts(content: bytes) -> list[zipfile.ZipInfo]:
    """The parts a zip's directory declares, nothing uncompressed; one of ZIP_ERRORS if the
    archive is damaged."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.infolist()


def zip_bomb(parts: Sequence[zipfile.ZipInfo], expanded_limit: int) -> tuple[str, str] | None:
    """Why a zip would cost too much to open (too many parts, too large uncompressed, a part
    compressed more than XLSX_MAX_RATIO times), in Vietnamese and English; None if it would
    not. The sizes are those the directory declares: zipfile never uncompresses a part beyond
    its declared size (a part that lies ends in a CRC error), so they bound what is read."""
    if len(parts) > XLSX_MAX_MEMBERS:
        return (
            f"tệp có {len(parts)} phần nén, tối đa {XLSX_MAX_MEMBERS}",
            f"it has {len(parts)} zip parts, at most {XLSX_MAX_MEMBERS}",
        )
    expanded = sum(part.file_size for part in parts)
    if expanded > expanded_limit:
        return (
            f"tệp giải nén ra {megabytes(expanded)}, tối đa {megabytes(expanded_limit)}",
            f"it uncompresses to {megabytes(expanded, english=True)}, at most "
            f"{megabytes(expanded_limit, english=True)}",
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > XLSX_RATIO_FLOOR and ratio > XLSX_MAX_RATIO:
            return (
                f"phần «{part.filename}» nén {ratio:.0f} lần, tối đa {XLSX_MAX_RATIO}",
                f"its part '{part.filename}' is compressed {ratio:.0f} times, at most "
                f"{XLSX_MAX_RATIO}",
            )
    return None
