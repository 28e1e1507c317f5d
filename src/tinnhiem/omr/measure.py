"""Measuring new ink on a page aligned to its template, all vectorised: one lookup table turns
grey into darkness, one mask removes the printed ink, one integral image gives every region's
sum. No per-box Python work beyond reading out a few dozen numbers."""

from __future__ import annotations

import cv2
import numpy as np

from tinnhiem.omr.template import PageTemplate
from tinnhiem.omr.types import FloatArray, GrayImage, IntArray

MM_PER_INCH = 25.4
COVER_LEVEL = 76  # new-ink weight (0..255, 0.3) from which a pixel counts as covered
ADDED_WINDOW_MM = 6.0  # writing is looked for in squares of this side (about one handwritten word)


def darkness_table(paper: float, black: float, floor: float) -> GrayImage:
    """Grey level -> new-ink weight 0..255: 0 up to `floor` darkness, 255 at the marks' black.
    The range is at least 80 % of the paper level, so a very light print (low toner) does not
    blow noise up to ink."""
    span = max(paper - black, 0.8 * paper, 1.0)
    levels = np.arange(256, dtype=np.float32)
    darkness = (paper - levels) / span
    weight = np.clip((darkness - floor) / (1.0 - floor), 0.0, 1.0)
    table: GrayImage = np.rint(weight * 255).astype(np.uint8)
    return table


def refloor(low: float, high: float) -> GrayImage:
    """Table turning a weight measured with floor `low` into the weight with floor `high`."""
    weight = np.arange(256, dtype=np.float32) / 255.0
    darkness = low + weight * (1.0 - low)
    raised = np.clip((darkness - high) / (1.0 - high), 0.0, 1.0)
    table: GrayImage = np.rint(raised * 255).astype(np.uint8)
    return table


def black_level(aligned: GrayImage, page: PageTemplate) -> float:
    """The grey of the printed corner marks on this scan: the darkest thing the printer made."""
    values = [aligned[y0:y1, x0:x1].ravel() for x0, y0, x1, y1 in page.corner_cores]
    return float(np.median(np.concatenate(values)))


def new_ink(aligned: GrayImage, page: PageTemplate, table: GrayImage) -> GrayImage:
    """Ink on the scan that the clean print does not have (printed ink dilated, so a small
    misregistration leaves no edges), 0..255."""
    return cv2.bitwise_and(cv2.LUT(aligned, table), page.blank)


def covered(extra: GrayImage) -> GrayImage:
    """255 where the new ink is solid enough to count as covering the paper, else 0."""
    result: GrayImage = cv2.threshold(extra, COVER_LEVEL - 1, 255, cv2.THRESH_BINARY)[1]
    return result


def region_sums(integral: IntArray, rects: IntArray) -> tuple[FloatArray, FloatArray]:
    """Sums of an image over many rectangles at once (any leading shape, last axis x0 y0 x1 y1),
    from its integral image; and the rectangles' areas."""
    height, width = integral.shape[0] - 1, integral.shape[1] - 1
    x0 = np.clip(rects[..., 0], 0, width)
    x1 = np.clip(rects[..., 2], 0, width)
    y0 = np.clip(rects[..., 1], 0, height)
    y1 = np.clip(rects[..., 3], 0, height)
    sums = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    areas = np.maximum(x1 - x0, 0) * np.maximum(y1 - y0, 0)
    return sums.astype(np.float32), areas.astype(np.float32)


def region_means(integral: IntArray, rects: IntArray, counted: IntArray | None) -> FloatArray:
    """Mean new ink 0..1 over each rectangle; `counted` (integral of a 0/1 mask) leaves streak
    pixels out of the area."""
    sums, areas = region_sums(integral, rects)
    if counted is not None:
        areas, _ = region_sums(counted, rects)
    result: FloatArray = (sums / (255.0 * np.maximum(areas, 1.0))).astype(np.float32)
    return result


def mm2(sums: FloatArray, dpi: int) -> FloatArray:
    """Sums of new ink (0..255 a pixel) as square millimetres of solid ink."""
    result: FloatArray = sums / 255.0 * (MM_PER_INCH / dpi) ** 2
    return result


def densest_added(extra: GrayImage, page: PageTemplate) -> float:
    """The most new ink, in mm², within any ADDED_WINDOW_MM square of the 'added' zone."""
    zone = cv2.bitwise_and(extra, page.added_zone)
    half = cv2.resize(zone, (zone.shape[1] // 2, zone.shape[0] // 2), interpolation=cv2.INTER_AREA)
    window = max(3, round(ADDED_WINDOW_MM / MM_PER_INCH * page.dpi / 2))
    sums = cv2.boxFilter(half, cv2.CV_32F, (window, window), normalize=False)
    return float(sums.max()) * 4 / 255.0 * (MM_PER_INCH / page.dpi) ** 2
