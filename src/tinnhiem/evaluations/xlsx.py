"""The dashboard as a spreadsheet: sheet "Phân bố xếp loại" (one row per month: the number of
each grade, progress and the average total), "Đơn vị chậm" (units not approved after the
deadline), "Hạn mức" (the quota use of each approved unit list), "Chi tiết" (every approved
evaluation), "Hạn mức quý, năm" (the quota use of the approved quarters and years), "Xếp loại
quý" and "Xếp loại năm" (the stored quarterly and annual grades). Counts are numbers; totals are the exact decimals stored."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tinnhiem import cells
from tinnhiem.evaluations.models import Evaluation, EvaluationStatus, QuarterGrade, YearGrade
from tinnhiem.evaluations.reports import Dashboard, LongerQuota

HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


def render_dashboard_xlsx(
    board: Dashboard, *, title: str, longer: Sequence[LongerQuota] = ()
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phân bố xếp loại"
    _distribution(sheet, board, title)
    _late(workbook.create_sheet("Đơn vị chậm"), board)
    _quota(workbook.create_sheet("Hạn mức"), board)
    _detail(workbook.create_sheet("Chi tiết"), board)
    _longer_quota(workbook.create_sheet("Hạn mức quý, năm"), longer)
    _quarters(workbook.create_sheet("Xếp loại quý"), board)
    _years(workbook.create_sheet("Xếp loại năm"), board)
    return cells.finish(workbook)


def _head(sheet: Worksheet, row: int, labels: Sequence[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = cells.put(sheet, row, column, label)
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
        width = max(12, min(40, len(label) + 4))
        sheet.column_dimensions[get_column_letter(column)].width = width


def _distribution(sheet: Worksheet, board: Dashboard, title: str) -> None:
    cells.put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    bands = [f"Loại {key} ({label})" for key, label, _ in board.bands]
    _head(
        sheet,
        3,
        [
            "Tháng",
            *bands,
            "Đã phê duyệt",
            "Chờ phê duyệt",
            "Chưa nộp",
            "Nộp muộn",
            "Điểm trung bình",
            "Đơn vị chậm",
        ],
    )
    for offset, month in enumerate(board.months):
        values: list[object] = [month.label]
        values += [month.counts.get(key, 0) for key, _, _ in board.bands]
        values += [month.approved, month.waiting, month.missing, month.late]
        values += [month.average, len(month.units_late)]
        for column, value in enumerate(values, start=1):
            cells.put(sheet, 4 + offset, column, value)
    sheet.freeze_panes = "B4"


def _late(sheet: Worksheet, board: Dashboard) -> None:
    _head(sheet, 1, ["Tháng", "Đơn vị", "Hạn phê duyệt"])
    row = 2
    for month in board.months:
        for unit in month.units_late:
            cells.put(sheet, row, 1, month.label)
            cells.put(sheet, row, 2, unit.name)
            cells.put(sheet, row, 3, month.period.approve_by.strftime("%d/%m/%Y"))
            row += 1


def _quota(sheet: Worksheet, board: Dashboard) -> None:
    _head(
        sheet,
        1,
        [
            "Tháng",
            "Đơn vị",
            "Nhóm",
            "Loại",
            "Hạn mức",
            "Thành tích nổi bật",
            "Cơ sở tính",
            "Được phép",
            "Đạt trước hạn mức",
            "Giữ loại",
            "Hạ loại",
        ],
    )
    row = 2
    for month in board.months:
        for line in month.quota:
            values: list[object] = [
                month.label,
                line.unit,
                line.group,
                line.band,
                line.cap,
                "Có" if line.is_outstanding else "",
                line.base,
                line.allowed,
                line.candidates,
                line.kept,
                line.demoted,
            ]
            for column, value in enumerate(values, start=1):
                cells.put(sheet, row, column, value)
            row += 1


def _detail(sheet: Worksheet, board: Dashboard) -> None:
    _head(
        sheet,
        1,
        [
            "Tháng",
            "Đơn vị",
            "Họ và tên",
            "Nhóm",
            "Tổng điểm",
            "Xếp loại trước hạn mức",
            "Xếp loại",
            "Hạn mức",
            "Nộp muộn",
        ],
    )
    evaluations = (
        Evaluation.objects.filter(
            period__in=[m.period for m in board.months],
            unit__in=board.units,
            status=EvaluationStatus.APPROVED,
        )
        .select_related("period", "unit", "cadre__person")
        .order_by("period__month", "unit__name", "cadre__person__full_name")
    )
    for row, evaluation in enumerate(evaluations, start=2):
        values: list[object] = [
            str(evaluation.period),
            evaluation.unit.name,
            evaluation.cadre.person.full_name,
            evaluation.cadre.group,
            Decimal(evaluation.total) if evaluation.total else None,
            evaluation.grade_before_quota,
            evaluation.grade,
            evaluation.get_quota_outcome_display(),
            "Có" if evaluation.is_late else "",
        ]
        for column, value in enumerate(values, start=1):
            cells.put(sheet, row, column, value)


QUOTA_HEADS = ["Đơn vị", "Nhóm", "Loại", "Hạn mức", "Cơ sở tính", "Được phép", "Đạt", "Giữ", "Hạ"]


def _longer_quota(sheet: Worksheet, longer: Sequence[LongerQuota]) -> None:
    _head(sheet, 1, ["Kỳ", *QUOTA_HEADS])
    for row, item in enumerate(longer, start=2):
        line = item.line
        values: list[object] = [item.label_vi, line.unit, line.group, line.band, line.cap]
        values += [line.base, line.allowed, line.candidates, line.kept, line.demoted]
        for column, value in enumerate(values, start=1):
            cells.put(sheet, row, column, value)


def _quarters(sheet: Worksheet, board: Dashboard) -> None:
    _head(sheet, 1, ["Quý", "Đơn vị", "Họ và tên", "Số tháng", "Điểm trung bình", "Xếp loại"])
    grades = (
        QuarterGrade.objects.filter(unit__in=board.units, year=board.year)
        .select_related("unit", "cadre__person")
        .order_by("quarter", "unit__name", "cadre__person__full_name")
    )
    for row, grade in enumerate(grades, start=2):
        values: list[object] = [grade.quarter, grade.unit.name, grade.cadre.person.full_name]
        values += [grade.months, Decimal(grade.total) if grade.total else None, grade.grade]
        for column, value in enumerate(values, start=1):
            cells.put(sheet, row, column, value)


def _years(sheet: Worksheet, board: Dashboard) -> None:
    _head(
        sheet,
        1,
        ["Đơn vị", "Họ và tên", "Số tháng", "Điểm trung bình", "Xếp loại năm", "Hạn mức", "Lý do"],
    )
    grades = (
        YearGrade.objects.filter(unit__in=board.units, year=board.year)
        .select_related("unit", "cadre__person")
        .order_by("unit__name", "cadre__person__full_name")
    )
    for row, grade in enumerate(grades, start=2):
        values: list[object] = [grade.unit.name, grade.cadre.person.full_name, grade.months]
        values += [Decimal(grade.total) if grade.total else None, grade.grade or "Không xếp loại"]
        values += [grade.get_quota_outcome_display(), grade.reason_vi]
        for column, value in enumerate(values, start=1):
            cells.put(sheet, row, column, value)
