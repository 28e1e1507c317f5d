"""Reading the party-member register (form 7-HSĐV) from XLSX or CSV (UTF-8, with or without a
byte-order mark), with every row's problems named by row and column, before anything is saved.
The approach and helpers of bodies/roster.py; no Django import: the services save what this
reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from tinnhiem import sheets
from tinnhiem.bodies.roster import Problem, Severity, fold, parse_date
from tinnhiem.members.checks import Issue, check_dates, check_identifiers, compact

# The 14 groups of form 7-HSĐV, then the electronic handbook's fields the form lacks.
GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Số TT", "No.", ("row",)),
    ("Họ và tên", "Name", ("full_name", "birth_name")),
    ("Giới tính, dân tộc, tôn giáo", "Sex, ethnicity, religion", ("sex", "ethnicity", "religion")),
    ("Quê quán", "Home town", ("home_town",)),
    (
        "Trình độ",
        "Education and training",
        ("education", "political_theory", "professional", "foreign_language"),
    ),
    ("Nghề nghiệp", "Occupation", ("occupation_before", "occupation_now")),
    (
        "Ngày vào Đảng, ngày chính thức",
        "Admission, full membership",
        ("admitted_on", "full_member_on"),
    ),
    (
        "Số thẻ, số lý lịch, số huy hiệu",
        "Card, record, badge",
        ("card_number", "record_number", "badge_number"),
    ),
    ("Quân đội, công an, hưu trí", "Army, police, retired", ("service",)),
    ("Chuyển đi", "Transferred out", ("transferred_out_on", "transferred_out_to")),
    ("Chuyển đến", "Transferred in", ("transferred_in_on", "transferred_in_from")),
    ("Từ trần", "Died", ("died_on",)),
    ("Ra khỏi Đảng", "Left the Party", ("left_on", "left_reason", "left_form")),
    ("Ghi chú", "Notes", ("notes",)),
    ("Sổ tay đảng viên", "Handbook", ("birth_date", "unit", "citizen_id", "phone")),
]

# column key -> (Vietnamese header, English header, other accepted spellings)
COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "row": ("STT", "No.", ("so tt", "so thu tu")),
    "full_name": ("Họ và tên đang dùng", "Name in use", ("ho va ten", "ho ten", "full name")),
    "birth_name": ("Họ và tên khai sinh", "Birth name", ("ten khai sinh",)),
    "sex": ("Giới tính", "Sex", ("gioi",)),
    "ethnicity": ("Dân tộc", "Ethnicity", ()),
    "religion": ("Tôn giáo", "Religion", ()),
    "home_town": ("Quê quán", "Home town", ()),
    "education": ("Giáo dục phổ thông", "General education", ("trinh do van hoa",)),
    "political_theory": ("Lý luận chính trị", "Political theory", ()),
    "professional": ("Chuyên môn, nghiệp vụ", "Professional qualification", ("chuyen mon",)),
    "foreign_language": ("Ngoại ngữ", "Foreign language", ()),
    "occupation_before": ("Nghề nghiệp khi vào Đảng", "Occupation on joining", ()),
    "occupation_now": ("Nghề nghiệp hiện nay", "Occupation now", ()),
    "admitted_on": ("Ngày vào Đảng", "Date of admission", ("ngay ket nap",)),
    "full_member_on": ("Ngày chính thức", "Date of full membership", ()),
    "card_number": ("Số thẻ đảng viên", "Party card number", ("so the",)),
    "record_number": ("Số lý lịch", "Record number", ("so ly lich dang vien",)),
    "badge_number": ("Số huy hiệu", "Badge number", ("huy hieu",)),
    "service": ("Quân đội, công an, hưu trí", "Army, police, retired", ()),
    "transferred_out_on": ("Ngày chuyển đi", "Transfer-out date", ()),
    "transferred_out_to": ("Chuyển đi đến", "Transferred to", ("noi chuyen di",)),
    "transferred_in_on": ("Ngày chuyển đến", "Transfer-in date", ()),
    "transferred_in_from": ("Chuyển đến từ", "Transferred from", ("noi chuyen den",)),
    "died_on": ("Ngày từ trần", "Date of death", ()),
    "left_on": ("Ngày ra khỏi Đảng", "Date of leaving", ()),
    "left_reason": ("Lý do ra khỏi Đảng", "Reason for leaving", ()),
    "left_form": ("Hình thức ra khỏi Đảng", "Form of leaving", ()),
    "notes": ("Ghi chú", "Notes", ()),
    "birth_date": ("Ngày sinh", "Date of birth", ()),
    "unit": ("Chi bộ", "Party cell", ("don vi", "to chuc dang")),
    "citizen_id": ("Số căn cước công dân", "Citizen ID", ("cccd", "so cccd", "so dinh danh")),
    "phone": ("Số điện thoại", "Phone", ("dien thoai",)),
}
REQUIRED = ("full_name", "sex", "admitted_on", "unit")
DATES = (
    "birth_date",
    "admitted_on",
    "full_member_on",
    "transferred_out_on",
    "transferred_in_on",
    "died_on",
    "left_on",
)
IDENTIFIERS = ("card_number", "record_number", "citizen_id", "phone")
SEX = {
    "nam": "male",
    "male": "male",
    "m": "male",
    "nu": "female",
    "female": "female",
    "f": "female",
}
SERVICE = {
    "quan doi": "army",
    "army": "army",
    "cong an": "police",
    "police": "police",
    "huu tri": "retired",
    "nghi huu": "retired",
    "retired": "retired",
}
LEAVING = {
    "cho ra khoi dang": "allowed_to_leave",
    "xin ra khoi dang": "allowed_to_leave",
    "allowed to leave": "allowed_to_leave",
    "xoa ten": "struck_off",
    "struck off": "struck_off",
    "khai tru": "expelled",
    "expelled": "expelled",
}
CHOICES = {"sex": SEX, "service": SERVICE, "left_form": LEAVING}
HEADER_SEARCH_ROWS = 12  # the export puts a title, the secrecy mark and group headers above


@dataclass
class MemberRow:
    row: int  # the sheet's row number
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    is_skipped: bool = False  # already in the register: left as it is

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


@dataclass
class RegisterPreview:
    file_name: str
    rows: list[MemberRow]
    problems: list[Problem] = field(default_factory=list)  # about the file itself
    new_units: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.problems) or any(row.has_errors for row in self.rows)

    @property
    def rows_to_add(self) -> list[MemberRow]:
        return [row for row in self.rows if not row.is_skipped]


@dataclass
class Known:
    """What the body's register already holds, to skip members already in it: its units, and
    of the file's identifiers those the register has (not the whole register's: a province
    holds 500,000)."""

    units: dict[str, str] = field(default_factory=dict)  # folded name -> name
    record_numbers: set[str] = field(default_factory=set)
    card_numbers: set[str] = field(default_factory=set)
    citizen_ids: set[str] = field(default_factory=set)


UNIQUE = ("record_number", "card_number", "citizen_id")
# Given the file's identifiers by column (UNIQUE), what the register already holds of them.
KnownOf = Callable[[dict[str, set[str]]], Known]


def nothing_known(identifiers: dict[str, set[str]]) -> Known:
    return Known()


def _lookup() -> dict[str, str]:
    lookup = {}
    for key, (vi, en, others) in COLUMNS.items():
        for spelling in (vi, en, key, *others):
            lookup[fold(spelling)] = key
    return lookup


def _find_header(raw: list[list[Any]]) -> tuple[int, dict[int, str]]:
    """The first row that names the member's name column, and its columns."""
    lookup = _lookup()
    for index, header in enumerate(raw[:HEADER_SEARCH_ROWS]):
        columns = {
            i: lookup[fold(h)] for i, h in enumerate(header) if h is not None and fold(h) in lookup
        }
        if "full_name" in columns.values():
            return index, columns
    return -1, {}


