"""Hostile files, built for real: an XLSX whose shared strings expand to 200 MB, sheets of too
many rows, a one-page PDF of 10,000 × 10,000 points, a TIFF whose second frame is 200 megapixels.
Each is small on disk; only a reader without limits makes it large."""

from __future__ import annotations

import io
import struct
import zipfile

import pypdfium2 as pdfium
from openpyxl import Workbook

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx_bomb(expanded_mb: int = 200) -> bytes:
    """A valid workbook (one sheet, one cell) whose one shared string is `expanded_mb` of "A":
    about 200 KB zipped, as the attack of issue 10."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_TYPE}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData><row r="1">'
            '<c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><sst xmlns="{_MAIN}"><si><t>'.encode())
            chunk = b"A" * (1 << 20)
            for _ in range(expanded_mb):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    return out.getvalue()


def csv_rows(header: str, row: str, count: int) -> bytes:
    return (header + "\n" + (row + "\n") * count).encode("utf-8")


def xlsx_rows(header: list[str], row: list[str], count: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for _ in range(count):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def huge_pdf(points: float = 10_000) -> bytes:
    """One blank page of `points` × `points` (a 200 dpi rendering is 771 megapixels)."""
    document = pdfium.PdfDocument.new()
    document.new_page(points, points)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def tiff_frames(sizes: list[tuple[int, int]]) -> bytes:
    """A little-endian TIFF of 8-bit grey frames of these sizes. A frame of up to a megapixel
    carries its (white) pixels; a larger one declares its size over a strip of one row only,
    as a hostile file does: it costs nothing until a reader decodes it."""
    frames = []
    for width, height in sizes:
        data = b"\xff" * (width * height if width * height <= 1_000_000 else width)
        frames.append((width, height, data))
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    previous_link = 4  # where the offset of the next IFD is written
    for width, height, data in frames:
        data_at = len(out)
        out += data
        if len(out) % 2:
            out += b"\x00"
        ifd_at = len(out)
        struct.pack_into("<I", out, previous_link, ifd_at)
        entries = [
            (256, 4, width),  # ImageWidth, LONG
            (257, 4, height),  # ImageLength
            (258, 3, 8),  # BitsPerSample
            (259, 3, 1),  # Compression: none
            (262, 3, 1),  # Photometric: black is zero
            (273, 4, data_at),  # StripOffsets
            (277, 3, 1),  # SamplesPerPixel
            (278, 4, height),  # RowsPerStrip
            (279, 4, len(data)),  # StripByteCounts
        ]
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += struct.pack("<HHII", tag, kind, 1, value)
        previous_link = len(out)
        out += b"\x00\x00\x00\x00"
    return bytes(out)


def damaged_zips(good: bytes) -> dict[str, bytes]:
    """A sound office file (a zip) spoilt in the ways Python's zipfile trips over, each raising
    another exception: cut short (BadZipFile), only a zip's first bytes, a part of a "version
    needed" it does not know (NotImplementedError), a directory said to be larger than the file."""
    directory, end = good.find(b"PK\x01\x02"), good.rfind(b"PK\x05\x06")

    def patched(at: int, value: int, fmt: str) -> bytes:
        spoilt = bytearray(good)
        struct.pack_into(fmt, spoilt, at, value)
        return bytes(spoilt)

    return {
        "cut-short": good[: len(good) // 2],
        "only-a-header": b"PK\x03\x04" + bytes(60),
        "unknown-version": patched(directory + 6, 0xFF, "<H"),
        "directory-too-large": patched(end + 12, 0x7FFFFFFF, "<I"),
    }


def office_bomb(required: str, expanded_mb: int = 200) -> bytes:
    """An office document holding the part its type needs and one part of `expanded_mb` of
    zeros: about 200 KB on disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(required, "<x/>")
        with archive.open("media/blank.bin", "w", force_zip64=True) as part:
            chunk = bytes(1 << 20)
            for _ in range(expanded_mb):
                part.write(chunk)
    return out.getvalue()
