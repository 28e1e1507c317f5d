"""Inspection, supervision and discipline figures (kiểm tra, giám sát, kỷ luật: KTGS).

Period totals per activity and subject, as the Central Inspection Commission's statistical forms
count them (Decision 885-QĐ/UBKTTW, 2022). The figures are checked, never adjusted: a row that
breaks a rule is refused, naming the row and the rule, and the office corrects its source.

Rules, per row:
- found violating ≤ inspected; to be disciplined ≤ found violating;
- the disciplinary forms add up to those disciplined;
- a form belongs to the subject (Party Charter, 2011, Article 35): members — khiển trách
  (reprimand), cảnh cáo (warning), cách chức (removal from post), khai trừ (expulsion);
  organisations — khiển trách, cảnh cáo, giải tán (dissolution);
- "of which committee members" ≤ the members counted in that row's column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tinnhiem.steering.errors import FigureError


class Subject(StrEnum):
    ORGANISATIONS = "organisations"  # tổ chức đảng
    MEMBERS = "members"  # đảng viên


class Activity(StrEnum):
    COMMITTEE_INSPECTION = "committee_inspection"  # cấp ủy kiểm tra
    SIGNS_OF_VIOLATION = "signs_of_violation"  # kiểm tra khi có dấu hiệu vi phạm
    LOWER_LEVEL_DISCIPLINE = "lower_level_discipline"  # kiểm tra việc thi hành kỷ luật
    FINANCE = "finance"  # kiểm tra tài chính đảng
    SUPERVISION = "supervision"  # giám sát chuyên đề
    DENUNCIATIONS = "denunciations"  # giải quyết tố cáo
    DISCIPLINE_APPEALS = "discipline_appeals"  # giải quyết khiếu nại kỷ luật
    ASSET_DECLARATIONS = "asset_declarations"  # kiểm soát kê khai tài sản
    DISCIPLINE = "discipline"  # thi hành kỷ luật (cả kỳ)


ACTIVITY_LABELS: dict[Activity, tuple[str, str]] = {
    Activity.COMMITTEE_INSPECTION: ("Cấp ủy kiểm tra", "Inspection by Party committees"),
    Activity.SIGNS_OF_VIOLATION: (
        "Kiểm tra khi có dấu hiệu vi phạm",
        "Inspection on signs of violation",
    ),
    Activity.LOWER_LEVEL_DISCIPLINE: (
        "Kiểm tra việc thi hành kỷ luật trong Đảng",
        "Inspection of lower levels' discipline work",
    ),
    Activity.FINANCE: ("Kiểm tra tài chính đảng", "Inspection of Party finance"),
    Activity.SUPERVISION: ("Giám sát chuyên đề", "Thematic supervision"),
    Activity.DENUNCIATIONS: ("Giải quyết tố cáo", "Denunciations settled"),
    Activity.DISCIPLINE_APPEALS: ("Giải quyết khiếu nại kỷ luật", "Discipline appeals settled"),
    Activity.ASSET_DECLARATIONS: (
        "Kiểm soát kê khai tài sản, thu nhập",
        "Asset and income declarations checked",
    ),
    Activity.DISCIPLINE: ("Thi hành kỷ luật", "Discipline imposed"),
}
SUBJECT_LABELS: dict[Subject, tuple[str, str]] = {
    Subject.ORGANISATIONS: ("Tổ chức đảng", "Party organisations"),
    Subject.MEMBERS: ("Đảng viên", "Party members"),
}

FORMS: dict[Subject, tuple[str, ...]] = {
    Subject.MEMBERS: ("khien_trach", "canh_cao", "cach_chuc", "khai_tru"),
    Subject.ORGANISATIONS: ("khien_trach", "canh_cao", "giai_tan"),
}
FORM_LABELS: dict[str, tuple[str, str]] = {
    "khien_trach": ("Khiển trách", "Reprimand"),
    "canh_cao": ("Cảnh cáo", "Warning"),
    "cach_chuc": ("Cách chức", "Removal from post"),
    "khai_tru": ("Khai trừ", "Expulsion"),
    "giai_tan": ("Giải tán", "Dissolution"),
}


@dataclass(frozen=True)
class FigureRow:
    """One row of the period's figures: an activity, a subject and its counts."""

    activity: Activity
    subject: Subject
    inspected: int = 0  # kiểm tra / giám sát (number of organisations or members)
    committee_members: int = 0  # of which committee members (members only)
    violating: int = 0  # có vi phạm / có khuyết điểm
    to_discipline: int = 0  # phải thi hành kỷ luật
    disciplined: int = 0  # đã thi hành kỷ luật
    forms: Mapping[str, int] = field(default_factory=dict)  # disciplined, by form

    @property
    def label(self) -> tuple[str, str]:
        activity, subject = ACTIVITY_LABELS[self.activity], SUBJECT_LABELS[self.subject]
        return f"{activity[0]} — {subject[0]}", f"{activity[1]} — {subject[1]}"


