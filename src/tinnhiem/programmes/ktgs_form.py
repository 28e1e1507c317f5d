"""The KTGS entry grid: one line per activity and subject, numbered as the page shows them,
every cell kept as typed. A line left empty is not part of the table; a cell that is not a
whole number, or a line that breaks a rule of `steering.inspection`, refuses the whole table
naming the line and the rule (the figures are checked, never adjusted)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tinnhiem.core.i18n import choose
from tinnhiem.steering.errors import FigureError
from tinnhiem.steering.inspection import (
    ACTIVITY_LABELS,
    FORM_LABELS,
    FORMS,
    SUBJECT_LABELS,
    Activity,
    FigureRow,
    Subject,
    check_row,
)

COUNTS = ("inspected", "committee_members", "violating", "to_discipline", "disciplined")
COUNT_LABELS = {
    "inspected": ("Được kiểm tra, giám sát", "Inspected"),
    "committee_members": ("Trong đó cấp ủy viên", "Of which committee members"),
    "violating": ("Có vi phạm", "Found violating"),
    "to_discipline": ("Phải thi hành kỷ luật", "To be disciplined"),
    "disciplined": ("Đã thi hành kỷ luật", "Disciplined"),
}
FORM_KEYS = ("khien_trach", "canh_cao", "cach_chuc", "khai_tru", "giai_tan")
COLUMNS = COUNTS + FORM_KEYS
COLUMN_LABELS = COUNT_LABELS | {key: FORM_LABELS[key] for key in FORM_KEYS}


def _applies(subject: Subject, column: str) -> bool:
    if column == "committee_members":
        return subject is Subject.MEMBERS
    return column in COUNTS or column in FORMS[subject]


@dataclass
class Line:
    number: int
    activity: Activity
    subject: Subject
    cells: dict[str, str] = field(default_factory=dict)  # as typed
    problem: str = ""

    @property
    def label(self) -> tuple[str, str]:
        return ACTIVITY_LABELS[self.activity][0], SUBJECT_LABELS[self.subject][0]

    @property
    def label_en(self) -> tuple[str, str]:
        return ACTIVITY_LABELS[self.activity][1], SUBJECT_LABELS[self.subject][1]

    def name(self, column: str) -> str:
        return f"{self.activity.value}.{self.subject.value}.{column}"

    def columns(self) -> list[tuple[str, str, bool]]:
        """(input name, value as typed, whether the column applies) in the table's order."""
        return [(self.name(c), self.cells.get(c, ""), _applies(self.subject, c)) for c in COLUMNS]

    @property
    def is_blank(self) -> bool:
        return not any(value.strip() for value in self.cells.values())


@dataclass
class Grid:
    lines: list[Line]
    problem: str = ""

    @classmethod
    def empty(cls) -> Grid:
        numbered = enumerate(((a, s) for a in Activity for s in Subject), start=1)
        return cls([Line(n, a, s) for n, (a, s) in numbered])

    @classmethod
    def of_figures(cls, rows: Iterable[FigureRow]) -> Grid:
        grid = cls.empty()
        by_key = {(row.activity, row.subject): row for row in rows}
        for line in grid.lines:
            row = by_key.get((line.activity, line.subject))
            if row is not None:
                line.cells = {c: str(getattr(row, c)) for c in COUNTS}
                line.cells |= {form: str(count) for form, count in row.forms.items()}
        return grid

    @classmethod
    def of_post(cls, data: Mapping[str, str]) -> Grid:
        grid = cls.empty()
        for line in grid.lines:
            line.cells = {
                c: str(data.get(line.name(c), "")).strip()
                for c in COLUMNS
                if _applies(line.subject, c)
            }
        grid.check()
        return grid

    @property
    def has_errors(self) -> bool:
        return bool(self.problem) or any(line.problem for line in self.lines)

    @property
    def column_labels(self) -> list[tuple[str, str]]:
        return [COLUMN_LABELS[c] for c in COLUMNS]

    def _row(self, line: Line) -> FigureRow | None:
        numbers: dict[str, int] = {}
        for column, typed in line.cells.items():
            if not typed:
                continue
            if not (typed.isascii() and typed.isdigit() and len(typed) <= 9):
                vi, en = COLUMN_LABELS[column]
                line.problem = choose(
                    f"Dòng {line.number}, cột '{vi}': '{typed}' không phải số nguyên không âm",
                    f"Row {line.number}, column '{en}': '{typed}' is not a non-negative whole "
                    "number",
                )
                return None
            numbers[column] = int(typed)
        forms = {key: numbers.pop(key) for key in FORM_KEYS if key in numbers}
        return FigureRow(line.activity, line.subject, forms=forms, **numbers)

    def check(self) -> None:
        """Every line read and checked against the rules, each problem on its line."""
        for line in self.lines:
            if line.is_blank:
                continue
            row = self._row(line)
            if row is None:
                continue
            try:
                check_row(row, number=line.number)
            except FigureError as exc:
                line.problem = choose(exc.message_vi, exc.message_en)
        if not self.has_errors and all(line.is_blank for line in self.lines):
            self.problem = choose("Bảng chưa có số liệu nào", "The table has no figures")

    def figure_rows(self) -> list[FigureRow]:
        rows = [self._row(line) for line in self.lines if not line.is_blank]
        return [row for row in rows if row is not None]

    def refuse(self, row: int | None, message: str) -> None:
        """A refusal of the service: on the line it names (its place among the lines sent)."""
        filled = [line for line in self.lines if not line.is_blank]
        if row is not None and 1 <= row <= len(filled):
            filled[row - 1].problem = message
        else:
            self.problem = message
