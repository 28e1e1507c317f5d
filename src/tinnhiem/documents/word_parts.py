"""python-docx pieces for the Word documents: page setup, the Times New Roman styles, the header
block, ruled tables, signature blocks, page numbers and the bar chart drawn as shaded cells.

Everything stays editable in Word: real tables, real paragraphs, a PAGE field. Lengths come
from reportlab's metrics of Liberation Serif, which has the same widths as Times New Roman.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from tinnhiem.documents import chart, names, text
from tinnhiem.documents.data import BodyHeader, HeaderKind, ResultsReport
from tinnhiem.documents.fonts import DOCX_FONT, register_fonts
from tinnhiem.documents.formalities import RECIPIENTS_HEADING
from tinnhiem.documents.layout import (
    CREATOR,
    DECREE_30_MARGINS,
    Margins,
    TypeSizes,
    document_author,
    sizes_for,
)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Word's shading patterns, by the chart's pattern names, so bars survive grey printing
SHADING = {
    "solid": "clear",
    "plain": "clear",
    "hatch": "thinDiagStripe",
    "cross": "thinDiagCross",
    "dots": "pct20",
}


def new_document(
    *,
    landscape: bool,
    sizes: TypeSizes,
    title: str,
    author: str = "",
    margins: Margins = DECREE_30_MARGINS,
) -> DocxDocument:
    """An A4 document whose Normal style is Times New Roman at the form's text size in every
    script; its properties name the body as author and tinnhiem, never python-docx."""
    size = sizes.text
    document = Document()
    _properties(document, title, author)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (297, 210) if landscape else (210, 297)
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = Pt(margins.top)
    section.bottom_margin = Pt(margins.bottom)
    section.left_margin = Pt(margins.left)
    section.right_margin = Pt(margins.right)
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(size)
    set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.space_before = Pt(0)
    return document


def _properties(document: DocxDocument, title: str, author: str) -> None:
    """The core properties Word shows: python-docx's template says "python-docx" and dates
    itself 2013; these name the body (or tinnhiem), and carry no date, so the same report
    gives the same file."""
    properties = document.core_properties
    properties.title = text.nfc(title)
    properties.author = document_author(author)
    properties.last_modified_by = CREATOR
    properties.comments = ""
    properties.revision = 1
    element = properties._element
    for tag in ("dcterms:created", "dcterms:modified"):
        for stale in element.findall(qn(tag)):
            element.remove(stale)


# Schema order: a child must precede these siblings (ECMA-376 CT_PPr and CT_TcPr sequences).
_AFTER_PBDR = tuple(
    qn(f"w:{tag}")
    for tag in (
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
        "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
        "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId "
        "cnfStyle rPr sectPr pPrChange"
    ).split()
)
_AFTER_TC_SHD = tuple(
    qn(f"w:{tag}")
    for tag in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
)


def insert_in_order(
    parent: BaseOxmlElement, child: BaseOxmlElement, successors: Sequence[str]
) -> None:
    """Put `child` before the first of its schema successors, so Word opens the file cleanly."""
    existing: BaseOxmlElement
    for index, existing in enumerate(parent):
        if existing.tag in successors:
            parent.insert(index, child)
            return
    parent.append(child)


def set_fonts(rpr: BaseOxmlElement) -> None:
    """Name Times New Roman for Latin, East Asian and complex scripts alike, so Word never
    falls back to another font for Vietnamese letters."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), DOCX_FONT)


def content_width(document: DocxDocument) -> float:
    """The text width of the first section, in points."""
    section = document.sections[0]
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    return float(Length((section.page_width or 0) - margins).pt)


