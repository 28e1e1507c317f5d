"""Reading the sheets offices keep: a programme's tasks and its targets, with Vietnamese or
English headers, every cell checked before anything is saved. The header is row 1, as the
spreadsheet numbers it; an error names the row and the column as the file spells it.

Tasks: `Mã`/`code`, `Tên nhiệm vụ`/`title`, `Cơ quan chủ trì`/`lead`, `Cơ quan phối hợp`/
`partners` (separated by ";"), `Thời hạn`/`deadline` (YYYY-MM-DD, DD/MM/YYYY or "Thường xuyên"),
`Ngày hoàn thành`/`completed` (empty while open), `Lãnh đạo phụ trách`/`leader`.

Targets: `Chỉ tiêu`/`indicator`, `Đơn vị tính`/`unit`, `Kỳ`/`period`, `Kế hoạch`/`plan`,
`Thực hiện`/`actual`, and optionally `Chiều`/`direction`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tinnhiem.sheets import Cell, is_blank, normalize_header
from tinnhiem.steering.errors import ValueProblem
from tinnhiem.steering.indicators import Direction, parse_amount, parse_direction

TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("ma", "code", "ma nhiem vu", "ma so"),
    "title": ("ten nhiem vu", "title", "nhiem vu", "ten de an", "noi dung"),
    "lead": ("co quan chu tri", "lead", "chu tri", "don vi chu tri"),
    "partners": ("co quan phoi hop", "partners", "phoi hop", "don vi phoi hop"),
    "deadline": ("thoi han", "deadline", "thoi gian hoan thanh", "han hoan thanh"),
    "completed": ("ngay hoan thanh", "completed", "da hoan thanh ngay"),
    "leader": ("lanh dao phu trach", "leader", "lanh dao chi dao"),
}
TASK_REQUIRED = ("code", "title", "lead", "deadline")
# the headers an export writes (the first spelling offices use), in the order `read_tasks` reads
TASK_HEADERS = (
    "Mã",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn",
    "Ngày hoàn thành",
    "Lãnh đạo phụ trách",
)
ROUTINE_TEXT = "Thường xuyên"

INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("chi tieu", "indicator", "ten chi tieu"),
    "unit": ("don vi tinh", "unit", "dvt"),
    "period": ("ky", "period", "nam", "ky bao cao"),
    "plan": ("ke hoach", "plan", "chi tieu ke hoach"),
    "actual": ("thuc hien", "actual", "ket qua thuc hien"),
    "direction": ("chieu", "direction"),
}
INDICATOR_REQUIRED = ("indicator", "unit", "period", "plan", "actual")

# the longest text each column may hold (the programmes app stores them in fields this long)
TASK_LENGTHS = {"code": 60, "title": 1000, "lead": 200, "partners": 200, "leader": 200}
ROUTINE = ("thuong xuyen", "routine", "hang nam", "hang thang")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: 00:00(?::00)?)?")
_VIETNAMESE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class TaskRow:
    row: int
    code: str
    title: str
    lead: str
    partners: tuple[str, ...]
    deadline: date | None  # None: routine ("thường xuyên")
    completed: date | None
    leader: str


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    indicator: str
    unit: str
    period: str
    plan: Decimal
    actual: Decimal
    direction: Direction


class _Header:
    """Where each known column is, and how the file spells it (for messages)."""

    def __init__(
        self,
        cells: Sequence[Cell],
        columns: Mapping[str, tuple[str, ...]],
        required: Sequence[str],
    ) -> None:
        self.index: dict[str, int] = {}
        self.spelt: dict[str, str] = {}
        for position, cell in enumerate(cells):
            key = normalize_header(str(cell or ""))
            for name, spellings in columns.items():
                if key in spellings and name not in self.index:
                    self.index[name] = position
                    self.spelt[name] = str(cell).strip()
        missing = [name for name in required if name not in self.index]
        if missing:
            wanted = ", ".join(f"'{columns[name][0]}'/'{name}'" for name in missing)
            raise ValueProblem(
                f"thiếu cột {wanted} ở dòng tiêu đề",
                f"missing column(s) {wanted} in the header",
                row=1,
            )

    def text(self, cells: Sequence[Cell], name: str) -> str:
        position = self.index.get(name)
        if position is None or position >= len(cells) or cells[position] is None:
            return ""
        return str(cells[position]).strip()

    def column(self, name: str) -> str:
        return self.spelt.get(name, name)


def _rows(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, Sequence[Cell]]]:
    return [
        (number, cells) for number, cells in enumerate(rows[1:], start=2) if not is_blank(cells)
    ]


def read_tasks(rows: Sequence[Sequence[Cell]]) -> list[TaskRow]:
    """Every task row of the sheet, checked; a code may appear only once."""
    if not rows:
        raise ValueProblem("tệp không có dòng nào", "the file has no rows", row=1)
    header = _Header(rows[0], TASK_COLUMNS, TASK_REQUIRED)
    tasks: list[TaskRow] = []
    seen: dict[str, int] = {}
    for number, cells in _rows(rows):
        for name in ("code", "title", "lead"):
            if not header.text(cells, name):
                raise ValueProblem(
                    "ô này không được để trống",
                    "this cell must not be empty",
                    row=number,
                    field=header.column(name),
                )
        for name, most in TASK_LENGTHS.items():
            texts = (
                header.text(cells, name).split(";")
                if name == "partners"
                else [header.text(cells, name)]
            )
            if any(len(text.strip()) > most for text in texts):
                raise ValueProblem(
                    f"dài quá {most} ký tự",
                    f"longer than {most} characters",
                    row=number,
                    field=header.column(name),
                )
        code = header.text(cells, "code")
        if code in seen:
            raise ValueProblem(
                f"mã '{code}' đã có ở dòng {seen[code]}",
                f"code '{code}' is already on row {seen[code]}",
                row=number,
                field=header.column("code"),
            )
        seen[code] = number
        deadline_text = header.text(cells, "deadline")
        if normalize_header(deadline_text) in ROUTINE:
            deadline = None
        else:
            deadline = parse_date(deadline_text, row=number, column=header.column("deadline"))
        completed_text = header.text(cells, "completed")
        completed = (
            parse_date(completed_text, row=number, column=header.column("completed"))
            if completed_text
            else None
        )
        partners = tuple(
            part.strip() for part in header.text(cells, "partners").split(";") if part.strip()
        )
        tasks.append(
            TaskRow(
                row=number,
                code=code,
                title=header.text(cells, "title"),
                lead=header.text(cells, "lead"),
                partners=partners,
                deadline=deadline,
                completed=completed,
                leader=header.text(cells, "leader"),
            )
        )
    return tasks


def read_indicators(rows: Sequence[Sequence[Cell]]) -> list[IndicatorRow]:
    """Every target row of the sheet, checked; an indicator and period only once."""
    if not rows:
        raise ValueProblem("tệp không có dòng nào", "the file has no rows", row=1)
    header = _Header(rows[0], INDICATOR_COLUMNS, INDICATOR_REQUIRED)
    found: list[IndicatorRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in _rows(rows):
        for name in ("indicator", "period"):
            if not header.text(cells, name):
                raise ValueProblem(
                    "ô này không được để trống",
                    "this cell must not be empty",
                    row=number,
                    field=header.column(name),
                )
        key = (header.text(cells, "indicator"), header.text(cells, "period"))
        if key in seen:
            raise ValueProblem(
                f"chỉ tiêu và kỳ này đã có ở dòng {seen[key]}",
                f"this indicator and period are already on row {seen[key]}",
                row=number,
                field=header.column("indicator"),
            )
        seen[key] = number
        amounts = {
            name: parse_amount(header.text(cells, name), row=number, column=header.column(name))
            for name in ("plan", "actual")
        }
        found.append(
            IndicatorRow(
                row=number,
                indicator=key[0],
                unit=header.text(cells, "unit"),
                period=key[1],
                plan=amounts["plan"],
                actual=amounts["actual"],
                direction=parse_direction(
                    header.text(cells, "direction"), row=number, column=header.column("direction")
                ),
            )
        )
    return found


def format_deadline(day: date | None) -> str:
    """A date as offices write it (30/06/2022), or "Thường xuyên" for a routine task."""
    return ROUTINE_TEXT if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def parse_date(text: str, *, row: int | None = None, column: str | None = None) -> date:
    """YYYY-MM-DD (a spreadsheet's date cell reads so) or DD/MM/YYYY, as offices write it."""
    raw = text.strip()
    iso, vietnamese = _ISO.fullmatch(raw), _VIETNAMESE.fullmatch(raw)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if vietnamese:
            return date(int(vietnamese[3]), int(vietnamese[2]), int(vietnamese[1]))
    except ValueError:
        pass  # a day or month out of range: the message below
    raise ValueProblem(
        f"'{raw}' không phải là một ngày (ghi 2022-06-30, 30/06/2022 hoặc 'Thường xuyên')",
        f"'{raw}' is not a date (write 2022-06-30, 30/06/2022 or 'Thường xuyên')",
        row=row,
        field=column,
    )
