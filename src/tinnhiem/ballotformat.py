"""The printed-ballot contract: what the printer (`documents`) writes on a paper ballot and what
the reader (`omr`), the scanning app (`scans`), the count (`votes`) and the screens read back.
Ballots already printed must still scan, so nothing here may change what it produces: the layout
JSON, the page code and the layout hash are pinned by tests/documents/test_layout_pins.py.

- The page geometry (`BallotLayout`, `PageGeometry`, `LineGeometry`): where the boxes, the name
  cells, the corner marks and the code are, in PDF points from the TOP-LEFT corner of the page.
- `layout_hash`: the first 16 hex digits of SHA-256 over `LAYOUT_TAG`, a newline and the page's
  geometry as canonical JSON (sorted keys, no spaces).
- The page code, printed as a QR code on every page:
  `TN1|s=<session>|t=<ballot type>|p=<page, from 0>|n=<pages>|h=<layout hash>`, session and
  ballot type percent-encoded (`format_code`, `parse_code`). It names a page of a ballot type,
  never a voter or a copy.
- The mark alphabet: one character per line of a ballot, in the order of its list: the level's
  index ("0" for the first level), `BLANK` when no box is marked, `SEVERAL` when several are
  (both make the line invalid for that person), and, while a scanned line waits for the counting
  board, `PENDING`. One character holds ten levels (0-9); every profile has two or three.

Pure: no Django, no numpy, no reportlab.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

LAYOUT_TAG = "tinnhiem/ballot-layout/v1"  # domain separation of the layout hash; v1 is printed
CODE_PREFIX = "TN1"

BLANK = "_"
SEVERAL = "+"
PENDING = "?"
INVALID_LINE = (BLANK, SEVERAL)  # what a line holds when it counts for no level

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the top-left

_HASH = re.compile(r"^[0-9a-f]{16}$")
_NUMBER = re.compile(r"^[0-9]{1,4}$")
_CODE_SAFE = "-_."  # besides letters and digits, what the code keeps unencoded


# ---------------------------------------------------------------- marks


def level_mark(index: int) -> str:
    """The mark of the level at `index` in the profile's order."""
    return str(index)


def mark_level(mark: str) -> int | None:
    """The index of the level a mark stands for; None for `BLANK`, `SEVERAL` and `PENDING`."""
    return int(mark) if len(mark) == 1 and "0" <= mark <= "9" else None


def line_marks(levels: int) -> tuple[str, ...]:
    """Every mark a line of a ballot with `levels` levels may hold once it is decided."""
    return (*(level_mark(i) for i in range(levels)), *INVALID_LINE)


# ---------------------------------------------------------------- geometry


