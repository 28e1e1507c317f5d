"""The Vietnamese wording and the data rows every document shares (PDF, DOCX, XLSX).

Nothing here knows about a file format: each renderer lays out the same strings and rows, so a
figure reads the same on paper, in Word and in the spreadsheet. Percentages are the exact
published strings from the rule engine; nothing here rounds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tinnhiem.documents.data import (
    BoardMember,
    BoardRole,
    BodyHeader,
    HeaderKind,
    ResultsReport,
    SessionInfo,
)
from tinnhiem.rules import Band, Base, Kind, PersonResult, Profile, ranked

DASH = "—"
BLANK = "…………"

NATION_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_STATE = "Độc lập - Tự do - Hạnh phúc"
NATION_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"

REPORT_TITLE_RATING = "BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"
REPORT_TITLE_NO_CONFIDENCE = "KẾT QUẢ BỎ PHIẾU TÍN NHIỆM"
MINUTES_TITLE = "BIÊN BẢN KIỂM PHIẾU"
BOARD_NAME = "BAN KIỂM PHIẾU"

COL_INDEX = "STT"
COL_NAME = "Họ và tên"
COL_POSITION = "Chức vụ"
COL_COUNT = "Số phiếu"
COL_PERCENT = "Tỷ lệ (%)"
COL_INVALID = "Phiếu không hợp lệ"
COL_BAND = "Mức"

ROLE_LABELS = {
    BoardRole.HEAD: "Trưởng ban",
    BoardRole.MEMBER: "Ủy viên",
    BoardRole.SECRETARY: "Thư ký",
}
_ROLE_ORDER = (BoardRole.HEAD, BoardRole.MEMBER, BoardRole.SECRETARY)


def nfc(text: str) -> str:
    """Precomposed letters: reportlab has no shaping, so combining marks would float apart."""
    return unicodedata.normalize("NFC", text)


def national_header(kind: HeaderKind) -> tuple[str, str]:
    """The two lines on the right of the header: the nation (bold) and the motto ("" for Party)."""
    if kind is HeaderKind.PARTY:
        return NATION_PARTY, ""
    return NATION_STATE, MOTTO_STATE


def header_is_empty(header: BodyHeader) -> bool:
    return not (header.body_name.strip() or header.parent_name.strip())


def date_words(day: date) -> str:
    """The date in words, "ngày 07 tháng 12 năm 2023": Decree 30/2020 writes a 0 before days
    below 10 and before months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(city: str, day: date) -> str:
    """Place and date, "Tam Kỳ, ngày 07 tháng 12 năm 2023", or "Ngày 07 ..." without a place."""
    words = date_words(day)
    if city.strip():
        return f"{nfc(city.strip())}, {words}"
    return words[0].upper() + words[1:]


def report_title(profile: Profile) -> str:
    if profile.kind is Kind.NO_CONFIDENCE:
        return REPORT_TITLE_NO_CONFIDENCE
    return REPORT_TITLE_RATING


def base_text(profile: Profile) -> str:
    if profile.base is Base.MEMBERS:
        return "Tỷ lệ tính trên tổng số đại biểu (thành viên)"
    return "Tỷ lệ tính trên tổng số phiếu thu về"


def figure(value: int | None) -> str:
    return DASH if value is None else str(value)


def session_figures(report: ResultsReport) -> list[tuple[str, str]]:
    """The session's counts as (label, value) pairs, "—" where not known. Members, issued and
    collected fall back on the tally's own figures when the session does not give them."""
    session, result = report.session, report.result
    members = session.members if session.members is not None else result.members
    issued = session.issued if session.issued is not None else result.issued
    collected = session.collected if session.collected is not None else result.collected
    scanned = [
        ("Số phiếu đọc bằng máy quét", figure(session.machine_read)),
        ("Số dòng do Ban kiểm phiếu quyết định", figure(session.board_decided_lines)),
    ]
    return [
        ("Tổng số thành viên", figure(members)),
        ("Số người được triệu tập", figure(session.summoned)),
        ("Số người có mặt", figure(session.present)),
        ("Số phiếu phát ra", figure(issued)),
        ("Số phiếu thu về", figure(collected)),
        ("Số phiếu hợp lệ", figure(session.valid_ballots)),
        ("Số phiếu không hợp lệ", figure(session.invalid_ballots)),
        *(scanned if session.machine_read is not None else []),
        *session.channels,
    ]


