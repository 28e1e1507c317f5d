"""The quota step: caps at their exact edges, populations, ties flagged, decisions honoured."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tinnhiem.grading import (
    DecisionError,
    Period,
    QuotaStatus,
    ScoreLine,
    apply_quotas,
    assess_all,
    grade,
    parse_scheme,
)

from .support import HANOI, NATIONAL, PARTY, hanoi_line, national_line, outcome


def hanoi_unit(tops: list[str], size: int = 10, unit: str = "U1") -> list[ScoreLine]:
    """`size` people in `unit`: those in `tops` with their totals, the rest at 80 (grade B)."""
    lines = [hanoi_line(f"{unit}-A{i}", total, unit) for i, total in enumerate(tops)]
    lines += [hanoi_line(f"{unit}-B{i}", 80, unit) for i in range(size - len(tops))]
    return lines


def test_exactly_thirty_percent_of_the_unit_keep_grade_a() -> None:
    result = grade(HANOI, hanoi_unit(["95", "94", "93"]))
    assert all(person.quota is QuotaStatus.OK for person in result.people)
    assert [p.grade for p in result.people[:3]] == ["A", "A", "A"]
    (use,) = result.quota_use
    assert (use.base, use.allowed, use.candidates, use.kept, use.demoted) == (10, 3, 3, 3, 0)


def test_one_more_than_thirty_percent_is_demoted_lowest_total_first() -> None:
    result = grade(HANOI, hanoi_unit(["90", "95", "94", "93"]))
    assert outcome(result)["U1-A0"] == ("B", "demoted")
    assert [outcome(result)[f"U1-A{i}"] for i in (1, 2, 3)] == [("A", "ok")] * 3
    demoted = result.person("U1/U1-A0")
    assert demoted.grade_before_quota == "A"
    assert demoted.reason_en.endswith(
        "Demoted to grade B: over the cap on grade A in unit U1 "
        "(3 places = 30% of 10 graded); rank 4 of 4"
    )
    assert "Hạ xuống loại B: vượt hạn mức loại A đơn vị U1" in demoted.reason_vi


@pytest.mark.parametrize(("size", "allowed"), [(7, 2), (9, 2), (10, 3), (11, 3), (3, 0), (4, 1)])
def test_the_cap_is_never_rounded_up(size: int, allowed: int) -> None:
    result = grade(HANOI, hanoi_unit(["99", "98", "97", "96"][: min(4, size)], size=size))
    assert result.quota_use[0].allowed == allowed
    assert sum(1 for p in result.people if p.grade == "A") == allowed


def test_an_outstanding_unit_may_give_forty_percent() -> None:
    lines = hanoi_unit(["99", "98", "97", "96"]) + hanoi_unit(["99", "98", "97", "96"], unit="U2")
    result = grade(HANOI, lines, outstanding_units={"U2"})
    kept = {use.unit: (use.allowed, use.kept, use.is_outstanding) for use in result.quota_use}
    assert kept == {"U1": (3, 3, False), "U2": (4, 4, True)}
    assert "an outstanding unit" in result.person("U2/U2-A3").reason_en
    one_more = grade(HANOI, hanoi_unit(["99", "98", "97", "96", "95"]), outstanding_units={"U1"})
    assert outcome(one_more)["U1-A4"] == ("B", "demoted")


def test_outstanding_units_must_exist_and_the_scheme_must_allow_them() -> None:
    with pytest.raises(DecisionError, match="U9"):
        grade(HANOI, hanoi_unit(["99"]), outstanding_units={"U9"})
    with pytest.raises(DecisionError, match="no separate cap"):
        grade(NATIONAL, [national_line("A", 95)], outstanding_units={"U1"})


def national_group(
    excellent: list[str], good: int, group: str, completed: int = 0
) -> list[ScoreLine]:
    lines = [national_line(f"{group}-E{i}", t, group=group) for i, t in enumerate(excellent)]
    lines += [national_line(f"{group}-G{i}", 80, group=group) for i in range(good)]
    lines += [national_line(f"{group}-C{i}", 60, group=group) for i in range(completed)]
    return lines


def test_national_cap_is_twenty_percent_of_good_or_better_in_the_same_group() -> None:
    # G1: 10 good or better (2 places), 5 completed who do not count; G2: 5 (1 place)
    lines = national_group(["99", "98", "97"], 7, "G1", completed=5)
    lines += national_group(["99", "95"], 3, "G2")
    result = grade(NATIONAL, lines)
    use = {(u.unit, u.group): (u.base, u.allowed, u.kept, u.demoted) for u in result.quota_use}
    assert use == {("U1", "G1"): (10, 2, 2, 1), ("U1", "G2"): (5, 1, 1, 1)}
    assert outcome(result)["G1-E2"] == ("good", "demoted")
    assert outcome(result)["G2-E1"] == ("good", "demoted")
    assert "graded good or better" in result.person("U1/G1-E2").reason_en


def test_groups_of_the_same_name_in_different_units_are_separate() -> None:
    lines = national_group(["99"], 4, "G1")
    lines.append(national_line("Other", 99, unit="U2", group="G1"))
    lines += [national_line(f"U2-{i}", 80, unit="U2", group="G1") for i in range(4)]
    result = grade(NATIONAL, lines)
    assert outcome(result)["G1-E0"] == ("excellent", "ok")
    assert outcome(result)["Other"] == ("excellent", "ok")


def test_a_tie_across_the_cap_is_flagged_not_broken() -> None:
    result = grade(HANOI, hanoi_unit(["95", "92", "92", "92"]))
    assert outcome(result)["U1-A0"] == ("A", "ok")
    flagged = [p for p in result.people if p.quota is QuotaStatus.FLAGGED]
    assert [p.name for p in flagged] == ["U1-A1", "U1-A2", "U1-A3"]
    assert all(p.grade == "A" for p in flagged)  # undecided: the grade before the quota
    assert flagged[0].reason_en.endswith(
        "Decision needed: 3 people tied at rank 2 for 2 places left of the cap on grade A "
        "in unit U1 (3 places = 30% of 10 graded)"
    )
    assert not result.is_complete
    assert (result.quota_use[0].kept, result.quota_use[0].flagged) == (1, 3)


def test_a_tie_that_fits_or_falls_wholly_past_the_cap_is_not_flagged() -> None:
    fits = grade(HANOI, hanoi_unit(["95", "92", "92"]))
    assert fits.is_complete and all(p.quota is QuotaStatus.OK for p in fits.people)
    past = grade(HANOI, hanoi_unit(["95", "94", "93", "91", "91"]))
    assert past.is_complete
    assert [outcome(past)[f"U1-A{i}"] for i in (3, 4)] == [("B", "demoted")] * 2
    assert past.person("U1/U1-A4").reason_en.endswith("rank 4 of 5")


def test_explicit_decisions_among_a_tie_are_honoured() -> None:
    lines = hanoi_unit(["95", "92", "92", "92"])
    result = grade(HANOI, lines, decisions={"U1/U1-A3", "U1/U1-A1"})
    assert result.is_complete
    assert outcome(result)["U1-A1"] == ("A", "ok")
    assert outcome(result)["U1-A3"] == ("A", "ok")
    assert outcome(result)["U1-A2"] == ("B", "demoted")
    assert "Keeps grade A by decision" in result.person("U1/U1-A3").reason_en
    assert "Demoted to grade B by decision" in result.person("U1/U1-A2").reason_en
    assert "theo quyết định" in result.person("U1/U1-A2").reason_vi


@pytest.mark.parametrize(
    ("decisions", "words"),
    [
        ({"U1/U1-A1"}, "choose exactly 2, 1 chosen"),
        ({"U1/U1-A1", "U1/U1-A2", "U1/U1-A3"}, "choose exactly 2, 3 chosen"),
        ({"U1/U1-A1", "U1/U1-A2", "U1/U1-A0"}, "U1/U1-A0: not tied at a quota's cap"),
        ({"U1/U1-A1", "U1/U1-A2", "U1/U1-B0"}, "U1/U1-B0: not tied"),
    ],
)
def test_decisions_that_do_not_fit_the_tie_are_refused(decisions: set[str], words: str) -> None:
    with pytest.raises(DecisionError) as caught:
        grade(HANOI, hanoi_unit(["95", "92", "92", "92"]), decisions=decisions)
    assert words in caught.value.message_en


def test_party_members_have_no_totals_so_an_exceeded_cap_needs_a_decision() -> None:
    proposed = ["excellent"] * 2 + ["good"] * 6 + ["completed"] * 2
    lines = [
        ScoreLine(name=f"M{i}", unit="Chi bộ 1", proposed=grade_key)
        for i, grade_key in enumerate(proposed)
    ]
    result = grade(PARTY, lines)
    (use,) = result.quota_use
    assert (use.base, use.allowed, use.flagged) == (8, 1, 2)  # 20 % of the 8 good or better
    decided = grade(PARTY, lines, decisions={"Chi bộ 1/M1"})
    assert outcome(decided)["M1"] == ("excellent", "ok")
    assert outcome(decided)["M0"] == ("good", "demoted")
    assert decided.people[0].total is None


def test_the_same_person_twice_is_refused_with_the_row() -> None:
    lines = [hanoi_line("A", 80, row=2), hanoi_line("A", 85, row=5)]
    with pytest.raises(DecisionError) as caught:
        grade(HANOI, lines)
    assert caught.value.row == 5 and "appears twice" in caught.value.message_en


def test_quotas_apply_best_grade_first_and_a_demotion_counts_in_the_next() -> None:
    scheme = parse_scheme(TWO_QUOTAS, source="two.toml")
    totals = [95, 94, 85, 84, 83, 60, 60, 60, 60, 60]
    lines = [
        ScoreLine(name=f"P{t}-{i}", unit="U", scores={"work": Decimal(t)})
        for i, t in enumerate(totals)
    ]
    result = grade(scheme, lines)
    # A: 1 place (10 %); P94 is demoted to B, where 4 candidates meet 3 places (30 %)
    assert [p.grade for p in result.people[:5]] == ["A", "B", "B", "B", "C"]
    assert result.person("U/P94-1").quota is QuotaStatus.DEMOTED
    assert result.person("U/P94-1").reason_en.endswith("rank 1 of 4")
    assert result.person("U/P83-4").reason_en.endswith("rank 4 of 4")


def test_a_quota_limited_to_some_periods_is_skipped_in_others() -> None:
    scheme = parse_scheme(
        TWO_QUOTAS.replace('cap = "10%"', 'cap = "10%"\nperiods = ["annual"]'), source="p.toml"
    )
    lines = [ScoreLine(name=f"P{i}", unit="U", scores={"work": Decimal(95)}) for i in range(3)]
    annual = apply_quotas(scheme, assess_all(scheme, lines), period=Period.ANNUAL)
    assert {p.grade for p in annual.people} == {"C"}  # 0 places for A, then 0 for B, in 3
    monthly = apply_quotas(scheme, assess_all(scheme, lines), period=Period.MONTHLY)
    assert {p.grade for p in monthly.people} == {"A"}


def test_the_json_shape() -> None:
    result = grade(HANOI, hanoi_unit(["95", "90"], size=4))
    data = result.to_dict()
    assert set(data) == {"scheme", "people", "quota_use"}
    assert data["people"][1] == {
        "name": "U1-A1",
        "unit": "U1",
        "total": "90.00",
        "grade": "B",
        "quota": "demoted",
        "reason": {"vi": result.people[1].reason_vi, "en": result.people[1].reason_en},
    }
    assert data["quota_use"] == {
        "A": [
            {
                "unit": "U1",
                "group": None,
                "cap": "30%",
                "outstanding": False,
                "base": 4,
                "allowed": 1,
                "candidates": 2,
                "kept": 1,
                "demoted": 1,
                "flagged": 0,
            }
        ]
    }


TWO_QUOTAS = """
key = "two"
title_vi = "Hai hạn mức"
[[criteria]]
key = "work"
label_vi = "Công việc"
max = 100
[[bands]]
key = "A"
label_vi = "Xuất sắc"
at_least = 90
[[bands]]
key = "B"
label_vi = "Tốt"
at_least = 70
[[bands]]
key = "C"
label_vi = "Đạt"
at_least = 0
[[quotas]]
band = "B"
cap = "30%"
[[quotas]]
band = "A"
cap = "10%"
"""
