"""The counting minutes ("Biên bản kiểm phiếu") in the layout of Decree 30/2020: A4 portrait,
margins 20/20/30/15 mm, 13 pt serif body, page numbers centred at the top from page 2 on."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from tinnhiem.documents import formalities, text
from tinnhiem.documents.data import BoardRole, ResultsReport
from tinnhiem.documents.layout import (
    DECREE_30_MARGINS,
    PAGE_PORTRAIT,
    Signature,
    Styles,
    build_pdf,
    frame_width,
    header_block,
    p,
    recipients_cells,
    results_table,
    results_widths,
    signature_row,
)

MEMBERS_PER_ROW = 3


def render_minutes_pdf(report: ResultsReport) -> bytes:
    """The counting board's minutes of one session as PDF bytes."""
    styles = Styles(report.session.header.kind, table_size=10)
    width = frame_width(PAGE_PORTRAIT, DECREE_30_MARGINS)
    story = [
        *_opening(report, styles, width),
        *_figures(report, styles),
        *_results(report, styles, width),
        *_closing(report, styles),
        *_signatures(report, styles, width),
    ]
    return build_pdf(
        story,
        pagesize=PAGE_PORTRAIT,
        title=text.MINUTES_TITLE,
        author=report.session.header.body_name,
        sizes=styles.sizes,
    )


def _opening(report: ResultsReport, styles: Styles, width: float) -> list[Flowable]:
    session = report.session
    date_text = text.date_line(session.header.city, session.held_on)
    board = text.board_lines(session.board) or [text.BLANK * 6] * 3
    number = formalities.number_line(
        session.minutes_number, formalities.MINUTES_SYMBOL, session.header.kind
    )
    return [
        header_block(session.header, styles, width, date_text=date_text, number_text=number),
        Spacer(1, 14),
        Paragraph(p(text.MINUTES_TITLE), styles.title),
        Paragraph(p(session.title), styles.subject),
        Spacer(1, 10),
        Paragraph(p(formalities.minutes_opening(session)), styles.body),
        *[Paragraph(p(line), _indented(styles)) for line in board],
        Paragraph(p(text.minutes_purpose(session)), styles.body),
    ]


def _indented(styles: Styles) -> object:
    return styles.body_left.clone("indented", leftIndent=24)


def _figures(report: ResultsReport, styles: Styles) -> list[Flowable]:
    items = text.session_figures(report)
    lines = [
        Paragraph(
            f"- {p(label)}: <b>{p(value)}</b>{';' if i < len(items) else '.'}", _indented(styles)
        )
        for i, (label, value) in enumerate(items, 1)
    ]
    return [
        Spacer(1, 4),
        Paragraph("1. Số liệu chung:", styles.heading),
        *lines,
        Paragraph(p(text.profile_line(report.result.profile)), styles.body),
    ]


def _results(report: ResultsReport, styles: Styles, width: float) -> list[Flowable]:
    profile = report.result.profile
    widths = results_widths(width, len(profile.levels), position_column=False)
    table = results_table(text.result_rows(report), profile, styles, widths, position_column=False)
    outcomes = [Paragraph("- " + p(line), styles.body) for line in text.outcome_lines(report)]
    return [
        Spacer(1, 4),
        Paragraph("2. Kết quả lấy phiếu đối với từng người:", styles.heading),
        Spacer(1, 3),
        table,
        Spacer(1, 6),
        KeepTogether([Paragraph("3. Kết quả theo các mức quy định:", styles.heading), *outcomes]),
    ]


def _closing(report: ResultsReport, styles: Styles) -> list[Flowable]:
    anchor = report.session.audit_anchor
    return [
        Spacer(1, 6),
        Paragraph(p(formalities.minutes_closing(report.session)), styles.body),
        *([Paragraph(p(text.anchor_line(anchor)), styles.cell)] if anchor else []),
        Spacer(1, 12),
    ]


def _signatures(report: ResultsReport, styles: Styles, width: float) -> list[Flowable]:
    board = report.session.board
    secretary = Signature(
        ("THƯ KÝ",), tuple(text.board_names(board, BoardRole.SECRETARY)), text.SIGNATURE_HINT
    )
    head = Signature(
        (formalities.on_behalf(report.session.header.kind), "TRƯỞNG BAN"),
        tuple(text.board_names(board, BoardRole.HEAD)),
        text.SIGNATURE_HINT,
    )
    blocks: list[Flowable] = [KeepTogether(signature_row([secretary, head], styles, width))]
    members = text.board_names(board, BoardRole.MEMBER)
    if not board:
        members = ["", ""]
    if members:
        blocks.append(Spacer(1, 16))
        blocks.append(KeepTogether(_members(members, styles, width)))
    recipients = recipients_cells(formalities.recipient_lines(report.session), styles)
    return [*blocks, Spacer(1, 12), KeepTogether(recipients)]


def _members(names: list[str], styles: Styles, width: float) -> list[Flowable]:
    flowables: list[Flowable] = [
        Paragraph("CÁC ỦY VIÊN", styles.bold_center),
        Paragraph(p(text.SIGNATURE_HINT), styles.italic_center),
    ]
    per_row = min(MEMBERS_PER_ROW, len(names))
    for start in range(0, len(names), per_row):
        chunk = names[start : start + per_row]
        signatures: list[Signature | None] = [Signature((), (name,)) for name in chunk]
        signatures += [None] * (per_row - len(chunk))
        flowables.append(signature_row(signatures, styles, width, space=52))
    return flowables
