"""Generated scans of marked paper ballots, with the ground truth of every line and sheet.

A ballot is printed with `render_ballots` (the HCMC People's Council header of
tests/documents/conftest.py, numbered officials), rasterised at the scan resolution, marked the
ways voters mark (X, tick, filled box, scribble; pen or pencil; blank lines, two or three boxes,
faint marks, a mark across two boxes, corrections, a name struck through, writing added, the
organiser's stamp, a signature), then degraded like real scans (turned, upside down, shifted,
scaled, colour / grey / black-and-white, streaks, low toner, folds, blur, JPEG, noise).
Everything is drawn from a seeded `numpy.random.Generator`: same seed, same pixels.
Used by tests/omr and benchmarks/omr_throughput.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium

from tinnhiem.ballotformat import BallotLayout
from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.documents.data import (
    LATEST_BALLOT_LAYOUT,
    BallotPerson,
    BallotSpec,
    BodyHeader,
    HeaderKind,
)
from tinnhiem.omr.findings import Flag, LineState
from tinnhiem.omr.template import BallotTemplate, build_template, template_map
from tinnhiem.rules import load_profile

from .drawing import LEVELS, Pen, Rng, extras, fold, mark_line

SESSION = "42"
SCAN_MARGIN_MM = 6.0  # the scanner sees this much more than the sheet on every side
CLEAR_STYLES = ("x", "x", "x", "tick", "tick", "filled", "scribble")


# ---------------------------------------------------------------- printing


def ballot_spec(
    people: int,
    *,
    session: str = SESSION,
    ballot_type: str = "1",
    layout: int = LATEST_BALLOT_LAYOUT,
) -> BallotSpec:
    persons = tuple(
        BallotPerson(f"Nguyễn Văn Thành {i + 1}", f"Phó Trưởng Ban Pháp chế số {i + 1}")
        for i in range(people)
    )
    return BallotSpec(
        header=BodyHeader("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", HeaderKind.STATE),
        profile=load_profile("nq96"),
        session_code=session,
        session_line="Kỳ họp thứ mười bốn, Hội đồng nhân dân Thành phố khóa X, ngày 07/12/2023",
        ballot_type=ballot_type,
        ballot_type_name="Khối Hội đồng nhân dân và Ủy ban nhân dân",
        people=persons,
        layout=layout,
    )


@dataclass(frozen=True, eq=False)
class Printed:
    """One ballot type as printed: PDF of one copy, its geometry and the reader's template."""

    people: int
    session: str
    ballot_type: str
    pdf: bytes
    geometry: BallotLayout
    template: BallotTemplate

    @property
    def pages(self) -> int:
        return len(self.geometry.pages)

    def templates(self) -> dict[tuple[str, str], BallotTemplate]:
        return template_map([self.template])


@lru_cache(maxsize=16)
def printed(
    people: int, session: str = SESSION, ballot_type: str = "1", layout: int = LATEST_BALLOT_LAYOUT
) -> Printed:
    spec = ballot_spec(people, session=session, ballot_type=ballot_type, layout=layout)
    pdf, geometry = render_ballots(spec)
    template = build_template(pdf, geometry, level_keys=LEVELS)
    return Printed(people, session, ballot_type, pdf, geometry, template)


@lru_cache(maxsize=12)
def _raster(
    people: int, session: str, ballot_type: str, page: int, dpi: int, layout: int
) -> np.ndarray:
    document = pdfium.PdfDocument(printed(people, session, ballot_type, layout).pdf)
    image = document[page].render(scale=dpi / 72, grayscale=True).to_numpy()
    image = np.ascontiguousarray(image.reshape(image.shape[0], image.shape[1]))
    image.flags.writeable = False
    return image


# ---------------------------------------------------------------- plans and ground truth


@dataclass(frozen=True)
class LinePlan:
    """How a voter marks one line: `kind` is level, blank, several, faint, across or correction;
    `boxes` the level indexes touched; `style` x, tick, filled or scribble; `tool` pen/pencil."""

    kind: str
    boxes: tuple[int, ...] = ()
    style: str = "x"
    tool: str = "pen"

    @property
    def state(self) -> LineState:
        return {
            "level": LineState.LEVEL,
            "blank": LineState.BLANK,
            "several": LineState.SEVERAL,
        }.get(self.kind, LineState.REVIEW)

    @property
    def level(self) -> str | None:
        return LEVELS[self.boxes[0]] if self.kind == "level" else None