def add_paragraph(
    container: DocxDocument | _Cell,
    value: str = "",
    *,
    is_bold: bool = False,
    is_italic: bool = False,
    size: float | None = None,
    align: str = "left",
    space_after: float = 3,
    indent: float = 0,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.left_indent = Pt(indent)
    if value:
        add_run(paragraph, value, is_bold=is_bold, is_italic=is_italic, size=size)
    return paragraph


def spacer(container: DocxDocument | _Cell, height: float) -> None:
    """An empty paragraph exactly `height` points tall."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(height)


def add_run(
    paragraph: Paragraph,
    value: str,
    *,
    is_bold: bool = False,
    is_italic: bool = False,
    size: float | None = None,
) -> None:
    run = paragraph.add_run(text.nfc(value))
    run.bold = is_bold
    run.italic = is_italic
    if size is not None:
        run.font.size = Pt(size)
    run.font.name = DOCX_FONT
    set_fonts(run._element.get_or_add_rPr())


def first_paragraph(cell: _Cell) -> Paragraph:
    """A new cell holds one empty paragraph: use it before adding more."""
    paragraph: Paragraph = cell.paragraphs[0]
    return paragraph


def cell_text(
    cell: _Cell, value: str, *, is_bold: bool = False, size: float = 11, align: str = "left"
) -> None:
    paragraph = first_paragraph(cell)
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    add_run(paragraph, value, is_bold=is_bold, size=size)


def rule(container: DocxDocument | _Cell, length: float, column: float) -> None:
    """A centred short rule: an empty paragraph with a bottom border between its indents."""
    paragraph = container.add_paragraph()
    side = max((column - length) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Pt(side), Pt(side)
    fmt.space_after, fmt.space_before = Pt(0), Pt(0)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    insert_in_order(paragraph._p.get_or_add_pPr(), borders, _AFTER_PBDR)


def header_block(
    document: DocxDocument, header: BodyHeader, date_text: str, number_text: str = ""
) -> None:
    """Left: managing body over issuing body, then the number and symbol; right: national
    header, then place and date."""
    width = content_width(document)
    left_width = width * 0.42
    sizes = sizes_for(header.kind)
    table = document.add_table(rows=1, cols=2)
    set_widths(table, [left_width, width - left_width])
    left, right = table.rows[0].cells
    if not text.header_is_empty(header):
        _body_block(left, header, left_width)
    if number_text:
        spacer(left, 4)
        add_paragraph(left, number_text, size=sizes.number, align="center", space_after=0)
    _national_block(right, header.kind, width - left_width)
    if date_text:
        italic = register_fonts().italic
        size = fitted_size(date_text, italic, sizes.date, width - left_width - 4)
        add_paragraph(right, date_text, is_italic=True, size=size, align="center", space_after=0)
    for cell in (left, right):
        _drop_empty_first(cell)


def fitted_size(line: str, font: str, size: float, width: float, smallest: float = 11) -> float:
    """The size (half points, not below `smallest`) at which `line` fits on one line."""
    natural = stringWidth(text.nfc(line), font, size)
    if natural <= width:
        return size
    return max(smallest, int(2 * size * width / natural) / 2)


def _body_block(cell: _Cell, header: BodyHeader, column: float) -> None:
    fonts = register_fonts()
    sizes = sizes_for(header.kind)
    room = column - 11  # the cell's margins: 2 × 5.4 pt
    if header.parent_name.strip():
        # one line as the forms print it, shrunk down to 11 pt; longer: between word groups
        parent = header.parent_name.strip().upper()
        size = fitted_size(parent, fonts.regular, sizes.parent, room)
        for line in names.name_lines(parent, fonts.regular, size, room):
            add_paragraph(cell, line, size=size, align="center", space_after=0)
    body = header.body_name.strip().upper()
    # broken between word groups, never inside a place's name
    lines = names.name_lines(body, fonts.bold, sizes.body, room)
    for line in lines:
        add_paragraph(cell, line, is_bold=True, size=sizes.body, align="center", space_after=0)
    if header.kind is HeaderKind.PARTY:
        add_paragraph(cell, "*", is_bold=True, size=sizes.body, align="center", space_after=0)
    else:
        rule(cell, max(names.widest(lines, fonts.bold, sizes.body) / 3, 40), column)


def _national_block(cell: _Cell, kind: HeaderKind, column: float) -> None:
    fonts = register_fonts()
    sizes = sizes_for(kind)
    nation, motto = text.national_header(kind)
    add_paragraph(cell, nation, is_bold=True, size=sizes.nation, align="center", space_after=0)
    if motto:
        add_paragraph(cell, motto, is_bold=True, size=sizes.motto, align="center", space_after=0)
        rule(cell, stringWidth(motto, fonts.bold, sizes.motto), column)
    else:
        rule(cell, stringWidth(nation, fonts.bold, sizes.nation), column)


def _drop_empty_first(cell: _Cell) -> None:
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def set_widths(table: Table, widths: Sequence[float]) -> None:
    """Fixed column widths in points (Word honours cell widths, LibreOffice the grid)."""
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
        for cell in column.cells:
            cell.width = Pt(width)


def compact_cells(table: Table, side: float = 2.5) -> None:
    """Narrow left and right cell margins (Word's default 5.4 pt wraps short figures), and
    rows that never split across a page."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(side * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    successors = (qn("w:tblLook"), qn("w:tblCaption"), qn("w:tblDescription"))
    insert_in_order(table._tbl.tblPr, margins, successors)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def repeat_header(table: Table, rows: int) -> None:
    for row in table.rows[:rows]:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)


def shade(cell: _Cell, fill: str, pattern: str = "clear", color: str = "auto") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), pattern)
    shading.set(qn("w:color"), color)
    shading.set(qn("w:fill"), fill)
    insert_in_order(cell._tc.get_or_add_tcPr(), shading, _AFTER_TC_SHD)


