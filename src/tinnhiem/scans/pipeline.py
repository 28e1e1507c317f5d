"""From scanned pages to sheets: the reader over every page (streamed to a pool on all cores),
the pile grouped into ballots (`omr.pile`), second scans of sheets read in an earlier batch
refused, and a picture kept of everything the board must decide. Only `Outcome.save` touches the
database."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pypdfium2
from PIL import Image

from tinnhiem.ballotformat import BLANK, PENDING, SEVERAL, PageGeometry, Rect, level_mark
from tinnhiem.omr.duplicates import is_same_sheet
from tinnhiem.omr.errors import PageTooLarge
from tinnhiem.omr.findings import LineState, PageReading
from tinnhiem.omr.images import load_images
from tinnhiem.omr.parallel import crop_png, read_pages
from tinnhiem.omr.pile import PileBallot, group_pile
from tinnhiem.omr.template import BallotTemplate, template_map
from tinnhiem.scans.models import Refusal, ReviewItem, ScanBatch, ScanFile, ScannedBallot, ScanPage
from tinnhiem.votes.models import VoteSession

SYMBOLS = {LineState.BLANK: BLANK, LineState.SEVERAL: SEVERAL}


@dataclass
class PageRecord:
    file: ScanFile
    index: int
    sha256: str = ""
    refusal: str = ""
    detail: str = ""
    fingerprint: bytes = b""
    ballot_page: int = 0
    sheet: int | None = None  # position in Outcome.sheets


@dataclass
class Sheet:
    block: str
    marks: str
    reviews: list[tuple[int | None, str, str, bytes]] = field(default_factory=list)


@dataclass
class Summary:
    pages: int
    sheets: int
    refused: dict[str, int]
    reviews: int

    def text(self) -> str:
        refused = sum(self.refused.values())
        return (
            f"Đã đọc {self.pages} trang: {self.sheets} phiếu được nhận, {refused} trang bị từ chối, "
            f"{self.reviews} trường hợp chờ Ban kiểm phiếu. / Read {self.pages} pages: "
            f"{self.sheets} ballots accepted, {refused} pages refused, {self.reviews} cases for "
            "the board."
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "sheets": self.sheets,
            "refused": self.refused,
            "reviews": self.reviews,
        }


@dataclass
class Outcome:
    records: list[PageRecord]
    sheets: list[Sheet]

    def save(self, session: VoteSession) -> Summary:
        blocks = {b.code: b for b in session.blocks.all()}
        saved = []
        for sheet in self.sheets:
            ballot = ScannedBallot.objects.create(
                session=session,
                block=blocks[sheet.block],
                marks=sheet.marks,
                is_pending=bool(sheet.reviews),
            )
            ReviewItem.objects.bulk_create(
                ReviewItem(ballot=ballot, line=line, reason=reason, proposal=proposal, crop=crop)
                for line, reason, proposal, crop in sheet.reviews
            )
            saved.append(ballot)
        ScanPage.objects.bulk_create(
            ScanPage(
                file=r.file,
                session=session,
                index=r.index,
                sha256=r.sha256,
                refusal=r.refusal,
                detail=r.detail[:300],
                fingerprint=r.fingerprint,
                ballot_page=r.ballot_page,
                ballot=None if r.sheet is None else saved[r.sheet],
            )
            for r in self.records
        )
        refused = Counter(r.refusal for r in self.records if r.refusal)
        return Summary(
            len(self.records), len(saved), dict(refused), sum(len(s.reviews) for s in self.sheets)
        )


def read_batch(
    batch: ScanBatch,
    templates: list[BallotTemplate],
    *,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Read every page of the batch's files, in the order they were given."""
    session = batch.session
    files = list(batch.files.all())
    total = sum(count_pages(f) for f in files)
    records: list[PageRecord] = []
    unreadable: list[PageRecord] = []

    def pages() -> Iterator[np.ndarray]:
        for scan_file in files:
            with scan_file.content.open("rb") as handle:
                content = handle.read()
            try:
                for index, gray in enumerate(load_images(scan_file.name, content)):
                    records.append(
                        PageRecord(scan_file, index, hashlib.sha256(gray.tobytes()).hexdigest())
                    )
                    yield gray
            except PageTooLarge as exc:  # the pages before it are read; none after it
                unreadable.append(
                    PageRecord(scan_file, exc.number - 1, "", Refusal.UNREADABLE, str(exc))
                )
            except ValueError as exc:
                unreadable.append(PageRecord(scan_file, 0, "", Refusal.UNREADABLE, str(exc)))

    by_key = template_map(templates)
    readings = read_pages(
        pages(),
        by_key,
        expected_session=str(session.pk),
        processes=processes,
        progress=(lambda done: progress(done, max(total, done))) if progress else None,
        keep_aligned="review",
    )
    sheets = _sheets(records, readings, by_key, _Earlier(session))
    return Outcome(records + unreadable, sheets)


