"""The plain data every document is rendered from (built by the votes app, or by the tally
command straight from a spreadsheet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from tinnhiem.rules import PersonResult, Profile, TallyResult


class HeaderKind(StrEnum):
    """Which national header sits on the right of the page (Decree 30/2020; Party: Guide 36)."""

    STATE = "state"  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc
    PARTY = "party"  # ĐẢNG CỘNG SẢN VIỆT NAM


@dataclass(frozen=True)
class BodyHeader:
    """The left block of the header: the managing body (optional) above the issuing body."""

    body_name: str  # "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM"
    kind: HeaderKind = HeaderKind.STATE
    parent_name: str = ""  # "ĐẢNG BỘ TỈNH QUẢNG NAM" above a Party committee, or ""
    city: str = ""  # the place in the date line: "Tam Kỳ, ngày 07 tháng 12 năm 2023"


class BoardRole(StrEnum):
    HEAD = "head"  # Trưởng ban
    MEMBER = "member"  # Ủy viên
    SECRETARY = "secretary"  # Thư ký


@dataclass(frozen=True)
class BoardMember:
    name: str
    role: BoardRole


@dataclass(frozen=True)
class SessionInfo:
    """What the minutes and reports say of the session itself."""

    header: BodyHeader
    title: str  # "Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND tỉnh bầu"
    held_on: date
    venue: str  # "Hội trường UBND tỉnh"
    profile: Profile
    members: int | None = None
    summoned: int | None = None
    present: int | None = None
    issued: int | None = None
    collected: int | None = None
    valid_ballots: int | None = None
    invalid_ballots: int | None = None
    board: tuple[BoardMember, ...] = ()
    machine_read: int | None = None  # ballots read by the scanner, when the session scanned
    board_decided_lines: int | None = None  # doubtful lines the counting board decided
    channels: tuple[tuple[str, str], ...] = ()  # each channel's figures in a mixed session
    audit_anchor: str = ""  # "SEQ:HASH" of the audit row that closed the count, when there is one
    minutes_number: str = ""  # "12", or "12/BB-BKP" as typed; blank: dots to fill by hand
    report_number: str = ""  # the results report's own number, likewise
    count_started_at: datetime | None = None  # local wall-clock time
    count_ended_at: datetime | None = None
    copies: int | None = None  # "Biên bản được lập thành 03 bản"
    recipients: tuple[str, ...] = ()  # "Nơi nhận", one recipient a line


@dataclass(frozen=True)
class BallotPerson:
    name: str
    position: str


# How a paper ballot is laid out. A session keeps the layout its ballots were first printed with,
# so a sheet printed before a change still scans (the reader rebuilds the blank from the code).
#   1: the seal place under the table of the last page; further pages carry the title only.
#   2: every page has the heading (body, nation and motto) with the seal place at its top left,
#      where the National Assembly and People's Councils print it.
BALLOT_LAYOUTS = (1, 2)
LATEST_BALLOT_LAYOUT = 2


@dataclass(frozen=True)
class BallotSpec:
    """One ballot type of a session. `code` goes in the machine-readable mark; never a voter."""

    header: BodyHeader
    profile: Profile
    session_code: str  # the session's id, as text
    session_line: str  # "Kỳ họp thứ 15, Hội đồng nhân dân tỉnh khóa X, ngày 07/12/2023"
    ballot_type: str = "1"  # the ballot type (block) code
    ballot_type_name: str = ""  # "Khối Hội đồng nhân dân", shown under the title when set
    people: tuple[BallotPerson, ...] = ()
    layout: int = LATEST_BALLOT_LAYOUT  # one of BALLOT_LAYOUTS


@dataclass(frozen=True)
class ResultsReport:
    """A session's result with what the documents show beside it."""

    session: SessionInfo
    result: TallyResult
    previous: dict[str, PersonResult] = field(default_factory=dict)  # by person name
    previous_label: str = ""  # "Kết quả năm 2023"
