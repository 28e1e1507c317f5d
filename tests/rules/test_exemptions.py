"""Who is not voted on: retirement, new in the voting year, too short in office."""

from __future__ import annotations

from datetime import date

import pytest

from tinnhiem.rules import PersonFacts, exemptions_for, load_profile
from tinnhiem.rules.exemptions import months_between

SESSION = date(2023, 12, 7)


def codes(profile: str, facts: PersonFacts, on: date = SESSION) -> list[str]:
    return [exemption.code for exemption in exemptions_for(load_profile(profile), facts, on)]


@pytest.mark.parametrize("profile", ["qd96", "nq96"])
def test_retirement_announced_is_not_voted_on(profile: str) -> None:
    assert codes(profile, PersonFacts(retirement_announced=True)) == ["retirement"]


@pytest.mark.parametrize(
    ("took_office_on", "expected"),
    [
        (date(2023, 1, 1), ["new_in_year"]),
        (date(2023, 12, 7), ["new_in_year"]),
        (date(2022, 12, 31), []),
    ],
)
def test_qd96_took_office_in_the_voting_year(took_office_on: date, expected: list[str]) -> None:
    assert codes("qd96", PersonFacts(took_office_on=took_office_on)) == expected


def test_both_reasons_are_listed_in_a_stable_order() -> None:
    facts = PersonFacts(retirement_announced=True, took_office_on=date(2023, 3, 1))
    assert codes("qd96", facts) == ["retirement", "new_in_year"]


def test_nothing_known_means_voted_on() -> None:
    assert codes("qd96", PersonFacts()) == []
    assert codes("nq85", PersonFacts()) == []


@pytest.mark.parametrize(
    ("took_office_on", "expected"),
    [
        (date(2018, 3, 7), []),  # exactly nine months at the session's opening
        (date(2018, 3, 8), ["short_tenure"]),  # one day short
        (date(2017, 12, 7), []),
        (date(2018, 12, 1), ["short_tenure"]),
    ],
)
def test_nq85_fewer_than_nine_months_in_office(took_office_on: date, expected: list[str]) -> None:
    assert codes("nq85", PersonFacts(took_office_on=took_office_on), date(2018, 12, 7)) == expected


def test_nq85_ignores_retirement_and_the_voting_year() -> None:
    facts = PersonFacts(retirement_announced=True, took_office_on=date(2018, 1, 2))
    assert codes("nq85", facts, date(2018, 12, 7)) == []


def test_nq35_has_no_exemptions() -> None:
    facts = PersonFacts(retirement_announced=True, took_office_on=date(2013, 6, 1))
    assert codes("nq35", facts, date(2013, 6, 10)) == []


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2018, 3, 7), date(2018, 12, 7), 9),
        (date(2018, 3, 7), date(2018, 12, 6), 8),
        (date(2018, 1, 15), date(2018, 1, 15), 0),
        (date(2017, 11, 20), date(2018, 2, 19), 2),  # across the year end
        (date(2017, 11, 20), date(2018, 2, 20), 3),
        # a month without the start's day ends on its last day (Civil Code 2015 Art. 148)
        (date(2018, 1, 31), date(2018, 2, 28), 1),
        (date(2018, 1, 31), date(2018, 2, 27), 0),
        (date(2019, 5, 31), date(2020, 2, 29), 9),  # leap year
        (date(2019, 5, 31), date(2020, 2, 28), 8),
        (date(2018, 3, 31), date(2018, 4, 30), 1),
        (date(2018, 3, 30), date(2018, 4, 30), 1),
        (date(2018, 2, 28), date(2018, 3, 28), 1),
        (date(2018, 2, 28), date(2018, 3, 27), 0),
    ],
)
def test_months_between_edge_days(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


def test_nq85_nine_months_from_the_end_of_may() -> None:
    facts = PersonFacts(took_office_on=date(2019, 5, 31))
    assert codes("nq85", facts, date(2020, 2, 29)) == []
    assert codes("nq85", facts, date(2020, 2, 28)) == ["short_tenure"]
