"""reportlab platypus pieces the PDF documents share: styles, the header block, the date line,
the figures and results tables, signature blocks, page numbers and the document builder.

Measurements follow Decree 30/2020 (administrative documents): A4, serif 13-14 pt body, the
issuing body top left with a short rule under it, the national header top right with its motto
underlined, the place and date in italics under the national header.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate

from tinnhiem.documents import names, text
from tinnhiem.documents.data import BodyHeader, HeaderKind, ResultsReport
from tinnhiem.documents.fonts import register_fonts
from tinnhiem.documents.formalities import RECIPIENTS_HEADING
from tinnhiem.rules import Profile

CREATOR = "tinnhiem"
PAGE_PORTRAIT = A4
PAGE_LANDSCAPE = (A4[1], A4[0])
GRID_COLOR = colors.black
HEAD_FILL = colors.Color(0.9, 0.9, 0.9)


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


# Decree 30/2020, Annex I, and Guide 36-HD/VPTW alike: top and bottom 20-25 mm, left 30-35 mm,
# right 15-20 mm; every document, portrait or landscape.
DECREE_30_MARGINS = Margins(top=20 * mm, bottom=20 * mm, left=30 * mm, right=15 * mm)


@dataclass(frozen=True)
class TypeSizes:
    """The type sizes (points) of one administrative form, part by part."""

    nation: float  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto: float  # "Độc lập - Tự do - Hạnh phúc" (state only)
    parent: float  # the managing body, upright
    body: float  # the issuing body, bold
    number: float  # "Số: …/BB-BKP"
    date: float  # the place and date, italic
    title: float  # the kind of document: "BIÊN BẢN KIỂM PHIẾU"
    subject: float  # what it is about, bold, under the title
    text: float  # the body text
    signature: float  # "TM. BAN KIỂM PHIẾU", the post, the name
    recipients_heading: float  # "Nơi nhận:"
    recipients: float  # its lines
    page_number: float
    is_recipients_heading_underlined: bool  # Guide 36: underlined; Decree 30: bold italic


# Decree 30/2020/NĐ-CP, Annex I (state bodies): the nation 12-13, the motto 13-14, the bodies
# 12-13, the number 13, the date 13-14, the title 13-14, the text 13-14, "Nơi nhận" 12 and 11.
DECREE_30_SIZES = TypeSizes(
    nation=12,
    motto=13,
    parent=12,
    body=12,
    number=13,
    date=13,
    title=14,
    subject=13,
    text=13,
    signature=13,
    recipients_heading=12,
    recipients=11,
    page_number=13,
    is_recipients_heading_underlined=False,
)
# Guide 36-HD/VPTW (Party bodies): "ĐẢNG CỘNG SẢN VIỆT NAM" 15, the committees 14, the number
# and date 14, the title 15-16, the text 14-15, the signature 14, "Nơi nhận" 14 and 12.
GUIDE_36_SIZES = TypeSizes(
    nation=15,
    motto=0,
    parent=14,
    body=14,
    number=14,
    date=14,
    title=16,
    subject=14,
    text=14,
    signature=14,
    recipients_heading=14,
    recipients=12,
    page_number=14,
    is_recipients_heading_underlined=True,
)


def sizes_for(kind: HeaderKind) -> TypeSizes:
    return GUIDE_36_SIZES if kind is HeaderKind.PARTY else DECREE_30_SIZES


def p(value: str) -> str:
    """Escape text for a Paragraph, in precomposed form."""
    return escape(text.nfc(value))


class Styles:
    """The paragraph styles of one document in the form of its body's kind (Decree 30 for a
    state body, Guide 36 for a Party body); tables at `table_size` points."""

    def __init__(self, kind: HeaderKind = HeaderKind.STATE, *, table_size: float = 10.5) -> None:
        fonts = register_fonts()
        sizes = sizes_for(kind)
        self.fonts = fonts
        self.sizes = sizes
        size = self.size = sizes.text
        lead = size * 1.3
        self.body = _style("body", fonts.regular, size, lead, TA_JUSTIFY)
        self.body_left = _style("body_left", fonts.regular, size, lead, TA_LEFT)
        self.center = _style("center", fonts.regular, size, lead, TA_CENTER)
        self.bold_center = _style("bold_center", fonts.bold, size, lead, TA_CENTER)
        self.italic_center = _style("italic_center", fonts.italic, size, lead, TA_CENTER)
        self.title = _style("title", fonts.bold, sizes.title, sizes.title * 1.3, TA_CENTER)
        self.subject = _style("subject", fonts.bold, sizes.subject, sizes.subject * 1.3, TA_CENTER)
        self.heading = _style("heading", fonts.bold, size, lead, TA_LEFT)
        self.header = _style("header", fonts.regular, sizes.parent, sizes.parent * 1.2, TA_CENTER)
        self.header_bold = _style(
            "header_bold", fonts.bold, sizes.body, sizes.body * 1.2, TA_CENTER
        )
        self.nation = _style("nation", fonts.bold, sizes.nation, sizes.nation * 1.2, TA_CENTER)
        self.motto = _style("motto", fonts.bold, sizes.motto or size, size * 1.2, TA_CENTER)
        self.date = _style("date", fonts.italic, sizes.date, sizes.date * 1.3, TA_CENTER)
        self.date_right = _style("date_right", fonts.italic, sizes.date, sizes.date * 1.3, TA_RIGHT)
        self.number = _style("number", fonts.regular, sizes.number, sizes.number * 1.2, TA_CENTER)
        signature = sizes.signature
        self.signature = _style("signature", fonts.bold, signature, signature * 1.3, TA_CENTER)
        heading_font = (
            fonts.regular if sizes.is_recipients_heading_underlined else fonts.bold_italic
        )
        heading = sizes.recipients_heading
        self.recipients_heading = _style(
            "recipients", heading_font, heading, heading * 1.2, TA_LEFT
        )
        recipients = sizes.recipients
        self.recipients = _style("recipient", fonts.regular, recipients, recipients * 1.2, TA_LEFT)
        tlead = table_size * 1.2
        self.cell = _style("cell", fonts.regular, table_size, tlead, TA_LEFT)
        self.cell_center = _style("cell_center", fonts.regular, table_size, tlead, TA_CENTER)
        self.cell_right = _style("cell_right", fonts.regular, table_size, tlead, TA_RIGHT)
        self.cell_head = _style("cell_head", fonts.bold, table_size, tlead, TA_CENTER)
        self.small_italic = _style("small_italic", fonts.italic, table_size, tlead, TA_LEFT)


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose default cell font is ours (else empty cells name Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts().regular, 10), *commands])


def _style(name: str, font: str, size: float, leading: float, align: int) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, alignment=align)


class HRule(Flowable):  # type: ignore[misc]
    """A centred horizontal rule of a fixed length (the short line under a header)."""

    def __init__(self, length: float, *, thickness: float = 0.6, space: float = 2) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space = space
        self._avail = length

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = availWidth
        return availWidth, self.space * 2 + self.thickness

    def draw(self) -> None:
        x0 = (self._avail - self.length) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, self.space, x0 + self.length, self.space)


def header_block(
    header: BodyHeader, styles: Styles, width: float, *, date_text: str = "", number_text: str = ""
) -> Table:
    """Left: the managing body over the issuing body, then the number and symbol; right: the
    national header, then the place and date. With an empty header the left column stays blank
    but for the number."""
    left_width = width * 0.42
    right = _national_cells(header.kind, styles)
    if date_text:
        date_style = _fitted(styles.date, date_text, width - left_width)
        right += [Spacer(1, 4), Paragraph(p(date_text), date_style)]
    left = [] if text.header_is_empty(header) else _body_cells(header, styles, left_width)
    if number_text:
        left += [Spacer(1, 4), Paragraph(p(number_text), styles.number)]
    table = Table([[left, right]], colWidths=[left_width, width - left_width])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _fitted(style: ParagraphStyle, line: str, width: float, smallest: float = 11) -> ParagraphStyle:
    """The style, shrunk (not below `smallest` pt) so that `line` stays on one line."""
    natural = stringWidth(text.nfc(line), style.fontName, style.fontSize)
    if natural <= width:
        return style
    size = max(smallest, style.fontSize * width / natural - 0.1)
    return style.clone(style.name + "_fitted", fontSize=size, leading=size * 1.25)


def _body_cells(header: BodyHeader, styles: Styles, width: float) -> list[Flowable]:
    cells: list[Flowable] = []
    if header.parent_name.strip():
        # one line as the forms print it, shrunk down to 11 pt; longer: between word groups
        parent = header.parent_name.strip().upper()
        style = _fitted(styles.header, parent, width - 4)
        lines = names.name_lines(parent, style.fontName, style.fontSize, width - 4)
        cells.append(Paragraph("<br/>".join(p(line) for line in lines), style))
    body = header.body_name.strip().upper()
    size = styles.header_bold.fontSize
    lines = names.name_lines(body, styles.fonts.bold, size, width - 4)  # between word groups
    cells.append(Paragraph("<br/>".join(p(line) for line in lines), styles.header_bold))
    if header.kind is HeaderKind.PARTY:
        cells.append(Paragraph("*", styles.header_bold))  # Party documents: a star, no rule
    else:
        cells.append(HRule(max(names.widest(lines, styles.fonts.bold, size) / 3, 40)))
    return cells


def _national_cells(kind: HeaderKind, styles: Styles) -> list[Flowable]:
    """The nation in bold; under the motto (or the Party's name) a rule of its own length."""
    nation, motto = text.national_header(kind)
    sizes = styles.sizes
    cells: list[Flowable] = [Paragraph(p(nation), styles.nation)]
    if motto:
        cells.append(Paragraph(p(motto), styles.motto))
        cells.append(HRule(stringWidth(motto, styles.fonts.bold, sizes.motto), space=1.5))
    else:
        cells.append(HRule(stringWidth(nation, styles.fonts.bold, sizes.nation), space=1.5))
    return cells


def figures_table(report: ResultsReport, styles: Styles, width: float) -> Table:
    """The session's figures as a ruled table: labels over values, one column each."""
    items = text.session_figures(report)
    labels = [Paragraph(p(label), styles.cell_head) for label, _ in items]
    values = [Paragraph(p(value), styles.cell_center) for _, value in items]
    table = Table([labels, values], colWidths=[width / len(items)] * len(items))
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ]
        )
    )
    return table


