"""The minutes and the results report as Word documents (.docx): the same content as the PDFs,
in Times New Roman on A4 with the Decree 30/2020 margins, with real tables so an office can
edit them before printing."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt
from docx.table import Table, _Cell

from tinnhiem.documents import chart, formalities, text
from tinnhiem.documents.data import BoardRole, ResultsReport
from tinnhiem.documents.layout import TypeSizes, results_widths, sizes_for
from tinnhiem.documents.word_parts import (
    SHADING,
    Column,
    add_paragraph,
    add_run,
    cell_text,
    chart_bars,
    compact_cells,
    content_width,
    header_block,
    new_document,
    page_number_header,
    recipients_block,
    repeat_header,
    set_widths,
    shade,
    signature_row,
    to_bytes,
)

HEAD_FILL = "E6E6E6"


def render_minutes_docx(report: ResultsReport) -> bytes:
    """The counting minutes ("Biên bản kiểm phiếu"), A4 portrait, 13 pt."""
    session = report.session
    sizes = sizes_for(session.header.kind)
    document = new_document(
        landscape=False,
        sizes=sizes,
        title=text.MINUTES_TITLE,
        author=session.header.body_name,
    )
    page_number_header(document)
    number = formalities.number_line(
        session.minutes_number, formalities.MINUTES_SYMBOL, session.header.kind
    )
    header_block(
        document, session.header, text.date_line(session.header.city, session.held_on), number
    )
    _titles(document, text.MINUTES_TITLE, session.title, sizes)
    add_paragraph(document, formalities.minutes_opening(session), align="justify", space_after=0)
    for line in text.board_lines(session.board) or [text.BLANK * 6] * 3:
        add_paragraph(document, line, indent=24, space_after=0)
    add_paragraph(document, text.minutes_purpose(session), align="justify")
    add_paragraph(document, "1. Số liệu chung:", is_bold=True, space_after=0)
    items = text.session_figures(report)
    for i, (label, value) in enumerate(items, 1):
        paragraph = add_paragraph(document, f"- {label}: ", indent=24, space_after=0)
        end = ";" if i < len(items) else "."
        add_run(paragraph, value + end, is_bold=True)
    add_paragraph(document, text.profile_line(report.result.profile), align="justify")
    add_paragraph(document, "2. Kết quả lấy phiếu đối với từng người:", is_bold=True)
    _results_table(document, report, position_column=False, size=10)
    add_paragraph(document, "")
    _outcomes(document, report, "3. Kết quả theo các mức quy định:")
    add_paragraph(document, formalities.minutes_closing(session), align="justify", space_after=12)
    if session.audit_anchor:
        add_paragraph(document, text.anchor_line(session.audit_anchor), size=10, space_after=12)
    _minutes_signatures(document, report)
    add_paragraph(document, "")
    recipients_block(document, formalities.recipient_lines(session), sizes)
    return to_bytes(document)


def render_results_docx(report: ResultsReport) -> bytes:
    """The results report, A4 landscape so every level's count and percentage fits a line."""
    session = report.session
    sizes = sizes_for(session.header.kind)
    document = new_document(
        landscape=True,
        sizes=sizes,
        title=text.report_title(report.result.profile),
        author=session.header.body_name,
    )
    page_number_header(document)
    profile = report.result.profile
    number = formalities.number_line(
        session.report_number, formalities.REPORT_SYMBOL, session.header.kind
    )
    header_block(
        document, session.header, text.date_line(session.header.city, session.held_on), number
    )
    _titles(document, text.report_title(profile), session.title, sizes)
    add_paragraph(
        document, formalities.count_period(session), is_italic=True, align="center", space_after=8
    )
    _figures_table(document, report)
    add_paragraph(document, text.profile_line(profile))
    _results_table(document, report, position_column=True, size=10.5)
    add_paragraph(document, "")
    _outcomes(document, report, "Kết quả theo các mức quy định:")
    base = text.base_text(profile).removeprefix("Tỷ lệ tính trên ")
    add_paragraph(document, f"Biểu đồ kết quả (tỷ lệ % trên {base})", is_bold=True)
    _legend(document, report)
    chart_bars(document, report)
    heads = text.board_names(session.board, BoardRole.HEAD)
    titles = (formalities.on_behalf(session.header.kind), "TRƯỞNG BAN")
    table = signature_row(document, [None, (titles, "", heads[:1])])
    recipients_block(table.rows[0].cells[0], formalities.recipient_lines(session), sizes)
    return to_bytes(document)


def _titles(document: DocxDocument, title: str, subtitle: str, sizes: TypeSizes) -> None:
    add_paragraph(document, "", space_after=6)
    add_paragraph(document, title, is_bold=True, size=sizes.title, align="center", space_after=0)
    add_paragraph(
        document, subtitle, is_bold=True, size=sizes.subject, align="center", space_after=10
    )


