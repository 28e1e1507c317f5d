"""Reading marked ballots: exact on clear marks whatever the scan, the board asked whenever a
mark is unclear, never a wrong level; whole-ballot flags; every refusal has a fixture."""

from __future__ import annotations

import numpy as np
import pytest

from tinnhiem.omr import Flag, LineState, PageReading, Refusal, ReviewReason

from .conftest import Reader
from .corpus import (
    LinePlan,
    Printed,
    Scan,
    Sheet,
    SheetPlan,
    blank_a4,
    covering_plan,
    make_sheet,
    photo,
    printed,
    random_plan,
    random_scan,
)

SCANS = {
    "upright": (200, Scan()),
    "150dpi-turned": (150, Scan(angle=2.6, noise=4)),
    "300dpi-colour-turned": (300, Scan(angle=-2.9, mode="colour", noise=3)),
    "upside-down": (200, Scan(upside_down=True, angle=1.4, noise=4)),
    "shifted-shrunk": (200, Scan(shift_mm=(4.0, -3.5), scale=0.97, angle=-1.0)),
    "shifted-enlarged": (200, Scan(shift_mm=(-4.0, 3.0), scale=1.03, angle=0.7)),
    "black-and-white": (200, Scan(mode="bw", angle=1.8, noise=5)),
    "streaks": (200, Scan(streak=True, angle=-0.8, noise=4)),
    "low-toner": (200, Scan(low_toner=True, angle=0.5, noise=4)),
    "folded": (200, Scan(fold=True, angle=-1.5, noise=4)),
    "blur-jpeg": (200, Scan(blur=1.0, jpeg=40, angle=2.0, noise=6)),
    "noisy-dark-paper": (200, Scan(noise=9, paper=228, angle=-2.2)),
}


def assert_exact(sheet: Sheet, reading: PageReading) -> None:
    assert reading.refused is None, (reading.refused, sheet.scan)
    got = [(line.official, line.state, line.level) for line in reading.lines]
    for truth, seen, line in zip(sheet.truth, got, reading.lines, strict=True):
        assert seen == truth, (truth, seen, line.fills, line.reason, sheet.scan)
    assert set(reading.flags) == set(sheet.flags), (reading.flags, sheet.scan)


@pytest.mark.parametrize("name", list(SCANS))
def test_clear_marks_are_read_exactly_on_every_kind_of_scan(
    name: str, read: Reader, five: Printed, twenty_five: Printed
) -> None:
    dpi, scan = SCANS[name]
    offset = list(SCANS).index(name)
    for people, page in ((5, 0), (25, 0), (25, 1)):
        lines = len(printed(people).geometry.pages[page].lines)
        plan = covering_plan(lines, offset * 7 + page * 3)
        rng = np.random.default_rng(offset * 10 + people + page)
        sheet = make_sheet(rng, people=people, page=page, dpi=dpi, plan=plan, scan=scan)
        assert_exact(sheet, read(sheet))


def test_every_clear_kind_of_line_is_covered_by_the_scans() -> None:
    seen = set()
    for offset in range(len(SCANS)):
        for _people, page, lines in ((5, 0, 5), (25, 0, 17), (25, 1, 8)):
            plan = covering_plan(lines, offset * 7 + page * 3)
            seen.update((p.kind, p.boxes, p.style, p.tool) for p in plan.lines)
    levels = {(style, tool, boxes) for kind, boxes, style, tool in seen if kind == "level"}
    assert len(levels) == 4 * 2 * 3  # every style, tool and level
    assert {kind for kind, *_ in seen} == {"level", "blank", "several"}


def test_a_600_dpi_scan_is_read_exactly(read: Reader) -> None:
    rng = np.random.default_rng(600)
    sheet = make_sheet(rng, people=5, dpi=600, plan=covering_plan(5, 11), scan=Scan(angle=1.1))
    assert_exact(sheet, read(sheet))


@pytest.mark.parametrize("seed", range(12))
def test_random_voters_on_random_scanners_are_read_exactly(seed: int, read: Reader) -> None:
    rng = np.random.default_rng(7000 + seed)
    people, page = ((5, 0), (25, 0), (25, 1))[seed % 3]
    lines = len(printed(people).geometry.pages[page].lines)
    dpi = (150, 200, 300)[seed % 3]
    sheet = make_sheet(
        rng, people=people, page=page, dpi=dpi, plan=random_plan(rng, lines), scan=random_scan(rng)
    )
    assert_exact(sheet, read(sheet))


