"""Where everything on a paper ballot goes: a display list per page plus the geometry a scanner
needs (the boxes to read, the corner marks to align on, the code to identify the page).

Coordinates are PDF points from the TOP-LEFT corner of the page; `ballot_pdf` flips them when
drawing. The machine-readable code holds the session, the ballot type, the page and a hash of
the page's geometry: never anything about a voter. The geometry, the code and the hash follow
the printed-ballot contract of `tinnhiem.ballotformat`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from tinnhiem.ballotformat import (
    LineGeometry,
    PageCode,
    PageGeometry,
    Rect,
    format_code,
    layout_hash,
)
from tinnhiem.documents import names, text
from tinnhiem.documents.data import BALLOT_LAYOUTS, BallotSpec, HeaderKind
from tinnhiem.documents.fonts import FontSet, register_fonts

WIDTH, HEIGHT = A4
MARGIN_X = 15 * mm
CONTENT_WIDTH = WIDTH - 2 * MARGIN_X
TOP = 14 * mm
CORNER_INSET = 7 * mm
CORNER_SIZE = 5 * mm
CODE_SIZE = 20 * mm
BOTTOM = HEIGHT - CORNER_INSET - CODE_SIZE - 3 * mm  # the table ends above the code
BOX_SIZE = 16.0
MIN_ROW = 28.0
STAMP_WIDTH, STAMP_HEIGHT = 62 * mm, 28 * mm


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline, from the top
    value: str
    font: str
    size: float
    align: str = "left"  # "left", "center" or "right"


@dataclass(frozen=True)
class Stroke:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.7


@dataclass(frozen=True)
class Frame:
    rect: Rect
    width: float = 1.0
    is_filled: bool = False
    is_dashed: bool = False


@dataclass
class PageLayout:
    index: int
    texts: list[Text] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    lines: list[LineGeometry] = field(default_factory=list)
    code_text: str = ""
    seal: Rect | None = None  # layout 2: the seal place at the top left, part of the geometry

    def geometry(self) -> PageGeometry:
        tl, tr, bl, br = corner_rects()
        return PageGeometry(
            index=self.index,
            width=_r(WIDTH),
            height=_r(HEIGHT),
            lines=tuple(self.lines),
            corners=(tl, tr, bl, br),
            code=code_rect(),
            seal=self.seal,
        )


def code_text(spec: BallotSpec, page: PageGeometry, pages: int) -> str:
    code = PageCode(spec.session_code, spec.ballot_type, page.index, pages, layout_hash(page))
    return format_code(code)


def corner_rects() -> list[Rect]:
    """Top-left, top-right, bottom-left, bottom-right solid squares."""
    near, size = CORNER_INSET, CORNER_SIZE
    far_x, far_y = WIDTH - near - size, HEIGHT - near - size
    return [
        _rect(near, near, near + size, near + size),
        _rect(far_x, near, far_x + size, near + size),
        _rect(near, far_y, near + size, far_y + size),
        _rect(far_x, far_y, far_x + size, far_y + size),
    ]


def code_rect() -> Rect:
    """The QR code with its quiet zone, bottom left beside the corner mark."""
    x0 = CORNER_INSET + CORNER_SIZE + 4 * mm
    y1 = HEIGHT - CORNER_INSET
    return _rect(x0, y1 - CODE_SIZE, x0 + CODE_SIZE, y1)


def _r(value: float) -> float:
    return round(value, 2)


def _rect(x0: float, y0: float, x1: float, y1: float) -> Rect:
    return (_r(x0), _r(y0), _r(x1), _r(y1))


@dataclass(frozen=True)
class Column:
    key: str  # "index", "name", "position" or a level key
    x0: float
    x1: float


def columns(spec: BallotSpec) -> list[Column]:
    levels = spec.profile.levels
    level_width = 62.0 if len(levels) <= 3 else max(44.0, 190.0 / len(levels))
    index_width, name_width = 28.0, 134.0
    position_width = CONTENT_WIDTH - index_width - name_width - level_width * len(levels)
    widths = [("index", index_width), ("name", name_width), ("position", position_width)]
    widths += [(level.key, level_width) for level in levels]
    result, x = [], MARGIN_X
    for key, width in widths:
        result.append(Column(key, x, x + width))
        x += width
    return result


@dataclass(frozen=True)
class RowText:
    official: int
    name: list[str]
    position: list[str]
    height: float


NAME_SIZE, NAME_LEAD = 12.0, 14.0
POSITION_SIZE, POSITION_LEAD = 11.5, 13.5
HEAD_SIZE, HEAD_LEAD = 11.0, 13.0


def row_texts(spec: BallotSpec, fonts: FontSet, cols: list[Column]) -> list[RowText]:
    name_col, position_col = cols[1], cols[2]
    rows = []
    for official, person in enumerate(spec.people):
        name = simpleSplit(text.nfc(person.name), fonts.bold, NAME_SIZE, _inner(name_col))
        position = simpleSplit(
            text.nfc(person.position), fonts.regular, POSITION_SIZE, _inner(position_col)
        )
        height = max(MIN_ROW, len(name) * NAME_LEAD + 10, len(position) * POSITION_LEAD + 10)
        rows.append(RowText(official, name, position, height))
    return rows


def _inner(column: Column) -> float:
    return column.x1 - column.x0 - 8


class Cursor:
    """Adds lines of text at a running vertical position."""

    def __init__(self, page: PageLayout, y: float) -> None:
        self.page = page
        self.y = y

    def lines(
        self, value: str, font: str, size: float, lead: float, x0: float, x1: float, align: str
    ) -> None:
        wrapped = simpleSplit(text.nfc(value), font, size, x1 - x0)
        self._put(wrapped, font, size, lead, x0, x1, align)

    def name_lines(
        self, value: str, font: str, size: float, lead: float, x0: float, x1: float
    ) -> list[str]:
        """A body's name, centred, broken only between word groups (`text.word_groups`);
        returns the lines written."""
        wrapped = names.name_lines(value, font, size, x1 - x0)
        self._put(wrapped, font, size, lead, x0, x1, "center")
        return wrapped

    def _put(
        self,
        wrapped: list[str],
        font: str,
        size: float,
        lead: float,
        x0: float,
        x1: float,
        align: str,
    ) -> None:
        x = {"left": x0, "center": (x0 + x1) / 2, "right": x1}[align]
        for line in wrapped:
            self.y += lead
            self.page.texts.append(Text(x, self.y - (lead - size) / 2 - 1, line, font, size, align))

    def rule(self, x_center: float, length: float, gap: float = 3) -> None:
        self.y += gap
        self.page.strokes.append(
            Stroke(x_center - length / 2, self.y, x_center + length / 2, self.y, 0.7)
        )


def intro(spec: BallotSpec, page: PageLayout, fonts: FontSet) -> float:
    """Layout 1's first page: header, title and instructions; returns where the table starts."""
    split = MARGIN_X + CONTENT_WIDTH * 0.44
    left = Cursor(page, TOP)
    header = spec.header
    if not text.header_is_empty(header):
        center = (MARGIN_X + split) / 2
        if header.parent_name.strip():
            left.lines(
                header.parent_name.upper(), fonts.regular, 12, 14.5, MARGIN_X, split, "center"
            )
        body = header.body_name.upper()
        left.lines(body, fonts.bold, 12, 14.5, MARGIN_X, split, "center")
        if header.kind is HeaderKind.PARTY:
            left.lines("*", fonts.bold, 12, 14.5, MARGIN_X, split, "center")
        else:
            left.rule(
                center, max(40.0, min(stringWidth(body, fonts.bold, 12), split - MARGIN_X) / 3)
            )
    right = Cursor(page, TOP)
    _national(right, header.kind, fonts, split, MARGIN_X + CONTENT_WIDTH)
    return _title_block(spec, page, fonts, max(left.y, right.y) + 16)


