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
from tinnhiem.programmes.registry import task_sheet
from tinnhiem.sheets import Cell
from tinnhiem.steering.sheets import TaskRow, read_tasks


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


def export_xlsx(programme: Programme) -> bytes:
    """The task sheet (`registry.task_sheet`) as the office's XLSX: what the web and the
    command line export."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = "Nhiệm vụ"
    for row in task_sheet(programme):
        cells.append(sheet, row)
    return cells.finish(book)


def export_csv(programme: Programme) -> bytes:
    return cells.csv_bytes(task_sheet(programme))
