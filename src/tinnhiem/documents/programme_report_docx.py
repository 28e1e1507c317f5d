"""The programme's period report as a Word document: the same content as the PDF, on A4 with
the Decree 30/2020 margins, its tables real Word tables so the office can edit before signing."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt

from tinnhiem.documents import text
from tinnhiem.documents.archive import stable_zip
from tinnhiem.documents.layout import DECREE_30_MARGINS, sizes_for
from tinnhiem.documents.programme_report import (
    Cell,
    ProgrammeReport,
    Section,
    cell_text,
    is_number,
)
from tinnhiem.documents.word_parts import (
    add_paragraph,
    compact_cells,
    content_width,
    header_block,
    new_document,
    page_number_header,
    repeat_header,
    set_widths,
    shade,
    to_bytes,
)
from tinnhiem.documents.word_parts import (
    cell_text as put_text,
)

HEAD_FILL = "E6E6E6"
TABLE_SIZE = 9.5


def render_programme_docx(report: ProgrammeReport) -> bytes:
    """The report as .docx bytes: the same report gives the same bytes."""
    document = new_document(
        landscape=False,
        margins=DECREE_30_MARGINS,
        sizes=sizes_for(report.header.kind),
        title=report.document_title,
        author=report.author,
    )
    page_number_header(document)
    date_text = text.date_line(report.header.city, report.dated)
    header_block(document, report.header, date_text, report.number)
    add_paragraph(document, "", space_after=6)
    add_paragraph(document, report.title, is_bold=True, size=14, align="center", space_after=0)
    add_paragraph(document, report.subtitle, is_bold=True, align="center", space_after=0)
    add_paragraph(document, report.period, is_italic=True, align="center", space_after=10)
    for line in report.summary:
        paragraph = add_paragraph(document, line, align="justify")
        paragraph.paragraph_format.first_line_indent = Pt(28)
    for section in report.sections:
        _section(document, section)
    if report.anchor:
        add_paragraph(document, report.anchor, is_italic=True, size=10, space_after=6)
    _closing(document, report)
    _properties(document, report)
    return stable_zip(to_bytes(document))


def _section(document: DocxDocument, section: Section) -> None:
    heading = add_paragraph(document, section.heading, is_bold=True, space_after=3)
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.keep_with_next = True
    if not section.rows:
        add_paragraph(document, section.empty)
        return
    table = document.add_table(rows=2, cols=len(section.heads))
    table.style = "Table Grid"
    width = content_width(document)
    set_widths(table, [w * width / sum(section.widths) for w in section.widths])
    compact_cells(table)
    repeat_header(table, 1)
    head, model = table.rows
    for cell, label in zip(head.cells, section.heads, strict=True):
        put_text(cell, label, is_bold=True, size=TABLE_SIZE, align="center")
        shade(cell, HEAD_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for cell in model.cells:
        put_text(cell, "-", size=TABLE_SIZE)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first_total = len(section.rows) - section.total_rows
    for index, row in enumerate(section.rows):
        table._tbl.append(_row_like(model._tr, row, is_bold=index >= first_total))
    table._tbl.remove(model._tr)


def _row_like(model: BaseOxmlElement, values: Sequence[Cell], *, is_bold: bool) -> Any:
    """A copy of the model row with these values: python-docx spends milliseconds on every
    cell it fills, and a programme may hold thousands of tasks."""
    row = copy.deepcopy(model)
    for tc, value in zip(row.iter(qn("w:tc")), values, strict=True):
        align = "right" if is_number(value) else ("center" if value is None else "left")
        tc.find(f".//{qn('w:jc')}").set(qn("w:val"), align)
        tc.find(f".//{qn('w:b')}").set(qn("w:val"), "1" if is_bold else "0")
        tc.find(f".//{qn('w:t')}").text = text.nfc(cell_text(value))
    return row


def _closing(document: DocxDocument, report: ProgrammeReport) -> None:
    """ "Nơi nhận" on the left, the signature on the right."""
    add_paragraph(document, "", space_after=6)
    table = document.add_table(rows=1, cols=2)
    width = content_width(document)
    set_widths(table, [width / 2, width / 2])
    left, right = table.rows[0].cells
    if report.recipients:
        add_paragraph(left, "Nơi nhận:", is_bold=True, is_italic=True, size=12, space_after=0)
        last = len(report.recipients)
        for i, line in enumerate(report.recipients, 1):
            add_paragraph(left, f"- {line}{'.' if i == last else ';'}", size=11, space_after=0)
    for title in report.signer:
        add_paragraph(right, title, is_bold=True, align="center", space_after=0)
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text and len(cell.paragraphs) > 1:
            first._p.getparent().remove(first._p)


def _properties(document: DocxDocument, report: ProgrammeReport) -> None:
    """Title and author are the report's and the body's (not python-docx's); the dates are
    the report's, so the same report gives the same file."""
    properties = document.core_properties
    properties.title = text.nfc(report.document_title)
    properties.author = text.nfc(report.author)
    properties.last_modified_by = text.nfc(report.author)
    properties.comments = ""
    properties.revision = 1
    moment = datetime.combine(report.dated, time(0, 0))
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
