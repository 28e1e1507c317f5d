"""Reading a score sheet (.csv or .xlsx) into score lines: one row per person, the first
non-blank row is the header.

Columns are found by header, in English or Vietnamese, ignoring case, accents and extra spaces:
`name` ("Họ và tên"), `unit` ("Đơn vị"), `group` ("Nhóm"), `id` ("Mã cán bộ"), one column per
criterion (its key, its labels or an alias from the scheme), one per extra condition
(`on_time`: yes/no; `beyond_share`: "35%", "0.35"), `disqualified` (blank or "no"; fact keys
separated by ";"; or "yes" for a fact not named), and for grade schemes `grade` ("Xếp loại").
Under a scheme with `[task_results]`, `quantity`, `quality`, `progress` may replace the task
points, and a leader's row adds `unit_result` ("Kết quả đơn vị") and `organizing` ("Năng lực tổ
chức thực hiện nhiệm vụ"), percentages averaged with them (Decree 335/2025/NĐ-CP, Điều 15).
Other columns ("STT", a total) are ignored. Decimal commas ("89,5") are accepted.

Every error names the spreadsheet row and the column header as written in the file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from tinnhiem.grading.assess import ScoreLine
from tinnhiem.grading.errors import GradingError, ScoreError, SheetError
from tinnhiem.grading.numbers import parse_number, parse_share
from tinnhiem.grading.products import LeaderFigures, task_points
from tinnhiem.grading.scheme import UNSPECIFIED_FACT, Condition, Criterion, InputKind, Scheme
from tinnhiem.sheets import Cell, is_blank, normalize_header, read_rows

NAME, UNIT, GROUP, ID, GRADE, DISQUALIFIED = "name", "unit", "group", "id", "grade", "disqualified"

_FIXED: dict[str, tuple[str, ...]] = {
    NAME: ("name", "ho va ten", "ho ten"),
    UNIT: ("unit", "don vi", "co quan", "co quan don vi", "to chuc co so dang", "chi bo"),
    GROUP: ("group", "nhom", "nhom vi tri", "nhom chuc danh", "nhom vi tri tuong dong"),
    ID: ("id", "ma", "ma can bo", "ma so"),
    GRADE: ("grade", "xep loai", "xep loai de xuat", "de xuat"),
    DISQUALIFIED: ("disqualified", "tinh tiet khong duoc xep loai"),
}
# instead of the task points: the period's quantity, quality and progress, in percent
# (Decree 335/2025/NĐ-CP; `grading.products`)
_FIGURES: dict[str, tuple[str, ...]] = {
    "quantity": ("quantity", "so luong", "so luong (%)", "ty le so luong"),
    "quality": ("quality", "chat luong", "chat luong (%)", "ty le chat luong"),
    "progress": ("progress", "tien do", "tien do (%)", "ty le tien do"),
}
# a leader's rows add (Decree 335/2025/NĐ-CP, Điều 15 khoản 3), in percent
_LEADER: dict[str, tuple[str, ...]] = {
    "unit_result": (
        "unit_result",
        "ket qua don vi",
        "ket qua don vi (%)",
        "ket qua hoat dong cua don vi",
        "ket qua hoat dong cua co quan, to chuc, don vi",
    ),
    "organizing": (
        "organizing",
        "nang luc to chuc thuc hien",
        "nang luc to chuc thuc hien nhiem vu",
        "nang luc to chuc thuc hien nhiem vu (%)",
    ),
}
_YES = {"1", "x", "v", "yes", "y", "true", "co", "dat"}
_NO = {"", "0", "no", "n", "false", "khong", "khong dat", "-"}
_FACT_SEPARATOR = re.compile(r"[;+\n]")


@dataclass(frozen=True)
class ScoreSheet:
    """The lines read, and for each field the column header as written in the file."""

    lines: list[ScoreLine]
    headers: dict[str, str] = field(default_factory=dict)

    def relocated(self, exc: GradingError) -> GradingError:
        """The engine names a criterion key ('performance'); the user wrote 'Thực hiện nhiệm
        vụ'. The same error, naming the column as written."""
        header = self.headers.get(exc.field or "")
        if header is None or header == exc.field:
            return exc
        return type(exc)(exc.message_vi, exc.message_en, row=exc.row, field=header)