@dataclass(frozen=True)
class SheetPlan:
    """What is on one sheet besides the print."""

    lines: tuple[LinePlan, ...]
    name_crossed: int | None = None  # index of the line whose name is struck through
    added: str | None = None  # where writing is added: "header" or "position"
    stamp: bool = True  # the organiser's stamp: on its seal place (layout 2), or under the table
    signature: bool = True

    @property
    def flags(self) -> frozenset[str]:
        found = set()
        if self.name_crossed is not None:
            found.add(str(Flag.NAME_CROSSED))
        if self.added:
            found.add(str(Flag.ADDED))
        return frozenset(found)


@dataclass(frozen=True)
class Scan:
    """How the sheet went through the scanner."""

    angle: float = 0.0  # degrees, counter-clockwise
    upside_down: bool = False
    shift_mm: tuple[float, float] = (0.0, 0.0)
    scale: float = 1.0
    mode: str = "grey"  # grey, colour (colour scan, then grey) or bw (1-bit threshold)
    streak: bool = False
    low_toner: bool = False
    fold: bool = False
    blur: float = 0.0  # Gaussian sigma, pixels
    jpeg: int = 0  # JPEG quality, 0 for none
    noise: float = 0.0  # Gaussian sigma, grey levels
    paper: int = 246  # grey of the paper


@dataclass
class Sheet:
    """A generated scan and its truth."""

    image: np.ndarray  # grey uint8, what the reader gets
    people: int
    page: int
    dpi: int
    plan: SheetPlan
    scan: Scan
    officials: tuple[int, ...] = field(default_factory=tuple)
    color: np.ndarray | None = None  # the RGB scan, for colour scans
    has_seal_place: bool = False  # a layout-2 page: the reader looks for the stamp

    @property
    def truth(self) -> list[tuple[int, LineState, str | None]]:
        return [(o, p.state, p.level) for o, p in zip(self.officials, self.plan.lines, strict=True)]

    @property
    def flags(self) -> frozenset[str]:
        unsealed = self.has_seal_place and not self.plan.stamp
        return self.plan.flags | ({str(Flag.NO_SEAL)} if unsealed else set())


def random_plan(rng: Rng, lines: int, *, mix: str = "clean", **changes: Any) -> SheetPlan:
    """A voter's sheet. `mix`: clean (levels, some blank and several lines), hard (also faint,
    across, corrections), or one kind for every line."""
    plans = []
    for _ in range(lines):
        kind = mix
        if mix == "clean":
            kind = _pick(rng, {"level": 0.9, "blank": 0.05, "several": 0.05})
        elif mix == "hard":
            kind = _pick(
                rng,
                {
                    "level": 0.5,
                    "blank": 0.1,
                    "several": 0.1,
                    "faint": 0.1,
                    "across": 0.1,
                    "correction": 0.1,
                },
            )
        plans.append(random_line(rng, kind))
    return SheetPlan(tuple(plans), **changes)


def random_line(rng: Rng, kind: str) -> LinePlan:
    tool = "pencil" if rng.random() < 0.3 else "pen"
    if kind == "level":
        return LinePlan(kind, (int(rng.integers(3)),), str(rng.choice(CLEAR_STYLES)), tool)
    if kind == "several":
        boxes = tuple(sorted(rng.choice(3, size=int(rng.integers(2, 4)), replace=False).tolist()))
        return LinePlan(kind, boxes, str(rng.choice(("x", "tick"))), tool)
    if kind in ("faint", "across"):
        first = int(rng.integers(3))
        second = first + 1 if first < 2 else 1
        return LinePlan(kind, (first, second), str(rng.choice(("x", "tick"))), tool)
    if kind == "correction":
        boxes = tuple(int(v) for v in rng.choice(3, size=2, replace=False))
        return LinePlan(kind, boxes, str(rng.choice(("filled", "scribble"))), tool)
    return LinePlan("blank")


def clear_lines() -> tuple[LinePlan, ...]:
    """One line of every clear kind: each level in each style with each tool, a blank line,
    and each set of two or three boxes."""
    levels = tuple(
        LinePlan("level", (level,), style, tool)
        for style in ("x", "tick", "filled", "scribble")
        for tool in ("pen", "pencil")
        for level in range(3)
    )
    several = tuple(
        LinePlan("several", boxes, style, "pen")
        for boxes, style in (((0, 1), "x"), ((1, 2), "tick"), ((0, 2), "x"), ((0, 1, 2), "tick"))
    )
    return (*levels, LinePlan("blank"), *several, LinePlan("blank"))


