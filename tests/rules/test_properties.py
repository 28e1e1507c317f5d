"""Properties of the exact arithmetic, checked against Decimal and Fraction on random inputs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinnhiem.rules import (
    CountExceedsBallots,
    CountLine,
    Profile,
    SessionFigures,
    band_for,
    load_profile,
    percent,
    tally,
)

PROFILES = {key: load_profile(key) for key in ("qd96", "nq96", "nq85", "nq35")}
profile_keys = st.sampled_from(sorted(PROFILES))


@st.composite
def count_and_base(draw: st.DrawFn) -> tuple[int, int]:
    base = draw(st.integers(min_value=1, max_value=10**6))
    return draw(st.integers(min_value=0, max_value=base)), base


@st.composite
def split(draw: st.DrawFn, total_max: int = 2000) -> tuple[int, tuple[int, int, int], int]:
    """A base, three counts and an invalid count that fit in it."""
    base = draw(st.integers(min_value=1, max_value=total_max))
    high = draw(st.integers(min_value=0, max_value=base))
    confidence = draw(st.integers(min_value=0, max_value=base - high))
    low = draw(st.integers(min_value=0, max_value=base - high - confidence))
    invalid = draw(st.integers(min_value=0, max_value=base - high - confidence - low))
    return base, (high, confidence, low), invalid


def counts_of(values: tuple[int, int, int]) -> dict[str, int]:
    return dict(zip(("high", "confidence", "low"), values, strict=True))


@given(count_and_base())
def test_percent_is_decimal_half_up(pair: tuple[int, int]) -> None:
    count, base = pair
    expected = (Decimal(count * 100) / Decimal(base)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert percent(count, base) == str(expected)


@given(profile_keys, st.integers(min_value=1, max_value=3000), st.data())
def test_band_is_monotone_in_the_low_count(key: str, base: int, data: st.DataObject) -> None:
    profile = PROFILES[key]
    low = data.draw(st.integers(min_value=0, max_value=base - 1))
    order = [None, *(band.key for band in profile.bands)]

    def rank(count: int) -> int:
        band = band_for(profile, {"low": count}, base)
        return order.index(band.key if band else None)

    assert rank(low) <= rank(low + 1)


def expected_band(profile: Profile, low: int, base: int) -> str | None:
    reached = None
    for band in profile.bands:
        share = Fraction(low, base)
        if share > band.threshold or (band.inclusive and share == band.threshold):
            reached = band.key
    return reached


@given(profile_keys, count_and_base())
def test_band_agrees_with_fraction_comparison(key: str, pair: tuple[int, int]) -> None:
    low, base = pair
    profile = PROFILES[key]
    band = band_for(profile, {"low": low}, base)
    assert (band.key if band else None) == expected_band(profile, low, base)


@given(profile_keys, split())
def test_level_percentages_sum_to_the_valid_share(
    key: str, drawn: tuple[int, tuple[int, int, int], int]
) -> None:
    base, values, invalid = drawn
    line = CountLine(name="A", position="", counts=counts_of(values), invalid=invalid)
    figures = SessionFigures(members=base, collected=base)
    person = tally(PROFILES[key], figures, [line]).people[0]
    total = sum(Fraction(Decimal(text)) for text in person.percent.values())
    levels = len(person.percent)
    assert abs(total - Fraction(person.valid * 100, base)) <= Fraction(levels, 100)
    assert person.valid == sum(values)


@given(profile_keys, st.lists(split(), min_size=1, max_size=5), st.integers(0, 50))
def test_tally_never_raises_for_valid_inputs(
    key: str, drawn: list[tuple[int, tuple[int, int, int], int]], extra_members: int
) -> None:
    collected = max(base for base, _, _ in drawn)
    lines = [
        CountLine(name=f"P{i}", position="", counts=counts_of(values), invalid=invalid, row=i)
        for i, (_, values, invalid) in enumerate(drawn, start=2)
    ]
    figures = SessionFigures(
        members=collected + extra_members, issued=collected + 1, collected=collected
    )
    result = tally(PROFILES[key], figures, lines)
    assert len(result.people) == len(lines)


@given(profile_keys, split(), st.integers(min_value=1, max_value=100))
def test_tally_always_raises_for_a_line_above_collected(
    key: str, drawn: tuple[int, tuple[int, int, int], int], over: int
) -> None:
    _, values, invalid = drawn
    high, confidence, low = values
    collected = high + confidence + low + invalid
    bad = CountLine(
        name="A", position="", counts=counts_of((high + over, confidence, low)), invalid=invalid
    )
    figures = SessionFigures(members=collected + over, collected=collected)
    with pytest.raises(CountExceedsBallots):
        tally(PROFILES[key], figures, [bad])
