"""Who is not voted on, by the profile's exemptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tinnhiem.rules.profiles import Profile


@dataclass(frozen=True)
class PersonFacts:
    retirement_announced: bool = False
    took_office_on: date | None = None


@dataclass(frozen=True)
class Exemption:
    code: str
    label_vi: str
    label_en: str


RETIREMENT = Exemption("retirement", "Đã có thông báo nghỉ hưu", "Retirement announced")
NEW_IN_YEAR = Exemption(
    "new_in_year",
    "Được bầu, phê chuẩn, bổ nhiệm trong năm lấy phiếu",
    "Took office in the voting year",
)
SHORT_TENURE = Exemption(
    "short_tenure",
    "Giữ chức vụ chưa đủ thời gian tối thiểu",
    "In office less than the minimum time",
)


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (a month counts once its day of the month is reached).

    A month with no such day ends on its last day (Civil Code 2015 Art. 148): from 31 May,
    nine months are complete on 28 (or 29) February.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and not _is_last_day_of_month(end):
        months -= 1
    return months


def _is_last_day_of_month(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def exemptions_for(profile: Profile, facts: PersonFacts, session_date: date) -> list[Exemption]:
    """Every reason the profile gives for not voting on this person, in a stable order."""
    rules = profile.exemptions
    found = []
    if rules.retirement_announced and facts.retirement_announced:
        found.append(RETIREMENT)
    start = facts.took_office_on
    if start is not None:
        if rules.took_office_in_voting_year and start.year == session_date.year:
            found.append(NEW_IN_YEAR)
        minimum = rules.min_months_in_office
        if minimum is not None and months_between(start, session_date) < minimum:
            found.append(SHORT_TENURE)
    return found
