"""The task sheet on the web: a row-by-row preview of an upload (what each row will create or
change, and every row's problem, before anything is saved), and the export in the same
columns, so that an exported sheet imports back unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from openpyxl import Workbook

from tinnhiem import cells, sheets
from tinnhiem.bilingual import BilingualError
from tinnhiem.programmes.models import Programme, Task
from tinnhiem.sheets import Cell
from tinnhiem.steering.sheets import TaskRow, read_tasks

HEADERS = (
    "Mã",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn",
    "Ngày hoàn thành",
    "Lãnh đạo phụ trách",
)
ROUTINE = "Thường xuyên"


@dataclass
class PreviewRow:
    number: int
    cells: Sequence[Cell]
    task: TaskRow | None = None
    change: str = ""  # "new", "update", "same"
    problem: BilingualError | None = None


@dataclass
class Preview:
    file_name: str
    rows: list[PreviewRow] = field(default_factory=list)
    problem: BilingualError | None = None  # the file itself (unreadable, no header)

    @property
    def has_errors(self) -> bool:
        return self.problem is not None or any(row.problem for row in self.rows)

    def count(self, change: str) -> int:
        return sum(1 for row in self.rows if row.change == change)

    @property
    def task_rows(self) -> list[TaskRow]:
        return [row.task for row in self.rows if row.task is not None]


def table(file_name: str, content: bytes) -> list[Sequence[Cell]]:
    """The first sheet of a CSV or XLSX upload (refused when it is neither, or unreadable)."""
    suffix = PurePath(file_name.lower()).suffix
    if suffix == ".xlsx":
        sheets.check_size(file_name, len(content))
        return [tuple(_cell(v) for v in row) for row in sheets.xlsx_table(file_name, content)]
    if suffix == ".csv":
        text = sheets.decode_csv(file_name, content)
        first = next((line for line in text.splitlines() if line.strip()), "")
        return list(
            sheets.csv_table(file_name, text, ";" if first.count(";") > first.count(",") else ",")
        )
    raise sheets.UnreadableSheet(file_name, "phải là .csv hoặc .xlsx", "must be a .csv or an .xlsx")


def _cell(value: Any) -> Cell:
    return value if value is None or isinstance(value, str | int | float) else str(value)


def preview(programme_code: str, file_name: str, content: bytes) -> Preview:
    """Every row read on its own (so each shows its own problem), then the whole sheet (codes
    repeated across rows); each good row compared with the task of its code."""
    result = Preview(file_name)
    try:
        rows = table(file_name, content)
        read_tasks(rows[:1])  # the header
    except BilingualError as exc:
        result.problem = exc
        return result
    existing = {
        t.code: t
        for t in Task.objects.filter(programme__code=programme_code)
        .select_related("lead")
        .prefetch_related("partners")
    }
    for number, row_cells in enumerate(rows[1:], start=2):
        if sheets.is_blank(row_cells):
            continue
        line = PreviewRow(number, row_cells)
        try:
            # blank rows before it keep its number as the sheet has it
            (line.task,) = read_tasks([rows[0], *([()] * (number - 2)), row_cells])
        except BilingualError as exc:
            line.problem = exc
        else:
            line.change = _change(line.task, existing.get(line.task.code))
        result.rows.append(line)
    if not result.has_errors:
        try:
            read_tasks(rows)
        except BilingualError as exc:
            named = next((r for r in result.rows if r.number == exc.row), None)
            if named is None:
                result.problem = exc
            else:
                named.problem = exc
    return result


def _change(row: TaskRow, task: Task | None) -> str:
    if task is None:
        return "new"
    same = (
        task.title == row.title
        and task.lead.name == row.lead
        and task.deadline == row.deadline
        and task.completed_on == row.completed
        and task.leader == row.leader
        and sorted(p.name for p in task.partners.all()) == sorted(row.partners)
    )
    return "same" if same else "update"


def export_rows(programme: Programme) -> list[list[object]]:
    rows: list[list[object]] = [list(HEADERS)]
    tasks = (
        Task.objects.filter(programme=programme).select_related("lead").prefetch_related("partners")
    )
    for task in tasks.order_by("code"):
        rows.append(
            [
                task.code,
                task.title,
                task.lead.name,
                "; ".join(sorted(p.name for p in task.partners.all())),
                f"{task.deadline:%d/%m/%Y}" if task.deadline else ROUTINE,
                f"{task.completed_on:%d/%m/%Y}" if task.completed_on else "",
                task.leader,
            ]
        )
    return rows


def export_xlsx(programme: Programme) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nhiem vu"
    for row in export_rows(programme):
        cells.append(sheet, row)
    return cells.finish(book)


def export_csv(programme: Programme) -> bytes:
    return cells.csv_bytes(export_rows(programme))
