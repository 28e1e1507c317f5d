"""Reading a pile of pages on every core, and cutting images out of a reading for the board.

Pages go to a process pool a few at a time (a 1000-page PDF is never all in memory), through
shared memory (a worker reads a page in place: pickling 4 MB a page would cost the feeding
process a core), and the readings come back in the order the pages came in. Each worker gets
the templates once, when it starts; OpenCV runs single-threaded in a worker, so cores are not
oversubscribed. Workers start from a fork server (never a fork of a process that may hold
OpenCV's threads), so a script calling `read_pages` needs the usual `if __name__ == "__main__"`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.shared_memory import SharedMemory

import cv2
import numpy as np

from tinnhiem.ballotformat import Rect
from tinnhiem.omr.findings import PageReading
from tinnhiem.omr.interpret import read_page
from tinnhiem.omr.template import BallotTemplate
from tinnhiem.omr.thresholds import DEFAULT_THRESHOLDS, Thresholds
from tinnhiem.omr.types import GrayImage

IN_FLIGHT_PER_PROCESS = 3  # pages queued per worker: keeps workers busy, bounds memory
_worker: dict[str, object] = {}
_attached: dict[str, SharedMemory] = {}


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def read_pages(
    pages: Iterable[GrayImage],
    templates: Mapping[tuple[str, str], BallotTemplate],
    *,
    expected_session: str,
    processes: int | None = None,
    progress: Callable[[int], None] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    keep_aligned: str = "all",
) -> list[PageReading]:
    """`read_page` for every page, on `processes` processes (default: every core), in order.
    `progress` is called with the number of pages read so far after each page."""
    processes = processes or available_cores()
    options = (dict(templates), expected_session, thresholds, keep_aligned)
    if processes <= 1:
        return _sequential(pages, options, progress)
    readings: list[PageReading] = []
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tinnhiem.omr.interpret"])
    blocks = _Blocks()
    with ProcessPoolExecutor(processes, context, initializer=_start, initargs=options) as pool:
        waiting: deque[tuple[SharedMemory, Future[PageReading]]] = deque()
        try:
            for page in pages:
                block = blocks.take(np.asarray(page, dtype=np.uint8))
                waiting.append((block, pool.submit(_read_shared, block.name, page.shape)))
                if len(waiting) >= processes * IN_FLIGHT_PER_PROCESS:
                    _collect(waiting.popleft(), blocks, readings, progress)
            while waiting:
                _collect(waiting.popleft(), blocks, readings, progress)
        finally:
            blocks.close()
    return readings


def _sequential(
    pages: Iterable[GrayImage],
    options: tuple[dict[tuple[str, str], BallotTemplate], str, Thresholds, str],
    progress: Callable[[int], None] | None,
) -> list[PageReading]:
    templates, session, thresholds, keep = options
    readings = []
    for page in pages:
        readings.append(
            read_page(
                page, templates, expected_session=session, thresholds=thresholds, keep_aligned=keep
            )
        )
        if progress:
            progress(len(readings))
    return readings


def _collect(
    item: tuple[SharedMemory, Future[PageReading]],
    blocks: _Blocks,
    readings: list[PageReading],
    progress: Callable[[int], None] | None,
) -> None:
    block, future = item
    readings.append(future.result())
    blocks.give_back(block)
    if progress:
        progress(len(readings))


class _Blocks:
    """Shared-memory blocks, reused page after page: fresh memory would cost a page fault per
    4 KiB in both processes, more than the copy itself."""

    def __init__(self) -> None:
        self.free: list[SharedMemory] = []
        self.made: list[SharedMemory] = []

    def take(self, page: GrayImage) -> SharedMemory:
        """A block holding a copy of `page`."""
        block = next((b for b in self.free if b.size >= page.nbytes), None)
        if block is None:
            block = SharedMemory(create=True, size=max(1, page.nbytes))
            self.made.append(block)
        else:
            self.free.remove(block)
        np.ndarray(page.shape, dtype=np.uint8, buffer=block.buf)[...] = page
        return block

    def give_back(self, block: SharedMemory) -> None:
        self.free.append(block)

    def close(self) -> None:
        for block in self.made:
            block.close()
            block.unlink()


def _start(
    templates: dict[tuple[str, str], BallotTemplate],
    session: str,
    thresholds: Thresholds,
    keep_aligned: str,
) -> None:
    cv2.setNumThreads(1)
    _worker.update(templates=templates, session=session, thresholds=thresholds, keep=keep_aligned)


def _read_shared(name: str, shape: tuple[int, ...]) -> PageReading:
    if name not in _attached:  # a worker keeps its views of the blocks it has seen
        _attached[name] = SharedMemory(name=name)
    page = np.ndarray(shape, dtype=np.uint8, buffer=_attached[name].buf)
    return read_page(
        page,
        _worker["templates"],  # type: ignore[arg-type]
        expected_session=str(_worker["session"]),
        thresholds=_worker["thresholds"],  # type: ignore[arg-type]
        keep_aligned=str(_worker["keep"]),
    )


def crop_png(reading: PageReading, rect_pt: Rect, *, pad_pt: float = 6.0) -> bytes:
    """PNG of a region of the aligned page (points from the page's top-left, like the layout
    geometry), with `pad_pt` around it: what the board looks at to decide a line."""
    if reading.aligned is None:
        raise ValueError("the reading kept no aligned page (refused, or keep_aligned)")
    scale = reading.dpi / 72.0
    height, width = reading.aligned.shape
    x0, y0, x1, y1 = rect_pt
    left = int(np.clip(np.floor((x0 - pad_pt) * scale), 0, width))
    top = int(np.clip(np.floor((y0 - pad_pt) * scale), 0, height))
    right = int(np.clip(np.ceil((x1 + pad_pt) * scale), 0, width))
    bottom = int(np.clip(np.ceil((y1 + pad_pt) * scale), 0, height))
    if right <= left or bottom <= top:
        raise ValueError("the region lies outside the page")
    ok, data = cv2.imencode(".png", reading.aligned[top:bottom, left:right])
    if not ok:
        raise ValueError("the crop could not be encoded")
    return bytes(data.tobytes())
