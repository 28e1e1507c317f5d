"""What reading one scanned page gives: a refusal, or one reading per line and the page flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from tinnhiem.ballotformat import PageCode
from tinnhiem.omr.types import FloatArray, GrayImage


class Refusal(StrEnum):
    """Why a page (or a ballot of the pile) is not read. `label` gives the text for people."""

    NOT_A_BALLOT = "not_a_ballot"  # neither corner marks nor a code: a blank sheet, a photo
    NO_CODE = "no_code"  # corner marks found, the code unreadable (damaged, covered)
    NO_CORNERS = "no_corners"  # the code read, but the four corner marks not all found
    OTHER_SESSION = "other_session"  # a ballot of another session
    UNKNOWN_LAYOUT = "unknown_layout"  # a ballot type or page layout this session never printed
    DUPLICATE = "duplicate"  # a second scan of a sheet already read
    PAGE_MISSING = "page_missing"  # a page of a multi-page ballot is missing from the pile

    @property
    def label(self) -> tuple[str, str]:
        """(Vietnamese, English)."""
        return _REFUSAL_LABELS[self]


_REFUSAL_LABELS = {
    Refusal.NOT_A_BALLOT: ("Không phải phiếu", "Not a ballot"),
    Refusal.NO_CODE: ("Không đọc được mã phiếu", "The page code is unreadable"),
    Refusal.NO_CORNERS: ("Không tìm thấy đủ bốn dấu góc", "The four corner marks were not found"),
    Refusal.OTHER_SESSION: ("Phiếu của phiên khác", "A ballot of another session"),
    Refusal.UNKNOWN_LAYOUT: ("Mẫu phiếu không thuộc phiên này", "Unknown ballot layout"),
    Refusal.DUPLICATE: ("Tờ phiếu đã được quét", "This sheet was already scanned"),
    Refusal.PAGE_MISSING: ("Phiếu thiếu trang", "A page of this ballot is missing"),
}


class LineState(StrEnum):
    LEVEL = "level"  # exactly one box marked, the others clearly empty
    BLANK = "blank"  # no box marked: the line is invalid for this person
    SEVERAL = "several"  # two or more boxes marked: the line is invalid for this person
    REVIEW = "review"  # the board must look: see the reason


class ReviewReason(StrEnum):
    FAINT = "faint"  # a box neither clearly empty nor clearly marked
    ACROSS_BOXES = "across_boxes"  # ink between two boxes: one mark spilling over both
    CORRECTION = "correction"  # a filled-in box beside another mark: a correction?


class Flag(StrEnum):
    """Whole-ballot findings for the board (Regulation 96-QĐ/TW Art. 6: may void the ballot)."""

    NAME_CROSSED = "name_crossed"  # ink across a printed name
    ADDED = "added"  # writing in the header or table outside the boxes
    NO_SEAL = "no_seal"  # no new ink on the seal place (layout 2): the sheet may not be stamped


@dataclass(frozen=True)
class LineReading:
    """One person's line: the state, the level when `LEVEL`, why when `REVIEW`, and each box's
    measured fill (share of the box interior covered by new ink, 0..1)."""

    official: int
    state: LineState
    level: str | None
    reason: str
    fills: dict[str, float]
    is_name_crossed: bool = False


@dataclass
class PageReading:
    """The result of reading one page. `aligned` is the page warped onto the template (grey, at
    `dpi`), kept for crops shown to the board; `fingerprint` identifies the physical sheet."""

    refused: Refusal | None
    code: PageCode | None = None
    lines: list[LineReading] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    aligned: GrayImage | None = None
    fingerprint: FloatArray | None = None
    seconds: float = 0.0
    dpi: int = 100
    upside_down: bool = False

    @property
    def needs_review(self) -> bool:
        return bool(self.flags) or any(line.state is LineState.REVIEW for line in self.lines)

    def same_as(self, other: PageReading) -> bool:
        """Same outcome (refusal, code, lines, flags), ignoring images and timing."""
        return (
            self.refused == other.refused
            and self.code == other.code
            and self.lines == other.lines
            and self.flags == other.flags
            and _same_vector(self.fingerprint, other.fingerprint)
        )


def _same_vector(a: FloatArray | None, b: FloatArray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return bool(np.array_equal(a, b))
