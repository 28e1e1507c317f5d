"""The checks of a member record, shared by the forms' services and the import. No Django import.

Each check returns the problems it finds as (field, Vietnamese, English); the caller says where
(the form, or "row 7, column 'Số lý lịch'")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

RECORD_NUMBER = re.compile(r"\d{6}[^\W\d_]{1,3}")
CARD_NUMBER = re.compile(r"\d{8}")
CITIZEN_ID = re.compile(r"\d{12}")
PHONE = re.compile(r"\+?\d{9,12}")
ADULT_AGE = 18  # the Party Charter admits from 18 years of age


@dataclass(frozen=True)
class Issue:
    field: str
    message_vi: str
    message_en: str


def compact(value: Any) -> str:
    """Text of an identifier as typed or read from a sheet: no spaces, dots or dashes; a whole
    number read as a float ("12345678.0") back to its digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[\s.\-]", "", str(value)).upper()


def check_identifiers(values: dict[str, Any]) -> list[Issue]:
    """Record number: 6 digits and 1 to 3 letters (the provincial committee's code); card number:
    8 digits; citizen ID: 12 digits. Blank is allowed (a probationary member has no card)."""
    issues = []
    zero_hint_vi = " (nếu số bắt đầu bằng 0, nhập ô dạng văn bản để giữ số 0)"
    zero_hint_en = " (if it starts with 0, type the cell as text to keep the 0)"
    record_number = values.get("record_number") or ""
    if record_number and not RECORD_NUMBER.fullmatch(record_number):
        issues.append(
            Issue(
                "record_number",
                f"Số lý lịch '{record_number}' phải gồm 6 chữ số và 1 đến 3 chữ cái (ví dụ 123456HN)",
                f"Record number '{record_number}' must be 6 digits and 1 to 3 letters "
                "(e.g. 123456HN)",
            )
        )
    card_number = values.get("card_number") or ""
    if card_number and not CARD_NUMBER.fullmatch(card_number):
        issues.append(
            Issue(
                "card_number",
                f"Số thẻ đảng viên '{card_number}' phải gồm đúng 8 chữ số" + zero_hint_vi,
                f"Party card number '{card_number}' must be exactly 8 digits" + zero_hint_en,
            )
        )
    citizen_id = values.get("citizen_id") or ""
    if citizen_id and not CITIZEN_ID.fullmatch(citizen_id):
        issues.append(
            Issue(
                "citizen_id",
                f"Số căn cước công dân '{citizen_id}' phải gồm đúng 12 chữ số" + zero_hint_vi,
                f"Citizen ID '{citizen_id}' must be exactly 12 digits" + zero_hint_en,
            )
        )
    phone = values.get("phone") or ""
    if phone and not PHONE.fullmatch(phone):
        issues.append(
            Issue(
                "phone",
                f"Số điện thoại '{phone}' không hợp lệ (9 đến 12 chữ số)",
                f"Phone number '{phone}' is not valid (9 to 12 digits)",
            )
        )
    return issues


def _after(values: dict[str, Any], later: str, earlier: str, vi: str, en: str) -> Issue | None:
    first, second = values.get(earlier), values.get(later)
    if first and second and second <= first:
        return Issue(later, vi, en)
    return None


def check_dates(values: dict[str, Any], today: date) -> list[Issue]:
    """Birth, then admission (from 18 years of age), then full membership; no date after today;
    the events of the register after admission."""
    issues = []
    labels = {
        "birth_date": ("Ngày sinh", "Date of birth"),
        "admitted_on": ("Ngày vào Đảng", "Date of admission"),
        "full_member_on": ("Ngày chính thức", "Date of full membership"),
        "transferred_out_on": ("Ngày chuyển đi", "Transfer-out date"),
        "transferred_in_on": ("Ngày chuyển đến", "Transfer-in date"),
        "died_on": ("Ngày từ trần", "Date of death"),
        "left_on": ("Ngày ra khỏi Đảng", "Date of leaving"),
    }
    for key, (vi, en) in labels.items():
        if values.get(key) and values[key] > today:
            issues.append(Issue(key, f"{vi} ở tương lai", f"{en} is in the future"))
    born, admitted = values.get("birth_date"), values.get("admitted_on")
    if born and admitted and _years_between(born, admitted) < ADULT_AGE:
        issues.append(
            Issue(
                "admitted_on",
                f"Ngày vào Đảng phải từ khi đủ {ADULT_AGE} tuổi",
                f"Admission must be at {ADULT_AGE} years of age or later",
            )
        )
    full = _after(
        values,
        "full_member_on",
        "admitted_on",
        "Ngày chính thức phải sau ngày vào Đảng",
        "Full membership must come after admission",
    )
    issues.extend([full] if full else [])
    for key in ("transferred_out_on", "died_on", "left_on"):
        vi, en = labels[key]
        issue = _after(
            values,
            key,
            "admitted_on",
            f"{vi} phải sau ngày vào Đảng",
            f"{en} must come after admission",
        )
        issues.extend([issue] if issue else [])
    transferred_in = values.get("transferred_in_on")
    if admitted and transferred_in and transferred_in < admitted:
        issues.append(
            Issue(
                "transferred_in_on",
                "Ngày chuyển đến không được trước ngày vào Đảng",
                "The transfer-in date cannot be before admission",
            )
        )
    return issues


def _years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