def check_row(row: FigureRow, *, number: int | None = None) -> None:
    """Refuse a row that breaks a rule; the message names the row (its number in the sheet when
    given, else its activity and subject) and the rule."""
    where_vi, where_en = _where(row, number)
    counts = {
        "inspected": row.inspected,
        "committee_members": row.committee_members,
        "violating": row.violating,
        "to_discipline": row.to_discipline,
        "disciplined": row.disciplined,
        **row.forms,
    }
    for name, value in counts.items():
        if value < 0:
            _refuse(
                row,
                number,
                f"{where_vi}: số '{name}' không được âm",
                f"{where_en}: '{name}' must not be negative",
            )
    if row.violating > row.inspected:
        _refuse(
            row,
            number,
            f"{where_vi}: số có vi phạm ({row.violating}) lớn hơn số được kiểm tra ({row.inspected})",
            f"{where_en}: found violating ({row.violating}) exceeds inspected ({row.inspected})",
        )
    if row.to_discipline > row.violating:
        _refuse(
            row,
            number,
            f"{where_vi}: số phải thi hành kỷ luật ({row.to_discipline}) lớn hơn số có vi phạm ({row.violating})",
            f"{where_en}: to be disciplined ({row.to_discipline}) exceeds found violating ({row.violating})",
        )
    if row.subject is Subject.ORGANISATIONS and row.committee_members:
        _refuse(
            row,
            number,
            f"{where_vi}: 'trong đó cấp ủy viên' chỉ dùng cho đảng viên",
            f"{where_en}: 'of which committee members' applies to members only",
        )
    if row.committee_members > row.inspected:
        _refuse(
            row,
            number,
            f"{where_vi}: số cấp ủy viên ({row.committee_members}) lớn hơn số được kiểm tra ({row.inspected})",
            f"{where_en}: committee members ({row.committee_members}) exceed inspected ({row.inspected})",
        )
    allowed = FORMS[row.subject]
    for form in row.forms:
        if form not in allowed:
            label = FORM_LABELS.get(form, (form, form))
            _refuse(
                row,
                number,
                f"{where_vi}: hình thức '{label[0]}' không áp dụng cho {SUBJECT_LABELS[row.subject][0].lower()}",
                f"{where_en}: the form '{label[1]}' does not apply to {SUBJECT_LABELS[row.subject][1].lower()}",
            )
    by_form = sum(row.forms.values())
    if row.forms and by_form != row.disciplined:
        _refuse(
            row,
            number,
            f"{where_vi}: cộng các hình thức kỷ luật ({by_form}) khác số đã thi hành kỷ luật ({row.disciplined})",
            f"{where_en}: the forms of discipline add up to {by_form}, not to the {row.disciplined} disciplined",
        )


def check_rows(rows: Sequence[FigureRow], *, first_row: int | None = None) -> None:
    """Check every row, and that no activity and subject appears twice."""
    seen: set[tuple[Activity, Subject]] = set()
    for index, row in enumerate(rows):
        number = None if first_row is None else first_row + index
        check_row(row, number=number)
        key = (row.activity, row.subject)
        if key in seen:
            where_vi, where_en = _where(row, number)
            _refuse(
                row,
                number,
                f"{where_vi}: hoạt động và đối tượng này đã có ở dòng trước",
                f"{where_en}: this activity and subject already has a row",
            )
        seen.add(key)


def _where(row: FigureRow, number: int | None) -> tuple[str, str]:
    label_vi, label_en = row.label
    if number is None:
        return label_vi, label_en
    return f"Dòng {number} ({label_vi})", f"Row {number} ({label_en})"


def _refuse(row: FigureRow, number: int | None, message_vi: str, message_en: str) -> None:
    raise FigureError(message_vi, message_en, row=number)
