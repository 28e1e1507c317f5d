"""A long ruled table laid out one page at a time.

reportlab's `Table` splits at a page break by copying every row left into a new table and
measuring them all again, so a table of n rows over n/30 pages costs n²/30: the appendix of
10,000 tasks took 2.9 times as long as that of 5,000. `PagedTable` keeps the rows, their
heights measured once and their running sums; at each page break it finds by bisection how many
rows fit and makes a `Table` of the head and those rows only. The pages are the ones reportlab's
own split prints (the same rule: a row that does not fit whole goes to the next page, the head
is repeated, never left alone at the foot of a page), in time linear in the rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle


class MeasuredParagraph(Paragraph):  # type: ignore[misc]
    """A table cell's paragraph, broken into lines once: its height is measured for the page
    layout, then the table measures it again, at the same width, when it draws it."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # the lines depend on the width only, never on the height left
        if self._wrapped is None or self._wrapped[0] != availWidth:
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]


class PagedTable(Flowable):  # type: ignore[misc]
    """`head` (one row, repeated on every page) over `body`, with each row's height given."""

    def __init__(
        self,
        head: Sequence[object],
        body: Sequence[Sequence[object]],
        *,
        widths: Sequence[float],
        head_height: float,
        heights: Sequence[float],
        style: TableStyle,
        _ends: Sequence[float] | None = None,
        _start: int = 0,
    ) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as a Table
        self._head = head
        self._body = body
        self._widths = list(widths)
        self._head_height = head_height
        self._heights = heights
        self._style = style
        # _ends[i]: the height of the first i rows of the body; shared by every page's rest
        self._ends = _ends if _ends is not None else [0.0, *accumulate(heights)]
        self._start = _start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self._widths)
        self.height = self._head_height + self._ends[-1] - self._ends[self._start]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The rows that fit under the head on this page as a Table, then the rest; nothing
        when not even the head and one row fit (the whole goes to the next page)."""
        room = availHeight - self._head_height
        end = bisect_right(self._ends, self._ends[self._start] + room) - 1
        if end <= self._start:
            return []
        if end >= len(self._body):
            return [self._table(self._start, len(self._body))]
        rest = PagedTable(
            self._head,
            self._body,
            widths=self._widths,
            head_height=self._head_height,
            heights=self._heights,
            style=self._style,
            _ends=self._ends,
            _start=end,
        )
        return [self._table(self._start, end), rest]

    def draw(self) -> None:
        table = self._table(self._start, len(self._body))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def _table(self, start: int, end: int) -> Table:
        table = Table(
            [self._head, *self._body[start:end]],
            colWidths=self._widths,
            repeatRows=1,
            rowHeights=[self._head_height, *self._heights[start:end]],
        )
        table.setStyle(self._style)
        return table
