"""Every number the reader decides with, and why.

Calibrated on the generated corpus (tests/omr/corpus.py): 400 sheets of every kind of line
(pen and pencil X, tick, filled and scribbled boxes; blank and several lines; faint marks,
marks across two boxes, corrections; names struck through; writing added) at 150, 200 and 300
dpi, turned up to 3 degrees or upside down, shifted, scaled 97-103 %, in colour, grey and 1 bit,
with streaks, low toner, folds, blur, JPEG and noise. The figures quoted are the extremes seen
there; each threshold sits between the two populations it separates. Real scans will widen
them: re-run `benchmarks/omr_throughput.py` (it prints the same figures) on a real pile
before changing a value.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds. A box's fill is the mean new-ink weight over its interior (the box
    less 2.5 pt a side): 1.0 a solidly inked interior, 0.0 untouched paper."""

    # Darkness (0 paper, 1 the printed corner marks' black) below which a pixel of a box, a gap
    # or a name is paper: scanner noise, paper grain and JPEG ringing stay under it (noise of
    # 9 grey levels is 0.04); a light pencil line (0.3 and more) does not.
    ink_floor: float = 0.10
    # The same floor for the larger zones (header, table, fingerprint), where a fold's shadow
    # (0.15 to 0.24) would otherwise add up along its length.
    zone_floor: float = 0.22
    # A box whose fill is at most this is empty. Corpus: empty boxes at most 0.0013 (folds and
    # streaks are removed first); the faintest doubtful mark 0.009. Headroom is left for dust.
    empty_max: float = 0.006
    # A box whose fill is at least this is marked. Corpus: the weakest clear mark (a small,
    # light pencil tick) 0.040; doubtful marks (a pen dot, a hesitant light tick) at most 0.030.
    # Between the two bounds a box is doubtful and its line goes to the board.
    marked_min: float = 0.037
    # Share of a box interior covered by solid ink (weight 0.3 and more) from which a marked
    # box counts as filled in. Corpus: X and tick at most 0.47, filled or scribbled out in pen
    # at least 0.57. A filled box beside another marked box is a correction for the board.
    filled_min: float = 0.52
    # Mean new ink in the middle 40 % of the space between two boxes above which one mark
    # spills across both. Corpus: clean marks at most 0.0011, a stroke running into the next
    # box at least 0.014.
    gap_max: float = 0.006
    # New ink across a name cell, in mm² of solid ink, above which the name is struck through.
    # Corpus: untouched names at most 0.0005 (misregistered print, noise), a pencil line through
    # a name (mostly hidden by the bold letters) at least 0.23.
    name_mm2: float = 0.1
    # New ink in the densest 6 mm square of the header and table (outside the level columns,
    # the names, the seal place with its spill and everything under the table), in mm², above
    # which something was written on the ballot. Corpus: clean ballots at most 0.021, a short
    # written word at least 1.1.
    added_mm2: float = 0.5
    # New ink on the seal place (inside its frame), in mm², below which the sheet carries no seal
    # (layout 2; a sheet without the seal is not one the board issued). Corpus (120 sheets, every
    # kind of scan): stamped at least 21.1 (median 27.4), unstamped 0.00. A faint or missed stamp
    # below it goes to the board, the safe direction.
    seal_mm2: float = 5.0
    # A fold or a scanner streak: a straight line of new ink along at least this share of the
    # unprinted length (the print's own ink hides it elsewhere), over 15 % of the page and from
    # end to end (creases.py). Corpus: folds and streaks 0.6 to 1.0; a voter's longest stroke
    # (a name struck through) 0.25, a stroke between boxes along a row 0.1.
    crease_coverage: float = 0.5


DEFAULT_THRESHOLDS = Thresholds()
