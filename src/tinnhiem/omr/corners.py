"""Finding the four solid corner marks of a scanned page.

Thin things (text, table lines, streaks, folds, signatures, stamp rings, the code's modules) are
removed by a morphological opening half as wide as a mark; what survives and is square, solid
and of the right size is a candidate. Of the candidates near each corner of the image, the four
that form the printed rectangle (side ratio, right angles, mark size against spacing) win. This
copes with rotation, shift, scale, any resolution and 90/180 degree turns: which printed corner
each mark is gets decided later, from the position of the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import cv2
import numpy as np

from tinnhiem.omr.template import PageTemplate
from tinnhiem.omr.types import FloatArray, GrayImage

SEARCH_DPI = 50.0  # marks are found on a copy reduced to about this resolution
SIDE_RANGE = (0.55, 1.7)  # a candidate's side against the side expected from the image width
MIN_SOLIDITY = 0.7  # filled share of its bounding box (a square turned 10 degrees: 0.75)
MAX_SHAPE_ERROR = 0.06  # opposite sides and the aspect ratio agree within 6 %
MAX_DIAGONAL_ERROR = 0.04  # a rectangle, not a parallelogram
MAX_SIDE_ERROR = 0.35  # a mark's side against the side implied by the spacing of the marks
PER_CORNER = 4  # candidates tried near each image corner


@dataclass(frozen=True)
class CornerSpec:
    """The printed marks, in points: spacing of the centres and side of a mark."""

    width: float
    height: float
    side: float

    @classmethod
    def of(cls, page: PageTemplate) -> CornerSpec:
        to_pt = 72.0 / page.dpi
        tl, tr, _, bl = page.corners
        return cls(
            float(np.linalg.norm(tr - tl)) * to_pt,
            float(np.linalg.norm(bl - tl)) * to_pt,
            page.corner_side * to_pt,
        )


@dataclass(frozen=True)
class _Candidate:
    x: float
    y: float
    side: float


def page_levels(gray: GrayImage) -> tuple[float, float]:
    """(paper, darkest ink) grey levels: the 75th and 0.2th percentiles of the histogram."""
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    cumulative = np.cumsum(hist) / max(1.0, float(hist.sum()))
    paper = float(np.searchsorted(cumulative, 0.75))
    dark = float(np.searchsorted(cumulative, 0.002))
    return paper, dark


def find_corners(work: GrayImage, spec: CornerSpec, *, px_per_pt: float) -> FloatArray | None:
    """Centres of the four corner marks in `work`, clockwise from the one nearest the image's
    top-left corner, or None. `px_per_pt` is a guess of the image scale (within about 40 %)."""
    factor = max(1, int(px_per_pt * 72.0 / SEARCH_DPI))
    height, width = work.shape
    small = work
    if factor > 1:
        small = cv2.resize(work, (width // factor, height // factor), interpolation=cv2.INTER_AREA)
    scale = px_per_pt / factor
    paper, dark = page_levels(small)
    if paper - dark < 40:  # an empty or uniform image has no marks
        return None
    binary = (small < (paper + dark) / 2).astype(np.uint8)
    size = max(2, int(spec.side * scale * 0.5))
    opened = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((size, size), np.uint8))
    candidates = _candidates(opened, spec.side * scale)
    quad = _best_quad(candidates, small.shape, spec)
    if quad is None:
        return None
    centres = np.array([[c.x, c.y] for c in quad], dtype=np.float32)
    centres = (centres + 0.5) * factor - 0.5
    side = float(np.mean([c.side for c in quad])) * factor
    return np.array([_refine(work, point, side) for point in centres], dtype=np.float32)


def _candidates(opened: GrayImage, side: float) -> list[_Candidate]:
    count, _, stats, centroids = cv2.connectedComponentsWithStats(opened, connectivity=8)
    low, high = side * SIDE_RANGE[0], side * SIDE_RANGE[1]
    found = []
    for label in range(1, count):
        _, _, w, h, area = (int(v) for v in stats[label])
        if not (low <= w <= high and low <= h <= high):
            continue
        if area < MIN_SOLIDITY * w * h or max(w, h) > 1.5 * min(w, h):
            continue
        x, y = centroids[label]
        found.append(_Candidate(float(x), float(y), float(np.sqrt(area))))
    return found


def _best_quad(
    candidates: list[_Candidate], shape: tuple[int, ...], spec: CornerSpec
) -> list[_Candidate] | None:
    height, width = shape[:2]
    image_corners = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    groups = []
    for corner_x, corner_y in image_corners:
        near = [
            c
            for c in candidates
            if (c.x < width / 2) == (corner_x == 0) and (c.y < height / 2) == (corner_y == 0)
        ]
        near.sort(key=lambda c: (c.x - corner_x) ** 2 + (c.y - corner_y) ** 2)
        groups.append(near[:PER_CORNER])
    best, best_score = None, float("inf")
    for quad in product(*groups):
        score = _quad_error(list(quad), spec)
        if score < best_score:
            best, best_score = list(quad), score
    return best


def _quad_error(quad: list[_Candidate], spec: CornerSpec) -> float:
    """How far four points are from the printed rectangle of marks; inf when out of tolerance."""
    p = [np.array([c.x, c.y]) for c in quad]
    top, bottom = np.linalg.norm(p[1] - p[0]), np.linalg.norm(p[2] - p[3])
    left, right = np.linalg.norm(p[3] - p[0]), np.linalg.norm(p[2] - p[1])
    across, down = (top + bottom) / 2, (left + right) / 2
    if across < 1 or down < 1:
        return float("inf")
    sides = abs(top - bottom) / across + abs(left - right) / down
    portrait = spec.width / spec.height
    is_portrait = abs(across / down - portrait) < abs(down / across - portrait)
    ratio = across / down if is_portrait else down / across
    aspect = abs(ratio - portrait) / portrait
    diagonals = np.linalg.norm(p[2] - p[0]), np.linalg.norm(p[3] - p[1])
    skew = abs(diagonals[0] - diagonals[1]) / np.mean(diagonals)
    scale = (across / spec.width + down / spec.height) / 2
    if not is_portrait:
        scale = (across / spec.height + down / spec.width) / 2
    size = float(np.mean([abs(c.side / (spec.side * scale) - 1) for c in quad]))
    if sides > MAX_SHAPE_ERROR or aspect > MAX_SHAPE_ERROR or skew > MAX_DIAGONAL_ERROR:
        return float("inf")
    if size > MAX_SIDE_ERROR:
        return float("inf")
    return float(sides + aspect + skew + 0.3 * size)


def _refine(work: GrayImage, point: FloatArray, side: float) -> FloatArray:
    """The ink-weighted centre of the mark around `point`, at full working resolution."""
    half = int(side) + 2
    x, y = round(float(point[0])), round(float(point[1]))
    x0, y0 = max(0, x - half), max(0, y - half)
    patch = work[y0 : y + half + 1, x0 : x + half + 1].astype(np.float32)
    if patch.size == 0:
        return point
    paper, dark = float(patch.max()), float(patch.min())
    if paper - dark < 20:
        return point
    weight = np.clip((paper - patch) / (paper - dark) * 2 - 0.5, 0, 1)  # solid ink weighs 1
    mask = (weight > 0.5).astype(np.uint8)
    count, labels, _, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    centre_label = labels[min(labels.shape[0] - 1, y - y0), min(labels.shape[1] - 1, x - x0)]
    if count < 2 or centre_label == 0:
        return point
    weight *= cv2.dilate((labels == centre_label).astype(np.uint8), np.ones((3, 3), np.uint8))
    moments = cv2.moments(weight)
    if moments["m00"] <= 0:
        return point
    cx, cy = moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]
    return np.array([x0 + cx, y0 + cy], dtype=np.float32)