@dataclass(frozen=True)
class LineGeometry:
    """One person's line: the name cell and one box per level, in the order of the levels.
    `official` is the person's position in the ballot's list (from 0)."""

    official: int
    name: Rect
    boxes: tuple[tuple[str, Rect], ...]  # (level key, box)

    @property
    def level_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.boxes)

    @property
    def box_rects(self) -> tuple[Rect, ...]:
        return tuple(rect for _, rect in self.boxes)

    def box(self, level_key: str) -> Rect:
        return dict(self.boxes)[level_key]

    @property
    def bounds(self) -> Rect:
        """The smallest rectangle holding the name cell and every box."""
        rects = [self.name, *self.box_rects]
        return (
            min(r[0] for r in rects),
            min(r[1] for r in rects),
            max(r[2] for r in rects),
            max(r[3] for r in rects),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "official": self.official,
            "name": list(self.name),
            "boxes": {key: list(rect) for key, rect in self.boxes},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LineGeometry:
        boxes = tuple((str(key), _rect(rect)) for key, rect in data["boxes"].items())
        return cls(int(data["official"]), _rect(data["name"]), boxes)


@dataclass(frozen=True)
class PageGeometry:
    """One printed page: its size, its lines, the four corner marks (top-left, top-right,
    bottom-left, bottom-right) and the code with its quiet zone."""

    index: int  # from 0
    width: float
    height: float
    lines: tuple[LineGeometry, ...]
    corners: tuple[Rect, Rect, Rect, Rect]
    code: Rect
    seal: Rect | None = None  # the seal place where the organiser stamps over the text (layout 2)

    @property
    def officials(self) -> tuple[int, ...]:
        return tuple(line.official for line in self.lines)

    def line(self, official: int) -> LineGeometry:
        for line in self.lines:
            if line.official == official:
                return line
        raise KeyError(official)

    def as_json(self) -> dict[str, Any]:
        """The page as the printer has always written it: what `layout_hash` hashes. "seal" is
        written only when the page has one, so a page without it hashes as it always has."""
        data: dict[str, Any] = {
            "index": self.index,
            "width": self.width,
            "height": self.height,
            "lines": [line.as_json() for line in self.lines],
            "corners": [list(rect) for rect in self.corners],
            "code": list(self.code),
        }
        if self.seal is not None:
            data["seal"] = list(self.seal)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PageGeometry:
        """A page as `as_json` wrote it (a layout file written by `tinnhiem ballots --layout`)."""
        tl, tr, bl, br = (_rect(rect) for rect in data["corners"])
        return cls(
            index=int(data["index"]),
            width=float(data["width"]),
            height=float(data["height"]),
            lines=tuple(LineGeometry.from_json(line) for line in data["lines"]),
            corners=(tl, tr, bl, br),
            code=_rect(data["code"]),
            seal=_rect(data["seal"]) if data.get("seal") is not None else None,
        )


@dataclass(frozen=True)
class BallotLayout:
    """Every page of one copy of a ballot type."""

    pages: tuple[PageGeometry, ...]

    def as_json(self) -> dict[str, Any]:
        return {"pages": [page.as_json() for page in self.pages]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BallotLayout:
        return cls(tuple(PageGeometry.from_json(page) for page in data["pages"]))


def _rect(values: Sequence[Any]) -> Rect:
    x0, y0, x1, y1 = values
    return (float(x0), float(y0), float(x1), float(y1))


def layout_hash(page: PageGeometry) -> str:
    """First 16 hex digits of SHA-256 over the tag, a newline and the page's geometry as
    canonical JSON (sorted keys, no spaces): the `h=` field of the page's code. The printer
    puts it in the code; the reader recomputes it from the geometry it was given."""
    canonical = json.dumps(
        page.as_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(f"{LAYOUT_TAG}\n{canonical}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------- the page code


@dataclass(frozen=True)
class PageCode:
    """What a page's code says: which session, ballot type and page, and its layout hash."""

    session_code: str
    ballot_type: str
    page: int  # from 0
    pages: int
    layout_hash: str


def format_code(code: PageCode) -> str:
    """The text of the QR code printed on the page."""
    session = quote(code.session_code, safe=_CODE_SAFE)
    ballot_type = quote(code.ballot_type, safe=_CODE_SAFE)
    return (
        f"{CODE_PREFIX}|s={session}|t={ballot_type}|p={code.page}|n={code.pages}"
        f"|h={code.layout_hash}"
    )


def parse_code(text: str) -> PageCode | None:
    """The fields of a code text, or None when it is not a well-formed tinnhiem page code."""
    parts = text.strip().split("|")
    if len(parts) != 6 or parts[0] != CODE_PREFIX:
        return None
    fields = dict(part.split("=", 1) for part in parts[1:] if "=" in part)
    if set(fields) != {"s", "t", "p", "n", "h"}:
        return None
    if not (_NUMBER.match(fields["p"]) and _NUMBER.match(fields["n"]) and _HASH.match(fields["h"])):
        return None
    page, pages = int(fields["p"]), int(fields["n"])
    if not 0 <= page < pages:
        return None
    return PageCode(unquote(fields["s"]), unquote(fields["t"]), page, pages, fields["h"])
