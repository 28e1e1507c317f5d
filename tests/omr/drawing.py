"""Drawing what voters and organisers put on a ballot: hand strokes in pen or pencil (drawn
supersampled so that thin strokes keep their true weight at any resolution), the marks in a box,
faint marks, a name struck through, writing, a signature, the organiser's stamp and folds.
Coordinates are PDF points from the page's top-left, like the ballot geometry."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from reportlab.pdfbase.pdfmetrics import stringWidth

from tinnhiem.ballotformat import LineGeometry, PageGeometry
from tinnhiem.documents.ballot_layout import MARGIN_X, STAMP_HEIGHT, STAMP_WIDTH, WIDTH
from tinnhiem.documents.fonts import register_fonts
from tinnhiem.omr.template import SEAL_OVERRUN_PT

if TYPE_CHECKING:
    from .corpus import LinePlan, SheetPlan

LEVELS = ("high", "confidence", "low")
Rng = np.random.Generator
Color = tuple[int, int, int]

PEN_COLORS: tuple[Color, ...] = ((25, 45, 150), (20, 20, 25), (35, 60, 120))  # blue, black
PENCIL_GREYS = (90, 125)
FAINT_GREYS = (158, 172)
STAMP_RED: Color = (205, 45, 55)
SUPERSAMPLE = 4  # strokes are drawn at this many times the scan resolution, then reduced
SHIFT = 4  # OpenCV's fractional bits for drawing coordinates


class Pen:
    """Draws hand strokes in page points onto a raster at `dpi` (grey or RGB)."""

    def __init__(self, canvas: np.ndarray, dpi: int, rng: Rng, pages: int = 1) -> None:
        self.canvas, self.scale, self.rng, self.pages = canvas, dpi / 72.0, rng, pages

    def color(self, tool: str) -> Color:
        if tool == "pencil":
            grey = int(self.rng.integers(*PENCIL_GREYS))
            return (grey, grey, grey)
        if tool == "faint":
            grey = int(self.rng.integers(*FAINT_GREYS))
            return (grey, grey, grey)
        return PEN_COLORS[int(self.rng.integers(len(PEN_COLORS)))]

    def width_pt(self, tool: str) -> float:
        if tool == "pen":
            return float(self.rng.uniform(1.0, 1.6))  # 0.35 to 0.55 mm ballpoint
        if tool == "pencil":
            return float(self.rng.uniform(0.9, 1.25))  # thinner
        return float(self.rng.uniform(0.8, 0.95))  # faint: a light touch

    def stroke(self, points: list[tuple[float, float]], tool: str, *, bend: float = 0.8) -> None:
        """A slightly curved hand stroke through `points` (points, in pt)."""
        path = []
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            length = max(1e-6, float(np.hypot(x1 - x0, y1 - y0)))
            normal = (-(y1 - y0) / length, (x1 - x0) / length)
            curve = self.rng.uniform(-bend, bend)
            for t in np.linspace(0, 1, 8):
                offset = curve * np.sin(np.pi * t) + self.rng.normal(0, 0.08)
                path.append(
                    (
                        x0 + (x1 - x0) * t + normal[0] * offset,
                        y0 + (y1 - y0) * t + normal[1] * offset,
                    )
                )
        self.polyline(path, self.color(tool), self.width_pt(tool))

    def polyline(self, path: list[tuple[float, float]], color: Color, width_pt: float) -> None:
        def draw(mask: np.ndarray, points: np.ndarray, scale: float) -> None:
            thickness = max(1, round(width_pt * scale))
            cv2.polylines(mask, [points], False, 255, thickness, cv2.LINE_AA, SHIFT)

        self._composite(path, width_pt, color, draw)

    def fill(
        self, polygon: list[tuple[float, float]], tool: str, color: Color | None = None
    ) -> None:
        def draw(mask: np.ndarray, points: np.ndarray, scale: float) -> None:
            cv2.fillPoly(mask, [points], 255, cv2.LINE_AA, SHIFT)

        self._composite(polygon, 0.0, color or self.color(tool), draw)

    def _composite(
        self, path: list[tuple[float, float]], width_pt: float, color: Color, draw: Any
    ) -> None:
        """Draw at SUPERSAMPLE times the resolution into a coverage mask, reduce it, and lay the
        ink over the page (multiplied, like ink on paper): thin strokes keep their true weight
        at any resolution."""
        scale = self.scale * SUPERSAMPLE
        points = np.array(path, dtype=np.float64) * self.scale
        pad = width_pt * self.scale + 2
        x0, y0 = np.floor(points.min(axis=0) - pad).astype(int)
        x1, y1 = np.ceil(points.max(axis=0) + pad).astype(int)
        height, width = self.canvas.shape[:2]
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
        if x1 <= x0 or y1 <= y0:
            return
        mask = np.zeros(((y1 - y0) * SUPERSAMPLE, (x1 - x0) * SUPERSAMPLE), dtype=np.uint8)
        local = (points - [x0, y0]) * SUPERSAMPLE * (1 << SHIFT)
        draw(mask, local.astype(np.int32), scale)
        cover = cv2.resize(mask, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
        alpha = cover.astype(np.float32) / 255.0
        region = self.canvas[y0:y1, x0:x1].astype(np.float32)
        ink = np.array(color if self.canvas.ndim == 3 else [_luminance(color)], np.float32) / 255
        if self.canvas.ndim == 3:
            alpha = alpha[..., None]
        else:
            ink = ink[0]
        self.canvas[y0:y1, x0:x1] = np.clip(region * (1 - alpha + alpha * ink), 0, 255).astype(
            np.uint8
        )


def _luminance(color: Color) -> int:
    return int(0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2])


def mark_line(pen: Pen, line: LineGeometry, plan: LinePlan) -> None:
    boxes = [line.box(key) for key in LEVELS]
    if plan.kind in ("level", "several"):
        for index in plan.boxes:
            mark(pen, boxes[index], plan.style, plan.tool)
    elif plan.kind == "faint":
        faint(pen, boxes[plan.boxes[0]])
    elif plan.kind == "across":
        a, b = boxes[plan.boxes[0]], boxes[plan.boxes[1]]
        mark(pen, a, plan.style, plan.tool)
        start = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2)
        end_x = (b[0] + b[2]) / 2 + pen.rng.uniform(-4, 4)
        end_y = (b[1] + b[3]) / 2 + pen.rng.uniform(-4, 4)
        pen.stroke([start, (end_x, end_y)], plan.tool, bend=2.0)
    elif plan.kind == "correction":
        mark(pen, boxes[plan.boxes[0]], plan.style, "pen")
        mark(pen, boxes[plan.boxes[1]], str(pen.rng.choice(("x", "tick"))), plan.tool)


def mark(pen: Pen, box: list[float], style: str, tool: str) -> None:
    """One clear mark of `style` in `box` (points)."""
    rng = pen.rng
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2 + rng.uniform(-1.5, 1.5), (y0 + y1) / 2 + rng.uniform(-1.5, 1.5)
    half = (x1 - x0) / 2
    if style == "x":
        size = half * rng.uniform(0.75, 1.35)
        ends = [rng.uniform(-1.5, 1.5, size=2) for _ in range(4)]
        pen.stroke(
            [
                (cx - size + ends[0][0], cy - size + ends[0][1]),
                (cx + size + ends[1][0], cy + size + ends[1][1]),
            ],
            tool,
        )
        pen.stroke(
            [
                (cx + size + ends[2][0], cy - size + ends[2][1]),
                (cx - size + ends[3][0], cy + size + ends[3][1]),
            ],
            tool,
        )
    elif style == "tick":
        size = half * rng.uniform(0.9, 1.3)
        pen.stroke(
            [
                (cx - size * 0.75, cy - size * 0.05),
                (cx - size * 0.15, cy + size * 0.7),
                (cx + size * 0.9, cy - size * 0.95),
            ],
            tool,
            bend=0.5,
        )
    elif style == "filled":
        jitter = [rng.uniform(-1.2, 0.8, size=2) for _ in range(4)]
        pen.fill(
            [
                (x0 + 1.5 + jitter[0][0], y0 + 1.5 + jitter[0][1]),
                (x1 - 1.5 - jitter[1][0], y0 + 1.5 + jitter[1][1]),
                (x1 - 1.5 - jitter[2][0], y1 - 1.5 - jitter[2][1]),
                (x0 + 1.5 + jitter[3][0], y1 - 1.5 - jitter[3][1]),
            ],
            tool,
        )
    else:  # scribble: back and forth over the box
        rows = int(rng.integers(7, 11))
        points = []
        for i in range(rows):
            y = y0 + 2 + (y1 - y0 - 4) * i / (rows - 1) + rng.uniform(-0.5, 0.5)
            points.append(
                (x0 + 1 + rng.uniform(-1, 1.5), y) if i % 2 else (x1 - 1 + rng.uniform(-1.5, 1), y)
            )
        pen.stroke(points, tool, bend=0.4)


FAINT_KINDS = ("dot", "light")


def faint(pen: Pen, box: list[float], kind: str | None = None) -> None:
    """A mark with less ink than the lightest clear mark (a short pencil tick), which a machine
    must not guess at: a pen dot, or a small hesitant tick in light grey."""
    rng = pen.rng
    kind = kind or str(rng.choice(FAINT_KINDS))
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2 + rng.uniform(-2, 2), (y0 + y1) / 2 + rng.uniform(-2, 2)
    if kind == "dot":
        radius = rng.uniform(0.9, 1.1)
        pen.fill(
            [
                (cx + radius * np.cos(t), cy + radius * np.sin(t))
                for t in np.linspace(0, 2 * np.pi, 12, endpoint=False)
            ],
            "pen",
        )
    else:
        pen.stroke([(cx - 2, cy), (cx - 0.5, cy + 2), (cx + 2.5, cy - 2.5)], "faint", bend=0.2)


def extras(pen: Pen, geometry: PageGeometry, plan: SheetPlan) -> None:
    rng = pen.rng
    lines = geometry.lines
    if plan.name_crossed is not None:  # struck through from before the name to past its end
        line = lines[plan.name_crossed]
        x0, y0, x1, y1 = line.name
        name = f"Nguyễn Văn Thành {line.official + 1}"
        end = min(
            x1 - 2, x0 + 4 + stringWidth(name, register_fonts().bold, 12) + rng.uniform(2, 14)
        )
        y = (y0 + y1) / 2 + rng.uniform(-2, 2)
        tool = str(rng.choice(("pen", "pencil")))
        pen.stroke([(x0 + rng.uniform(1, 6), y), (end, y + rng.uniform(-2, 2))], tool, bend=1.0)
    if plan.added == "header":
        top = geometry.corners[0][3]
        table_top = lines[0].name[1] - 40
        # right of the seal place and its spill, where a stamp is not expected
        x_from = 60.0 if geometry.seal is None else geometry.seal[2] + SEAL_OVERRUN_PT + 6
        handwriting(
            pen,
            (rng.uniform(x_from, x_from + 150), rng.uniform(top + 8, max(top + 9, table_top - 20))),
            width=rng.uniform(50, 110),
        )
    elif plan.added == "position":
        line = lines[int(rng.integers(len(lines)))]
        _, y0, x1, y1 = line.name
        handwriting(pen, (x1 + 70, (y0 + y1) / 2 - 5), width=60)
    bottom = max(line.name[3] for line in lines)
    stamp_page = geometry.index == pen.pages - 1
    if plan.stamp and geometry.seal is not None:  # layout 2: over the seal place, every page
        x0, y0, x1, y1 = geometry.seal
        stamp(pen, ((x0 + x1) / 2, (y0 + y1) / 2))
    elif plan.stamp and stamp_page:  # layout 1: 8 mm under the table, right-aligned
        stamp(pen, (WIDTH - MARGIN_X - STAMP_WIDTH / 2, bottom + 8 * 72 / 25.4 + STAMP_HEIGHT / 2))
    if plan.signature:
        x = rng.uniform(150, 300) if not stamp_page else rng.uniform(60, 250)
        y = bottom + (rng.uniform(25, 60) if stamp_page else rng.uniform(10, 20))
        handwriting(pen, (x, y), width=rng.uniform(60, 100), height=10)


def handwriting(pen: Pen, at: tuple[float, float], *, width: float, height: float = 8) -> None:
    """Cursive-looking loops (a word, a signature) starting at `at` (points)."""
    rng = pen.rng
    x, y = at
    loops = max(3, int(width / 9))
    path = []
    for t in np.linspace(0, loops * 2 * np.pi, loops * 14):
        path.append(
            (
                x + t / (2 * np.pi) * width / loops + 3.5 * np.cos(t + rng.normal(0, 0.1)),
                y + height / 2 * np.sin(t * rng.uniform(0.9, 1.1)) + rng.normal(0, 0.3),
            )
        )
    pen.polyline(path, pen.color("pen"), pen.width_pt("pen"))


def stamp(pen: Pen, centre: tuple[float, float]) -> None:
    """A round organiser's stamp (red in colour, grey in a grey scan) near `centre` (points)."""
    rng = pen.rng
    cx, cy = centre[0] + rng.uniform(-15, 15), centre[1] + rng.uniform(-10, 10)
    outer = rng.uniform(40, 46)
    color = STAMP_RED
    for radius, width in ((outer, 1.6), (outer - 10, 1.0)):
        circle = [
            (cx + radius * np.cos(t), cy + radius * np.sin(t))
            for t in np.linspace(0, 2 * np.pi, 90)
        ]
        pen.polyline(circle, color, width)
    for t in np.linspace(0, 2 * np.pi, 24, endpoint=False):  # lettering around the ring
        t = t + rng.uniform(-0.05, 0.05)
        r0, r1 = outer - 8, outer - 3
        pen.polyline(
            [
                (cx + r0 * np.cos(t), cy + r0 * np.sin(t)),
                (cx + r1 * np.cos(t + 0.05), cy + r1 * np.sin(t + 0.05)),
            ],
            color,
            1.0,
        )
    star = [
        (
            cx + (12 if i % 2 == 0 else 5) * np.cos(np.pi / 2 + i * np.pi / 5),
            cy - (12 if i % 2 == 0 else 5) * np.sin(np.pi / 2 + i * np.pi / 5),
        )
        for i in range(10)
    ]
    pen.fill(star, "pen", color)


def fold(pen: Pen) -> None:
    """The crease of a ballot folded in half or in three to go into the box: a thin grey line
    (its shadow) straight across the sheet, within a degree of the page's axes."""
    rng = pen.rng
    height, width = (v / pen.scale for v in pen.canvas.shape[:2])
    kind = rng.choice(("half", "thirds", "upright"))
    places = {"half": [0.5], "thirds": [1 / 3, 2 / 3], "upright": [0.5]}[str(kind)]
    shade = int(rng.integers(190, 215))
    for place in places:
        tilt = float(np.tan(np.radians(rng.uniform(-1, 1))))
        if kind == "upright":
            x = width * (place + rng.uniform(-0.03, 0.03))
            ends = [(x, 0.0), (x + height * tilt, height)]
        else:
            y = height * (place + rng.uniform(-0.03, 0.03))
            ends = [(0.0, y), (width, y + width * tilt)]
        pen.polyline(ends, (shade, shade, shade), float(rng.uniform(0.4, 0.9)))