def covering_plan(lines: int, offset: int = 0, **changes: Any) -> SheetPlan:
    """`lines` lines taken in turn from `clear_lines()`, starting at `offset`."""
    every = clear_lines()
    chosen = tuple(every[(offset + i) % len(every)] for i in range(lines))
    return SheetPlan(chosen, **changes)


def random_scan(rng: Rng, *, harsh: bool = True, **changes: Any) -> Scan:
    """Scanner conditions; `harsh` adds the degradations at realistic rates."""
    scan = Scan(
        angle=float(rng.uniform(-3, 3)),
        upside_down=bool(rng.random() < 0.2),
        shift_mm=(float(rng.uniform(-4, 4)), float(rng.uniform(-4, 4))),
        scale=float(rng.uniform(0.97, 1.03)),
        mode=str(rng.choice(("grey", "grey", "colour", "bw"))),
        noise=float(rng.uniform(2, 6)),
        paper=int(rng.integers(236, 252)),
    )
    if harsh:
        scan = replace(
            scan,
            streak=bool(rng.random() < 0.15),
            low_toner=bool(rng.random() < 0.15),
            fold=bool(rng.random() < 0.2),
            blur=float(rng.uniform(0.4, 1.2)) if rng.random() < 0.3 else 0.0,  # 1-bit: <= 0.6
            jpeg=int(rng.integers(35, 85)) if rng.random() < 0.4 else 0,
            noise=float(rng.uniform(3, 9)),
        )
    if scan.mode == "bw":  # 1-bit scanners threshold a sharp capture
        scan = replace(scan, blur=min(scan.blur, 0.6))
    return replace(scan, **changes)


def _pick(rng: Rng, weights: dict[str, float]) -> str:
    keys = list(weights)
    total = sum(weights.values())
    return str(rng.choice(keys, p=[weights[k] / total for k in keys]))


# ---------------------------------------------------------------- making a sheet


def make_sheet(
    rng: Rng,
    *,
    people: int = 5,
    page: int = 0,
    dpi: int = 200,
    plan: SheetPlan | None = None,
    scan: Scan | None = None,
    session: str = SESSION,
    ballot_type: str = "1",
    keep_color: bool = False,
    scan_rng: Rng | None = None,
    layout: int = LATEST_BALLOT_LAYOUT,
) -> Sheet:
    """One marked, scanned page of a ballot of `people` officials. The sheet (marks, stamp,
    signature, folds) is drawn from `rng`, the scan's noise from `scan_rng` (default `rng`):
    the same `rng` seed with another scan is the same physical sheet scanned again."""
    geometry = printed(people, session, ballot_type, layout).geometry.pages[page]
    plan = plan or random_plan(rng, len(geometry.lines))
    scan = scan or random_scan(rng)
    if scan.mode == "bw" and dpi < 200:  # 1-bit at 150 dpi merges the code's modules: grey
        scan = replace(scan, mode="grey")
    if scan.mode == "bw":  # a 1-bit scan drops faint marks entirely: no truth is possible
        plan = replace(
            plan,
            lines=tuple(replace(p, kind="blank") if p.kind == "faint" else p for p in plan.lines),
        )
    print_ink = _raster(people, session, ballot_type, page, dpi, layout)
    canvas = _paper(print_ink, scan)
    pen = Pen(canvas, dpi, rng, printed(people, session, ballot_type, layout).pages)
    for line, line_plan in zip(geometry.lines, plan.lines, strict=True):
        mark_line(pen, line, line_plan)
    extras(pen, geometry, plan)
    if scan.fold:
        fold(pen)
    scan_rng = scan_rng or rng
    color = _scan(canvas, dpi, scan, scan_rng)
    gray = cv2.cvtColor(color, cv2.COLOR_RGB2GRAY) if color.ndim == 3 else color
    gray = _finish(gray, scan, scan_rng)
    officials = geometry.officials
    kept = color if keep_color and color.ndim == 3 else None
    return Sheet(gray, people, page, dpi, plan, scan, officials, kept, geometry.seal is not None)


