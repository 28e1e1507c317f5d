"""The results report ("Báo cáo kết quả lấy phiếu tín nhiệm"): A4 landscape, so the per-level
counts and percentages fit on one line per person, then the bands reached, a bar chart and the
counting board's signature."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from tinnhiem.documents import chart, formalities, text
from tinnhiem.documents.data import BoardRole, ResultsReport
from tinnhiem.documents.layout import (
    DECREE_30_MARGINS,
    PAGE_LANDSCAPE,
    Signature,
    Styles,
    build_pdf,
    figures_table,
    frame_width,
    header_block,
    p,
    recipients_cells,
    results_table,
    results_widths,
    signature_row,
)


def render_results_pdf(report: ResultsReport) -> bytes:
    """The results report of one session as PDF bytes (deterministic for the same report)."""
    styles = Styles(report.session.header.kind, table_size=10.5)
    width = frame_width(PAGE_LANDSCAPE, DECREE_30_MARGINS)
    story = [
        *_opening(report, styles, width),
        *_table(report, styles, width),
        *_outcomes(report, styles),
        *_chart(report, styles, width),
        Spacer(1, 10),
        _signature(report, styles, width),
    ]
    title = text.report_title(report.result.profile)
    return build_pdf(
        story,
        pagesize=PAGE_LANDSCAPE,
        title=title,
        author=report.session.header.body_name,
        sizes=styles.sizes,
    )


def _opening(report: ResultsReport, styles: Styles, width: float) -> list[Flowable]:
    session = report.session
    profile = report.result.profile
    date_text = text.date_line(session.header.city, session.held_on)
    number = formalities.number_line(
        session.report_number, formalities.REPORT_SYMBOL, session.header.kind
    )
    return [
        header_block(session.header, styles, width, date_text=date_text, number_text=number),
        Spacer(1, 12),
        Paragraph(p(text.report_title(profile)), styles.title),
        Paragraph(p(session.title), styles.subject),
        Spacer(1, 4),
        Paragraph(p(formalities.count_period(session)), styles.italic_center),
        Spacer(1, 6),
        figures_table(report, styles, width),
        Spacer(1, 3),
        Paragraph(p(text.profile_line(profile)), styles.body_left),
        Spacer(1, 6),
    ]


def _table(report: ResultsReport, styles: Styles, width: float) -> list[Flowable]:
    profile = report.result.profile
    widths = results_widths(width, len(profile.levels))
    return [results_table(text.result_rows(report), profile, styles, widths)]


def _outcomes(report: ResultsReport, styles: Styles) -> list[Flowable]:
    heading = Paragraph("Kết quả theo các mức quy định:", styles.heading)
    lines = [Paragraph("- " + p(line), styles.body) for line in text.outcome_lines(report)]
    return [Spacer(1, 8), KeepTogether([heading, *lines[:1]]), *lines[1:]]


def _chart(report: ResultsReport, styles: Styles, width: float) -> list[Flowable]:
    profile = report.result.profile
    heading = Paragraph(p(f"Biểu đồ kết quả (tỷ lệ % trên {_base_words(report)})"), styles.heading)
    bars = [chart.person_bar(report, i, width) for i in range(len(report.result.people))]
    top = [Spacer(1, 10), heading, Spacer(1, 4), chart.legend(profile, width), chart.axis(width)]
    return [KeepTogether([*top, *bars[:2]]), *bars[2:]]


def _base_words(report: ResultsReport) -> str:
    return text.base_text(report.result.profile).removeprefix("Tỷ lệ tính trên ")


def _signature(report: ResultsReport, styles: Styles, width: float) -> Flowable:
    session = report.session
    heads = text.board_names(session.board, BoardRole.HEAD)
    titles = (formalities.on_behalf(session.header.kind), "TRƯỞNG BAN")
    signature = Signature(titles, names=tuple(heads[:1]))
    recipients = recipients_cells(formalities.recipient_lines(session), styles)
    return KeepTogether(signature_row([recipients, signature], styles, width))
