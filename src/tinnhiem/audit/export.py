"""The audit log's rows, as the page shows them, in an XLSX file; the export is logged."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tinnhiem import cells
from tinnhiem.audit import display
from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.services import record
from tinnhiem.core.i18n import choose

CHUNK = 500  # rows named per query batch
HEADINGS = (
    ("Số thứ tự", "No."),
    ("Thời điểm", "When"),
    ("Người thực hiện", "Who"),
    ("Việc", "What"),
    ("Loại đối tượng", "Object type"),
    ("Đối tượng", "Object"),
    ("Thay đổi", "Changes"),
    ("Mã băm", "Hash"),
)
WIDTHS = (10, 18, 28, 34, 22, 36, 70, 20)


def change_lines(changes: list[display.Change]) -> str:
    lines = []
    for change in changes:
        head = f"{change.field}: " if change.field else ""
        if change.before is None:
            lines.append(f"{head}{change.after}")
        elif change.after is None:
            lines.append(f"{head}{change.before} → —")
        else:
            lines.append(f"{head}{change.before} → {change.after}")
    return "\n".join(lines)


def _book(events: QuerySet[AuditEvent]) -> tuple[bytes, int]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = choose("Nhật ký", "Audit log")
    cells.append(sheet, [choose(*h) for h in HEADINGS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    count = 0
    ordered = list(events.values_list("pk", flat=True))
    for start in range(0, len(ordered), CHUNK):
        chunk = list(AuditEvent.objects.filter(pk__in=ordered[start : start + CHUNK]))
        chunk.sort(key=lambda e: -e.seq)
        for row in display.rows(chunk):
            at = timezone.localtime(row.event.at).strftime("%d/%m/%Y %H:%M:%S")
            cells.append(
                sheet,
                [
                    row.event.seq,
                    at,
                    row.actor,
                    row.action,
                    row.object_type,
                    row.object_name,
                    change_lines(row.changes),
                    row.event.hash,
                ],
            )
            count += 1
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cells.finish(book), count


def audit_export(
    *,
    actor: Any,
    events: QuerySet[AuditEvent],
    filters: dict[str, str],
    body_id: int | None,
) -> bytes:
    """The rows the user sees with these filters, as an XLSX file (text as text: cells.py).
    The export is written to the log in the same transaction: who took which rows."""
    with transaction.atomic():
        content, count = _book(events)
        record(
            actor=actor,
            action="audit.export",
            object_type="AuditEvent",
            body_id=body_id,
            after={"rows": count, "filters": filters, "format": "xlsx"},
        )
    return content
