"""The stacked bar chart of the results report: one bar per person, one segment per level, in
percent of the profile's base.

Each level has a colour AND a pattern (solid, plain, diagonal hatch, cross hatch, dots), and
every wide enough segment carries its percentage, so the chart still reads on a black-and-white
copy. A thinner bar under a person shows the previous result when the report has one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from tinnhiem.documents import text
from tinnhiem.documents.data import ResultsReport
from tinnhiem.documents.fonts import register_fonts
from tinnhiem.rules import Profile


@dataclass(frozen=True)
class Look:
    fill: colors.Color
    pattern: str  # "solid", "plain", "hatch", "cross", "dots"
    ink: colors.Color  # pattern lines and label colour


_LOOKS = (
    Look(colors.HexColor("#1F4E79"), "solid", colors.white),
    Look(colors.HexColor("#BDD7EE"), "plain", colors.black),
    Look(colors.HexColor("#C0504D"), "hatch", colors.white),
    Look(colors.HexColor("#F4B183"), "cross", colors.black),
    Look(colors.HexColor("#A9D18E"), "dots", colors.black),
)
_LAST = Look(colors.HexColor("#C0504D"), "hatch", colors.white)  # the lowest level: red, hatched

LABEL_WIDTH = 165.0
BAR_HEIGHT = 15.0
PREVIOUS_HEIGHT = 8.0
ROW_GAP = 7.0
HATCH_STEP = 4.0
AXIS_SIZE = 8.0


def plot_span(width: float) -> float:
    """The bars' length at 100 %: the width after the names, less half the "100%" label, so
    the axis's last label stays inside the frame."""
    label: float = stringWidth("100%", register_fonts().regular, AXIS_SIZE)
    return width - LABEL_WIDTH - label / 2 - 1


def looks(profile: Profile) -> list[Look]:
    """One look per level; the lowest (worst) level is always the red hatched one."""
    count = len(profile.levels)
    chosen = [_LOOKS[i % len(_LOOKS)] for i in range(count)]
    if count == 2:
        chosen = [_LOOKS[0], _LAST]
    chosen[-1] = _LAST
    return chosen


def legend(profile: Profile, width: float) -> Drawing:
    fonts = register_fonts()
    drawing = _drawing(width, 16)
    x = LABEL_WIDTH
    for level, look in zip(profile.levels, looks(profile), strict=True):
        drawing.add(_segment(x, 3, 18, 10, look))
        label = text.nfc(level.label_vi)
        drawing.add(String(x + 23, 4.5, label, fontName=fonts.regular, fontSize=9.5))
        x += 23 + stringWidth(label, fonts.regular, 9.5) + 18
    return drawing


def axis(width: float) -> Drawing:
    """0 %, 25 %, ... 100 % above the bars."""
    fonts = register_fonts()
    drawing = _drawing(width, 12)
    span = plot_span(width)
    for tick in range(0, 101, 25):
        x = LABEL_WIDTH + span * tick / 100
        drawing.add(
            String(
                x, 2, f"{tick}%", fontName=fonts.regular, fontSize=AXIS_SIZE, textAnchor="middle"
            )
        )
    return drawing


