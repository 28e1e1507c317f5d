"""From scanned pages to sheets: run the reader over the pages (in chunks, on all cores), refuse
what cannot count, find second scans of a sheet, group pages into ballots, and keep for the
board a picture of everything doubtful. Only `Outcome.save` touches the database."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tinnhiem.scans.models import (
    Refusal,
    ReviewItem,
    ScanBatch,
    ScanFile,
    ScannedBallot,
    ScanPage,
)
from tinnhiem.votes.models import VoteSession

CHUNK = 24  # pages per pool round: bounds memory whatever the size of the pile


@dataclass
class PageRecord:
    file: ScanFile
    index: int
    sha256: str
    refusal: str = ""
    detail: str = ""
    fingerprint: bytes = b""
    block: str = ""
    page: int = 0
    pages: int = 1
    marks: dict[int, str] = field(default_factory=dict)  # line (official) -> mark
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
            f"{self.reviews} trường hợp chờ Ban kiểm phiếu. / Read {self.pages} pages: {self.sheets} "
            f"ballots accepted, {refused} pages refused, {self.reviews} cases for the board."
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

    def save(self, session: VoteSession) -> Summary:
        blocks = {b.code: b for b in session.blocks.all()}
        sheets, reviews = 0, 0
        for group in _sheets(self.records):
            first = group[0]
            marks: dict[int, str] = {}
            for record in group:
                marks.update(record.marks)
            items = [item for record in group for item in record.reviews]
            size = max(marks, default=-1) + 1
            ballot = ScannedBallot.objects.create(
                session=session,
                block=blocks[first.block],
                marks="".join(marks.get(i, "?") for i in range(size)),
                is_pending=bool(items),
            )
            ReviewItem.objects.bulk_create(
                ReviewItem(ballot=ballot, line=line, reason=reason, proposal=proposal, crop=crop)
                for line, reason, proposal, crop in items
            )
            for record in group:
                record.sheet = ballot  # type: ignore[attr-defined]
            sheets += 1
            reviews += len(items)
        ScanPage.objects.bulk_create(
            ScanPage(
                file=r.file,
                session=session,
                index=r.index,
                sha256=r.sha256,
                refusal=r.refusal,
                detail=r.detail[:300],
                fingerprint=r.fingerprint,
                ballot_page=r.page,
                ballot=getattr(r, "sheet", None),
            )
            for r in self.records
        )
        refused = Counter(r.refusal for r in self.records if r.refusal)
        return Summary(len(self.records), sheets, dict(refused), reviews)


def _sheets(records: list[PageRecord]) -> Iterator[list[PageRecord]]:
    """Accepted pages grouped into ballots: pages 0..n-1 of one ballot type, one after another.
    A run that breaks off is refused whole as a ballot with a page missing."""
    run: list[PageRecord] = []

    def close(run: list[PageRecord]) -> Iterator[list[PageRecord]]:
        if not run:
            return
        if len(run) == run[0].pages:
            yield run
            return
        for record in run:
            record.refusal = Refusal.PAGE_MISSING
            record.detail = f"{len(run)}/{run[0].pages}"

    for record in (r for r in records if not r.refusal):
        expected = not run or (record.block == run[0].block and record.page == len(run))
        if record.page == 0 or not expected:
            yield from close(run)
            run = []
        run.append(record)
        if len(run) == record.pages:
            yield from close(run)
            run = []
    yield from close(run)


def read_batch(
    batch: ScanBatch,
    templates: dict[tuple[str, str], Any],
    pages: Iterable[Any],
    *,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    from tinnhiem.omr.parallel import read_pages

    session = batch.session
    total = sum(count_pages(f) for f in batch.files.all())
    seen = _Fingerprints(session)
    records: list[PageRecord] = []
    chunk: list[Any] = []
    levels = next(iter(templates.values())).level_keys if templates else ()

    def flush() -> None:
        if not chunk:
            return
        readings = read_pages(
            [p.gray for p in chunk],
            templates,
            expected_session=str(session.pk),
            processes=processes,
        )
        for page, reading in zip(chunk, readings, strict=True):
            records.append(_record(page, reading, levels, seen))
        chunk.clear()
        if progress:
            progress(len(records), max(total, len(records)))

    for page in pages:
        if isinstance(page, tuple):  # (file, message): the file could not be read
            scan_file, message = page
            records.append(PageRecord(scan_file, 0, "", Refusal.UNREADABLE, message))
            continue
        chunk.append(page)
        if len(chunk) >= CHUNK:
            flush()
    flush()
    return Outcome(records)


def _record(page: Any, reading: Any, levels: tuple[str, ...], seen: _Fingerprints) -> PageRecord:
    from tinnhiem.omr.parallel import crop_png
    from tinnhiem.omr.reader import LineState

    record = PageRecord(page.file, page.index, page.sha256)
    if reading.refused is not None:
        record.refusal = str(reading.refused.value)
        record.detail = getattr(reading, "detail", "") or ""
        return record
    code = reading.code
    record.block, record.page, record.pages = code.ballot_type, code.page, code.pages
    fingerprint = np.asarray(reading.fingerprint, dtype=np.float32)
    record.fingerprint = fingerprint.tobytes()
    if seen.is_duplicate(record.block, record.page, fingerprint):
        record.refusal = Refusal.DUPLICATE
        return record
    symbols = {LineState.BLANK: "_", LineState.SEVERAL: "+"}
    for line in reading.lines:
        if line.state == LineState.LEVEL:
            record.marks[line.official] = str(levels.index(line.level))
        elif line.state in symbols:
            record.marks[line.official] = symbols[line.state]
        else:
            record.marks[line.official] = "?"
            proposal = str(levels.index(line.level)) if line.level in levels else ""
            record.reviews.append(
                (
                    line.official,
                    line.reason,
                    proposal,
                    crop_png(reading, _line_rect(reading, line.official)),
                )
            )
    for flag in reading.flags:
        record.reviews.append((None, flag, "", crop_png(reading, _table_rect(reading))))
    return record


def _page_geometry(reading: Any) -> dict[str, Any]:
    return reading.geometry  # type: ignore[no-any-return]


def _line_rect(reading: Any, official: int) -> tuple[float, float, float, float]:
    for line in _page_geometry(reading)["lines"]:
        if line["official"] == official:
            rects = [line["name"], *line["boxes"].values()]
            return (
                min(r[0] for r in rects),
                min(r[1] for r in rects),
                max(r[2] for r in rects),
                max(r[3] for r in rects),
            )
    raise KeyError(official)


def _table_rect(reading: Any) -> tuple[float, float, float, float]:
    geometry = _page_geometry(reading)
    return (0.0, 0.0, float(geometry["width"]), float(geometry["height"]))


class _Fingerprints:
    """Second scans of a sheet already read, in this batch or before, compared on the image."""

    def __init__(self, session: VoteSession) -> None:
        self.seen: dict[tuple[str, int], list[np.ndarray]] = {}
        rows = (
            ScanPage.objects.filter(session=session, refusal="")
            .exclude(ballot=None)
            .select_related("ballot__block")
        )
        for page in rows:
            assert page.ballot is not None  # excluded above
            key = (page.ballot.block.code, page.ballot_page)
            self.seen.setdefault(key, []).append(
                np.frombuffer(bytes(page.fingerprint), dtype=np.float32)
            )

    def is_duplicate(self, block: str, page: int, fingerprint: np.ndarray) -> bool:
        from tinnhiem.omr.duplicates import is_same_sheet

        earlier = self.seen.setdefault((block, page), [])
        if any(is_same_sheet(fingerprint, other) for other in earlier):
            return True
        earlier.append(fingerprint)
        return False


def count_pages(scan_file: ScanFile) -> int:
    """How many pages a file holds, cheaply, for the progress bar."""
    name = scan_file.name.lower()
    try:
        with scan_file.content.open("rb") as handle:
            content = handle.read()
        if name.endswith(".pdf"):
            import pypdfium2

            return len(pypdfium2.PdfDocument(content))
        if name.endswith((".tif", ".tiff")):
            from PIL import Image

            return int(getattr(Image.open(io.BytesIO(content)), "n_frames", 1))
    except Exception:
        return 1
    return 1