def _paper(print_ink: np.ndarray, scan: Scan) -> np.ndarray:
    """The printed page on paper of the scan's tone, in colour when the scan is in colour."""
    ink = 255 - print_ink.astype(np.float32)
    if scan.low_toner:
        ink *= 0.55
    grey = np.clip(scan.paper - ink * (scan.paper / 255.0), 0, 255).astype(np.uint8)
    return np.dstack([grey] * 3) if scan.mode == "colour" else grey


# ---------------------------------------------------------------- scanning


def _scan(canvas: np.ndarray, dpi: int, scan: Scan, rng: Rng) -> np.ndarray:
    """Place the sheet on the scanner (turn, shift, scale) and add the scanner's streaks."""
    page_h, page_w = canvas.shape[:2]
    margin = round(SCAN_MARGIN_MM / 25.4 * dpi)  # the scanner sees a little more than the sheet
    height, width = page_h + 2 * margin, page_w + 2 * margin
    angle = scan.angle + (180.0 if scan.upside_down else 0.0)
    matrix = cv2.getRotationMatrix2D((page_w / 2, page_h / 2), angle, scan.scale)
    matrix[:, 2] += np.array(scan.shift_mm) / 25.4 * dpi + margin
    backing = min(255, scan.paper + 6)
    border = (backing,) * 3 if canvas.ndim == 3 else backing
    image = cv2.warpAffine(
        canvas,
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
    if scan.streak:
        for _ in range(int(rng.integers(1, 3))):  # clear of the code (a streak there: NO_CODE)
            x = int(rng.uniform(0.22, 0.78) * width)
            shade = int(rng.integers(40, 150))
            color = (shade,) * 3 if image.ndim == 3 else shade
            thickness = max(1, round(rng.uniform(0.12, 0.35) / 25.4 * dpi))  # dust: 0.1-0.4 mm
            cv2.line(image, (x, 0), (x, height), color, thickness)
    return image


def _finish(gray: np.ndarray, scan: Scan, rng: Rng) -> np.ndarray:
    """The scanner's optics and electronics: blur, noise, 1-bit threshold, JPEG."""
    image = gray
    if scan.blur > 0:
        image = cv2.GaussianBlur(image, (0, 0), scan.blur)
    if scan.noise > 0:
        noisy = image.astype(np.int16) + _noise(image.shape, scan.noise, rng)
        image = np.clip(noisy, 0, 255).astype(np.uint8)
    if scan.mode == "bw":  # a "darker" threshold, as needed to keep pencil marks in 1 bit
        image = np.where(image < rng.uniform(150, 170), 0, 255).astype(np.uint8)
    if scan.jpeg:
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, scan.jpeg])
        assert ok
        image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    return np.ascontiguousarray(image)


def _noise(shape: tuple[int, ...], sigma: float, rng: Rng) -> np.ndarray:
    field_ = _noise_field(shape)
    dy, dx = int(rng.integers(shape[0])), int(rng.integers(shape[1]))
    rolled = np.roll(field_, (dy, dx), axis=(0, 1))
    return (rolled * sigma).astype(np.int16)


@lru_cache(maxsize=4)
def _noise_field(shape: tuple[int, ...]) -> np.ndarray:
    noise = np.random.default_rng(7).standard_normal(shape[:2]).astype(np.float32)
    noise.flags.writeable = False
    return noise


# ---------------------------------------------------------------- other pages


def blank_a4(dpi: int = 200, rng: Rng | None = None) -> np.ndarray:
    """An empty sheet of paper, scanned."""
    rng = rng or np.random.default_rng(1)
    height, width = round(11.69 * dpi), round(8.27 * dpi)
    image = np.full((height, width), 244, dtype=np.int16) + _noise((height, width), 4, rng)
    return np.clip(image, 0, 255).astype(np.uint8)


def photo(dpi: int = 200, rng: Rng | None = None) -> np.ndarray:
    """A page-sized 'photograph': smooth shapes, gradients, dark blobs and squares."""
    rng = rng or np.random.default_rng(2)
    height, width = round(11.69 * dpi), round(8.27 * dpi)
    small = rng.uniform(0, 255, size=(12, 9)).astype(np.float32)
    image = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    for _ in range(40):
        x, y = int(rng.integers(width)), int(rng.integers(height))
        size = int(rng.integers(10, 80))
        shade = float(rng.uniform(0, 80))
        if rng.random() < 0.5:
            cv2.circle(image, (x, y), size, shade, -1)
        else:
            cv2.rectangle(image, (x, y), (x + size, y + size), shade, -1)
    return np.clip(image, 0, 255).astype(np.uint8)
