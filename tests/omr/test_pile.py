"""Grouping a pile of readings into ballots: whole ballots only, duplicates out, gaps refused."""

from __future__ import annotations

import numpy as np

from tinnhiem.omr import PageCode, PageReading, PileBallot, Refusal, group_pile

from .conftest import Reader
from .corpus import Printed, Scan, covering_plan, make_sheet


def page(number: int, pages: int = 2, ballot_type: str = "1") -> PageReading:
    code = PageCode("42", ballot_type, number, pages, f"{number:016x}")
    return PageReading(None, code, fingerprint=np.zeros(1024, dtype=np.float32))


def refused(refusal: Refusal) -> PageReading:
    return PageReading(refusal)


def test_consecutive_pages_make_ballots() -> None:
    readings = [page(0), page(1), page(0), page(1), page(0, 1)]
    assert group_pile(readings) == [
        PileBallot((0, 1), None, "1"),
        PileBallot((2, 3), None, "1"),
        PileBallot((4,), None, "1"),
    ]


def test_a_ballot_with_a_page_missing_is_refused_for_all_its_pages() -> None:
    readings = [page(0), page(1), page(0), page(0), page(1), page(1)]
    assert group_pile(readings) == [
        PileBallot((0, 1), None, "1"),
        PileBallot((2,), Refusal.PAGE_MISSING, "1"),
        PileBallot((3, 4), None, "1"),
        PileBallot((5,), Refusal.PAGE_MISSING, "1"),
    ]


def test_an_unreadable_page_breaks_a_ballot_but_a_blank_sheet_does_not() -> None:
    readings = [
        page(0),
        refused(Refusal.NOT_A_BALLOT),
        page(1),
        page(0),
        refused(Refusal.NO_CODE),
        page(1),
    ]
    ballots = group_pile(readings)
    assert ballots[0] == PileBallot((0, 2), None, "1")
    assert PileBallot((1,), Refusal.NOT_A_BALLOT) in ballots
    assert PileBallot((3,), Refusal.PAGE_MISSING, "1") in ballots
    assert PileBallot((4,), Refusal.NO_CODE) in ballots
    assert PileBallot((5,), Refusal.PAGE_MISSING, "1") in ballots


def test_pages_of_another_ballot_type_do_not_complete_a_ballot() -> None:
    ballots = group_pile([page(0), page(1, ballot_type="2")])
    assert [b.refused for b in ballots] == [Refusal.PAGE_MISSING, Refusal.PAGE_MISSING]


def test_a_scanned_pile_with_a_missing_page_and_a_rescan(
    read: Reader, twenty_five: Printed
) -> None:
    """Two 2-page ballots; the second ballot's first page scanned twice; a third ballot
    whose second page is missing from the pile."""

    def sheet(voter: int, number: int, angle: float) -> PageReading:
        lines = len(twenty_five.geometry.pages[number].lines)
        rng = np.random.default_rng(voter * 10 + number)
        plan = covering_plan(lines, voter)
        scanned = make_sheet(
            rng,
            people=25,
            page=number,
            plan=plan,
            scan=Scan(angle=angle),
            scan_rng=np.random.default_rng(int(angle * 10) + 50),
        )
        return read(scanned)

    readings = [
        sheet(1, 0, 0.5),
        sheet(1, 1, -0.5),
        sheet(2, 0, 1.0),
        sheet(2, 0, -2.0),
        sheet(2, 1, 0.0),  # page 0 fed twice
        sheet(3, 0, 0.2),  # its page 1 is missing
    ]
    ballots = group_pile(readings)
    assert ballots == [
        PileBallot((0, 1), None, "1"),
        PileBallot((2, 4), None, "1"),
        PileBallot((3,), Refusal.DUPLICATE, "1", duplicate_of=2),
        PileBallot((5,), Refusal.PAGE_MISSING, "1"),
    ]
    assert len(ballots[0].lines(readings)) == 25