def read_register(
    file_name: str, content: bytes, *, known_of: KnownOf = nothing_known, today: date
) -> RegisterPreview:
    """Every row with its problems; what `known_of` says the register holds of the file's
    identifiers marks rows already in it (skipped), and units that will be created."""
    name = file_name.lower()
    if name.endswith(".csv"):
        try:
            raw = csv_rows(file_name, content)
        except sheets.UnreadableSheet as exc:
            return _file_error(file_name, exc.detail_vi, exc.detail_en)
    elif not name.endswith(".xlsx"):
        return _file_error(
            file_name, "chỉ nhận tệp .xlsx hoặc .csv", "only .xlsx or .csv files are accepted"
        )
    else:
        try:
            raw = sheets.xlsx_table(file_name, content)
        except sheets.UnreadableSheet as exc:
            return _file_error(file_name, exc.detail_vi, exc.detail_en)
    header_index, columns = _find_header(raw)
    if header_index < 0:
        return _file_error(
            file_name,
            f"không thấy dòng tiêu đề có cột '{COLUMNS['full_name'][0]}'",
            f"no header row with the column '{COLUMNS['full_name'][1]}'",
        )
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns.values()]
    if missing:
        return _file_error(
            file_name, f"thiếu cột {', '.join(missing)}", f"missing column {', '.join(missing)}"
        )
    preview = RegisterPreview(file_name, [])
    for number, values in enumerate(raw[header_index + 1 :], start=header_index + 2):
        if all(v in (None, "") for v in values):
            continue
        row = MemberRow(
            number, {key: values[i] if i < len(values) else None for i, key in columns.items()}
        )
        _read_row(row, today)
        preview.rows.append(row)
    known = known_of(
        {key: {v for row in preview.rows if (v := row.values.get(key))} for key in UNIQUE}
    )
    seen: dict[str, dict[str, int]] = {key: {} for key in UNIQUE}
    for row in preview.rows:
        _check_duplicates(row, seen, known)
        _check_unit(row, known, preview.new_units)
    return preview


