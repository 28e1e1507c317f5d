"""Documents read back as a person reads them: a PDF through poppler's pdftotext -layout, a
Word document through python-docx, with every run of white space as one space."""

from __future__ import annotations

import io
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from docx import Document


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