def _plain_table() -> TableStyle:
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )


def results_table(
    rows: Sequence[text.ResultRow],
    profile: Profile,
    styles: Styles,
    widths: Sequence[float],
    *,
    position_column: bool = True,
) -> Table:
    """STT | Họ và tên | Chức vụ | per level: count, % | invalid lines | band. Two header rows;
    both repeat on every page. Without `position_column` the post goes under the name."""
    data = _results_head(profile, styles, position_column) + [
        _result_cells(row, styles, position_column) for row in rows
    ]
    table = Table(data, colWidths=list(widths), repeatRows=2)
    table.setStyle(_results_style(len(profile.levels), position_column))
    return table


def _results_head(profile: Profile, styles: Styles, position_column: bool) -> list[list[object]]:
    head = styles.cell_head
    fixed = [text.COL_INDEX, text.COL_NAME] + ([text.COL_POSITION] if position_column else [])
    if not position_column:
        fixed[1] = f"{text.COL_NAME}, {text.COL_POSITION.lower()}"
    top: list[object] = [Paragraph(p(label), head) for label in fixed]
    sub: list[object] = [""] * len(fixed)
    for label in text.level_labels(profile):
        top += [Paragraph(p(label), head), ""]
        sub += [Paragraph(p(text.COL_COUNT), head), Paragraph(p(text.COL_PERCENT), head)]
    top += [Paragraph(p(text.COL_INVALID), head), Paragraph(p(text.COL_BAND), head)]
    sub += ["", ""]
    return [top, sub]


