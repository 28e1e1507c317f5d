"""Credential slips for the electronic ballot in the hall: eight slips per A4 page, each with
its serial number, its one-time code and a QR code of the booth's address with the code in the
fragment (never sent to the server in a request line or logged). Slips are cut, shuffled and
handed out like paper ballots; nothing on a slip names a voter."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tinnhiem.documents import formalities, text
from tinnhiem.documents.data import BodyHeader, HeaderKind
from tinnhiem.documents.fonts import FontSet, register_fonts
from tinnhiem.documents.layout import CREATOR, Styles, document_author, header_block

COLUMNS, ROWS = 2, 4
MARGIN = 10 * mm
SLIP_QR = 30 * mm  # the QR code's side on a slip, bottom right
GAP = (
    3 * mm
)  # between the code and the QR code: a phone must not read the printed code as part of it


def address(is_party: bool) -> tuple[str, str]:
    """How a voter is addressed, one register throughout (in running text, at a sentence's
    start): a Party body's members are "đồng chí", a state body's voters "ông/bà"."""
    return ("đồng chí", "Đồng chí") if is_party else ("ông/bà", "Ông/Bà")


@dataclass(frozen=True)
class Slip:
    serial: int
    code: str  # "XXXX-XXXX-XXXX-XXXX"
    url: str  # the booth's address with "#code=..."


def _a4_canvas(buffer: io.BytesIO, fonts: FontSet, title: str, body_name: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=fonts.regular)
    canvas.setTitle(title)
    canvas.setAuthor(document_author(body_name))  # reportlab's default is "anonymous"
    canvas.setCreator(CREATOR)
    return canvas


def render_slips(
    body_name: str, session_line: str, slips: list[Slip], *, is_party: bool = False
) -> bytes:
    """The slips as PDF bytes, in the order given (the caller shuffles nothing: the serials are
    printed, the codes are random); the voter addressed as the body's kind requires."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = _a4_canvas(buffer, fonts, "Phiếu mã bỏ phiếu điện tử", body_name)
    width, height = A4
    cell_w = (width - 2 * MARGIN) / COLUMNS
    cell_h = (height - 2 * MARGIN) / ROWS
    per_page = COLUMNS * ROWS
    for start in range(0, len(slips), per_page):
        for position, slip in enumerate(slips[start : start + per_page]):
            column, row = position % COLUMNS, position // COLUMNS
            x = MARGIN + column * cell_w
            y = height - MARGIN - (row + 1) * cell_h
            _draw_slip(canvas, fonts.regular, fonts.bold, x, y, cell_w, cell_h, slip)
            _draw_slip_text(
                canvas, fonts.regular, fonts.bold, x, y, cell_w, cell_h, body_name, session_line
            )
            _draw_steps(canvas, fonts.regular, x, y + cell_h - 7 * mm, address(is_party)[0])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_slip(
    canvas: Canvas, regular: str, bold: str, x: float, y: float, w: float, h: float, slip: Slip
) -> None:
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, w, h)
    canvas.setDash()
    size = SLIP_QR  # the QR code, bottom right, below the instructions
    widget = QrCodeWidget(slip.url, barLevel="M", barBorder=2)
    widget.barWidth = size
    widget.barHeight = size
    drawing = Drawing(size, size)
    drawing.add(widget)
    qr_left = x + w - size - 3 * mm
    renderPDF.draw(drawing, canvas, qr_left, y + 3 * mm)
    canvas.setFont(regular, 9)
    canvas.drawString(x + 5 * mm, y + 25 * mm, text.nfc("Mã bỏ phiếu (dùng một lần):"))
    room = qr_left - GAP - (x + 5 * mm)
    code_size = min(13.0, 13.0 * room / stringWidth(slip.code, bold, 13))
    canvas.setFont(bold, code_size)
    canvas.drawString(x + 5 * mm, y + 17 * mm, slip.code)
    canvas.setFont(regular, 9)
    canvas.drawString(x + 5 * mm, y + 7 * mm, text.nfc(f"Số phiếu mã: {slip.serial:04d}"))


def _draw_slip_text(
    canvas: Canvas,
    regular: str,
    bold: str,
    x: float,
    y: float,
    w: float,
    h: float,
    body_name: str,
    session_line: str,
) -> None:
    top = y + h - 7 * mm
    canvas.setFont(bold, 9)
    canvas.drawString(x + 5 * mm, top, text.nfc(body_name.upper())[:60])
    canvas.setFont(bold, 11)
    canvas.drawString(x + 5 * mm, top - 6 * mm, text.nfc("PHIẾU MÃ BỎ PHIẾU ĐIỆN TỬ"))
    canvas.setFont(regular, 8.5)
    canvas.drawString(x + 5 * mm, top - 11 * mm, text.nfc(session_line)[:70])


