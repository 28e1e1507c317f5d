"""From measured fills to line states. The rules follow Regulation 96-QĐ/TW Art. 6: one box a
person is a vote, none or several make the line invalid; anything the machine cannot be sure of
goes to the counting board, which decides."""

from __future__ import annotations

import numpy as np

from tinnhiem.omr.findings import LineReading, LineState, ReviewReason
from tinnhiem.omr.thresholds import Thresholds
from tinnhiem.omr.types import FloatArray


def classify_line(
    official: int,
    fills: FloatArray,
    cover: FloatArray,
    gaps: FloatArray,
    level_keys: tuple[str, ...],
    thresholds: Thresholds,
) -> LineReading:
    """One line's state from its box fills (one per level), the share of each box interior
    covered by ink (a filled box is covered, an X or a tick is not) and the ink between boxes."""
    rounded = {key: round(float(value), 4) for key, value in zip(level_keys, fills, strict=True)}
    marked = fills >= thresholds.marked_min
    doubtful = (fills > thresholds.empty_max) & ~marked
    filled = cover >= thresholds.filled_min
    count = int(marked.sum())
    reason = ""
    if gaps.size and float(gaps.max()) > thresholds.gap_max:
        reason = ReviewReason.ACROSS_BOXES
    elif doubtful.any():
        reason = ReviewReason.FAINT
    elif count >= 2 and filled[marked].any() and not filled[marked].all():
        reason = ReviewReason.CORRECTION
    if reason:
        return LineReading(official, LineState.REVIEW, None, str(reason), rounded)
    if count == 1:
        level = level_keys[int(np.flatnonzero(marked)[0])]
        return LineReading(official, LineState.LEVEL, level, "", rounded)
    state = LineState.BLANK if count == 0 else LineState.SEVERAL
    return LineReading(official, state, None, "", rounded)