def read_score_sheet(path: Path, scheme: Scheme) -> ScoreSheet:
    """The score lines of a .csv or .xlsx file, one per non-blank row after the header."""
    rows = read_rows(path, SheetError)
    header_index = next((i for i, cells in enumerate(rows) if not is_blank(cells)), None)
    if header_index is None:
        raise SheetError(f"tệp '{path.name}' trống", f"file '{path.name}' is empty")
    header = rows[header_index]
    columns = _columns(header, header_index + 1, scheme, path)
    headers = {key: str(header[index]).strip() for key, index in columns.items()}
    reader = _RowReader(scheme, columns, headers)
    lines = [
        reader.line(index + 1, cells)
        for index, cells in enumerate(rows)
        if index > header_index and not is_blank(cells)
    ]
    return ScoreSheet(lines=lines, headers=headers)


def _names(scheme: Scheme) -> dict[str, str]:
    """Normalised header -> field."""
    names = {normalize_header(text): key for key, texts in _FIXED.items() for text in texts}
    items: list[Criterion | Condition] = [*scheme.criteria, *scheme.conditions]
    for item in items:
        for text in (item.key, item.label_vi, item.label_en, *item.aliases):
            names[normalize_header(text)] = item.key
    if scheme.disqualifying is not None:
        for text in scheme.disqualifying.aliases:
            names[normalize_header(text)] = DISQUALIFIED
    if scheme.task_results is not None:
        for key, texts in _FIGURES.items():
            names.update({normalize_header(text): key for text in texts})
        if scheme.task_results.leaders is not None:
            for key, texts in _LEADER.items():
                names.update({normalize_header(text): key for text in texts})
    return names


def _required(scheme: Scheme) -> list[tuple[str, str, str]]:
    """(field, Vietnamese header, English header) of the columns the sheet must have."""
    needed = [(NAME, "Họ và tên", NAME), (UNIT, "Đơn vị", UNIT)]
    if any(GROUP in quota.per for quota in scheme.quotas):
        needed.append((GROUP, "Nhóm", GROUP))
    if scheme.input is InputKind.GRADE:
        needed.append((GRADE, "Xếp loại", GRADE))
    needed += [(c.key, c.label_vi, c.key) for c in scheme.criteria if not c.is_bonus]
    needed += [(c.key, c.label_vi, c.key) for c in scheme.conditions]
    return needed


def _columns(header: Sequence[Cell], header_row: int, scheme: Scheme, path: Path) -> dict[str, int]:
    names = _names(scheme)
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(normalize_header(str(cell or "")))
        if key is None:
            continue
        if key in columns:
            raise SheetError(
                f"hai cột cùng là '{key}'", f"two columns both give '{key}'", row=header_row,
                field=str(cell).strip(),
            )  # fmt: skip
        columns[key] = index
    figures = [key for key in _FIGURES if key in columns]
    if figures and len(figures) < len(_FIGURES):
        missing = next(key for key in _FIGURES if key not in columns)
        raise SheetError(
            f"có cột '{figures[0]}' thì cần cả cột '{missing}'",
            f"with a '{figures[0]}' column, a '{missing}' column is needed too",
            row=header_row,
            field=missing,
        )
    _leader_columns(columns, header_row, scheme, has_figures=bool(figures))
    for key, vi, en in _required(scheme):
        if figures and scheme.task_results and key == scheme.task_results.criterion:
            continue  # computed from the three figures
        if key not in columns:
            raise SheetError(
                f"tệp '{path.name}' thiếu cột '{vi}' (hoặc '{en}')",
                f"file '{path.name}' has no column '{en}' (or '{vi}')",
                row=header_row,
                field=en,
            )
    return columns


def _leader_columns(
    columns: dict[str, int], header_row: int, scheme: Scheme, *, has_figures: bool
) -> None:
    """A leader's columns come with the three figures they are averaged with, and the unit's
    result with the capacity to organise when the scheme weighs it."""
    given = [key for key in _LEADER if key in columns]
    if not given:
        return
    leaders = scheme.task_results.leaders if scheme.task_results else None
    needed = ["unit_result", "organizing"] if leaders and leaders.organizing else ["unit_result"]
    missing = next((key for key in needed if key not in columns), None)
    if missing is None and not has_figures:
        missing = "quantity"
    if missing is not None:
        raise SheetError(
            f"có cột '{given[0]}' thì cần cả cột '{missing}'",
            f"with a '{given[0]}' column, a '{missing}' column is needed too",
            row=header_row,
            field=missing,
        )