def _title_block(spec: BallotSpec, page: PageLayout, fonts: FontSet, top: float) -> float:
    """The title, the session, the ballot type and how to mark; returns where the table starts."""
    cursor = Cursor(page, top)
    full = (MARGIN_X, MARGIN_X + CONTENT_WIDTH)
    cursor.lines(spec.profile.ballot_title_vi, fonts.bold, 16, 20, *full, "center")
    if spec.session_line.strip():
        cursor.lines(spec.session_line, fonts.italic, 12, 15, *full, "center")
    if spec.ballot_type_name.strip():
        cursor.lines(spec.ballot_type_name, fonts.bold, 12.5, 15.5, *full, "center")
    cursor.y += 6
    instructions = text.ballot_instructions(spec.profile)
    cursor.lines(instructions, fonts.italic, 12, 15, MARGIN_X, MARGIN_X + CONTENT_WIDTH, "left")
    return cursor.y + 8


def _national(cursor: Cursor, kind: HeaderKind, fonts: FontSet, x0: float, x1: float) -> None:
    nation, motto = text.national_header(kind)
    center = (x0 + x1) / 2
    cursor.lines(nation, fonts.bold, 12, 14.5, x0, x1, "center")
    if motto:
        cursor.lines(motto, fonts.bold, 13, 15.5, x0, x1, "center")
        cursor.rule(center, stringWidth(motto, fonts.bold, 13), gap=1.5)
    else:
        cursor.rule(center, stringWidth(nation, fonts.bold, 12), gap=1.5)


