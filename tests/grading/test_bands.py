"""Totals and bands: exact sums, the rounding rule, every band edge, and scores refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tinnhiem.grading import ScoreError, ScoreLine, assess, parse_scheme, total_of

from .support import HANOI, NATIONAL, hanoi_line, national_line


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "A"),
        ("90", "A"),
        ("90.00", "A"),
        ("89.99", "B"),
        ("89.5", "B"),
        ("70", "B"),
        ("69.99", "C"),
        ("69.5", "C"),
        ("69", "C"),
        ("50", "C"),
        ("49.99", "D"),
        ("49.5", "D"),
        ("49", "D"),
        ("0", "D"),
    ],
)
def test_hanoi_band_edges(total: str, grade: str) -> None:
    assessment = assess(HANOI, hanoi_line("A", total))
    assert assessment.total == Decimal(total)
    assert assessment.grade == grade


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("90", "excellent"),
        ("89.99", "good"),
        ("70", "good"),
        ("69.99", "completed"),
        ("69", "completed"),
        ("50", "completed"),
        ("49.99", "not_completed"),
        ("49", "not_completed"),
    ],
)
def test_national_band_edges(total: str, grade: str) -> None:
    assert assess(NATIONAL, national_line("A", total)).grade == grade


def test_the_total_is_exact_where_a_float_sum_is_not() -> None:
    # 10.6 + 69.6 + 9.8 is 89.99999999999999 in binary floating point: a B
    scores = {
        "discipline": Decimal("10.6"),
        "performance": Decimal("69.6"),
        "bonus": Decimal("9.8"),
    }
    assert 10.6 + 69.6 + 9.8 < 90
    assert total_of(HANOI, scores) == Decimal("90.00")
    assert assess(HANOI, ScoreLine(name="A", unit="U", scores=scores)).grade == "A"


def test_totals_are_rounded_half_up_to_two_places_before_banding() -> None:
    scores = {"discipline": Decimal(20), "performance": Decimal("69.995"), "bonus": Decimal(0)}
    assert total_of(HANOI, scores) == Decimal("90.00")
    scores["performance"] = Decimal("69.994")
    assert total_of(HANOI, scores) == Decimal("89.99")


def test_rounding_down_never_lifts_a_total_into_a_band() -> None:
    text = CUSTOM.replace('mode = "half_up"', 'mode = "down"')
    scheme = parse_scheme(text, source="down.toml")
    line = ScoreLine(name="A", unit="U", scores={"work": Decimal("89.999")})
    assert (assess(scheme, line).total, assess(scheme, line).grade) == (Decimal("89.99"), "fair")
    half_up = parse_scheme(CUSTOM, source="custom.toml")
    assert (assess(half_up, line).total, assess(half_up, line).grade) == (Decimal("90.00"), "good")


def test_a_bonus_may_be_left_out_and_counts_as_zero() -> None:
    scores = {"discipline": Decimal(20), "performance": Decimal(70)}
    assert total_of(HANOI, scores) == Decimal("90.00")


def test_max_total_caps_what_bonus_points_can_reach() -> None:
    scheme = parse_scheme(CUSTOM, source="custom.toml")
    line = ScoreLine(name="A", unit="U", scores={"work": Decimal(98), "extra": Decimal(5)})
    assert assess(scheme, line).total == Decimal("100.00")


@pytest.mark.parametrize(
    ("scores", "field", "words"),
    [
        ({"discipline": "20.01", "performance": "70"}, "discipline", "above the maximum of 20"),
        ({"discipline": "20", "performance": "70.5"}, "performance", "above the maximum of 70"),
        ({"discipline": "20", "performance": "70", "bonus": "10.01"}, "bonus", "maximum of 10"),
        ({"discipline": "-1", "performance": "70"}, "discipline", "negative"),
        ({"discipline": "20"}, "performance", "missing"),
        ({"discipline": "1", "performance": "1", "extra": "1"}, "extra", "no such criterion"),
    ],
)
def test_scores_refused_name_the_criterion_and_row(
    scores: dict[str, str], field: str, words: str
) -> None:
    line = ScoreLine(name="A", unit="U", scores={k: Decimal(v) for k, v in scores.items()}, row=7)
    with pytest.raises(ScoreError) as caught:
        assess(HANOI, line)
    assert caught.value.field == field and caught.value.row == 7
    assert words in caught.value.message_en
    assert "Dòng 7" in caught.value.message and "Row 7" in caught.value.message


def test_the_note_explains_the_band() -> None:
    (note,) = assess(HANOI, hanoi_line("A", "75.5")).notes
    assert note.vi == "Tổng 75,50 điểm: loại B (từ 70 điểm)"
    assert note.en == "Total 75.50 points: grade B (70 or more)"
    (lowest,) = assess(HANOI, hanoi_line("A", "40")).notes
    assert lowest.en == "Total 40.00 points: grade D (under 50)"


CUSTOM = """
key = "custom"
title_vi = "Thử"
max_total = 100
[rounding]
places = 2
mode = "half_up"
[[criteria]]
key = "work"
label_vi = "Công việc"
max = 100
[[criteria]]
key = "extra"
label_vi = "Thưởng"
max = 5
bonus = true
[[bands]]
key = "good"
label_vi = "Tốt"
at_least = 90
[[bands]]
key = "fair"
label_vi = "Đạt"
at_least = 0
"""