def person_bar(report: ResultsReport, index: int, width: float) -> Drawing:
    """The bar of the `index`-th person (0-based, order of posts), with the previous result."""
    fonts = register_fonts()
    person = report.result.people[index]
    previous = report.previous.get(person.name)
    height = BAR_HEIGHT + ROW_GAP + (PREVIOUS_HEIGHT + 3 if previous else 0)
    drawing = _drawing(width, height)
    top = height - BAR_HEIGHT
    label = _fit(f"{index + 1}. {text.nfc(person.name)}", fonts.bold, 9.5, LABEL_WIDTH - 6)
    drawing.add(String(0, top + 4, label, fontName=fonts.bold, fontSize=9.5))
    drawing.add(_bar(report.result.profile, person.percent, top, BAR_HEIGHT, width, 8.5))
    if previous:
        y = top - 3 - PREVIOUS_HEIGHT
        caption = _fit(text.nfc(report.previous_label or "Lần trước"), fonts.italic, 8, 150)
        drawing.add(String(12, y + 1, caption, fontName=fonts.italic, fontSize=8))
        profile = report.result.profile
        drawing.add(_bar(profile, previous.percent, y, PREVIOUS_HEIGHT, width, 6.5))
    return drawing


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is ours, so no Helvetica reference lands in the PDF."""
    drawing = Drawing(width, height)
    drawing.initialFontName = register_fonts().regular
    return drawing


def _bar(
    profile: Profile,
    percents: Mapping[str, str],
    y: float,
    height: float,
    width: float,
    size: float,
) -> Group:
    group = Group()
    span = plot_span(width)
    group.add(Rect(LABEL_WIDTH, y, span, height, fillColor=None, strokeColor=colors.grey))
    x = LABEL_WIDTH
    for level, look in zip(profile.levels, looks(profile), strict=True):
        value = percents.get(level.key, "0.00")
        length = span * float(Decimal(value)) / 100
        if length > 0:
            group.add(_segment(x, y, length, height, look))
            group.add(_value_label(text.decimal_comma(value), x, y, length, height, look, size))
        x += length
    return group


def _value_label(
    value: str, x: float, y: float, length: float, height: float, look: Look, size: float
) -> Group:
    fonts = register_fonts()
    group = Group()
    label = f"{value}%"
    label_width = stringWidth(label, fonts.bold, size)
    if label_width + 4 > length:
        return group
    cx, baseline = x + length / 2, y + (height - size * 0.7) / 2
    if look.pattern in ("hatch", "cross", "dots"):  # a clear patch so the figure stays legible
        group.add(
            Rect(
                cx - label_width / 2 - 1.5,
                baseline - 1.5,
                label_width + 3,
                size * 0.7 + 3,
                fillColor=colors.white,
                strokeColor=None,
            )
        )
        ink = colors.black
    else:
        ink = look.ink
    group.add(
        String(
            cx,
            baseline,
            label,
            fontName=fonts.bold,
            fontSize=size,
            fillColor=ink,
            textAnchor="middle",
        )
    )
    return group


def _segment(x: float, y: float, w: float, h: float, look: Look) -> Group:
    group = Group()
    group.add(Rect(x, y, w, h, fillColor=look.fill, strokeColor=colors.black, strokeWidth=0.5))
    if look.pattern in ("hatch", "cross"):
        for line in _hatch(x, y, w, h, rising=True):
            group.add(line)
    if look.pattern == "cross":
        for line in _hatch(x, y, w, h, rising=False):
            group.add(line)
    if look.pattern == "dots":
        for cx in _steps(x + 2, x + w - 1):
            for cy in _steps(y + 2, y + h - 1):
                group.add(Circle(cx, cy, 0.7, fillColor=colors.black, strokeColor=None))
    for shape in group.contents[1:]:
        if isinstance(shape, Line):
            shape.strokeColor = look.ink
            shape.strokeWidth = 0.7
    return group


def _steps(start: float, stop: float) -> list[float]:
    values = []
    value = start
    while value <= stop:
        values.append(value)
        value += HATCH_STEP
    return values


def _hatch(x: float, y: float, w: float, h: float, *, rising: bool) -> Sequence[Line]:
    """45° lines clipped to the rectangle, computed rather than clipped by the renderer."""
    lines = []
    offset = -h
    while offset < w:
        x0, x1 = x + offset, x + offset + h
        y0, y1 = y, y + h
        if x0 < x:
            y0 += x - x0
            x0 = x
        if x1 > x + w:
            y1 -= x1 - (x + w)
            x1 = x + w
        if x1 > x0:
            if not rising:
                y0, y1 = 2 * y + h - y0, 2 * y + h - y1
            lines.append(Line(x0, y0, x1, y1))
        offset += HATCH_STEP
    return lines


def _fit(label: str, font: str, size: float, width: float) -> str:
    if stringWidth(label, font, size) <= width:
        return label
    while label and stringWidth(label + "…", font, size) > width:
        label = label[:-1]
    return label + "…"