def page_number_header(document: DocxDocument) -> None:
    """Decree 30: page numbers centred at the top, not on the first page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, value in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run._r.append(element)


Column = tuple[Sequence[str], str, Sequence[str]]  # titles, hint, names


def signature_row(document: DocxDocument, columns: Sequence[Column | None]) -> Table:
    """Signing columns (titles, hint, names); None leaves a column blank (the caller may fill
    it: the recipients beside a signature)."""
    width = content_width(document)
    table: Table = document.add_table(rows=1, cols=len(columns))
    set_widths(table, [width / len(columns)] * len(columns))
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        if column is None:
            continue
        titles, hint, names = column
        for title in titles:
            add_paragraph(cell, title, is_bold=True, align="center", space_after=0)
        if hint:
            add_paragraph(cell, hint, is_italic=True, align="center", space_after=0)
        for name in names or ("",):
            for _ in range(4):
                add_paragraph(cell, "", space_after=0)
            add_paragraph(cell, name or text.BLANK * 2, is_bold=True, align="center")
        _drop_empty_first(cell)
    return table


def recipients_block(
    container: DocxDocument | _Cell, lines: Sequence[str], sizes: TypeSizes
) -> None:
    """ "Nơi nhận:" over its lines: bold italic 12 pt over 11 pt (Decree 30), underlined 14 pt
    over 12 pt (Guide 36)."""
    size = sizes.recipients_heading
    if sizes.is_recipients_heading_underlined:
        heading = add_paragraph(container, RECIPIENTS_HEADING, size=size, space_after=0)
        heading.runs[0].underline = True
    else:
        add_paragraph(
            container, RECIPIENTS_HEADING, is_bold=True, is_italic=True, size=size, space_after=0
        )
    for line in lines:
        add_paragraph(container, line, size=sizes.recipients, space_after=0)
    if isinstance(container, _Cell):
        _drop_empty_first(container)


def chart_bars(document: DocxDocument, report: ResultsReport) -> None:
    """One small table per person: the name, then a shaded cell per level whose width is the
    level's percentage of the base; shading patterns keep levels apart in grey print."""
    profile = report.result.profile
    looks = chart.looks(profile)
    width = content_width(document)
    label, span = width * 0.24, width * 0.76
    for index, person in enumerate(report.result.people, 1):
        shares = [Decimal(person.percent.get(level.key, "0.00")) for level in profile.levels]
        segments = [(share, look) for share, look in zip(shares, looks, strict=True) if share > 0]
        rest = max(Decimal(100) - sum(shares), Decimal(0))
        widths = [float(share) / 100 * span for share, _ in segments]
        if rest > 0:
            widths.append(float(rest) / 100 * span)
        table = document.add_table(rows=1, cols=1 + len(widths))
        set_widths(table, [label, *widths])
        cells = table.rows[0].cells
        cell_text(cells[0], f"{index}. {person.name}", is_bold=True, size=10)
        for cell, (share, look) in zip(cells[1:], segments, strict=False):
            _bar_cell(cell, f"{share}", look, float(share) / 100 * span)
        previous = text.previous_line(report, person.name)
        if previous:
            add_paragraph(document, previous, is_italic=True, size=9, space_after=0, indent=label)
        spacer(document, 5)


def _bar_cell(cell: _Cell, value: str, look: chart.Look, width: float) -> None:
    fill = look.fill.hexval()[2:].upper()
    ink = look.ink.hexval()[2:].upper()
    shade(cell, fill, SHADING[look.pattern], ink if look.pattern != "solid" else "auto")
    if width >= 34:
        cell_text(cell, f"{text.decimal_comma(value)}%", is_bold=True, size=8, align="center")
        run = first_paragraph(cell).runs[0]
        is_dark_ink = look.ink == colors.black
        run.font.color.rgb = RGBColor(0, 0, 0) if is_dark_ink else RGBColor(0xFF, 0xFF, 0xFF)
        if look.pattern in ("hatch", "cross"):
            _highlight(run)


def _highlight(run: Run) -> None:
    """A white patch behind the figure so it reads on a hatched cell."""
    run.font.highlight_color = WD_COLOR_INDEX.WHITE
    run.font.color.rgb = RGBColor(0, 0, 0)


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
