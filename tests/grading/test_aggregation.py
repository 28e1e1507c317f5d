"""Quarterly and annual grades from monthly ones, and the annual rules at each edge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from tinnhiem.grading import (
    AggregationError,
    AnnualFacts,
    AnnualStatus,
    PeriodGrade,
    PersonPeriods,
    QuotaStatus,
    aggregate,
    annual_grade,
    grade_quarter,
    grade_year,
    parse_scheme,
)

from .support import HANOI, NATIONAL, PARTY

ON_TIME = date(2025, 12, 10)


def months(*totals: str | int) -> tuple[PeriodGrade, ...]:
    """Monthly results with Hanoi grades read from the totals."""
    result = []
    for total in totals:
        value = Decimal(str(total)).quantize(Decimal("0.01"))
        band = next(b.key for b in HANOI.bands if value >= (b.at_least or 0))
        result.append(PeriodGrade(total=value, grade=band))
    return tuple(result)


def year(
    facts: AnnualFacts, *totals: str | int, graded_on: date = ON_TIME
) -> tuple[str, str | None]:
    result = annual_grade(HANOI, months(*totals), facts, graded_on=graded_on)
    return result.status.value, result.grade


def test_the_average_of_monthly_totals_is_exact_and_rounded_once() -> None:
    # 90 and 89.99 average to 89.995: half up, 90.00, grade A
    result = aggregate(HANOI, months(90, "89.99"))
    assert (result.total, result.grade) == (Decimal("90.00"), "A")
    assert result.notes[0].en == "Average of 2 periods: 90.00 points: grade A"
    assert aggregate(HANOI, months(90, "89.98")).grade == "B"  # 89.99
    assert aggregate(HANOI, months(*[95] * 6, *[84] * 6)).total == Decimal("89.50")


def test_a_quarter_from_its_months_with_its_own_quota() -> None:
    people = [
        PersonPeriods(name=f"P{i}", unit="U", periods=months(95 - i, 94 - i, 93 - i))
        for i in range(4)
    ]
    people += [PersonPeriods(name=f"Q{i}", unit="U", periods=months(80, 80)) for i in range(6)]
    result = grade_quarter(HANOI, people)
    assert [p.grade for p in result.people[:4]] == ["A", "A", "A", "B"]
    assert result.people[3].quota is QuotaStatus.DEMOTED
    assert result.people[0].total == Decimal("94.00")


def test_a_quarter_has_one_to_three_months() -> None:
    with pytest.raises(AggregationError, match="1 to 3 months, not 4"):
        grade_quarter(HANOI, [PersonPeriods(name="P", unit="U", periods=months(90, 90, 90, 90))])
    with pytest.raises(AggregationError, match="no monthly scores"):
        grade_quarter(PARTY, [])


@pytest.mark.parametrize(
    ("in_post", "expected"),
    [(12, "graded"), (6, "graded"), (Decimal("5.9"), "not_graded"), (5, "not_graded")],
)
def test_fewer_than_six_months_worked_is_not_graded(in_post: int | Decimal, expected: str) -> None:
    status, grade_key = year(AnnualFacts(months_in_post=in_post), *[95] * 5)
    assert status == expected
    assert (grade_key is None) == (expected == "not_graded")


@pytest.mark.parametrize(
    ("absent", "expected"),
    [
        (0, ("graded", "A")),
        (Decimal("2.9"), ("graded", "A")),
        (3, ("graded", "C")),
        (5, ("graded", "C")),
        (Decimal("5.99"), ("graded", "C")),
        (6, ("not_graded", None)),
        (7, ("not_graded", None)),
    ],
)
def test_absence_caps_at_completed_from_three_months_and_stops_grading_at_six(
    absent: int | Decimal, expected: tuple[str, str | None]
) -> None:
    assert year(AnnualFacts(months_absent=absent), *[95] * 6) == expected


def test_the_absence_cap_never_raises_a_lower_grade_and_explains_itself() -> None:
    assert year(AnnualFacts(months_absent=4), *[40] * 8) == ("graded", "D")
    result = annual_grade(HANOI, months(*[95] * 8), AnnualFacts(months_absent=4), graded_on=ON_TIME)
    assert result.notes[-1].en == "Absent 4 months (3 to under 6): no better than grade C"
    assert result.notes[-1].vi == "Nghỉ 4 tháng (từ 3 đến dưới 6 tháng): không cao hơn loại C"


def test_maternity_leave_is_graded_on_the_months_worked() -> None:
    facts = AnnualFacts(months_maternity=8)  # 4 months worked: under 6, but maternity
    result = annual_grade(HANOI, months(95, 96, 94, 95), facts, graded_on=ON_TIME)
    assert (result.status, result.grade, result.total) == (
        AnnualStatus.GRADED,
        "A",
        Decimal("95.00"),
    )
    assert result.notes[0].en == "Maternity leave of 8 months: graded on the 4 months worked"
    # maternity is not an absence: no cap at "completed"
    assert year(AnnualFacts(months_maternity=4), *[95] * 8) == ("graded", "A")


def test_maternity_leave_with_no_month_worked_is_not_graded() -> None:
    result = annual_grade(HANOI, (), AnnualFacts(months_maternity=12), graded_on=ON_TIME)
    assert result.status is AnnualStatus.NOT_GRADED
    assert result.notes[-1].en == "No period was assessed in the year: not graded"


def test_maternity_with_a_real_absence_still_caps() -> None:
    facts = AnnualFacts(months_maternity=5, months_absent=3)
    assert year(facts, *[95] * 4) == ("graded", "C")


def test_a_scheme_may_count_maternity_as_absence() -> None:
    text = _hanoi_text().replace(
        "maternity_on_time_worked = true", "maternity_on_time_worked = false"
    )
    scheme = parse_scheme(text, source="strict.toml")
    result = annual_grade(
        scheme, months(*[95] * 8), AnnualFacts(months_maternity=4), graded_on=ON_TIME
    )
    assert result.grade == "C"


@pytest.mark.parametrize(
    ("graded_on", "is_late"),
    [(date(2025, 12, 14), False), (date(2025, 12, 15), True), (date(2025, 12, 31), True)],
)
def test_the_annual_grading_is_due_before_15_december(graded_on: date, is_late: bool) -> None:
    result = annual_grade(HANOI, months(*[80] * 11), graded_on=graded_on)
    assert result.is_late is is_late
    assert result.grade == "B"  # late is marked, not refused
    if is_late:
        assert result.notes[0].en.startswith(f"Graded on {graded_on.isoformat()}, not before")


@pytest.mark.parametrize(
    "facts",
    [
        AnnualFacts(months_in_post=13),
        AnnualFacts(months_absent=-1),
        AnnualFacts(months_in_post=6, months_absent=4, months_maternity=3),
    ],
)
def test_months_that_do_not_add_up_are_refused(facts: AnnualFacts) -> None:
    with pytest.raises(AggregationError, match="months do not add up"):
        annual_grade(HANOI, months(90), facts, graded_on=ON_TIME)


def test_more_than_twelve_results_or_an_unknown_grade_are_refused() -> None:
    with pytest.raises(AggregationError, match="13 period results"):
        annual_grade(HANOI, months(*[90] * 13), graded_on=ON_TIME)
    with pytest.raises(AggregationError, match="no grade 'Z'"):
        aggregate(HANOI, (PeriodGrade(total=Decimal(90), grade="Z"),))
    with pytest.raises(AggregationError, match="does not aggregate"):
        aggregate(PARTY, (PeriodGrade(total=None, grade="good"),))
    with pytest.raises(AggregationError, match="no annual rules"):
        annual_grade(PARTY, (), graded_on=ON_TIME)


def test_national_excellent_for_the_year_needs_the_conditions_stated_for_the_year() -> None:
    quarters = tuple(PeriodGrade(total=Decimal(95), grade="excellent") for _ in range(4))
    bare = annual_grade(NATIONAL, quarters, graded_on=ON_TIME)
    assert bare.grade == "good"
    met = annual_grade(
        NATIONAL,
        quarters,
        graded_on=ON_TIME,
        conditions={"on_time": True, "beyond_share": Fraction(1, 3)},
    )
    assert met.grade == "excellent"
    disciplined = annual_grade(
        NATIONAL, quarters, graded_on=ON_TIME, disqualifying=frozenset({"discipline"})
    )
    assert disciplined.grade == "not_completed"


def test_a_year_for_a_unit_with_the_annual_quota_and_those_not_graded() -> None:
    people = [
        PersonPeriods(name=f"A{i}", unit="U", periods=months(*[96 - i] * 12)) for i in range(4)
    ]
    people += [PersonPeriods(name=f"B{i}", unit="U", periods=months(*[80] * 12)) for i in range(6)]
    people.append(
        PersonPeriods(
            name="New", unit="U", periods=months(99, 99), facts=AnnualFacts(months_in_post=2)
        )
    )
    result = grade_year(HANOI, people, graded_on=ON_TIME)
    assert [p.grade for p in result.graded.people[:4]] == ["A", "A", "A", "B"]
    assert result.graded.quota_use[0].base == 10  # the one not graded is not in the base
    (new,) = result.not_graded
    assert new.name == "New" and "not graded" in new.notes[-1].en
    data = result.to_dict()
    assert data["not_graded"][0]["name"] == "New" and data["late"] is False


def test_the_share_rule() -> None:
    scheme = parse_scheme(SHARE, source="share.toml")
    nine = tuple(PeriodGrade(None, "A") for _ in range(9)) + tuple(
        PeriodGrade(None, "C") for _ in range(3)
    )
    assert aggregate(scheme, nine).grade == "A"  # 9 of 12 = 3/4
    eight = tuple(PeriodGrade(None, "A") for _ in range(8)) + tuple(
        PeriodGrade(None, "C") for _ in range(4)
    )
    result = aggregate(scheme, eight)
    assert result.grade == "B"  # 8 at B or better, of 12: at least one half
    assert result.notes[0].en == "8 of 12 periods at grade B or better (50% needed): grade B"
    low = tuple(PeriodGrade(None, "C") for _ in range(12))
    assert aggregate(scheme, low).grade == "C"
    assert aggregate(scheme, low).total is None


def _hanoi_text() -> str:
    from importlib import resources

    return resources.files("tinnhiem.grading").joinpath("schemes/hanoi.toml").read_text("utf-8")


SHARE = """
key = "share"
title_vi = "Theo tỷ lệ tháng"
input = "grade"
[[bands]]
key = "A"
label_vi = "Xuất sắc"
[[bands]]
key = "B"
label_vi = "Tốt"
[[bands]]
key = "C"
label_vi = "Đạt"
[aggregation]
rule = "share"
[aggregation.share]
A = "3/4"
B = "1/2"
"""