def continuation(spec: BallotSpec, page: PageLayout, fonts: FontSet) -> float:
    """Layout 1's further pages: the title (continued) only."""
    cursor = Cursor(page, TOP)
    title = f"{spec.profile.ballot_title_vi} (tiếp theo)"
    cursor.lines(title, fonts.bold, 12.5, 16, MARGIN_X, MARGIN_X + CONTENT_WIDTH, "center")
    return cursor.y + 8


SEAL_LABEL = "(Nơi đóng dấu)"
SEAL_GAP = 4 * mm  # between the corner mark's column and the seal place


def heading(spec: BallotSpec, page: PageLayout, fonts: FontSet) -> float:
    """The heading of every page of a layout-2 ballot (Decree 30/2020, Guide 36-HD/VPTW): the
    body on the left inside the seal place (a sheet without the seal is invalid, so every page
    has one), the nation and motto on the right. Returns where the heading ends."""
    split = MARGIN_X + CONTENT_WIDTH * 0.44
    frame_x0, frame_x1 = MARGIN_X + SEAL_GAP, split - 2 * mm
    x0, x1 = frame_x0 + 2 * mm, frame_x1 - 2 * mm  # the text keeps clear of the frame
    left = Cursor(page, TOP)
    header = spec.header
    if not text.header_is_empty(header):
        if header.parent_name.strip():
            left.name_lines(header.parent_name.upper(), fonts.regular, 12, 14.5, x0, x1)
        lines = left.name_lines(header.body_name.upper(), fonts.bold, 12, 14.5, x0, x1)
        if header.kind is HeaderKind.PARTY:
            left.lines("*", fonts.bold, 12, 14.5, x0, x1, "center")
        else:
            left.rule((x0 + x1) / 2, max(40.0, names.widest(lines, fonts.bold, 12) / 3))
    left.lines(SEAL_LABEL, fonts.italic, 10, 13, x0, x1, "center")
    seal = _rect(frame_x0, TOP - 1 * mm, frame_x1, max(left.y + 2 * mm, TOP + STAMP_HEIGHT))
    page.frames.append(Frame(seal, width=0.6, is_dashed=True))
    page.seal = seal
    right = Cursor(page, TOP)
    _national(right, header.kind, fonts, split, MARGIN_X + CONTENT_WIDTH)
    return max(seal[3], right.y)


def headed_intro(spec: BallotSpec, page: PageLayout, fonts: FontSet) -> float:
    """The first page of a layout-2 ballot: heading, title and instructions."""
    return _title_block(spec, page, fonts, heading(spec, page, fonts) + 12)


def headed_continuation(spec: BallotSpec, page: PageLayout, fonts: FontSet) -> float:
    """A further page of a layout-2 ballot: the heading again, then the title (continued)."""
    cursor = Cursor(page, heading(spec, page, fonts) + 10)
    full = (MARGIN_X, MARGIN_X + CONTENT_WIDTH)
    title = f"{spec.profile.ballot_title_vi} (tiếp theo)"
    cursor.lines(title, fonts.bold, 13, 16, *full, "center")
    if spec.ballot_type_name.strip():
        cursor.lines(spec.ballot_type_name, fonts.bold, 12, 15, *full, "center")
    return cursor.y + 8


def plan_pages(spec: BallotSpec) -> list[PageLayout]:
    """Every page of one copy, with its display list, geometry and code text."""
    if spec.layout not in BALLOT_LAYOUTS:
        raise ValueError(f"unknown ballot layout {spec.layout}")
    fonts = register_fonts()
    cols = columns(spec)
    head_height = _head_height(spec, fonts, cols)
    pages: list[PageLayout] = []
    pending = list(row_texts(spec, fonts, cols))
    first, further = (
        (intro, continuation) if spec.layout == 1 else (headed_intro, headed_continuation)
    )
    while True:
        page = PageLayout(index=len(pages))
        start = first(spec, page, fonts) if not pages else further(spec, page, fonts)
        pages.append(page)
        rows = _take_rows(pending, BOTTOM - start - head_height, is_first=len(pages) == 1)
        bottom = start
        if rows:
            bottom = _table(page, spec, fonts, cols, start, head_height, rows)
        if spec.layout != 1 and not pending:
            break
        # layout 1: the seal place under the table of the last page
        if not pending and bottom + 8 * mm + STAMP_HEIGHT <= BOTTOM:
            _stamp(page, spec, fonts, bottom + 8 * mm)
            break
        if not pending and not rows:  # an empty page cannot hold the stamp: give up safely
            break
    for page in pages:
        page.code_text = code_text(spec, page.geometry(), len(pages))
        _footer(page, fonts, len(pages))
    return pages


def _take_rows(pending: list[RowText], room: float, *, is_first: bool) -> list[RowText]:
    taken: list[RowText] = []
    used = 0.0
    while pending and (used + pending[0].height <= room or (not taken and not is_first)):
        used += pending[0].height
        taken.append(pending.pop(0))
    return taken


