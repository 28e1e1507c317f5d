"""Is this scan a second scan of a sheet already read? Decided from the image alone.

The fingerprint is the page's new ink (handwriting, stamp, anything not printed) on the template
grid, in 0.5 mm cells, band-passed (a difference of Gaussians: strokes and stamp rings stay,
filled areas and scan-to-scan shading go) and folded by a seeded count sketch, which keeps inner
products, into two halves: the level columns where the marks are, and the rest of the page
(signature, stamp, writing, stray strokes).

Two voters who marked the same boxes leave similar marks, so the marks alone do not tell sheets
apart (corpus: cosine up to 0.99 for two ballots of only filled boxes). What does is the rest:
a signature is never written twice the same and a hand stamp never lands twice on the same
spot (corpus: cosine at most 0.35 between voters, at least 0.93 for one sheet scanned again at
another resolution, angle or mode). So a sheet is the same when both halves agree, and a page
with no ink outside the level columns is never called a duplicate: there is nothing to tell.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt

from tinnhiem.omr.types import FloatArray, GrayImage, IntArray

HALF = 512  # each half of the fingerprint: 2 KiB; a cosine is estimated within about 0.05
SIZE = 2 * HALF
REDUCTION = 2  # template pixels per cell: 0.5 mm at 100 dpi
FINE_SIGMA = 0.7  # cells: forgives the half-pixel differences between two alignments
COARSE_SIGMA = 3.0  # cells: what is wider than about 3 mm is shading or a filled area
SEED = 20231207
SAME_MIN = 0.8  # both halves at least this alike (corpus: one sheet >= 0.93, voters <= 0.35)
REST_MIN = 1.0  # norm of the second half under which a page carries nothing but marks
MAX_INK_RATIO = 2.5  # one sheet scanned twice has about the same ink (1-bit vs grey: up to 1.8)


def fingerprint(extra: GrayImage, mark_band: GrayImage) -> FloatArray:
    """A SIZE float32 vector of the new-ink image `extra` (template grid, 0..255); `mark_band`
    (1 in the level columns, at 1/REDUCTION of the template size) splits it in two halves."""
    height, width = mark_band.shape
    cropped = extra[: height * REDUCTION, : width * REDUCTION]
    cells = cv2.resize(cropped, (width, height), interpolation=cv2.INTER_AREA)
    ink = cells.astype(np.float32) / 255.0
    band_passed = cv2.GaussianBlur(ink, (0, 0), FINE_SIGMA) - cv2.GaussianBlur(
        ink, (0, 0), COARSE_SIGMA
    )
    buckets, signs = _sketch(height, width)
    halves = buckets + HALF * (mark_band.ravel() == 0)
    sketch = np.bincount(halves, weights=band_passed.ravel() * signs, minlength=SIZE)
    return sketch.astype(np.float32)


def is_same_sheet(fp_a: FloatArray, fp_b: FloatArray) -> bool:
    """True when two fingerprints come from one physical sheet (see the module docstring)."""
    marks, rest = similarity(fp_a, fp_b)
    return marks >= SAME_MIN and rest >= SAME_MIN


def similarity(fp_a: FloatArray, fp_b: FloatArray) -> tuple[float, float]:
    """Cosines of the marks halves and of the rest halves; the rest is 0.0 when either page has
    nothing there or the amounts of ink differ too much to be one sheet."""
    marks = _cosine(fp_a[:HALF], fp_b[:HALF])
    rest_a, rest_b = fp_a[HALF:], fp_b[HALF:]
    norm_a, norm_b = float(np.linalg.norm(rest_a)), float(np.linalg.norm(rest_b))
    if min(norm_a, norm_b) < REST_MIN or max(norm_a, norm_b) > MAX_INK_RATIO * min(norm_a, norm_b):
        return marks, 0.0
    return marks, _cosine(rest_a, rest_b)


def similarity_matrix(fingerprints: FloatArray) -> npt.NDArray[np.bool_]:
    """Pairwise `is_same_sheet` for a stack of fingerprints (n, SIZE); a page is not the same
    as itself."""
    marks = _normalised(fingerprints[:, :HALF])
    rest_norms = np.linalg.norm(fingerprints[:, HALF:], axis=1)
    rest = _normalised(fingerprints[:, HALF:])
    same = (marks @ marks.T >= SAME_MIN) & (rest @ rest.T >= SAME_MIN)
    has_rest = rest_norms >= REST_MIN
    ratio = np.maximum.outer(rest_norms, rest_norms) <= MAX_INK_RATIO * np.minimum.outer(
        rest_norms, rest_norms
    )
    same &= has_rest[:, None] & has_rest[None, :] & ratio
    np.fill_diagonal(same, False)
    return same


def _cosine(a: FloatArray, b: FloatArray) -> float:
    norm = float(np.linalg.norm(a)) * float(np.linalg.norm(b))
    return float(np.dot(a, b)) / norm if norm > 0 else 0.0


def _normalised(vectors: FloatArray) -> FloatArray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: FloatArray = vectors / np.maximum(norms, 1e-9)
    return result


@lru_cache(maxsize=8)
def _sketch(height: int, width: int) -> tuple[IntArray, FloatArray]:
    """Bucket (within a half) and sign of every cell: seeded, so every process and run agree."""
    rng = np.random.default_rng(SEED + height * 10_000 + width)
    buckets = rng.integers(0, HALF, size=height * width).astype(np.int32)
    signs = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=height * width)
    return buckets, signs.astype(np.float32)
