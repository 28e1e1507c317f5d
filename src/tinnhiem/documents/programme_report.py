"""A programme's period report ("Báo cáo kết quả thực hiện Chương trình"): the plain data every
format is rendered from, and the PDF.

The report is an administrative document: A4 portrait with the Decree 30/2020 margins, the
Party's layout (Guide 36-HD/VPTW: "ĐẢNG BỘ …" over the committee, a star, "Số …-BC/TU" on the
left; "ĐẢNG CỘNG SẢN VIỆT NAM", the place and date on the right; "T/M BAN THƯỜNG VỤ" to sign)
or the state's for other bodies, then the tables offices produce (by agency, the appendix,
overdue tasks, targets, inspection and discipline, the cases' flow, reform). Each table is a
`Section` of cells already worded: the same rows go to PDF, Word and the spreadsheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from tinnhiem.documents import text
from tinnhiem.documents.data import BodyHeader
from tinnhiem.documents.layout import (
    DECREE_30_MARGINS,
    GRID_COLOR,
    HEAD_FILL,
    PAGE_PORTRAIT,
    Signature,
    Styles,
    build_pdf,
    frame_width,
    header_block,
    p,
    signature_cells,
    table_style,
)
from tinnhiem.documents.paged_table import MeasuredParagraph, PagedTable

Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Section:
    """One table of the report: its heading, column heads, rows (counts as int, exact decimals
    as Decimal, text as str, None for "—"), relative column widths, and the spreadsheet's
    sheet name. The last `total_rows` rows are totals (bold)."""

    heading: str
    sheet: str
    heads: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    empty: str = "Không có."  # printed instead of a table without rows
    total_rows: int = 0


@dataclass(frozen=True)
class ProgrammeReport:
    header: BodyHeader
    number: str  # "Số 125-BC/TU"
    dated: date  # the date line's date
    author: str  # the issuing body, written into the files' metadata
    title: str  # "BÁO CÁO"
    subtitle: str  # "Kết quả thực hiện Chương trình số 01-CTr/TU …"
    period: str  # "(Số liệu từ ngày 01/01/2022 đến ngày 20/12/2022)"
    summary: tuple[str, ...]  # the opening paragraphs, with the headline figures
    sections: tuple[Section, ...]
    signer: tuple[str, ...]  # ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    recipients: tuple[str, ...] = ()
    anchor: str = ""  # for a frozen report: what was frozen, when, and its SHA-256

    @property
    def document_title(self) -> str:
        return f"{self.title} {self.subtitle}"


def cell_text(value: Cell) -> str:
    """A cell as printed: "1.142" (a dot between thousands), "108,70" (a decimal comma)."""
    if value is None:
        return text.DASH
    if isinstance(value, bool):
        return "Có" if value else ""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, Decimal):
        whole, _, fraction = format(value, "f").partition(".")
        digits = f"{int(whole):,}".replace(",", ".") if whole.lstrip("-").isdigit() else whole
        if whole.startswith("-") and not digits.startswith("-"):
            digits = "-" + digits
        return f"{digits},{fraction}" if fraction else digits
    return text.nfc(value)


def is_number(value: Cell) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def render_programme_pdf(report: ProgrammeReport) -> bytes:
    """The report as PDF bytes: the same report gives the same bytes."""
    styles = Styles(report.header.kind, table_size=9.5)
    width = frame_width(PAGE_PORTRAIT, DECREE_30_MARGINS)
    story: list[Flowable] = [
        header_block(
            report.header,
            styles,
            width,
            date_text=text.date_line(report.header.city, report.dated),
            number_text=report.number,
        ),
        Spacer(1, 14),
        Paragraph(p(report.title), styles.title),
        Paragraph(p(report.subtitle), styles.bold_center),
        Paragraph(p(report.period), styles.italic_center),
        Spacer(1, 10),
        *[Paragraph(p(line), _first_line_indent(styles)) for line in report.summary],
    ]
    for section in report.sections:
        story += _section(section, styles, width)
    if report.anchor:
        story += [Spacer(1, 6), Paragraph(p(report.anchor), styles.small_italic)]
    story += [Spacer(1, 12), KeepTogether(_closing(report, styles, width))]
    return build_pdf(
        story,
        pagesize=PAGE_PORTRAIT,
        margins=DECREE_30_MARGINS,
        sizes=styles.sizes,
        title=report.document_title,
        author=report.author,
    )


def _first_line_indent(styles: Styles) -> object:
    return styles.body.clone("summary", firstLineIndent=28, spaceAfter=4)


def _section(section: Section, styles: Styles, width: float) -> list[Flowable]:
    heading = Paragraph(p(section.heading), styles.heading)
    if not section.rows:
        return [Spacer(1, 8), heading, Paragraph(p(section.empty), styles.body)]
    return [Spacer(1, 8), heading, Spacer(1, 3), section_table(section, styles, width)]


def section_table(section: Section, styles: Styles, width: float) -> PagedTable:
    """The section as a ruled table, its head repeated on every page."""
    scale = width / sum(section.widths)
    head = [MeasuredParagraph(p(label), styles.cell_head) for label in section.heads]
    first_total = len(section.rows) - section.total_rows
    made: dict[tuple[int, str, str], MeasuredParagraph] = {}
    body = [
        [
            _cell(value, styles, column, made, is_total=index >= first_total)
            for column, value in enumerate(row)
        ]
        for index, row in enumerate(section.rows)
    ]
    widths = [w * scale for w in section.widths]
    head_height, *heights = _heights([head, *body], widths)
    style = table_style(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ]
    )
    return PagedTable(
        head, body, widths=widths, head_height=head_height, heights=heights, style=style
    )


PADDING = 2.5  # left and right, in the table's style
PADDING_TOP_BOTTOM = 3  # reportlab's default


def _heights(rows: list[list[Paragraph]], widths: list[float]) -> list[float]:
    """Each row's height, measured once (reportlab would measure every row left again at each
    page break)."""
    return [
        max(
            cell.wrap(width - 2 * PADDING, 10**6)[1]
            for cell, width in zip(row, widths, strict=True)
        )
        + 2 * PADDING_TOP_BOTTOM
        for row in rows
    ]


def _cell(
    value: Cell,
    styles: Styles,
    column: int,
    made: dict[tuple[int, str, str], MeasuredParagraph],
    *,
    is_total: bool,
) -> MeasuredParagraph:
    """The cell's paragraph; one paragraph for every cell of a column that prints the same (an
    agency's name, a deadline, a state): parsed and broken into lines once, drawn at each."""
    style = styles.cell_right if is_number(value) else styles.cell
    if value is None:
        style = styles.cell_center
    content = p(cell_text(value))
    markup = f"<b>{content}</b>" if is_total else content
    key = (column, style.name, markup)
    if key not in made:
        made[key] = MeasuredParagraph(markup, style)
    return made[key]


def _closing(report: ProgrammeReport, styles: Styles, width: float) -> list[Flowable]:
    """ "Nơi nhận" on the left, the signature on the right (Guide 36, Decree 30)."""
    signature = signature_cells(Signature(tuple(report.signer), names=("",)), styles, 62)
    table = Table([[_recipients(report.recipients, styles), signature]], colWidths=[width / 2] * 2)
    table.setStyle(
        table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return [table]


def _recipients(lines: Sequence[str], styles: Styles) -> list[Flowable]:
    if not lines:
        return []
    small = styles.cell.clone("recipients", fontSize=11, leading=13)
    heading = styles.small_italic.clone("recipients_head", fontSize=12, leading=14)
    last = len(lines)
    return [
        Paragraph("<b><i>Nơi nhận:</i></b>", heading),
        *[
            Paragraph(p(f"- {line}{'.' if i == last else ';'}"), small)
            for i, line in enumerate(lines, 1)
        ],
    ]