def _sheets(
    records: list[PageRecord],
    readings: list[PageReading],
    templates: Mapping[tuple[str, str], BallotTemplate],
    earlier: _Earlier,
) -> list[Sheet]:
    sheets: list[Sheet] = []
    for record, reading in zip(records, readings, strict=True):
        if reading.fingerprint is not None:
            record.fingerprint = np.asarray(reading.fingerprint, dtype=np.float32).tobytes()
        if reading.code is not None:
            record.ballot_page = reading.code.page
    for ballot in group_pile(readings):
        pages = [records[i] for i in ballot.pages]
        if ballot.refused is None and earlier.has(ballot, readings):
            _refuse(pages, Refusal.DUPLICATE, "đã quét ở lần trước / read in an earlier batch")
        elif ballot.refused is not None:
            _refuse(pages, ballot.refused.value, "")
        else:
            for record in pages:
                record.sheet = len(sheets)
            sheets.append(_sheet(ballot, readings, templates))
    return sheets


def _refuse(pages: list[PageRecord], refusal: str, detail: str) -> None:
    for record in pages:
        record.refusal, record.detail = refusal, detail


def _sheet(
    ballot: PileBallot,
    readings: list[PageReading],
    templates: Mapping[tuple[str, str], BallotTemplate],
) -> Sheet:
    """The marks of one ballot (`tinnhiem.ballotformat`): a level's mark, BLANK, SEVERAL, or
    PENDING for the board."""
    first = readings[ballot.pages[0]]
    assert first.code is not None and ballot.ballot_type is not None
    levels = templates[(first.code.ballot_type, first.code.layout_hash)].level_keys
    marks: dict[int, str] = {}
    reviews: list[tuple[int | None, str, str, bytes]] = []
    for index in ballot.pages:
        reading = readings[index]
        geometry = _geometry(reading, templates)
        for line in reading.lines:
            if line.state is LineState.LEVEL and line.level in levels:
                marks[line.official] = level_mark(levels.index(line.level))
            elif line.state in SYMBOLS:
                marks[line.official] = SYMBOLS[line.state]
            else:
                marks[line.official] = PENDING
                proposal = level_mark(levels.index(line.level)) if line.level in levels else ""
                reviews.append(
                    (
                        line.official,
                        line.reason or "faint",
                        proposal,
                        crop_png(reading, _line_rect(geometry, line.official)),
                    )
                )
        for flag in reading.flags:
            reviews.append((None, flag, "", crop_png(reading, _page_rect(geometry))))
    size = max(marks, default=-1) + 1
    return Sheet(ballot.ballot_type, "".join(marks.get(i, PENDING) for i in range(size)), reviews)


def _geometry(
    reading: PageReading, templates: Mapping[tuple[str, str], BallotTemplate]
) -> PageGeometry:
    assert reading.code is not None
    template = templates[(reading.code.ballot_type, reading.code.layout_hash)]
    page = template.page(reading.code.layout_hash)
    assert page is not None
    return page.geometry


def _line_rect(geometry: PageGeometry, official: int) -> Rect:
    return geometry.line(official).bounds


def _page_rect(geometry: PageGeometry) -> Rect:
    return (0.0, 0.0, geometry.width, geometry.height)


class _Earlier:
    """Fingerprints of the sheets accepted in earlier batches, by (ballot type, page)."""

    def __init__(self, session: VoteSession) -> None:
        self.seen: dict[tuple[str, int], list[np.ndarray]] = {}
        rows = ScanPage.objects.filter(
            session=session, refusal="", ballot__isnull=False
        ).values_list("ballot__block__code", "ballot_page", "fingerprint")
        for block, page, fingerprint in rows:
            if fingerprint:
                self.seen.setdefault((block, page), []).append(
                    np.frombuffer(bytes(fingerprint), dtype=np.float32)
                )

    def has(self, ballot: PileBallot, readings: list[PageReading]) -> bool:
        """All pages of the ballot are second scans of pages accepted before."""
        for index in ballot.pages:
            reading = readings[index]
            if reading.code is None or reading.fingerprint is None:
                return False
            earlier = self.seen.get((reading.code.ballot_type, reading.code.page), [])
            if not any(is_same_sheet(reading.fingerprint, other) for other in earlier):
                return False
        return True


def count_pages(scan_file: ScanFile) -> int:
    """How many pages a file holds, cheaply, for the progress bar."""
    name = scan_file.name.lower()
    try:
        with scan_file.content.open("rb") as handle:
            content = handle.read()
        if name.endswith(".pdf"):
            return len(pypdfium2.PdfDocument(content))
        if name.endswith((".tif", ".tiff")):
            return int(getattr(Image.open(io.BytesIO(content)), "n_frames", 1))
    except Exception:
        return 1
    return 1