def csv_rows(file_name: str, content: bytes) -> list[list[Any]]:
    """The rows of a CSV file in UTF-8, with or without a byte-order mark; the delimiter (comma,
    semicolon or tab) is read from the file. A byte that is not UTF-8 is named by its line."""
    text = sheets.decode_csv(file_name, content)
    if not text.strip():
        raise sheets.UnreadableSheet(file_name, "tệp trống", "the file is empty")
    best: list[list[Any]] = []
    score = -1
    refusals: list[sheets.UnreadableSheet] = []
    for delimiter in ",;\t":  # the one whose header names the most columns of the register
        try:
            rows: list[list[Any]] = list(sheets.csv_table(file_name, text, delimiter))
        except sheets.UnreadableSheet as exc:  # strict quoting: read with the wrong delimiter,
            refusals.append(exc)  # a comma file's quoted cells do not parse; try the next one
            continue
        found = len(_find_header(rows)[1])
        if found > score:
            best, score = rows, found
    if score < 0:
        raise refusals[0]  # unreadable whatever the delimiter: the comma's reason
    return best


def _file_error(file_name: str, vi: str, en: str) -> RegisterPreview:
    return RegisterPreview(
        file_name,
        [],
        [Problem(Severity.ERROR, "", f"Tệp {file_name}: {vi}", f"File {file_name}: {en}")],
    )


def _problem(
    row: MemberRow, key: str, vi: str, en: str, severity: Severity = Severity.ERROR
) -> None:
    header_vi, header_en, _ = COLUMNS[key]
    row.problems.append(
        Problem(
            severity,
            key,
            f"Dòng {row.row}, cột '{header_vi}': {vi}",
            f"Row {row.row}, column '{header_en}': {en}",
        )
    )


def _issue(row: MemberRow, issue: Issue) -> None:
    _problem(row, issue.field, issue.message_vi, issue.message_en)


def _read_row(row: MemberRow, today: date) -> None:
    values = row.values
    for key in COLUMNS:
        if key in DATES:
            try:
                values[key] = parse_date(values.get(key))
            except ValueError:
                _problem(row, key, "không phải ngày (dd/mm/yyyy)", "is not a date (dd/mm/yyyy)")
                values[key] = None
        elif key in IDENTIFIERS:
            values[key] = compact(values.get(key))
        elif key in CHOICES:
            text = " ".join(str(values.get(key) or "").split())
            values[key] = CHOICES[key].get(fold(text), "") if text else ""
            if text and not values[key]:
                _problem(row, key, f"không hiểu '{text}'", f"'{text}' is not understood")
        elif key != "row":
            values[key] = " ".join(str(values.get(key) or "").split())
    for key in REQUIRED:
        if not values.get(key) and not any(p.field == key for p in row.problems):
            _problem(row, key, "bỏ trống", "is empty")
    for issue in check_identifiers(values) + check_dates(values, today):
        _issue(row, issue)
    _check_events(row)