def _draw_steps(canvas: Canvas, regular: str, x: float, top: float, voter: str) -> None:
    lines = [
        "Quét mã QR bằng điện thoại hoặc mở máy bỏ phiếu của hội trường,",
        "nhập mã, đánh dấu một mức cho mỗi người, xem lại rồi bỏ phiếu.",
        f"Phiếu được mã hóa trên máy của {voter}; giữ lại mã theo dõi để tra cứu.",
    ]
    canvas.setFont(regular, 7.5)
    for number, line in enumerate(lines):
        canvas.drawString(x + 5 * mm, top - (17 + 4 * number) * mm, text.nfc(line))


@dataclass(frozen=True)
class Letter:
    voter: str
    slip: Slip


LETTER_SYMBOL = "TM-BKP"  # thư mời (TM) of the counting board (BKP)


def render_letters(
    body_name: str,
    session_line: str,
    letters: list[Letter],
    *,
    is_party: bool = False,
    header: BodyHeader | None = None,
    dated: date | None = None,
) -> bytes:
    """Invitations to vote from afar, one A4 page per voter, to be sent in a sealed envelope:
    the voter's name, the one-time code, the QR code of the booth and the steps. The server
    keeps only the code's HMAC (and which voter it was sent to, never linked to a ballot)."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = _a4_canvas(buffer, fonts, "Thư mời bỏ phiếu điện tử", body_name)
    width, height = A4
    left = 30 * mm  # Decree 30/2020: left margin 30–35 mm, right 15–20 mm, top/bottom 20–25 mm
    voter, voter_first = address(is_party)
    for letter in letters:
        top = height - 25 * mm
        if header is not None:  # the administrative form: heading, number and date
            top -= _letter_heading(canvas, header, dated, width - left - 20 * mm, left, top)
            top += 6 * mm  # the title keeps its usual distance below the heading
        else:
            canvas.setFont(fonts.bold, 12)
            canvas.drawString(left, top, text.nfc(body_name.upper()))
        canvas.setFont(fonts.bold, 14)
        canvas.drawCentredString(width / 2, top - 18 * mm, text.nfc("THƯ MỜI BỎ PHIẾU ĐIỆN TỬ"))
        canvas.setFont(fonts.regular, 13)
        canvas.drawCentredString(width / 2, top - 25 * mm, text.nfc(session_line))
        greeting = f"Kính gửi: {voter_first} {letter.voter}"
        canvas.drawString(left, top - 40 * mm, text.nfc(greeting))
        lines = [
            f"{voter_first} được mời bỏ phiếu tín nhiệm bằng phiếu điện tử từ xa.",
            "Quét mã QR dưới đây bằng điện thoại, hoặc mở trang bỏ phiếu và nhập mã.",
            "Đánh dấu một mức cho mỗi người, xem lại, rồi bỏ phiếu. Phiếu được mã hóa",
            f"trên thiết bị của {voter} trước khi gửi đi; máy chủ không biết {voter} chọn gì.",
            "Mã chỉ dùng được một lần. Giữ lại mã theo dõi hiện ra sau khi bỏ phiếu để tra cứu",
            "trên bảng công khai. Không đưa thư này cho người khác.",
        ]
        for number, line in enumerate(lines):
            canvas.drawString(left, top - (52 + 7 * number) * mm, text.nfc(line))
        canvas.drawString(left, top - 102 * mm, text.nfc("Mã bỏ phiếu (dùng một lần):"))
        canvas.setFont(fonts.bold, 18)
        canvas.drawString(left, top - 112 * mm, letter.slip.code)
        canvas.setFont(fonts.regular, 10)
        canvas.drawString(left, top - 120 * mm, text.nfc(f"Số thư: {letter.slip.serial:04d}"))
        size = 45 * mm
        widget = QrCodeWidget(letter.slip.url, barLevel="M", barBorder=2)
        widget.barWidth = size
        widget.barHeight = size
        drawing = Drawing(size, size)
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, width - 20 * mm - size, top - 137 * mm)  # below the text
        if header is not None:
            _letter_signature(canvas, fonts, header.kind, width - 20 * mm - 40 * mm, top - 152 * mm)
        canvas.setFont(fonts.regular, 9)
        canvas.drawString(left, 25 * mm, text.nfc(letter.slip.url.split("#")[0]))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _letter_heading(
    canvas: Canvas, header: BodyHeader, dated: date | None, width: float, left: float, top: float
) -> float:
    """The heading of the body's administrative form (Decree 30 or Guide 36), with the letter's
    number (dots, filled in by hand) and its date; returns its height."""
    date_text = text.date_line(header.city, dated) if dated is not None else ""
    number = formalities.number_line("", LETTER_SYMBOL, header.kind)
    block = header_block(
        header, Styles(header.kind), width, date_text=date_text, number_text=number
    )
    _, height = block.wrapOn(canvas, width, top)
    block.drawOn(canvas, left, top - height)
    return float(height)


def _letter_signature(canvas: Canvas, fonts: FontSet, kind: HeaderKind, x: float, y: float) -> None:
    """Signed for the counting board by its head, right, as the minutes are."""
    canvas.setFont(fonts.bold, 13)
    canvas.drawCentredString(x, y, text.nfc(formalities.on_behalf(kind)))
    canvas.drawCentredString(x, y - 6 * mm, text.nfc("TRƯỞNG BAN"))