def _figures_table(document: DocxDocument, report: ResultsReport) -> None:
    items = text.session_figures(report)
    table = document.add_table(rows=2, cols=len(items))
    table.style = "Table Grid"
    set_widths(table, [content_width(document) / len(items)] * len(items))
    compact_cells(table)
    for column, (label, value) in enumerate(items):
        cell_text(table.cell(0, column), label, is_bold=True, size=10.5, align="center")
        cell_text(table.cell(1, column), value, size=11, align="center")
        shade(table.cell(0, column), HEAD_FILL)
    add_paragraph(document, "", space_after=0)


def _results_table(
    document: DocxDocument, report: ResultsReport, *, position_column: bool, size: float
) -> None:
    """STT | Họ và tên | Chức vụ | per level: count, % | invalid lines | band."""
    profile = report.result.profile
    rows = text.result_rows(report)
    levels = len(profile.levels)
    widths = results_widths(content_width(document), levels, position_column=position_column)
    table = document.add_table(rows=2 + len(rows), cols=len(widths))
    table.style = "Table Grid"
    set_widths(table, widths)
    compact_cells(table)
    _results_head(table, report, position_column, size)
    repeat_header(table, 2)
    for row_index, row in enumerate(rows, 2):
        cells = table.rows[row_index].cells
        cell_text(cells[0], str(row.index), size=size, align="center")
        if position_column:
            cell_text(cells[1], row.name, size=size)
            cell_text(cells[2], row.position, size=size)
        else:
            cell_text(cells[1], row.name, is_bold=True, size=size)
            add_paragraph(cells[1], row.position, size=size, space_after=0)
        numbers = [v for pair in zip(row.counts, row.percents, strict=True) for v in pair]
        offset = 3 if position_column else 2
        for column, value in enumerate([*numbers, row.invalid], offset):
            cell_text(cells[column], value, size=size, align="right")
        band_align = "center" if row.band == text.DASH else "left"
        cell_text(cells[-1], row.band, size=size, align=band_align)
        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _results_head(table: Table, report: ResultsReport, position_column: bool, size: float) -> None:
    top, sub = table.rows[0].cells, table.rows[1].cells
    fixed = [text.COL_INDEX, text.COL_NAME, text.COL_POSITION]
    if not position_column:
        fixed = [text.COL_INDEX, f"{text.COL_NAME}, {text.COL_POSITION.lower()}"]
    heads: list[tuple[_Cell, str]] = []
    for column, label in enumerate(fixed):
        heads.append((top[column].merge(sub[column]), label))
    column = len(fixed)
    for label in text.level_labels(report.result.profile):
        heads.append((top[column].merge(top[column + 1]), label))
        heads += [(sub[column], text.COL_COUNT), (sub[column + 1], text.COL_PERCENT)]
        column += 2
    heads.append((top[column].merge(sub[column]), text.COL_INVALID))
    heads.append((top[column + 1].merge(sub[column + 1]), text.COL_BAND))
    for cell, label in heads:
        cell_text(cell, label, is_bold=True, size=size, align="center")
        shade(cell, HEAD_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _outcomes(document: DocxDocument, report: ResultsReport, heading: str) -> None:
    title = add_paragraph(document, heading, is_bold=True, space_after=0)
    title.paragraph_format.keep_with_next = True
    for line in text.outcome_lines(report):
        add_paragraph(document, f"- {line}", align="justify")


def _legend(document: DocxDocument, report: ResultsReport) -> None:
    profile = report.result.profile
    looks = chart.looks(profile)
    table = document.add_table(rows=1, cols=2 * len(looks))
    set_widths(table, [28.0, 110.0] * len(looks))
    cells = table.rows[0].cells
    for i, (level, look) in enumerate(zip(profile.levels, looks, strict=True)):
        fill, ink = look.fill.hexval()[2:].upper(), look.ink.hexval()[2:].upper()
        shade(cells[2 * i], fill, SHADING[look.pattern], ink)
        cell_text(cells[2 * i + 1], level.label_vi, size=10)
    add_paragraph(document, "", space_after=2).paragraph_format.space_before = Pt(0)


def _minutes_signatures(document: DocxDocument, report: ResultsReport) -> None:
    board = report.session.board
    secretary = text.board_names(board, BoardRole.SECRETARY)
    head = text.board_names(board, BoardRole.HEAD)
    on_behalf = formalities.on_behalf(report.session.header.kind)
    signature_row(
        document,
        [
            (("THƯ KÝ",), text.SIGNATURE_HINT, secretary),
            ((on_behalf, "TRƯỞNG BAN"), text.SIGNATURE_HINT, head),
        ],
    )
    members = text.board_names(board, BoardRole.MEMBER) or ([] if board else ["", ""])
    if not members:
        return
    add_paragraph(document, "")
    add_paragraph(document, "CÁC ỦY VIÊN", is_bold=True, align="center", space_after=0)
    add_paragraph(document, text.SIGNATURE_HINT, is_italic=True, align="center", space_after=0)
    per_row = min(3, len(members))
    for start in range(0, len(members), per_row):
        chunk = members[start : start + per_row]
        columns: list[Column | None] = [((), "", [name]) for name in chunk]
        signature_row(document, columns + [None] * (per_row - len(chunk)))
