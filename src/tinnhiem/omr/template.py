"""The clean print a scan is compared against: each page of one blank copy rasterised at the
template resolution, its printed ink (slightly dilated), and the geometry in template pixels.

A template is built once per ballot type and reused for every page read: it is immutable,
picklable (process pools) and holds only numpy arrays and small tuples.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from tinnhiem.ballotformat import (
    BallotLayout,
    LineGeometry,
    PageCode,
    PageGeometry,
    Rect,
    layout_hash,
)
from tinnhiem.omr.code import read_code_in
from tinnhiem.omr.duplicates import REDUCTION
from tinnhiem.omr.errors import OmrError
from tinnhiem.omr.types import FloatArray, GrayImage, IntArray

INK_LEVEL = 200  # a template pixel darker than this is printed ink
INK_DILATION_MM = 0.5  # forgives this much misregistration between scan and print
INTERIOR_MARGIN_PT = 2.5  # box interior = box less this: clear of the 1.2 pt border and its blur
GAP_MIDDLE = 0.4  # the middle share of the space between two boxes, where only a stray mark goes
GAP_MARGIN_PT = 2.0  # the gap band reaches this far above and below the boxes
NAME_MARGIN_PT = (3.0, 2.0)  # name cell less the grid lines (x, y)
ZONE_MARGIN_PT = 3.0  # the "added" zone keeps this far from the corner marks
SEAL_OVERRUN_PT = 8 * 72 / 25.4  # a hand stamp (about 35 mm round) spills this far past its place
SEAL_MARGIN_PT = 3.0  # the seal place measured inside its dashed frame
CODE_RENDER_DPI = 200  # the code is read back from the template at this resolution


@dataclass(frozen=True, eq=False)
class PageTemplate:
    """One printed page: the clean raster and every region the reader measures, in pixels."""

    index: int
    layout_hash: str
    geometry: PageGeometry  # as printed, points from the top-left
    dpi: int
    reference: GrayImage  # the blank page
    blank: GrayImage  # 255 where nothing is printed (ink dilated), else 0
    added_zone: GrayImage  # 255 where extra ink means something was written on the ballot
    corners: FloatArray  # (4, 2) corner-mark centres, clockwise from top-left
    corner_side: float  # side of a corner mark, pixels
    corner_cores: IntArray  # (4, 4) the inner half of each corner mark, for the black level
    code_rect: FloatArray  # (4,) the code with its quiet zone
    officials: tuple[int, ...]
    interiors: IntArray  # (lines, levels, 4) box interiors
    gaps: IntArray  # (lines, levels - 1, 4) the middle of the space between neighbour boxes
    names: IntArray  # (lines, 4) name cells less their grid lines
    seal: IntArray  # (1, 4) the seal place less its frame, or (0, 4) on a page without one
    mark_band: GrayImage  # 1 over the level columns, at 1/duplicates.REDUCTION of the size

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels."""
        return int(self.reference.shape[1]), int(self.reference.shape[0])

    def px(self, value_pt: float) -> float:
        return value_pt * self.dpi / 72.0


@dataclass(frozen=True, eq=False)
class BallotTemplate:
    """Every page of one ballot type, as printed for one session."""

    session_code: str
    ballot_type: str
    level_keys: tuple[str, ...]
    dpi: int
    pages: tuple[PageTemplate, ...]

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        """The (ballot type, layout hash) of each page: how `read_page` finds a template."""
        return tuple((self.ballot_type, page.layout_hash) for page in self.pages)

    def page(self, layout_hash_: str) -> PageTemplate | None:
        return next((p for p in self.pages if p.layout_hash == layout_hash_), None)


def template_map(templates: Iterable[BallotTemplate]) -> dict[tuple[str, str], BallotTemplate]:
    """The mapping `read_page` takes: (ballot type, layout hash) -> template, for every page."""
    return {key: template for template in templates for key in template.keys}