def _result_cells(row: text.ResultRow, styles: Styles, position_column: bool) -> list[object]:
    cells: list[object] = [Paragraph(str(row.index), styles.cell_center)]
    if position_column:
        cells += [Paragraph(p(row.name), styles.cell), Paragraph(p(row.position), styles.cell)]
    else:
        cells.append(Paragraph(f"<b>{p(row.name)}</b><br/>{p(row.position)}", styles.cell))
    for count, percent in zip(row.counts, row.percents, strict=True):
        cells += [Paragraph(count, styles.cell_right), Paragraph(percent, styles.cell_right)]
    band_style = styles.cell_center if row.band == text.DASH else styles.cell
    cells += [Paragraph(row.invalid, styles.cell_right), Paragraph(p(row.band), band_style)]
    return cells


def _results_style(levels: int, position_column: bool) -> TableStyle:
    fixed = 3 if position_column else 2
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 1), HEAD_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for column in range(fixed):
        commands.append(("SPAN", (column, 0), (column, 1)))
    for level in range(levels):
        column = fixed + 2 * level
        commands.append(("SPAN", (column, 0), (column + 1, 0)))
    last = fixed + 2 * levels
    commands += [("SPAN", (last, 0), (last, 1)), ("SPAN", (last + 1, 0), (last + 1, 1))]
    return table_style(commands)


@dataclass(frozen=True)
class Signature:
    """One signing column: titles in bold ("TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN"), then names."""

    titles: tuple[str, ...]
    names: tuple[str, ...] = ()
    hint: str = ""


