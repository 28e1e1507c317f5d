"""Properties of grading on random inputs: monotone bands, caps never exceeded, and outcomes that
do not depend on the order of the input."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tinnhiem.grading import (
    GradingResult,
    QuotaStatus,
    Scheme,
    ScoreLine,
    assess,
    grade,
)
from tinnhiem.grading.numbers import Rounding, round_fraction

from .support import HANOI, NATIONAL, hanoi_line, national_line

hundredths = st.integers(min_value=0, max_value=10_000).map(lambda n: Decimal(n).scaleb(-2))
schemes = st.sampled_from([HANOI, NATIONAL])


def line_for(scheme: Scheme, name: str, total: Decimal, unit: str, group: str) -> ScoreLine:
    if scheme is HANOI:
        return hanoi_line(name, total, unit)
    return national_line(name, total, unit, group)


@given(schemes, hundredths, hundredths)
def test_grades_are_monotone_in_the_total(scheme: Scheme, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    rank_low = scheme.rank(assess(scheme, line_for(scheme, "L", low, "U", "G")).grade)
    rank_high = scheme.rank(assess(scheme, line_for(scheme, "H", high, "U", "G")).grade)
    assert rank_high <= rank_low


@given(
    st.fractions(min_value=0, max_value=1000, max_denominator=10**6),
    st.integers(min_value=0, max_value=4),
)
def test_rounding_an_average_matches_decimal_half_up(value: Fraction, places: int) -> None:
    with localcontext(prec=60):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert round_fraction(value, places, Rounding.HALF_UP) == expected
    assert round_fraction(value, places, Rounding.DOWN) <= value


@st.composite
def populations(draw: st.DrawFn) -> tuple[Scheme, list[ScoreLine], set[str]]:
    """Up to 40 people in up to 3 units and 2 groups, totals on a coarse grid so ties happen."""
    scheme = draw(schemes)
    size = draw(st.integers(min_value=1, max_value=40))
    lines = []
    for i in range(size):
        total = Decimal(draw(st.integers(min_value=60, max_value=100)) // 2 * 2)
        unit = f"U{draw(st.integers(min_value=1, max_value=3))}"
        group = f"G{draw(st.integers(min_value=1, max_value=2))}"
        lines.append(line_for(scheme, f"P{i}", total, unit, group))
    units = {line.unit for line in lines}
    outstanding = draw(st.sets(st.sampled_from(sorted(units)))) if scheme is HANOI else set()
    return scheme, lines, outstanding


def top_kept(result: GradingResult, band: str) -> Counter[tuple[str, ...]]:
    per = result.scheme.quotas[0].per
    return Counter(
        tuple(p.unit if k == "unit" else p.group for k in per)
        for p in result.people
        if p.grade == band and p.quota is QuotaStatus.OK
    )


@settings(max_examples=200)
@given(populations())
def test_the_cap_is_never_exceeded_after_the_step(
    case: tuple[Scheme, list[ScoreLine], set[str]],
) -> None:
    scheme, lines, outstanding = case
    result = grade(scheme, lines, outstanding_units=outstanding)
    band = scheme.quotas[0].band
    kept = top_kept(result, band)
    for use in result.quota_use:
        key = tuple(v for v in (use.unit, use.group) if v is not None)
        assert kept[key] == use.kept <= use.allowed
        assert use.kept + use.demoted + use.flagged == use.candidates
        if use.flagged:
            assert use.kept < use.allowed < use.kept + use.flagged


@settings(max_examples=200)
@given(populations(), st.randoms(use_true_random=False))
def test_outcomes_do_not_depend_on_the_order_of_the_input(
    case: tuple[Scheme, list[ScoreLine], set[str]], random: object
) -> None:
    scheme, lines, outstanding = case
    shuffled = list(lines)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    first = grade(scheme, lines, outstanding_units=outstanding)
    second = grade(scheme, shuffled, outstanding_units=outstanding)

    def by_person(result: GradingResult) -> dict[str, tuple[object, ...]]:
        return {p.person: (p.total, p.grade, p.quota, p.reason_en) for p in result.people}

    assert by_person(first) == by_person(second)
    assert sorted(map(repr, first.quota_use)) == sorted(map(repr, second.quota_use))


@settings(max_examples=200)
@given(populations())
def test_deciding_every_tie_fills_the_cap_exactly(
    case: tuple[Scheme, list[ScoreLine], set[str]],
) -> None:
    scheme, lines, outstanding = case
    first = grade(scheme, lines, outstanding_units=outstanding)
    decisions: set[str] = set()
    for use in first.quota_use:
        if use.flagged:
            tied = sorted(
                p.person
                for p in first.people
                if p.quota is QuotaStatus.FLAGGED
                and p.unit == use.unit
                and (use.group is None or p.group == use.group)
            )
            decisions.update(tied[: use.allowed - use.kept])
    decided = grade(scheme, lines, outstanding_units=outstanding, decisions=decisions)
    assert decided.is_complete
    for use in decided.quota_use:
        assert use.kept == min(use.allowed, use.candidates)