def phrase_after(prefix: str, title: str) -> str:
    """Join a sentence and a title that starts like a sentence: lowercase its first letter
    unless the title opens with an abbreviation such as "HĐND"."""
    title = nfc(title.strip())
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        title = title[0].lower() + title[1:]
    return f"{prefix} {title}"


def levels_phrase(profile: Profile) -> str:
    """The levels in words: “Tín nhiệm cao”, “Tín nhiệm” hoặc “Tín nhiệm thấp”."""
    labels = [f"“{level.label_vi}”" for level in profile.levels]
    return ", ".join(labels[:-1]) + " hoặc " + labels[-1]


def ballot_instructions(profile: Profile) -> str:
    return (
        "Đánh dấu X vào một ô tương ứng với mức tín nhiệm đối với từng người "
        f"({levels_phrase(profile)}). Mỗi người chỉ đánh dấu một ô."
    )


@dataclass(frozen=True)
class ResultRow:
    """One person's line of the results table, every cell already a string."""

    index: int  # 1-based, the order of posts
    name: str
    position: str
    counts: tuple[str, ...]  # per level, in the profile's order
    percents: tuple[str, ...]
    invalid: str
    valid: str
    band: str  # the band's label, or "—"


def decimal_comma(percent: str) -> str:
    """Vietnamese documents write decimals with a comma: "90.12" is printed "90,12"."""
    return percent.replace(".", ",")


def result_row(index: int, person: PersonResult, profile: Profile) -> ResultRow:
    keys = profile.level_keys
    return ResultRow(
        index=index,
        name=nfc(person.name),
        position=nfc(person.position),
        counts=tuple(str(person.counts.get(key, 0)) for key in keys),
        percents=tuple(decimal_comma(person.percent.get(key, "0.00")) for key in keys),
        invalid=str(person.invalid),
        valid=str(person.valid),
        band=person.band.label_vi if person.band else DASH,
    )


def result_rows(report: ResultsReport) -> list[ResultRow]:
    """The published order: the order of posts as the tally received it."""
    profile = report.result.profile
    return [result_row(i, person, profile) for i, person in enumerate(report.result.people, 1)]


def ranking_rows(report: ResultsReport) -> list[ResultRow]:
    profile = report.result.profile
    return [result_row(i, person, profile) for i, person in enumerate(ranked(report.result), 1)]


def level_labels(profile: Profile) -> list[str]:
    return [level.label_vi for level in profile.levels]


@dataclass(frozen=True)
class BandOutcome:
    band: Band
    names: tuple[str, ...]


def band_outcomes(report: ResultsReport) -> list[BandOutcome]:
    """Each band some person reached, lowest first, with who reached it."""
    outcomes = []
    for band in report.result.profile.bands:
        names = tuple(nfc(p.name) for p in report.result.people if p.band_key == band.key)
        if names:
            outcomes.append(BandOutcome(band, names))
    return outcomes


def outcome_lines(report: ResultsReport) -> list[str]:
    """Sentences for the consequences: one per band reached, or one saying none was."""
    outcomes = band_outcomes(report)
    if not outcomes:
        return ["Không có người nào thuộc các mức phải xem xét, xử lý theo quy định."]
    return [
        f"{outcome.band.label_vi}: {', '.join(outcome.names)}. {outcome.band.consequence_vi}"
        for outcome in outcomes
    ]


def previous_line(report: ResultsReport, name: str) -> str:
    """The previous result, "Kết quả năm 2023: Tín nhiệm cao 85,00%; ...", or "" if none."""
    previous = report.previous.get(name)
    if previous is None:
        return ""
    profile = report.result.profile
    parts = [
        f"{level.label_vi} {decimal_comma(previous.percent.get(level.key, '0.00'))}%"
        for level in profile.levels
    ]
    label = report.previous_label or "Kết quả lần trước"
    return f"{nfc(label)}: {'; '.join(parts)}"


def sorted_board(board: Sequence[BoardMember]) -> list[BoardMember]:
    """Head first, then members, then the secretary; the given order within a role."""
    return sorted(board, key=lambda member: _ROLE_ORDER.index(member.role))