@pytest.mark.parametrize("seed", range(16))
def test_unclear_marks_go_to_the_board_and_never_read_as_a_level(seed: int, read: Reader) -> None:
    rng = np.random.default_rng(9000 + seed)
    people, page = ((5, 0), (25, 0), (25, 1))[seed % 3]
    lines = len(printed(people).geometry.pages[page].lines)
    plan = random_plan(rng, lines, mix="hard")
    scan = random_scan(rng)
    sheet = make_sheet(
        rng, people=people, page=page, dpi=(200, 300)[seed % 2], plan=plan, scan=scan
    )
    assert_exact(sheet, read(sheet))  # unclear lines are REVIEW in the truth


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("faint", ReviewReason.FAINT),
        ("across", ReviewReason.ACROSS_BOXES),
        ("correction", ReviewReason.CORRECTION),
    ],
)
def test_each_unclear_kind_gives_its_reason(kind: str, reason: str, read: Reader) -> None:
    rng = np.random.default_rng({"faint": 1, "across": 2, "correction": 3}[kind])
    lines = tuple(
        LinePlan(kind, (i % 3, (i + 1) % 3), ("x", "tick", "filled", "scribble")[i % 4], "pen")
        if kind != "correction"
        else LinePlan(kind, (i % 3, (i + 1) % 3), ("filled", "scribble")[i % 2], "pen")
        for i in range(5)
    )
    sheet = make_sheet(rng, plan=SheetPlan(lines), scan=Scan(angle=0.8, noise=4))
    reading = read(sheet)
    assert [line.state for line in reading.lines] == [LineState.REVIEW] * 5
    assert [line.reason for line in reading.lines] == [str(reason)] * 5
    assert all(line.level is None for line in reading.lines)


def test_a_name_struck_through_flags_the_ballot_and_its_line(read: Reader) -> None:
    for seed, crossed in ((1, 0), (2, 3), (3, 4)):
        rng = np.random.default_rng(seed)
        plan = covering_plan(5, seed, name_crossed=crossed)
        sheet = make_sheet(rng, plan=plan, scan=random_scan(rng, mode="grey"))
        reading = read(sheet)
        assert reading.flags == [Flag.NAME_CROSSED]
        assert [line.is_name_crossed for line in reading.lines] == [i == crossed for i in range(5)]
        assert_exact(sheet, reading)  # the votes are still read; the board decides


@pytest.mark.parametrize("where", ["header", "position"])
def test_writing_added_to_the_ballot_flags_it(where: str, read: Reader) -> None:
    for seed in range(3):
        rng = np.random.default_rng(50 + seed)
        sheet = make_sheet(rng, plan=covering_plan(5, seed, added=where), scan=random_scan(rng))
        reading = read(sheet)
        assert Flag.ADDED in reading.flags
        assert_exact(sheet, reading)


def test_stamp_and_signature_near_the_table_are_not_writing(read: Reader) -> None:
    for seed in range(4):
        rng = np.random.default_rng(80 + seed)
        plan = covering_plan(5, seed, stamp=True, signature=True)
        sheet = make_sheet(rng, plan=plan, scan=random_scan(rng, mode="colour"))
        assert read(sheet).flags == []


def test_a_reading_keeps_the_aligned_page_fingerprint_and_time(read: Reader, five: Printed) -> None:
    sheet = make_sheet(np.random.default_rng(4), plan=covering_plan(5), scan=Scan(angle=2.0))
    reading = read(sheet)
    page = five.template.pages[0]
    assert reading.aligned is not None and reading.aligned.shape == page.reference.shape[:2]
    assert reading.fingerprint is not None and reading.fingerprint.dtype == np.float32
    assert reading.fingerprint.shape == (1024,)
    assert 0 < reading.seconds < 5
    assert reading.code is not None and reading.code.page == 0 and reading.code.pages == 1
    assert read(sheet, keep_aligned="none").aligned is None
    assert read(sheet, keep_aligned="review").aligned is None  # nothing to review here


def test_upside_down_pages_say_so(read: Reader) -> None:
    sheet = make_sheet(np.random.default_rng(5), plan=covering_plan(5), scan=Scan(upside_down=True))
    assert read(sheet).upside_down


# ---------------------------------------------------------------- refusals


def test_a_ballot_of_another_session_is_refused(read: Reader) -> None:
    sheet = make_sheet(np.random.default_rng(1), session="43", plan=covering_plan(5))
    reading = read(sheet)
    assert reading.refused is Refusal.OTHER_SESSION
    assert reading.code is not None and reading.code.session_code == "43"
    assert reading.lines == []