def build_template(
    pdf_one_copy: bytes, layout: BallotLayout, *, level_keys: tuple[str, ...], dpi: int = 100
) -> BallotTemplate:
    """Rasterise one blank copy (`render_ballots(spec)` with its geometry) for reading scans.

    Each page's printed code is read back and must carry the hash of the given geometry, so a
    template can never pair a PDF with another ballot's layout."""
    geometries = layout.pages
    try:
        document = pdfium.PdfDocument(pdf_one_copy)
    except pdfium.PdfiumError as error:
        raise OmrError("Tệp PDF mẫu phiếu hỏng", "The ballot PDF is unreadable") from error
    if not geometries or len(document) < len(geometries):
        raise OmrError("Mẫu phiếu và bố cục không khớp", "The ballot PDF and layout do not match")
    pages, codes = [], []
    for geometry in geometries:
        pdf_page = document[geometry.index]
        code = _read_own_code(pdf_page, geometry)
        codes.append(code)
        pages.append(_page_template(_render(pdf_page, dpi), geometry, level_keys, dpi))
    if len({(c.session_code, c.ballot_type, c.pages) for c in codes}) != 1:
        raise OmrError("Các trang mẫu phiếu không cùng một loại phiếu", "Pages of mixed ballots")
    if codes[0].pages != len(pages):
        raise OmrError("Thiếu trang trong mẫu phiếu", "The layout misses pages of the ballot")
    return BallotTemplate(
        codes[0].session_code, codes[0].ballot_type, level_keys, dpi, tuple(pages)
    )


def _render(page: pdfium.PdfPage, dpi: int) -> GrayImage:
    image: GrayImage = page.render(scale=dpi / 72, grayscale=True).to_numpy()
    return np.ascontiguousarray(image.reshape(image.shape[0], image.shape[1]))


def _read_own_code(page: pdfium.PdfPage, geometry: PageGeometry) -> PageCode:
    image = _render(page, CODE_RENDER_DPI)
    x0, y0, x1, y1 = (round(v * CODE_RENDER_DPI / 72) for v in geometry.code)
    pad = (x1 - x0) // 4
    found = read_code_in(image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad])
    if found is None:
        raise OmrError("Không đọc được mã trên mẫu phiếu", "The ballot's own code is unreadable")
    if found.code.layout_hash != layout_hash(geometry) or found.code.page != geometry.index:
        raise OmrError("Mẫu phiếu và bố cục không khớp", "The ballot PDF and layout do not match")
    return found.code


def _page_template(
    reference: GrayImage, geometry: PageGeometry, level_keys: tuple[str, ...], dpi: int
) -> PageTemplate:
    scale = dpi / 72.0
    lines = geometry.lines
    for line in lines:
        if line.level_keys != level_keys:
            raise OmrError("Các ô của phiếu không khớp các mức", "Boxes do not match the levels")
    radius = max(1, round(INK_DILATION_MM / 25.4 * dpi))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    ink = cv2.dilate((reference < INK_LEVEL).astype(np.uint8) * 255, kernel)
    corners_pt = [geometry.corners[i] for i in (0, 1, 3, 2)]  # clockwise
    centres = [((r[0] + r[2]) / 2 * scale, (r[1] + r[3]) / 2 * scale) for r in corners_pt]
    side = (corners_pt[0][2] - corners_pt[0][0]) * scale
    cores = [_shrink(r, (r[2] - r[0]) / 4, (r[3] - r[1]) / 4) for r in corners_pt]
    interiors = [_shrink(b, INTERIOR_MARGIN_PT) for ln in lines for b in ln.box_rects]
    return PageTemplate(
        index=geometry.index,
        layout_hash=layout_hash(geometry),
        geometry=geometry,
        dpi=dpi,
        reference=_frozen(reference),
        blank=_frozen(255 - ink),
        added_zone=_frozen(_added_zone(reference.shape, geometry, scale)),
        corners=np.array(centres, dtype=np.float32),
        corner_side=float(side),
        corner_cores=_pixels(cores, scale),
        code_rect=np.array(geometry.code, dtype=np.float32) * scale,
        officials=geometry.officials,
        interiors=_pixels(interiors, scale).reshape(len(lines), len(level_keys), 4),
        gaps=_gaps(lines, len(level_keys), scale),
        names=_pixels([_shrink(ln.name, *NAME_MARGIN_PT) for ln in lines], scale),
        seal=_pixels([_shrink(geometry.seal, SEAL_MARGIN_PT)] if geometry.seal else [], scale),
        mark_band=_frozen(_reduced(_mark_band(reference.shape, geometry, scale), REDUCTION)),
    )