def board_lines(board: Sequence[BoardMember]) -> list[str]:
    """Numbered lines, "1. Nguyễn Văn A, Trưởng ban;" ..., ending with a full stop."""
    members = sorted_board(board)
    lines = [
        f"{i}. {nfc(member.name)}, {ROLE_LABELS[member.role]}"
        for i, member in enumerate(members, 1)
    ]
    return [line + (";" if i < len(lines) else ".") for i, line in enumerate(lines, 1)]


def board_names(board: Sequence[BoardMember], role: BoardRole) -> list[str]:
    return [nfc(member.name) for member in board if member.role is role]


def minutes_purpose(session: SessionInfo) -> str:
    """The sentence "Đã tiến hành kiểm phiếu lấy phiếu tín nhiệm đối với ..." from the title."""
    title = nfc(session.title.strip())
    if "tín nhiệm" not in title.lower():
        vote = "bỏ phiếu" if session.profile.kind is Kind.NO_CONFIDENCE else "lấy phiếu"
        return f"Đã tiến hành kiểm phiếu {vote} tín nhiệm: {title}."
    return phrase_after("Đã tiến hành kiểm phiếu", title) + "."


def profile_line(profile: Profile) -> str:
    return f"Quy định áp dụng: {nfc(profile.title_vi)}. {base_text(profile)}."


SIGNATURE_HINT = "(Ký, ghi rõ họ tên)"


def anchor_line(anchor: str) -> str:
    """The audit log's row that closed the count, printed so the log can be checked against
    this signed paper later (`tinnhiem audit verify --anchor SEQ:HASH`)."""
    return f"Mốc nhật ký khi kết thúc kiểm phiếu (số dòng:mã băm): {anchor}"


# The words that start a place's name in a body's name: an administrative unit's kind. A long
# body name is broken before one of them ("HỘI ĐỒNG NHÂN DÂN / TỈNH NINH BÌNH"), never inside the
# place's name. Longer kinds first, so "THÀNH PHỐ" is not read as something else.
PLACE_WORDS = tuple(
    kind.split()
    for kind in (
        "THÀNH PHỐ",
        "THỊ XÃ",
        "THỊ TRẤN",
        "ĐẶC KHU",
        "TỈNH",
        "HUYỆN",
        "QUẬN",
        "XÃ",
        "PHƯỜNG",
    )
)
# "XÃ" that is no commune: "XÃ HỘI" (society: "Sở Lao động - Thương binh và Xã hội"), "HỢP TÁC XÃ"
# (a cooperative)
NOT_A_COMMUNE_AFTER = ("HỘI",)
NOT_A_COMMUNE_BEFORE = ("TÁC",)


def _place_at(upper: list[str], i: int) -> int:
    """How many words of a unit's kind start at `i` when a place's name follows them, else 0."""
    for kind in PLACE_WORDS:
        end = i + len(kind)
        if upper[i:end] != kind or end >= len(upper):  # a kind with no name after it: no place
            continue
        if kind == ["XÃ"] and (
            upper[end] in NOT_A_COMMUNE_AFTER or (i and upper[i - 1] in NOT_A_COMMUNE_BEFORE)
        ):
            continue
        return len(kind)
    return 0


def word_groups(name: str) -> list[str]:
    """A body's name cut before each place: ["HỘI ĐỒNG NHÂN DÂN", "TỈNH NINH BÌNH"].

    A place word right after another one is the place's own name ("PHƯỜNG XÃ ĐÀN"), and one
    that ends the name is part of it ("XÃ THƯỢNG QUẬN"), not a new place. Matching ignores case;
    the words are returned as written."""
    words = nfc(name).split()
    upper = [word.upper() for word in words]
    groups: list[list[str]] = []
    current: list[str] = []
    current_is_place_word = False
    i = 0
    while i < len(words):
        place = _place_at(upper, i)
        if place and current and not current_is_place_word:
            groups.append(current)
            current = []
        current_is_place_word = bool(place) and not current
        step = place or 1
        current.extend(words[i : i + step])
        i += step
    if current:
        groups.append(current)
    return [" ".join(group) for group in groups]
