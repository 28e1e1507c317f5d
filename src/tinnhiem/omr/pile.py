"""From a pile of page readings, in scan order, to ballots.

A ballot of n pages is its pages 0..n-1 one after another in the pile (the way a board feeds a
stapled ballot). A second scan of a sheet already read is refused as a duplicate and does not
interrupt anything; neither does a page that is not a ballot (a separator sheet, the blank back
of a duplex scan). Anything else that breaks the sequence leaves the ballot incomplete: all its
pages are refused with `PAGE_MISSING`, never counted in part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tinnhiem.ballotformat import PageCode
from tinnhiem.omr.duplicates import similarity_matrix
from tinnhiem.omr.findings import LineReading, PageReading, Refusal
from tinnhiem.omr.types import FloatArray


@dataclass(frozen=True)
class PileBallot:
    """One ballot of the pile (its page indexes in scan order), or one refused page."""

    pages: tuple[int, ...]
    refused: Refusal | None = None
    ballot_type: str | None = None
    duplicate_of: int | None = None  # for DUPLICATE: the page this one scans again

    def lines(self, readings: Sequence[PageReading]) -> list[LineReading]:
        """Every line of the ballot, in the order of its pages."""
        return [line for index in self.pages for line in readings[index].lines]

    def flags(self, readings: Sequence[PageReading]) -> list[str]:
        """The whole-ballot flags raised on any of its pages, once each."""
        return sorted({flag for index in self.pages for flag in readings[index].flags})


def find_duplicates(readings: Sequence[PageReading]) -> dict[int, int]:
    """Page index -> the earlier page it is a second scan of. Only pages read under the same
    code (session, type, page, layout) are compared."""
    groups: dict[PageCode, list[tuple[int, FloatArray]]] = defaultdict(list)
    for index, reading in enumerate(readings):
        if reading.refused is None and reading.code and reading.fingerprint is not None:
            groups[reading.code].append((index, reading.fingerprint))
    duplicates: dict[int, int] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        members = [index for index, _ in group]
        same = similarity_matrix(np.stack([print_ for _, print_ in group]))
        for position, index in enumerate(members):
            earlier = [
                members[j]
                for j in np.flatnonzero(same[position, :position]).tolist()
                if members[j] not in duplicates
            ]
            if earlier:
                duplicates[index] = earlier[0]
    return duplicates


def group_pile(readings: Sequence[PageReading]) -> list[PileBallot]:
    """The ballots and refused pages of a pile, ordered by their first page."""
    grouper = _Grouper(readings)
    duplicates = find_duplicates(readings)
    for index, reading in enumerate(readings):
        if index in duplicates:
            code = _code(reading)
            grouper.add(
                PileBallot((index,), Refusal.DUPLICATE, code.ballot_type, duplicates[index])
            )
        elif reading.refused is Refusal.NOT_A_BALLOT:
            grouper.add(PileBallot((index,), Refusal.NOT_A_BALLOT))
        elif reading.refused is not None:
            grouper.close_incomplete()
            ballot_type = reading.code.ballot_type if reading.code else None
            grouper.add(PileBallot((index,), reading.refused, ballot_type))
        else:
            grouper.place(index, _code(reading))
    grouper.close_incomplete()
    return sorted(grouper.result, key=lambda ballot: ballot.pages[0])


class _Grouper:
    """The ballots found so far and the pages of the ballot being assembled."""

    def __init__(self, readings: Sequence[PageReading]) -> None:
        self.readings = readings
        self.result: list[PileBallot] = []
        self.open: list[int] = []

    def add(self, ballot: PileBallot) -> None:
        self.result.append(ballot)

    def close_incomplete(self) -> None:
        if self.open:
            ballot_type = _code(self.readings[self.open[0]]).ballot_type
            self.add(PileBallot(tuple(self.open), Refusal.PAGE_MISSING, ballot_type))
            self.open = []

    def place(self, index: int, code: PageCode) -> None:
        """Add a readable page to the open ballot, start one, or refuse it as an orphan."""
        if not (self.open and _follows(_code(self.readings[self.open[-1]]), code)):
            self.close_incomplete()
            if code.page != 0:
                self.add(PileBallot((index,), Refusal.PAGE_MISSING, code.ballot_type))
                return
        self.open.append(index)
        if len(self.open) == code.pages:
            self.add(PileBallot(tuple(self.open), None, code.ballot_type))
            self.open = []


def _follows(previous: PageCode, code: PageCode) -> bool:
    return code.page == previous.page + 1 and (code.session_code, code.ballot_type, code.pages) == (
        previous.session_code,
        previous.ballot_type,
        previous.pages,
    )


def _code(reading: PageReading) -> PageCode:
    if reading.code is None:
        raise ValueError("a page without a code has no place in a ballot")
    return reading.code