def _added_zone(shape: tuple[int, ...], geometry: PageGeometry, scale: float) -> GrayImage:
    """Header and table, less the name cells (checked on their own), the level columns (where
    marks and their spill go), the seal place with its spill (the stamp of a layout-2 ballot)
    and everything below the table (a layout-1 stamp, signatures, code)."""
    zone = np.zeros(shape[:2], dtype=np.uint8)
    corners, lines = geometry.corners, geometry.lines
    if not lines:
        return zone
    top = corners[0][3] + ZONE_MARGIN_PT
    left, right = corners[0][2] + ZONE_MARGIN_PT, corners[1][0] - ZONE_MARGIN_PT
    bottom = max(line.name[3] for line in lines)
    _fill(zone, (left, top, right, bottom), scale, 255)
    zone[_mark_band(shape, geometry, scale) > 0] = 0
    for line in lines:
        _fill(zone, line.name, scale, 0)
    if geometry.seal is not None:
        x0, y0, x1, y1 = geometry.seal
        spill = SEAL_OVERRUN_PT
        _fill(zone, (x0 - spill, y0 - spill, x1 + spill, y1 + spill), scale, 0)
    return zone


def _mark_band(shape: tuple[int, ...], geometry: PageGeometry, scale: float) -> GrayImage:
    """1 over the level columns of the table's lines (from half-way to the first box's left
    neighbour to the page's right edge): where the marks are."""
    band = np.zeros(shape[:2], dtype=np.uint8)
    lines = geometry.lines
    boxes = [box for line in lines for box in line.box_rects]
    if not boxes:
        return band
    starts = sorted({box[0] for box in boxes})
    side = boxes[0][2] - boxes[0][0]
    half_gap = (starts[1] - starts[0] - side) / 2 if len(starts) > 1 else side
    top = min(line.name[1] for line in lines)
    bottom = max(line.name[3] for line in lines)
    _fill(band, (starts[0] - half_gap, top, geometry.width, bottom), scale, 1)
    return band


def _gaps(lines: tuple[LineGeometry, ...], levels: int, scale: float) -> IntArray:
    rects: list[Rect] = []
    for line in lines:
        for a, b in itertools.pairwise(line.box_rects):
            space = b[0] - a[2]
            x0 = a[2] + space * (1 - GAP_MIDDLE) / 2
            rects.append((x0, a[1] - GAP_MARGIN_PT, x0 + space * GAP_MIDDLE, a[3] + GAP_MARGIN_PT))
    return _pixels(rects, scale).reshape(len(lines), max(0, levels - 1), 4)


def _shrink(rect: Rect, dx: float, dy: float | None = None) -> Rect:
    dy = dx if dy is None else dy
    return (rect[0] + dx, rect[1] + dy, rect[2] - dx, rect[3] - dy)


def _pixels(rects: list[Rect], scale: float) -> IntArray:
    if not rects:
        return np.zeros((0, 4), dtype=np.int32)
    return np.rint(np.array(rects, dtype=np.float64) * scale).astype(np.int32)


def _fill(image: GrayImage, rect: Rect, scale: float, value: int) -> None:
    x0, y0, x1, y1 = (max(0, round(v * scale)) for v in rect)
    image[y0:y1, x0:x1] = value


def _reduced(mask: GrayImage, factor: int) -> GrayImage:
    height, width = mask.shape[0] // factor, mask.shape[1] // factor
    cropped = mask[: height * factor, : width * factor]
    return cv2.resize(cropped, (width, height), interpolation=cv2.INTER_NEAREST)


def _frozen(image: GrayImage) -> GrayImage:
    image = np.ascontiguousarray(image, dtype=np.uint8)
    image.flags.writeable = False
    return image
