"""The national scheme's extra conditions for "excellent" and its disqualifying facts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tinnhiem.grading import ScoreError, ScoreLine, assess, grade, parse_scheme

from .support import HANOI, NATIONAL, hanoi_line, national_line, outcome


def test_excellent_with_both_conditions_met() -> None:
    assert assess(NATIONAL, national_line("A", 95, beyond="0.3")).grade == "excellent"


@pytest.mark.parametrize(
    ("on_time", "beyond", "unmet_en"),
    [
        (False, "0.5", "all tasks done on time"),
        (True, "0.29", "at least 30 % of tasks beyond requirements"),
        (True, None, "at least 30 % of tasks beyond requirements"),
        (False, "0.1", "all tasks done on time; at least 30 % of tasks beyond requirements"),
    ],
)
def test_an_unmet_condition_takes_excellent_down_to_good(
    on_time: bool, beyond: str | None, unmet_en: str
) -> None:
    assessment = assess(NATIONAL, national_line("A", 96, on_time=on_time, beyond=beyond))
    assert assessment.grade == "good"
    assert assessment.notes[-1].en == (
        f"Conditions for grade excellent not met ({unmet_en}): graded good"
    )
    assert assessment.notes[-1].vi.startswith("Chưa đủ điều kiện loại excellent (")


def test_exactly_thirty_percent_beyond_requirements_is_enough() -> None:
    assert assess(NATIONAL, national_line("A", 90, beyond="3/10")).grade == "excellent"
    assert assess(NATIONAL, national_line("A", 90, beyond="299/1000")).grade == "good"


def test_conditions_of_excellent_do_not_touch_lower_grades() -> None:
    assessment = assess(NATIONAL, national_line("A", 80, on_time=False, beyond=None))
    assert assessment.grade == "good"
    assert len(assessment.notes) == 1


@pytest.mark.parametrize("fact", ["degradation", "discipline", "corruption", "unspecified"])
def test_a_disqualifying_fact_forces_not_completed(fact: str) -> None:
    assessment = assess(NATIONAL, national_line("A", 98, facts=frozenset({fact})))
    assert assessment.total == Decimal("98.00")
    assert assessment.grade == "not_completed"
    assert assessment.notes[-1].en.startswith("No better than grade not_completed (Not completed)")


def test_every_fact_is_named_in_the_reason() -> None:
    facts = frozenset({"discipline", "corruption"})
    note = assess(NATIONAL, national_line("A", 75, facts=facts)).notes[-1]
    assert "corruption in the unit the person leads" in note.en
    assert "reprimand or heavier" in note.en
    assert "tham nhũng" in note.vi


def test_an_unknown_fact_is_refused() -> None:
    line = national_line("A", 75, facts=frozenset({"lateness"}))
    with pytest.raises(ScoreError) as caught:
        assess(NATIONAL, line)
    assert "lateness" in caught.value.message and "corruption" in caught.value.message


def test_a_scheme_without_disqualifying_facts_refuses_them() -> None:
    with pytest.raises(ScoreError, match="facts: none"):
        assess(HANOI, hanoi_line("A", 95, facts=frozenset({"unspecified"})))


def test_a_disqualified_person_does_not_take_a_place_under_the_cap() -> None:
    lines = [national_line(f"P{i}", 80) for i in range(8)]
    lines += [
        national_line("Best", 99, facts=frozenset({"discipline"})),
        national_line("Next", 95),
    ]
    result = grade(NATIONAL, lines)
    assert outcome(result)["Best"] == ("not_completed", "ok")
    assert outcome(result)["Next"] == ("excellent", "ok")  # 1 place = 20 % of the 9 good or better


def test_a_forced_grade_never_raises_a_lower_one() -> None:
    scheme = parse_scheme(MILD, source="mild.toml")
    low = ScoreLine(name="A", unit="U", scores={"work": Decimal(10)}, facts=frozenset({"late"}))
    high = ScoreLine(name="B", unit="U", scores={"work": Decimal(95)}, facts=frozenset({"late"}))
    assert assess(scheme, low).grade == "poor"
    assert assess(scheme, high).grade == "fair"


MILD = """
key = "mild"
title_vi = "Thử"
[[criteria]]
key = "work"
label_vi = "Công việc"
max = 100
[[bands]]
key = "good"
label_vi = "Tốt"
at_least = 80
[[bands]]
key = "fair"
label_vi = "Đạt"
at_least = 50
[[bands]]
key = "poor"
label_vi = "Không đạt"
at_least = 0
[disqualifying]
grade = "fair"
[[disqualifying.facts]]
key = "late"
label_vi = "Nộp muộn"
"""
