"""Bands, thresholds and input errors at their edges (reference-results.md, constructed cases)."""

from __future__ import annotations

import pytest

from tinnhiem.rules import (
    NO_BAND,
    CollectedExceedsIssued,
    CountExceedsBallots,
    CountLine,
    InvalidCount,
    MembersRequired,
    SessionFigures,
    TallyResult,
    load_profile,
    percent,
    quorum_met,
    tally,
)


def low_line(low: int, base: int, *, row: int | None = None) -> CountLine:
    return CountLine(
        name="A", position="", counts={"high": 0, "confidence": base - low, "low": low}, row=row
    )


def band_of(profile: str, low: int, base: int) -> str:
    figures = SessionFigures(members=base, collected=base)
    return tally(load_profile(profile), figures, [low_line(low, base)]).people[0].band_key


@pytest.mark.parametrize("profile", ["qd96", "nq96"])
@pytest.mark.parametrize(
    ("low", "band"),
    [
        (0, NO_BAND),
        (24, NO_BAND),  # exactly one half is not "trên 1/2"
        (25, "low_over_half"),
        (31, "low_over_half"),
        (32, "low_two_thirds"),  # exactly two thirds is "từ 2/3 trở lên"
        (48, "low_two_thirds"),
    ],
)
def test_base_48_under_collected_base_profiles(profile: str, low: int, band: str) -> None:
    assert band_of(profile, low, 48) == band


@pytest.mark.parametrize(
    ("low", "band"),
    [(24, NO_BAND), (25, "low_over_half"), (32, "low_over_half"), (33, "low_two_thirds")],
)
def test_nq35_top_band_is_strictly_above_two_thirds(low: int, band: str) -> None:
    assert band_of("nq35", low, 48) == band


@pytest.mark.parametrize(
    ("low", "band"),
    [(24, NO_BAND), (25, "low_over_half"), (32, "low_two_thirds")],
)
def test_nq85_top_band_is_two_thirds_or_more(low: int, band: str) -> None:
    assert band_of("nq85", low, 48) == band


def test_nq35_and_nq85_compare_on_all_members_not_ballots() -> None:
    # 30 low of 48 collected is over half of the ballots, but not of 60 members
    figures = SessionFigures(members=60, collected=48)
    result = tally(load_profile("nq85"), figures, [low_line(30, 48)])
    assert result.base == 60
    assert result.people[0].band_key == NO_BAND
    assert result.people[0].percent["low"] == "50.00"


def test_base_800_one_vote_rounds_half_up() -> None:
    assert percent(1, 800) == "0.13"
    result = tally(load_profile("nq96"), SessionFigures(collected=800), [low_line(1, 800)])
    assert result.people[0].percent["low"] == "0.13"


@pytest.mark.parametrize(("count", "base", "text"), [(0, 0, "0.00"), (7, 7, "100.00")])
def test_percent_limits(count: int, base: int, text: str) -> None:
    assert percent(count, base) == text


def test_counts_above_collected_name_the_row_and_the_line() -> None:
    line = CountLine(name="A", position="", counts={"high": 40, "confidence": 30, "low": 12}, row=7)
    with pytest.raises(CountExceedsBallots) as caught:
        tally(load_profile("nq96"), SessionFigures(collected=81), [line])
    assert caught.value.row == 7
    assert caught.value.field == "high+confidence+low"
    assert "Row 7" in caught.value.message and "Dòng 7" in caught.value.message


def test_invalid_lines_count_towards_the_line_total() -> None:
    line = CountLine(
        name="A", position="", counts={"high": 40, "confidence": 30, "low": 10}, invalid=2, row=3
    )
    with pytest.raises(CountExceedsBallots) as caught:
        tally(load_profile("nq96"), SessionFigures(collected=81), [line])
    assert caught.value.field == "high+confidence+low+invalid"


def test_one_count_above_collected_names_its_level() -> None:
    line = CountLine(name="A", position="", counts={"high": 90}, row=4)
    with pytest.raises(CountExceedsBallots) as caught:
        tally(load_profile("nq96"), SessionFigures(collected=81), [line])
    assert (caught.value.row, caught.value.field) == (4, "high")


@pytest.mark.parametrize("bad", [-1, True, 1.5, "3"])
def test_a_count_that_is_not_a_whole_number_is_refused(bad: object) -> None:
    line = CountLine(name="A", position="", counts={"low": bad}, row=5)  # type: ignore[dict-item]
    with pytest.raises(InvalidCount) as caught:
        tally(load_profile("nq96"), SessionFigures(collected=10), [line])
    assert (caught.value.row, caught.value.field) == (5, "low")