def _check_events(row: MemberRow) -> None:
    """A date needs its place (and a leaving its form), and the events must follow each other:
    in, out, back in; leaving or death only while in the register."""
    values = row.values
    pairs = (
        ("transferred_out_on", "transferred_out_to"),
        ("transferred_in_on", "transferred_in_from"),
        ("left_on", "left_form"),
    )
    for day, detail in pairs:
        if values.get(day) and not values.get(detail):
            _problem(row, detail, "bỏ trống khi đã có ngày", "is empty while the date is given")
        if values.get(detail) and not values.get(day) and not _has_problem(row, day):
            _problem(
                row, day, "bỏ trống khi đã ghi nội dung", "is empty while the details are given"
            )
    if values.get("died_on") and values.get("left_on"):
        _problem(
            row,
            "died_on",
            "đã ra khỏi Đảng thì không ghi từ trần",
            "a member who left is not recorded as deceased",
        )
    events = timeline(values)
    for (before, _kind), (after, kind) in pairwise(events):
        if after < before:
            _problem(
                row,
                _DATE_OF[kind],
                "trước sự kiện liền trước trong sổ",
                "comes before the previous event of the register",
            )
    present = True
    for _day, kind in events[1:]:
        if kind != "transferred_in" and not present:
            _problem(
                row,
                _DATE_OF[kind],
                "đảng viên đã chuyển đi, không còn trong sổ",
                "the member had transferred out and is no longer in the register",
            )
        present = kind == "transferred_in"


_DATE_OF = {
    "admitted": "admitted_on",
    "transferred_in": "transferred_in_on",
    "transferred_out": "transferred_out_on",
    "left": "left_on",
    "died": "died_on",
}


def _has_problem(row: MemberRow, key: str) -> bool:
    return any(p.field == key for p in row.problems)


def timeline(values: dict[str, Any]) -> list[tuple[date, str]]:
    """The register's events read from one row: the entry (admission here, or a transfer in),
    a transfer out, a transfer back in (when it comes after the transfer out), leaving, death."""
    events: list[tuple[date, str]] = []
    came: date | None = values.get("transferred_in_on")
    went: date | None = values.get("transferred_out_on")
    is_return = bool(came and went and came > went)
    if came is not None and not is_return:
        events.append((came, "transferred_in"))
    elif values.get("admitted_on"):
        events.append((values["admitted_on"], "admitted"))
    if went:
        events.append((went, "transferred_out"))
    if is_return and came is not None:
        events.append((came, "transferred_in"))
    if values.get("left_on"):
        events.append((values["left_on"], "left"))
    if values.get("died_on"):
        events.append((values["died_on"], "died"))
    return events


def _check_duplicates(row: MemberRow, seen: dict[str, dict[str, int]], known: Known) -> None:
    existing = {
        "record_number": known.record_numbers,
        "card_number": known.card_numbers,
        "citizen_id": known.citizen_ids,
    }
    for key, earlier in seen.items():
        value = row.values.get(key)
        if not value:
            continue
        if value in earlier:
            _problem(row, key, f"trùng với dòng {earlier[value]}", f"same as row {earlier[value]}")
        else:
            earlier[value] = row.row
        if value in existing[key] and not row.is_skipped:
            row.is_skipped = True
            _problem(
                row,
                key,
                f"'{value}' đã có trong sổ: bỏ qua dòng này, không cập nhật",
                f"'{value}' is already in the register: row skipped, not updated",
                Severity.WARNING,
            )


def _check_unit(row: MemberRow, known: Known, new_units: list[str]) -> None:
    name = row.values.get("unit") or ""
    if not name or row.is_skipped:
        return
    if fold(name) in known.units:
        row.values["unit"] = known.units[fold(name)]
        return
    if name not in new_units:
        new_units.append(name)
        known.units[fold(name)] = name
    _problem(
        row,
        "unit",
        f"chi bộ '{name}' chưa có: sẽ được tạo",
        f"party cell '{name}' does not exist yet: it will be created",
        Severity.WARNING,
    )