class _RowReader:
    def __init__(self, scheme: Scheme, columns: dict[str, int], headers: dict[str, str]) -> None:
        self.scheme, self.columns, self.headers = scheme, columns, headers
        self.grades = {
            normalize_header(text): band.key
            for band in scheme.bands
            for text in (band.key, band.label_vi, band.label_en, *band.aliases)
        }

    def cell(self, cells: Sequence[Cell], key: str) -> Cell:
        index = self.columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def text(self, cells: Sequence[Cell], key: str) -> str:
        value = self.cell(cells, key)
        return unicodedata.normalize("NFC", "" if value is None else str(value).strip())

    def line(self, row: int, cells: Sequence[Cell]) -> ScoreLine:
        name = self.text(cells, NAME)
        if not name:
            raise ScoreError(
                "thiếu họ tên", "the name is missing", row=row, field=self.headers[NAME]
            )
        unit = self.text(cells, UNIT)
        if not unit:
            raise ScoreError(
                "thiếu đơn vị", "the unit is missing", row=row, field=self.headers[UNIT]
            )
        group = self.text(cells, GROUP)
        if GROUP in self.columns and not group and any(GROUP in q.per for q in self.scheme.quotas):
            raise ScoreError(
                "thiếu nhóm", "the group is missing", row=row, field=self.headers[GROUP]
            )
        return ScoreLine(
            name=name,
            unit=unit,
            group=group,
            scores=self.scores(row, cells),
            proposed=self.grade(row, cells) if self.scheme.input is InputKind.GRADE else None,
            conditions=self.conditions(row, cells),
            facts=self.facts(row, cells),
            key=self.text(cells, ID),
            row=row,
        )

    def scores(self, row: int, cells: Sequence[Cell]) -> dict[str, Decimal]:
        scores = {}
        rule = self.scheme.task_results
        for criterion in self.scheme.criteria:
            if rule is not None and criterion.key == rule.criterion and "quantity" in self.columns:
                computed = self.from_figures(row, cells, criterion.key)
                if computed is not None:
                    scores[criterion.key] = computed
                    continue
            if criterion.key not in self.columns:
                continue  # an optional bonus column left out
            value = _number(self.cell(cells, criterion.key))
            header = self.headers[criterion.key]
            if value is None:
                raw = self.text(cells, criterion.key)
                if raw == "" and criterion.is_bonus:
                    continue
                raise ScoreError(
                    "ô trống" if raw == "" else f"'{raw}' không phải là số",
                    "the cell is empty" if raw == "" else f"'{raw}' is not a number",
                    row=row,
                    field=header,
                )
            scores[criterion.key] = value
        return scores

    def from_figures(self, row: int, cells: Sequence[Cell], key: str) -> Decimal | None:
        """The task points from the row's quantity, quality and progress (and a leader's unit
        result and capacity to organise); None when the three are blank (the task points column
        is read instead). Both given is refused."""
        texts = {name: self.text(cells, name) for name in _FIGURES}
        leader = {name: self.text(cells, name) for name in _LEADER if name in self.columns}
        if not any(texts.values()):
            if any(leader.values()):
                raise ScoreError(
                    "kết quả đơn vị tính cùng số lượng, chất lượng, tiến độ: ghi cả ba",
                    "the unit's result is averaged with quantity, quality and progress: give them",
                    row=row,
                    field=self.headers["quantity"],
                )
            if key not in self.columns:
                raise ScoreError(
                    "ô trống", "the cell is empty", row=row, field=self.headers["quantity"]
                )
            return None
        if key in self.columns and self.text(cells, key):
            raise ScoreError(
                "ghi điểm nhiệm vụ hoặc số lượng, chất lượng, tiến độ, không ghi cả hai",
                "give the task points or quantity, quality and progress, not both",
                row=row,
                field=self.headers[key],
            )
        figures = {name: self.percent(row, cells, name) for name in _FIGURES}
        return task_points(self.scheme, **figures, leader=self.leader(row, cells, leader), row=row)

    def leader(
        self, row: int, cells: Sequence[Cell], texts: dict[str, str]
    ) -> LeaderFigures | None:
        """A leader's figures, when the row gives the unit's result; None for everyone else."""
        if not any(texts.values()):
            return None
        organizing = None
        if "organizing" in texts:
            organizing = self.percent(row, cells, "organizing")
        return LeaderFigures(self.percent(row, cells, "unit_result"), organizing)

    def percent(self, row: int, cells: Sequence[Cell], name: str) -> Decimal:
        value = _number(self.cell(cells, name))
        if value is None or not 0 <= value <= 100:
            text = self.text(cells, name)
            raise ScoreError(
                f"'{text}' không phải tỷ lệ phần trăm từ 0 đến 100",
                f"'{text}' is not a percentage from 0 to 100",
                row=row,
                field=self.headers[name],
            )
        return value

    def grade(self, row: int, cells: Sequence[Cell]) -> str:
        raw = self.text(cells, GRADE)
        key = self.grades.get(normalize_header(raw))
        if key is None:
            keys = ", ".join(self.scheme.band_keys)
            raise ScoreError(
                f"xếp loại '{raw}' không có (có: {keys})",
                f"no grade '{raw}' (grades: {keys})",
                row=row,
                field=self.headers[GRADE],
            )
        return key

    def conditions(self, row: int, cells: Sequence[Cell]) -> dict[str, bool | Fraction]:
        found: dict[str, bool | Fraction] = {}
        for condition in self.scheme.conditions:
            value = self.cell(cells, condition.key)
            header = self.headers[condition.key]
            if condition.is_flag:
                found[condition.key] = _flag(value, row=row, header=header)
                continue
            share = _share(value, row=row, header=header)
            if share is not None:
                found[condition.key] = share
        return found

    def facts(self, row: int, cells: Sequence[Cell]) -> frozenset[str]:
        if DISQUALIFIED not in self.columns:
            return frozenset()
        header = self.headers[DISQUALIFIED]
        value = self.cell(cells, DISQUALIFIED)
        words = normalize_header("" if value is None else str(value))
        if isinstance(value, bool) or words in _YES | _NO:
            return (
                frozenset({UNSPECIFIED_FACT.key})
                if _flag(value, row=row, header=header)
                else frozenset()
            )
        rules = self.scheme.disqualifying
        known = {normalize_header(key): key for key in (rules.fact_keys if rules else ())}
        facts = set()
        for token in _FACT_SEPARATOR.split(words):
            key = known.get(token.strip())
            if key is None:
                raise ScoreError(
                    f"tình tiết '{token.strip()}' không có (có: {', '.join(known.values()) or 'không có'})",
                    f"no disqualifying fact '{token.strip()}' (facts: {', '.join(known.values()) or 'none'})",
                    row=row,
                    field=header,
                )
            facts.add(key)
        return frozenset(facts)