def signature_row(
    signatures: Sequence[Signature | list[Flowable] | None],
    styles: Styles,
    width: float,
    *,
    space: float = 62,
) -> Table:
    """Signing columns side by side; None leaves a column blank (a lone head signs right), a
    list of flowables fills it (the recipients beside the signature)."""
    columns = [
        signature_cells(s, styles, space) if isinstance(s, Signature) else (s or [])
        for s in signatures
    ]
    table = Table([columns], colWidths=[width / len(signatures)] * len(signatures))
    table.setStyle(_plain_table())
    return table


def signature_cells(signature: Signature, styles: Styles, space: float) -> list[Flowable]:
    cells: list[Flowable] = [Paragraph(p(title), styles.signature) for title in signature.titles]
    if signature.hint:
        cells.append(Paragraph(p(signature.hint), styles.italic_center))
    for name in signature.names or ("",):
        cells.append(Spacer(1, space))
        cells.append(Paragraph(p(name) if name else text.BLANK * 2, styles.signature))
    return cells


def recipients_cells(lines: Sequence[str], styles: Styles) -> list[Flowable]:
    """ "Nơi nhận:" over its lines, bottom left: bold italic 12 pt over 11 pt (Decree 30),
    underlined 14 pt over 12 pt (Guide 36)."""
    heading_text = p(RECIPIENTS_HEADING)
    if styles.sizes.is_recipients_heading_underlined:
        heading_text = f"<u>{heading_text}</u>"
    heading = Paragraph(heading_text, styles.recipients_heading)
    return [heading, *[Paragraph(p(line), styles.recipients) for line in lines]]


def page_number_top(canvas: Canvas, doc: BaseDocTemplate, size: float = 13) -> None:
    """Decree 30 and Guide 36: Arabic page numbers centred in the top margin, from the second
    page on."""
    fonts = register_fonts()
    canvas.saveState()
    canvas.setFont(fonts.regular, size)
    width, height = doc.pagesize
    x = doc.leftMargin + (width - doc.leftMargin - doc.rightMargin) / 2
    canvas.drawCentredString(x, height - doc.topMargin / 2 - 4, str(canvas.getPageNumber()))
    canvas.restoreState()


PageCallback = Callable[[Canvas, BaseDocTemplate], None]


def _no_page_decoration(canvas: Canvas, doc: BaseDocTemplate) -> None:
    return None


def build_pdf(
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    title: str,
    author: str = "",
    margins: Margins = DECREE_30_MARGINS,
    sizes: TypeSizes = DECREE_30_SIZES,
    later_pages: PageCallback | None = None,
) -> bytes:
    """Lay the story out and return the PDF; invariant, so the same input gives the same bytes.
    Its author is the issuing body (else "tinnhiem"); page numbers from page 2 by default."""
    if later_pages is None:
        later_pages = partial(page_number_top, size=sizes.page_number)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        leftMargin=margins.left,
        rightMargin=margins.right,
        title=text.nfc(title),
        author=document_author(author),
        creator=CREATOR,
        subject=text.nfc(title),
        invariant=1,
        initialFontName=register_fonts().regular,
    )
    # the frame is the text area itself: reportlab's default 6 pt padding would push what
    # fills the width (tables, the chart) into the margins
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "first", [frame], onPage=_no_page_decoration, autoNextPageTemplate="later"
            ),
            PageTemplate("later", [frame], onPage=later_pages),
        ]
    )
    doc.build(story)
    return buffer.getvalue()


def document_author(body_name: str) -> str:
    """Who a document's metadata names as its author: the body, else the program."""
    return text.nfc(" ".join(body_name.split())) or CREATOR


def frame_width(pagesize: tuple[float, float], margins: Margins) -> float:
    return pagesize[0] - margins.left - margins.right


def results_widths(width: float, levels: int, *, position_column: bool = True) -> list[float]:
    """Column widths for `results_table`: the band column takes what is left."""
    if position_column:
        index, invalid, count, percent = 28.0, 50.0, 34.0, 40.0
        people = [width * 0.17, width * 0.25]
    else:  # portrait: the post goes under the name
        index, invalid, count, percent = 26.0, 42.0, 30.0, 36.0
        people = [width * 0.30]
    used = index + sum(people) + levels * (count + percent) + invalid
    band = max(width - used, 60.0)
    if used + band > width:  # narrow page: take the excess from the people columns
        shrink = (used + band - width) / len(people)
        people = [column - shrink for column in people]
    return [index, *people, *[count, percent] * levels, invalid, band]
