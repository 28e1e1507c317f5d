"""Paper ballots: the official layout, with corner marks and a QR code on every page so that a
scanned ballot can be aligned and identified. The PDF holds `copies` identical copies one after
another; nothing on a ballot tells one copy, or one voter, from another."""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

from tinnhiem.ballotformat import BallotLayout, Rect
from tinnhiem.documents import text
from tinnhiem.documents.ballot_layout import (
    HEIGHT,
    WIDTH,
    PageLayout,
    code_rect,
    corner_rects,
    plan_pages,
)
from tinnhiem.documents.data import BallotSpec
from tinnhiem.documents.fonts import register_fonts


def render_ballots(spec: BallotSpec, copies: int = 1) -> tuple[bytes, BallotLayout]:
    """The ballots of one ballot type as PDF bytes, and the geometry of one copy (its JSON:
    `{"pages": [{"index", "width", "height", "lines": [{"official", "name", "boxes"}],
    "corners", "code"}]}`), rectangles as (x0, y0, x1, y1) in points from the top-left corner.
    `official` is the position of the person in `spec.people`. Same spec, same bytes."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    pages = plan_pages(spec)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(WIDTH, HEIGHT),
        invariant=1,
        initialFontName=register_fonts().regular,
        pageCompression=1,
    )
    canvas.setTitle(text.nfc(spec.profile.ballot_title_vi))
    canvas.setCreator("tinnhiem")
    for _ in range(copies):
        for page in pages:
            _draw_page(canvas, page)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue(), BallotLayout(tuple(page.geometry() for page in pages))


def _draw_page(canvas: Canvas, page: PageLayout) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    for stroke in page.strokes:
        canvas.setLineWidth(stroke.width)
        canvas.line(stroke.x0, HEIGHT - stroke.y0, stroke.x1, HEIGHT - stroke.y1)
    for frame in page.frames:
        canvas.setLineWidth(frame.width)
        canvas.setDash(3, 2) if frame.is_dashed else canvas.setDash()
        _rect(canvas, frame.rect, is_filled=frame.is_filled)
    canvas.setDash()
    for item in page.texts:
        canvas.setFont(item.font, item.size)
        y = HEIGHT - item.y
        if item.align == "center":
            canvas.drawCentredString(item.x, y, item.value)
        elif item.align == "right":
            canvas.drawRightString(item.x, y, item.value)
        else:
            canvas.drawString(item.x, y, item.value)
    for corner in corner_rects():
        _rect(canvas, corner, is_filled=True)
    _draw_code(canvas, page.code_text, code_rect())


def _rect(canvas: Canvas, rect: Rect, *, is_filled: bool) -> None:
    x0, y0, x1, y1 = rect
    canvas.rect(x0, HEIGHT - y1, x1 - x0, y1 - y0, stroke=1, fill=1 if is_filled else 0)


def _draw_code(canvas: Canvas, value: str, rect: Rect) -> None:
    """The QR code fills `rect`, its quiet zone (4 modules) included."""
    x0, y0, x1, y1 = rect
    widget = QrCodeWidget(value, barLevel="M", barBorder=4)
    widget.barWidth = x1 - x0
    widget.barHeight = y1 - y0
    drawing = Drawing(x1 - x0, y1 - y0)
    drawing.initialFontName = register_fonts().regular
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x0, HEIGHT - y1)