def _number(value: Cell) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        # repr is the shortest text that reads back as the same float: 89.5, not 89.4999...;
        # beyond 20 decimals a spreadsheet float is binary noise, not a score
        number = Decimal(repr(value))
        exponent = number.as_tuple().exponent
        is_short = isinstance(exponent, int) and exponent >= -20
        return number if is_short else number.quantize(Decimal("1E-20"))
    return None if value is None else parse_number(str(value))


def _flag(value: Cell, *, row: int, header: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    words = normalize_header("" if value is None else str(value))
    if words in _YES:
        return True
    if words in _NO:
        return False
    raise ScoreError(
        f"'{value}' không phải có/không (dùng: có, không, x, 1, 0)",
        f"'{value}' is not yes or no (use: yes, no, x, 1, 0)",
        row=row,
        field=header,
    )


def _share(value: Cell, *, row: int, header: str) -> Fraction | None:
    """A share between 0 and 1; a blank cell is no share stated (the condition is not met)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = None if isinstance(value, bool) else _number(value)
    if number is not None:
        share = Fraction(number) if 0 <= number <= 1 else None
    else:
        share = parse_share(value) if isinstance(value, str) else None
    if share is None:
        raise ScoreError(
            f"'{value}' không phải tỷ lệ từ 0 đến 1 (ví dụ 0.35 hoặc 35%)",
            f"'{value}' is not a share between 0 and 1 (for example 0.35 or 35%)",
            row=row,
            field=header,
        )
    return share