def test_a_negative_invalid_count_is_refused() -> None:
    line = CountLine(name="A", position="", counts={"low": 1}, invalid=-1, row=2)
    with pytest.raises(InvalidCount) as caught:
        tally(load_profile("nq96"), SessionFigures(collected=10), [line])
    assert caught.value.field == "invalid"


def test_a_level_the_profile_does_not_have_is_refused() -> None:
    line = CountLine(name="A", position="", counts={"no_confidence": 1}, row=2)
    with pytest.raises(InvalidCount) as caught:
        tally(load_profile("nq96"), SessionFigures(collected=10), [line])
    assert caught.value.field == "no_confidence"


@pytest.mark.parametrize("profile", ["nq85", "nq35", "nq96-bpt"])
def test_members_base_without_members_is_refused(profile: str) -> None:
    with pytest.raises(MembersRequired) as caught:
        tally(load_profile(profile), SessionFigures(collected=10), [])
    assert "--members" in caught.value.message


def test_collected_above_members_is_refused() -> None:
    with pytest.raises(CountExceedsBallots):
        tally(load_profile("nq85"), SessionFigures(members=100, collected=101), [])


def test_collected_above_issued_is_refused() -> None:
    with pytest.raises(CollectedExceedsIssued) as caught:
        tally(load_profile("nq96"), SessionFigures(issued=80, collected=81), [])
    assert caught.value.field == "collected"


def test_collected_left_out_is_the_largest_line_total_and_marked_inferred() -> None:
    lines = [low_line(2, 50), low_line(1, 47)]
    result = tally(load_profile("qd96"), SessionFigures(), lines)
    assert (result.collected, result.issued, result.is_collected_inferred) == (50, 50, True)


@pytest.mark.parametrize(
    ("summoned", "present", "is_met"),
    [(30, 20, True), (30, 19, False), (31, 21, True), (31, 20, False), (3, 2, True), (0, 0, True)],
)
def test_qd96_quorum_is_two_thirds_of_those_summoned(
    summoned: int, present: int, is_met: bool
) -> None:
    assert quorum_met(load_profile("qd96"), summoned=summoned, present=present) is is_met


def test_profiles_without_quorum_always_meet_it() -> None:
    assert quorum_met(load_profile("nq96"), summoned=500, present=1)


def no_confidence_result(profile: str, no: int, base: int) -> TallyResult:
    line = CountLine(name="A", position="", counts={"confidence": base - no, "no_confidence": no})
    return tally(load_profile(profile), SessionFigures(members=base, collected=base), [line])


@pytest.mark.parametrize("profile", ["qd96-bpt", "nq96-bpt"])
@pytest.mark.parametrize(
    ("no", "band"), [(0, NO_BAND), (24, NO_BAND), (25, "no_confidence_over_half")]
)
def test_no_confidence_profiles(profile: str, no: int, band: str) -> None:
    result = no_confidence_result(profile, no, 48)
    assert result.profile.level_keys == ("confidence", "no_confidence")
    assert result.profile.kind == "no_confidence"
    assert result.people[0].band_key == band


def test_nq96_bpt_counts_on_all_members() -> None:
    # 26 "không tín nhiệm" of 50 ballots is over half of them, but not of 60 deputies
    line = CountLine(name="A", position="", counts={"confidence": 24, "no_confidence": 26})
    figures = SessionFigures(members=60, collected=50)
    assert tally(load_profile("nq96-bpt"), figures, [line]).people[0].band is None
    assert tally(load_profile("qd96-bpt"), figures, [line]).people[0].band is not None


@pytest.mark.parametrize(
    ("profile", "low", "calls", "next_profile"),
    [
        ("nq96", 25, True, "nq96-bpt"),
        ("nq96", 32, False, "nq96-bpt"),  # dismissal is proposed without a further vote
        ("qd96", 25, True, "qd96-bpt"),
        ("nq85", 32, True, "nq96-bpt"),
        ("nq35", 25, False, "nq96-bpt"),  # only two years running
        ("nq35", 33, True, "nq96-bpt"),
    ],
)
def test_bands_that_call_for_a_no_confidence_vote(
    profile: str, low: int, calls: bool, next_profile: str
) -> None:
    figures = SessionFigures(members=48, collected=48)
    result = tally(load_profile(profile), figures, [low_line(low, 48)])
    official = result.to_dict()["officials"][0]
    assert official["calls_for_no_confidence_vote"] is calls
    assert result.profile.no_confidence_profile == next_profile
    assert load_profile(next_profile).kind == "no_confidence"