def test_a_ballot_whose_layout_the_session_never_printed_is_refused(read: Reader) -> None:
    six = make_sheet(np.random.default_rng(2), people=6, plan=covering_plan(6))  # same session
    assert read(six).refused is Refusal.UNKNOWN_LAYOUT
    other_type = make_sheet(np.random.default_rng(3), ballot_type="2", plan=covering_plan(5))
    assert read(other_type).refused is Refusal.UNKNOWN_LAYOUT


def test_a_ballot_with_its_code_damaged_is_refused(read: Reader, five: Printed) -> None:
    sheet = make_sheet(np.random.default_rng(4), plan=covering_plan(5), scan=Scan(angle=0.5))
    x0, y0, x1, y1 = (round(v * sheet.dpi / 72) for v in five.geometry.pages[0].code)
    margin = round(6 / 25.4 * sheet.dpi)  # the scan's border
    damaged = sheet.image.copy()
    middle = (y0 + y1) // 2 + margin
    damaged[middle - 40 : middle + 40, x0 + margin : x1 + margin] = 240  # a torn, taped code
    assert read(damaged).refused is Refusal.NO_CODE


def test_a_ballot_with_a_corner_mark_torn_off_is_refused(read: Reader, five: Printed) -> None:
    sheet = make_sheet(np.random.default_rng(5), plan=covering_plan(5), scan=Scan(noise=3))
    x0, _y0, _x1, y1 = (round(v * sheet.dpi / 72) for v in five.geometry.pages[0].corners[1])
    margin = round(6 / 25.4 * sheet.dpi)
    torn = sheet.image.copy()
    torn[: y1 + margin + 10, x0 + margin - 10 :] = 245
    assert read(torn).refused is Refusal.NO_CORNERS


def test_a_blank_page_and_a_photo_are_not_ballots(read: Reader) -> None:
    assert read(blank_a4()).refused is Refusal.NOT_A_BALLOT
    assert read(photo()).refused is Refusal.NOT_A_BALLOT
    assert read(photo(rng=np.random.default_rng(9))).refused is Refusal.NOT_A_BALLOT
    assert read(np.zeros((50, 50), dtype=np.uint8)).refused is Refusal.NOT_A_BALLOT


@pytest.mark.parametrize("seed", range(6))
def test_sheets_printed_in_layout_1_are_read_exactly(seed: int, read_layout_1: Reader) -> None:
    """Sessions opened before layout 2 scan their sheets after the upgrade: stamped under the
    table of the last page, signed, marked by random voters, on random scanners."""
    rng = np.random.default_rng(7500 + seed)
    people, page = ((5, 0), (25, 0), (25, 1))[seed % 3]
    lines = len(printed(people, layout=1).geometry.pages[page].lines)
    sheet = make_sheet(
        rng,
        people=people,
        page=page,
        dpi=(150, 200, 300)[seed % 3],
        plan=random_plan(rng, lines),
        scan=random_scan(rng),
        layout=1,
    )
    assert_exact(sheet, read_layout_1(sheet))


def test_a_layout_1_stamp_under_the_table_and_a_signature_are_not_writing(
    read_layout_1: Reader,
) -> None:
    for seed in range(3):
        rng = np.random.default_rng(85 + seed)
        plan = covering_plan(5, seed, stamp=True, signature=True)
        sheet = make_sheet(rng, plan=plan, scan=random_scan(rng, mode="colour"), layout=1)
        assert read_layout_1(sheet).flags == []


@pytest.mark.parametrize("seed", range(6))
def test_a_sheet_without_its_seal_goes_to_the_board(seed: int, read: Reader) -> None:
    """Layout 2 prints a seal place on every page: a page with no stamp on it is flagged (a sheet
    without the seal is not one the board issued); its marks are still read."""
    rng = np.random.default_rng(8800 + seed)
    people, page = ((5, 0), (25, 0), (25, 1))[seed % 3]
    lines = len(printed(people).geometry.pages[page].lines)
    plan = random_plan(rng, lines, stamp=False)
    sheet = make_sheet(
        rng,
        people=people,
        page=page,
        dpi=(150, 200, 300)[seed % 3],
        plan=plan,
        scan=random_scan(rng),
    )
    assert "no_seal" in sheet.flags
    assert_exact(sheet, read(sheet))


def test_a_layout_1_sheet_has_no_seal_place_to_look_at(read_layout_1: Reader) -> None:
    rng = np.random.default_rng(8900)
    sheet = make_sheet(rng, plan=covering_plan(5, 1, stamp=False), scan=Scan(), layout=1)
    assert read_layout_1(sheet).flags == []