def _head_height(spec: BallotSpec, fonts: FontSet, cols: list[Column]) -> float:
    most = max(
        len(simpleSplit(text.nfc(level.label_vi), fonts.bold, HEAD_SIZE, _inner(col)))
        for level, col in zip(spec.profile.levels, cols[3:], strict=True)
    )
    return max(26.0, most * HEAD_LEAD + 10)


def _table(
    page: PageLayout,
    spec: BallotSpec,
    fonts: FontSet,
    cols: list[Column],
    top: float,
    head_height: float,
    rows: list[RowText],
) -> float:
    labels = [text.COL_INDEX, text.COL_NAME, text.COL_POSITION, *text.level_labels(spec.profile)]
    for col, label in zip(cols, labels, strict=True):
        lines = simpleSplit(text.nfc(label), fonts.bold, HEAD_SIZE, _inner(col))
        _cell_lines(page, col, top, head_height, lines, fonts.bold, HEAD_SIZE, HEAD_LEAD, "center")
    y = top + head_height
    for row in rows:
        _row(page, spec, fonts, cols, row, y)
        y += row.height
    left, right = cols[0].x0, cols[-1].x1
    page.strokes.append(Stroke(left, top + head_height, right, top + head_height, 1.0))
    for boundary in _row_boundaries(top, head_height, rows):
        page.strokes.append(Stroke(left, boundary, right, boundary, 0.6))
    for x in [col.x0 for col in cols[1:]]:
        page.strokes.append(Stroke(x, top, x, y, 0.6))
    page.frames.append(Frame(_rect(left, top, right, y), width=1.0))
    return y


def _row_boundaries(top: float, head_height: float, rows: list[RowText]) -> list[float]:
    y, result = top + head_height, []
    for row in rows[:-1]:
        y += row.height
        result.append(y)
    return result


def _row(
    page: PageLayout, spec: BallotSpec, fonts: FontSet, cols: list[Column], row: RowText, y: float
) -> None:
    index_col, name_col, position_col = cols[:3]
    number = [str(row.official + 1)]
    _cell_lines(page, index_col, y, row.height, number, fonts.regular, 12, 14, "center")
    _cell_lines(page, name_col, y, row.height, row.name, fonts.bold, NAME_SIZE, NAME_LEAD, "left")
    _cell_lines(
        page,
        position_col,
        y,
        row.height,
        row.position,
        fonts.regular,
        POSITION_SIZE,
        POSITION_LEAD,
        "left",
    )
    boxes: list[tuple[str, Rect]] = []
    middle = y + row.height / 2
    for level, col in zip(spec.profile.levels, cols[3:], strict=True):
        center = (col.x0 + col.x1) / 2
        box = _rect(
            center - BOX_SIZE / 2,
            middle - BOX_SIZE / 2,
            center + BOX_SIZE / 2,
            middle + BOX_SIZE / 2,
        )
        page.frames.append(Frame(box, width=1.2))
        boxes.append((level.key, box))
    name_cell = _rect(name_col.x0, y, name_col.x1, y + row.height)
    page.lines.append(LineGeometry(row.official, name_cell, tuple(boxes)))


def _cell_lines(
    page: PageLayout,
    col: Column,
    top: float,
    height: float,
    lines: list[str],
    font: str,
    size: float,
    lead: float,
    align: str,
) -> None:
    """Lines centred vertically in a cell, left-aligned with padding or centred."""
    y = top + (height - len(lines) * lead) / 2
    x = col.x0 + 4 if align == "left" else (col.x0 + col.x1) / 2
    for line in lines:
        y += lead
        page.texts.append(Text(x, y - (lead - size) / 2 - 1.5, line, font, size, align))


def _stamp(page: PageLayout, spec: BallotSpec, fonts: FontSet, top: float) -> None:
    """Layout 1's place for the organiser's stamp, bottom right under the table."""
    x1 = MARGIN_X + CONTENT_WIDTH
    x0 = x1 - STAMP_WIDTH
    page.frames.append(Frame(_rect(x0, top, x1, top + STAMP_HEIGHT), width=0.6, is_dashed=True))
    cursor = Cursor(page, top + 4)
    cursor.lines("Nơi đóng dấu", fonts.italic, 11, 13.5, x0 + 6, x1 - 6, "center")
    if not text.header_is_empty(spec.header):
        body = f"của {spec.header.body_name.strip()}"
        cursor.lines(body, fonts.italic, 10, 12, x0 + 6, x1 - 6, "center")


def _footer(page: PageLayout, fonts: FontSet, pages: int) -> None:
    if pages > 1:
        label = f"Trang {page.index + 1}/{pages}"
        page.texts.append(Text(WIDTH / 2, HEIGHT - 12 * mm, label, fonts.regular, 10, "center"))
