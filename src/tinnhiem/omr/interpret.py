"""Reading one scanned page: identify it, align it on its template, measure the new ink in every
box and around, and say per line what the voter marked, or why a person must look.

1. Reduce the scan by a whole factor to about the template resolution (fast, keeps thin strokes).
2. Find the four corner marks; read the code where the marks say it must be (both ways up),
   falling back to a search of the whole page.
3. Refuse what cannot be read or is not ours: no corners and no code, no code, another session,
   an unknown layout.
4. The code's position says which way up the page is; the four marks give a homography onto the
   template grid; the page is warped onto it.
5. New ink = darkness not explained by the clean print (dilated a little); folds and scanner
   streaks, straight lines across the page, are taken out (creases.py).
6. Box interiors, the middle of the spaces between boxes, the name cells and the rest of the
   header and table are measured at once from integral images; classify.py decides each line.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace

import cv2
import numpy as np

from tinnhiem.omr.classify import classify_line
from tinnhiem.omr.code import FoundCode, find_code, read_code_in
from tinnhiem.omr.corners import CornerSpec, find_corners, page_levels
from tinnhiem.omr.creases import crease_mask
from tinnhiem.omr.duplicates import fingerprint
from tinnhiem.omr.findings import Flag, PageReading, Refusal
from tinnhiem.omr.measure import (
    black_level,
    covered,
    darkness_table,
    densest_added,
    mm2,
    new_ink,
    refloor,
    region_means,
    region_sums,
)
from tinnhiem.omr.template import BallotTemplate, PageTemplate
from tinnhiem.omr.thresholds import DEFAULT_THRESHOLDS, Thresholds
from tinnhiem.omr.types import FloatArray, GrayImage, IntArray

Templates = Mapping[tuple[str, str], BallotTemplate]
CODE_MARGIN = 0.3  # the code is looked for in its printed place grown by this share a side
KEEP_ALIGNED = ("all", "review", "none")
MAX_EXCESS = 1.25  # a scan reduced to more than this times the template resolution is reduced again


def read_page(
    gray: GrayImage,
    templates: Templates,
    *,
    expected_session: str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    keep_aligned: str = "all",
) -> PageReading:
    """Read one scanned page (grey, any resolution from 150 dpi, any way up). `templates` maps
    (ballot type, layout hash) to the ballot printed for `expected_session`
    (`template.template_map`). `keep_aligned` keeps the aligned page for "all" pages, only for
    pages that need the board ("review"), or "none" (saves about 1 MB a page)."""
    if keep_aligned not in KEEP_ALIGNED:
        raise ValueError(f"keep_aligned must be one of {KEEP_ALIGNED}")
    started = time.perf_counter()
    reading = _read(np.asarray(gray, dtype=np.uint8), templates, expected_session, thresholds)
    if keep_aligned == "none" or (keep_aligned == "review" and not reading.needs_review):
        reading.aligned = None
    reading.seconds = time.perf_counter() - started
    return reading


def _read(
    gray: GrayImage, templates: Templates, expected_session: str, thresholds: Thresholds
) -> PageReading:
    if gray.ndim != 2 or min(gray.shape) < 200 or not templates:
        return PageReading(Refusal.NOT_A_BALLOT)
    any_page = next(iter(templates.values())).pages[0]
    spec = CornerSpec.of(any_page)
    width_pt = any_page.geometry.width
    dpi = min(gray.shape) / (width_pt / 72.0)
    factor = max(1, int(dpi / any_page.dpi + 0.1))
    work = _reduce(gray, factor, dpi / factor / any_page.dpi)
    scale = gray.shape[1] / work.shape[1]  # scan pixels per working pixel
    px_per_pt = min(work.shape) / width_pt
    corners = find_corners(work, spec, px_per_pt=px_per_pt)
    found = _locate_code(gray, work, corners, any_page, scale)
    if found is None:
        return PageReading(Refusal.NO_CODE if corners is not None else Refusal.NOT_A_BALLOT)
    code = found.code
    if code.session_code != expected_session:
        return PageReading(Refusal.OTHER_SESSION, code)
    template = templates.get((code.ballot_type, code.layout_hash))
    page = template.page(code.layout_hash) if template else None
    if template is None or page is None or template.session_code != expected_session:
        return PageReading(Refusal.UNKNOWN_LAYOUT, code)
    if corners is None:
        return PageReading(Refusal.NO_CORNERS, code)
    turn = _turn(corners, page, found, scale)
    to_work = cv2.getPerspectiveTransform(page.corners, np.roll(corners, -turn, axis=0))
    aligned = cv2.warpPerspective(
        work, to_work, page.size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=255
    )
    reading = _measure(aligned, page, template, thresholds)
    reading.code, reading.upside_down = code, turn == 2
    return reading


def _reduce(gray: GrayImage, factor: int, excess: float) -> GrayImage:
    """Area reduction by a whole factor (exact averaging, OpenCV's fastest path); then, when
    the result is still well above the template resolution (150 dpi scans), by the rest, so
    that warping never skips over thin strokes."""
    reduced = gray
    if factor > 1:
        height, width = gray.shape[0] // factor, gray.shape[1] // factor
        cropped = gray[: height * factor, : width * factor]
        reduced = cv2.resize(cropped, (width, height), interpolation=cv2.INTER_AREA)
    if excess > MAX_EXCESS:
        size = (round(reduced.shape[1] / excess), round(reduced.shape[0] / excess))
        reduced = cv2.resize(reduced, size, interpolation=cv2.INTER_AREA)
    return reduced


def _locate_code(
    gray: GrayImage, work: GrayImage, corners: FloatArray | None, page: PageTemplate, scale: float
) -> FoundCode | None:
    """The code where the marks say it is (each way up), else anywhere on the page."""
    if corners is not None:
        for turn in _turns(corners):
            to_work = cv2.getPerspectiveTransform(page.corners, np.roll(corners, -turn, axis=0))
            crop, offset = _code_crop(gray, page, to_work, scale)
            found = read_code_in(crop, offset=offset)
            if found is not None:
                return found
    return find_code(gray)


def _turns(corners: FloatArray) -> tuple[int, ...]:
    """Quarter turns to try, likeliest first: a portrait quad is upright or upside down."""
    across = float(np.linalg.norm(corners[1] - corners[0]))
    down = float(np.linalg.norm(corners[3] - corners[0]))
    return (0, 2) if down >= across else (1, 3)


def _code_crop(
    gray: GrayImage, page: PageTemplate, to_work: GrayImage, scale: float
) -> tuple[GrayImage, tuple[int, int]]:
    x0, y0, x1, y1 = page.code_rect.tolist()
    grow_x, grow_y = (x1 - x0) * CODE_MARGIN, (y1 - y0) * CODE_MARGIN
    rect = [[x0 - grow_x, y0 - grow_y], [x1 + grow_x, y0 - grow_y]]
    rect += [[x1 + grow_x, y1 + grow_y], [x0 - grow_x, y1 + grow_y]]
    points = cv2.perspectiveTransform(np.array([rect], dtype=np.float32), to_work)[0] * scale
    left, top = np.floor(points.min(axis=0)).astype(int).clip(0)
    right, bottom = np.ceil(points.max(axis=0)).astype(int)
    return gray[top:bottom, left:right], (int(left), int(top))


def _turn(corners: FloatArray, page: PageTemplate, found: FoundCode, scale: float) -> int:
    """Which quarter turn puts the printed code where it was read."""
    x0, y0, x1, y1 = page.code_rect.tolist()
    centre = np.array([[[(x0 + x1) / 2, (y0 + y1) / 2]]], dtype=np.float32)
    seen = np.array(found.center, dtype=np.float32) / scale
    best, best_distance = 0, float("inf")
    for turn in range(4):
        to_work = cv2.getPerspectiveTransform(page.corners, np.roll(corners, -turn, axis=0))
        predicted = cv2.perspectiveTransform(centre, to_work)[0, 0]
        distance = float(np.linalg.norm(predicted - seen))
        if distance < best_distance:
            best, best_distance = turn, distance
    return best


def _measure(
    aligned: GrayImage, page: PageTemplate, template: BallotTemplate, thresholds: Thresholds
) -> PageReading:
    """Lines, flags and fingerprint of a page aligned on its template."""
    extra, counted = _new_ink(aligned, page, thresholds)
    integral = cv2.integral(extra)
    fills = region_means(integral, page.interiors, counted)
    cover = region_means(cv2.integral(covered(extra)), page.interiors, counted)
    gaps = region_means(integral, page.gaps, counted)
    zone_ink = cv2.LUT(extra, refloor(thresholds.ink_floor, thresholds.zone_floor))
    zone_integral = cv2.integral(zone_ink)
    names = mm2(region_sums(zone_integral, page.names)[0], page.dpi)
    seal = mm2(region_sums(zone_integral, page.seal)[0], page.dpi)
    lines = [
        replace(
            classify_line(official, fills[i], cover[i], gaps[i], template.level_keys, thresholds),
            is_name_crossed=bool(names[i] > thresholds.name_mm2),
        )
        for i, official in enumerate(page.officials)
    ]
    flags = []
    if any(line.is_name_crossed for line in lines):
        flags.append(str(Flag.NAME_CROSSED))
    if densest_added(zone_ink, page) > thresholds.added_mm2:
        flags.append(str(Flag.ADDED))
    if len(seal) and float(seal[0]) < thresholds.seal_mm2:
        flags.append(str(Flag.NO_SEAL))
    print_ = fingerprint(zone_ink, page.mark_band)
    return PageReading(
        None, lines=lines, flags=flags, aligned=aligned, fingerprint=print_, dpi=page.dpi
    )


def _new_ink(
    aligned: GrayImage, page: PageTemplate, thresholds: Thresholds
) -> tuple[GrayImage, IntArray | None]:
    """New ink (0..255) with folds and streaks removed, and the integral of the pixels left
    (None when nothing was removed)."""
    paper, _ = page_levels(aligned)
    table = darkness_table(paper, black_level(aligned, page), thresholds.ink_floor)
    extra = new_ink(aligned, page, table)
    creases = crease_mask(extra, page.blank, thresholds.crease_coverage)
    if creases is None:
        return extra, None
    kept = cv2.bitwise_not(creases)
    counted: IntArray = cv2.integral(kept // 255)
    return cv2.bitwise_and(extra, kept), counted
