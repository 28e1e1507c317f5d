"""The checks of a record: record number 6 digits and 1 to 3 letters, card 8 digits, citizen ID
12 digits, dates in order."""

from __future__ import annotations

from datetime import date

import pytest

from tinnhiem.members.checks import check_dates, check_identifiers, compact

TODAY = date(2026, 1, 15)


@pytest.mark.parametrize("number", ["123456H", "123456HN", "123456HCM", "012345ĐN", "000000A"])
def test_record_numbers_of_six_digits_and_one_to_three_letters_pass(number: str) -> None:
    assert check_identifiers({"record_number": compact(number)}) == []


@pytest.mark.parametrize(
    "number",
    [
        "123456",
        "12345HN",
        "1234567HN",
        "123456HNAB",
        "HN123456",
        "123456H1",
        "12345AHN",
        "123456_H",
    ],
)
def test_other_record_numbers_are_refused(number: str) -> None:
    issues = check_identifiers({"record_number": compact(number)})
    assert [i.field for i in issues] == ["record_number"]
    assert "6 chữ số và 1 đến 3 chữ cái" in issues[0].message_vi
    assert "6 digits and 1 to 3 letters" in issues[0].message_en


def test_typed_numbers_are_compacted_before_the_check() -> None:
    assert compact(" 123456 hn ") == "123456HN"
    assert compact("0123-4567") == "01234567"
    assert compact(12345678.0) == "12345678"
    assert check_identifiers({"record_number": compact("123456 hn")}) == []


@pytest.mark.parametrize("card", ["12345678", "01234567"])
def test_card_numbers_of_eight_digits_pass(card: str) -> None:
    assert check_identifiers({"card_number": card}) == []


@pytest.mark.parametrize("card", ["1234567", "123456789", "1234567A", "ABCDEFGH"])
def test_other_card_numbers_are_refused(card: str) -> None:
    issues = check_identifiers({"card_number": compact(card)})
    assert [i.field for i in issues] == ["card_number"]
    assert "đúng 8 chữ số" in issues[0].message_vi


def test_a_card_number_that_lost_its_leading_zero_in_excel_says_why() -> None:
    issues = check_identifiers({"card_number": compact(1234567)})
    assert "giữ số 0" in issues[0].message_vi and "keep the 0" in issues[0].message_en


@pytest.mark.parametrize(
    ("citizen_id", "ok"), [("001085012345", True), ("00108501234", False), ("0010850123456", False)]
)
def test_citizen_ids_have_twelve_digits(citizen_id: str, ok: bool) -> None:
    assert (check_identifiers({"citizen_id": citizen_id}) == []) is ok


def test_blank_numbers_are_allowed_a_probationary_member_has_no_card() -> None:
    assert check_identifiers({"record_number": "", "card_number": "", "citizen_id": ""}) == []


def test_full_membership_must_come_after_admission() -> None:
    same_day = check_dates(
        {"admitted_on": date(2020, 3, 1), "full_member_on": date(2020, 3, 1)}, TODAY
    )
    assert [i.field for i in same_day] == ["full_member_on"]
    later = check_dates(
        {"admitted_on": date(2020, 3, 1), "full_member_on": date(2021, 3, 1)}, TODAY
    )
    assert later == []


def test_admission_from_eighteen_years_of_age() -> None:
    born = date(2000, 6, 10)
    assert check_dates({"birth_date": born, "admitted_on": date(2018, 6, 10)}, TODAY) == []
    young = check_dates({"birth_date": born, "admitted_on": date(2018, 6, 9)}, TODAY)
    assert [i.field for i in young] == ["admitted_on"]


def test_no_date_in_the_future_and_events_after_admission() -> None:
    issues = check_dates(
        {
            "admitted_on": date(2020, 3, 1),
            "died_on": date(2019, 1, 1),
            "transferred_in_on": date(2019, 1, 1),
            "left_on": date(2026, 2, 1),
        },
        TODAY,
    )
    assert {i.field for i in issues} == {"died_on", "transferred_in_on", "left_on"}
    assert any("tương lai" in i.message_vi for i in issues)
