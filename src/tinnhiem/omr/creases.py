"""Folds and streaks: long straight lines of new ink across the page.

Ballots are folded to go into the box, and a dirty scanner draws streaks along the paper path;
both cross boxes and names as thin lines no voter drew. They are found on the aligned new-ink
image as straight lines (within a few degrees of the page's axes) inked along most of the page,
and left out of every measurement. A voter's strokes never run across the page.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from tinnhiem.omr.types import FloatArray, GrayImage, IntArray

CELL = 8  # lines are searched on a grid of cells this many template pixels wide
MAX_TILT_DEG = 4.0  # folds are near the page axes; streaks lean by the page's skew
TILT_STEP_DEG = 0.5
INK_LEVEL = 4  # new-ink weight (0..255) that counts as touched by a line: faint folds are 10 to 40
REFINE_PX = 6  # the line's exact offset is searched this far either side of the coarse one
SEGMENTS = 12  # stretches of the line fitted one by one
MIN_PAPER = 0.12  # a line is judged only when at least this share of it is unprinted
MIN_HITS = 0.15  # and is inked along at least this share of the page
SPAN = 0.7  # from end to end over at least this share of the page
DARKER = 90  # new ink this much darker (0..255) than a line's own is a mark across it
OWN_PERCENTILE = 80  # a line's own darkness: high, as its weight wavers with the pixel grid,
# yet clear of the few positions a pen stroke lying along it may cover
MAX_HALF_WIDTH = 2  # pixels either side of a line's middle: folds and streaks are thin


def crease_mask(extra: GrayImage, blank: GrayImage, coverage: float) -> GrayImage | None:
    """255 on the folds and streaks of `extra` (new ink on the template grid), or None when
    there are none. A line is kept when inked along `coverage` of the length where the print
    leaves paper to see it on (`blank`: 255 where nothing is printed): a streak running down a
    printed table line shows only above and below the table. Ink clearly darker than the line
    itself (a pen stroke across a faint fold) is left out of the mask: it is not the fold's."""
    touched = (extra >= INK_LEVEL).astype(np.uint8)
    hit = (_cells(touched * 255) >= 255 // CELL // 2).astype(np.float32)
    paper = (_cells(blank) >= 128).astype(np.float32)
    lines = _lines(hit * paper, paper, coverage, vertical=False)
    lines += _lines((hit * paper).T, paper.T, coverage, vertical=True)
    if not lines:
        return None
    mask = np.zeros_like(touched)
    for found in lines:
        line = np.zeros_like(touched)
        own = _draw(line, touched, extra, found)
        line[extra > own + DARKER] = 0
        mask |= line
    return mask


def _cells(image: GrayImage) -> GrayImage:
    """Mean of each CELL x CELL square."""
    height, width = image.shape[0] // CELL, image.shape[1] // CELL
    cropped = image[: height * CELL, : width * CELL]
    return cv2.resize(cropped, (width, height), interpolation=cv2.INTER_AREA)


def _lines(
    hit: FloatArray, paper: FloatArray, coverage: float, *, vertical: bool
) -> list[tuple[bool, float, float]]:
    """(vertical, slope, offset at x = 0 in template pixels) of each line along the rows of
    `hit` (along its columns when `vertical`: the caller passes the transposes). A line must be
    inked along `coverage` of its unprinted length, over at least MIN_HITS of the page, from
    one end of the page to the other (SPAN): marks in a row or a column of boxes never are.
    The best tilt of each line wins; lines closer than three cells are one."""
    rows, cols = hit.shape
    slopes, index, size = _projections(rows, cols)
    inked = np.flatnonzero(hit.ravel())
    counts = np.bincount(index[:, inked].ravel(), minlength=size)
    seen = _seen(paper, index, size)
    lines = (seen >= MIN_PAPER * cols) & (counts >= coverage * seen) & (counts >= MIN_HITS * cols)
    candidates: list[tuple[float, float, float]] = []
    per_slope = size // len(slopes)
    for best in np.flatnonzero(lines).tolist():
        which, line = divmod(best, per_slope)
        slope = slopes[which]
        along = inked[index[which, inked] == best] % cols
        if along.max() - along.min() < SPAN * cols:
            continue
        offset = (line - cols * abs(slope) + 0.5) * CELL  # the cell's centre
        candidates.append((float(counts[best]), slope, offset))
    found: list[tuple[bool, float, float]] = []
    for _, slope, offset in sorted(candidates, reverse=True):
        if all(abs(offset - other) >= 3 * CELL for _, _, other in found):
            found.append((vertical, slope, offset))
    return found


@lru_cache(maxsize=4)
def _projections(rows: int, cols: int) -> tuple[tuple[float, ...], IntArray, int]:
    """The tilts tried, and (tilts, cells) the index of the line through each cell at each
    tilt (y - x * slope, shifted to be >= 0, then offset by the tilt's rank times the number
    of lines a tilt has: one bincount projects every tilt at once)."""
    ys, xs = np.mgrid[0:rows, 0:cols]
    degrees = np.arange(-MAX_TILT_DEG, MAX_TILT_DEG + 1e-9, TILT_STEP_DEG)
    slopes = tuple(float(np.tan(np.radians(d))) for d in degrees)
    per_slope = int(rows + 2 * cols * max(abs(s) for s in slopes)) + 2
    indexes = [
        np.rint(ys - xs * slope + cols * abs(slope)).astype(np.int64).ravel() + n * per_slope
        for n, slope in enumerate(slopes)
    ]
    return slopes, np.stack(indexes), per_slope * len(slopes)


_SEEN: dict[bytes, FloatArray] = {}


def _seen(paper: FloatArray, index: IntArray, size: int) -> FloatArray:
    """Unprinted cells along every line: the same for every page of a template, so kept."""
    key = paper.tobytes() + index.shape[1].to_bytes(4, "little")
    if key not in _SEEN:
        if len(_SEEN) >= 16:
            _SEEN.clear()
        flat = np.flatnonzero(paper.ravel())
        _SEEN[key] = np.bincount(index[:, flat].ravel(), minlength=size).astype(np.float32)
    return _SEEN[key]


def _draw(
    mask: GrayImage,
    touched: GrayImage,
    extra: GrayImage,
    line: tuple[bool, float, float],
) -> float:
    """Fit the line exactly (its offset in each of SEGMENTS stretches, then a least-squares
    line through them, since the coarse tilt is off by up to a quarter degree), paint it as
    wide as it is inked, and return its own darkness: the OWN_PERCENTILE along it of the
    darkest pixel across it (a short stroke lying on the line does not move it)."""
    vertical, slope, offset = line
    image = touched.T if vertical else touched
    rows, cols = image.shape
    shifts = np.arange(-REFINE_PX - CELL, REFINE_PX + CELL + 1)
    xs = np.arange(cols)
    ys = np.rint(offset + xs * slope + shifts[:, None]).astype(np.int64)
    inside = (ys >= 0) & (ys < rows)
    values = np.where(inside, image[ys.clip(0, rows - 1), xs], 0).astype(np.float32)
    usable = cols // SEGMENTS * SEGMENTS
    profiles = values[:, :usable].reshape(len(shifts), SEGMENTS, -1).mean(axis=2)
    peaks = profiles.argmax(axis=0)
    strong = profiles.max(axis=0) >= 0.3
    centres = (np.arange(SEGMENTS) + 0.5) * (usable / SEGMENTS)
    if strong.sum() >= 3:
        fitted = np.polyfit(
            centres[strong], offset + centres[strong] * slope + shifts[peaks[strong]], 1
        )
        slope, offset = float(fitted[0]), float(fitted[1])
    ys = np.rint(offset + xs * slope + shifts[:, None]).astype(np.int64)
    inside = (ys >= 0) & (ys < rows)
    profile = np.where(inside, image[ys.clip(0, rows - 1), xs], 0).mean(axis=1)
    centre = int(profile.argmax())
    band = np.flatnonzero(profile >= 0.15 * profile[centre])
    band = band[np.abs(band - centre) <= MAX_HALF_WIDTH]
    low, high = float(shifts[band.min()]), float(shifts[band.max()])
    middle, thickness = (low + high) / 2, int(high - low) + 3  # JPEG smears a line's edges
    start = (0.0, offset + middle)
    end = (float(cols), offset + middle + cols * slope)
    if vertical:
        start, end = start[::-1], end[::-1]
    cv2.line(mask, _point(start), _point(end), 255, thickness)
    rows_across = np.rint(offset + middle + xs * slope + np.arange(-2, 3)[:, None]).astype(np.int64)
    within = ((rows_across >= 0) & (rows_across < rows)).all(axis=0)
    ink = extra.T if vertical else extra
    darkest = ink[rows_across[:, within], xs[within]].max(axis=0)
    return float(np.percentile(darkest, OWN_PERCENTILE)) if darkest.size else 0.0


def _point(p: tuple[float, float]) -> tuple[int, int]:
    return round(p[0]), round(p[1])
