"""Targets against plan: exact percentages and verdicts by direction."""

from decimal import Decimal

import pytest

from tinnhiem.steering import (
    Assessment,
    Direction,
    ValueProblem,
    Verdict,
    parse_amount,
    parse_direction,
    percent_of_plan,
    verdict,
)


def test_the_articles_figures():
    # new members admitted in 2021: 10,027 of 9,744 planned (102.9 %)
    assert percent_of_plan(Decimal(10027), Decimal(9744)) == "102.90"
    # private firms 2022: 99 new party organisations = 145.6 % (a plan of 68)
    assert percent_of_plan(Decimal(99), Decimal(68)) == "145.59"


def test_half_up_at_the_boundary():
    assert percent_of_plan(Decimal(1), Decimal(800)) == "0.13"  # 0.125 → 0.13
    assert percent_of_plan(Decimal(2), Decimal(3)) == "66.67"
    assert percent_of_plan(Decimal("97.5"), Decimal("100")) == "97.50"
    assert percent_of_plan(Decimal("0.005"), Decimal("1")) == "0.50"


def test_plan_of_zero_has_no_percentage():
    assert percent_of_plan(Decimal(5), Decimal(0)) is None
    assert verdict(Decimal(0), Decimal(0), Direction.AT_LEAST) is Verdict.MET
    assert verdict(Decimal(1), Decimal(0), Direction.AT_MOST) is Verdict.NOT_MET


def test_verdict_by_direction_on_exact_values():
    assert verdict(Decimal(10001), Decimal(10000), Direction.AT_LEAST) is Verdict.EXCEEDED
    assert percent_of_plan(Decimal(100001), Decimal(100000)) == "100.00"
    assert verdict(Decimal(100001), Decimal(100000), Direction.AT_LEAST) is Verdict.EXCEEDED
    assert verdict(Decimal(9999), Decimal(10000), Direction.AT_LEAST) is Verdict.NOT_MET
    assert verdict(Decimal(3), Decimal(5), Direction.AT_MOST) is Verdict.EXCEEDED
    assert verdict(Decimal(5), Decimal(5), Direction.AT_MOST) is Verdict.MET
    assert verdict(Decimal(6), Decimal(5), Direction.AT_MOST) is Verdict.NOT_MET


def test_amounts_as_typed():
    assert parse_amount("97,5") == Decimal("97.5")
    assert parse_amount("9290") == Decimal(9290)
    assert parse_amount(9290) == Decimal(9290)
    assert parse_amount(97.5) == Decimal("97.5")
    for bad in ("9 290", "abc", "-3", "1e3", "", "NaN"):
        with pytest.raises(ValueProblem) as caught:
            parse_amount(bad, row=4, column="Kế hoạch")
        assert caught.value.row == 4 and caught.value.field == "Kế hoạch"


def test_directions_as_typed():
    assert parse_direction("") is Direction.AT_LEAST
    assert parse_direction("Không thấp hơn") is Direction.AT_LEAST
    assert parse_direction("không vượt quá") is Direction.AT_MOST
    assert parse_direction("at_most") is Direction.AT_MOST
    with pytest.raises(ValueProblem):
        parse_direction("sideways")


def test_assessment_as_json():
    row = Assessment("Kết nạp đảng viên", "2022", Decimal(9290), Decimal(10100), Direction.AT_LEAST)
    assert row.as_dict() == {
        "indicator": "Kết nạp đảng viên",
        "period": "2022",
        "plan": 9290,
        "actual": 10100,
        "percent": "108.72",
        "verdict": "exceeded",
    }
