"""Documents read back as a person reads them: a PDF through poppler's pdftotext -layout, a
Word document through python-docx, with every run of white space as one space."""

from __future__ import annotations

import io
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from docx import Document
from pypdf import PdfReader

XHTML = "{http://www.w3.org/1999/xhtml}"


def pdf_text(content: bytes, *, layout: bool = True) -> str:
    """The PDF's text as pdftotext reads it, one space for each run of white space."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(content)
        options = ["-layout"] if layout else []
        extracted = subprocess.run(
            ["pdftotext", *options, str(source), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
    return " ".join(unicodedata.normalize("NFC", extracted).split())


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a Word document, in order, as one line."""
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(unicodedata.normalize("NFC", " ".join(parts)).split())


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # points from the left edge
    top: float  # points from the top edge
    x1: float
    bottom: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


def pdf_words(content: bytes) -> list[Page]:
    """Every word of every page with its box, as poppler's pdftotext -bbox places it."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(content)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
    pages = []
    tree = ElementTree.fromstring(html)  # noqa: S314 - poppler's reading of a PDF we wrote
    for page in tree.iter(f"{XHTML}page"):
        words = tuple(
            Word(
                unicodedata.normalize("NFC", word.text or ""),
                *(float(word.attrib[key]) for key in ("xMin", "yMin", "xMax", "yMax")),
            )
            for word in page.iter(f"{XHTML}word")
        )
        pages.append(Page(float(page.attrib["width"]), float(page.attrib["height"]), words))
    return pages


def pdf_font_sizes(content: bytes) -> dict[str, set[float]]:
    """Each text run of the PDF (as pypdf reads it) with the sizes it is set in."""
    sizes: dict[str, set[float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        line = " ".join(unicodedata.normalize("NFC", text).split())
        if line:
            sizes.setdefault(line, set()).add(round(size * abs(tm[3] or 1), 1))

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    return sizes
