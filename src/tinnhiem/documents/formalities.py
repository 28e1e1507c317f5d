"""The administrative form's wording around the counts: the number and symbol, the hour the
count started and ended, the copies, the recipients ("Nơi nhận") and who signs for whom.

State bodies write as Decree 30/2020/NĐ-CP does ("Số: 12/BB-BKP", "TM. BAN KIỂM PHIẾU"); Party
bodies as Guide 36-HD/VPTW does ("Số 12-BB/BKP", "T/M BAN KIỂM PHIẾU"). What is not known is
printed as dots, to be filled in by hand on the signed paper.
"""

from __future__ import annotations

from datetime import date, datetime

from tinnhiem.documents.data import HeaderKind, SessionInfo
from tinnhiem.documents.text import BLANK, date_words, nfc

DOTS = "………"
MINUTES_SYMBOL = "BB-BKP"  # biên bản (BB) of the counting board (BKP)
REPORT_SYMBOL = "BC-BKP"  # báo cáo (BC) of the counting board
RECIPIENTS_HEADING = "Nơi nhận:"
BOARD = "BAN KIỂM PHIẾU"


def number_line(number: str, symbol: str, kind: HeaderKind) -> str:
    """The number and symbol: "Số: 12/BB-BKP" (Decree 30) or "Số 12-BB/BKP" (Guide 36). A
    number typed with its symbol ("12/BB-BKP") is printed as typed."""
    number = nfc(number.strip())
    if kind is HeaderKind.PARTY:
        if "/" in number:
            return f"Số {number}"
        kind_code, issuer = symbol.split("-", 1)
        return f"Số {number or DOTS}-{kind_code}/{issuer}"
    if "/" in number:
        return f"Số: {number}"
    return f"Số: {number or DOTS}/{symbol}"


def clock_words(moment: datetime | None) -> str:
    """ "14 giờ 05 phút", or dots for the hour and the minute."""
    if moment is None:
        return f"{BLANK} giờ {BLANK} phút"
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def opening_day(session: SessionInfo) -> date:
    """The day the count started (the session's date when the start is not known)."""
    start = session.count_started_at
    return start.date() if start is not None else session.held_on


def minutes_opening(session: SessionInfo) -> str:
    """ "Hôm nay, vào lúc 14 giờ 05 phút, ngày 07 tháng 12 năm 2023, tại …, Ban kiểm phiếu gồm:"."""
    venue = nfc(session.venue.strip()) or BLANK
    when = f"vào lúc {clock_words(session.count_started_at)}, {date_words(opening_day(session))}"
    return f"Hôm nay, {when}, tại {venue}, Ban kiểm phiếu gồm:"


def copies_words(copies: int | None) -> str:
    return BLANK if copies is None else f"{copies:02d}"


def minutes_closing(session: SessionInfo) -> str:
    """The copies and the end of the count ("cùng ngày" when it ends the day it started)."""
    end = session.count_ended_at
    day = "cùng ngày"
    if end is not None and end.date() != opening_day(session):
        day = date_words(end.date())
    return (
        f"Biên bản được lập thành {copies_words(session.copies)} bản, kết thúc lúc "
        f"{clock_words(end)} {day}. Biên bản đã được đọc lại cho các thành viên Ban kiểm "
        "phiếu cùng nghe và nhất trí ký tên."
    )


def count_period(session: SessionInfo) -> str:
    """ "Thời gian kiểm phiếu: từ 14 giờ 05 phút đến 15 giờ 20 phút, ngày 07 tháng 12 năm 2023."."""
    start, end = session.count_started_at, session.count_ended_at
    first = opening_day(session)
    if end is not None and end.date() != first:
        return (
            f"Thời gian kiểm phiếu: từ {clock_words(start)} {date_words(first)} "
            f"đến {clock_words(end)} {date_words(end.date())}."
        )
    return f"Thời gian kiểm phiếu: từ {clock_words(start)} đến {clock_words(end)}, {date_words(first)}."


def recipient_lines(session: SessionInfo) -> list[str]:
    """ "- Thường trực HĐND tỉnh;" … "- Lưu: VT.": one a line, the last with a full stop. None
    given: a line of dots and the archive copy."""
    given = [nfc(line).strip().lstrip("-–").strip().rstrip(";.,") for line in session.recipients]
    lines = [line for line in given if line] or [BLANK, "Lưu: VT"]
    return [f"- {line}{';' if i < len(lines) else '.'}" for i, line in enumerate(lines, 1)]


def on_behalf(kind: HeaderKind, collective: str = BOARD) -> str:
    """Signing for a collective: "T/M BAN KIỂM PHIẾU" (Guide 36), "TM. BAN KIỂM PHIẾU" (Decree 30)."""
    prefix = "T/M" if kind is HeaderKind.PARTY else "TM."
    return f"{prefix} {collective}"
