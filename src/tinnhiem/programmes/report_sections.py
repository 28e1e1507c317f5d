"""The sections of a programme's period report (T1 by agency, T2 the appendix, T3 overdue, T4
targets, T5 inspection and discipline, T6 the cases' flow, T7 reform) and its opening summary,
worded from the tables `tables.period_tables` builds or a snapshot stores: the same rows go to
the PDF, the Word file and the spreadsheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tinnhiem.documents.programme_report import Cell, Section
from tinnhiem.steering.indicators import VERDICT_LABELS, Verdict
from tinnhiem.steering.inspection import (
    ACTIVITY_LABELS,
    FORM_LABELS,
    SUBJECT_LABELS,
    Activity,
    Subject,
)
from tinnhiem.steering.tasks import STATE_LABELS, State

NBSP = "\u00a0"


def sections(tables: dict[str, Any]) -> tuple[Section, ...]:
    return (
        _agencies(tables),
        _appendix(tables),
        _overdue(tables),
        _targets(tables),
        _inspection(tables),
        _cases(tables),
        _reform(tables),
    )


def summary(tables: dict[str, Any], cut_off: date) -> tuple[str, ...]:
    total = tables["total"]
    leading = sum(1 for row in tables["agencies"] if row["total"])
    done = total["done_on_time"] + total["done_late"]
    still = total["open_within"] + total["open_overdue"]
    lines = [
        f"Chương trình giao {leading} cơ quan, đơn vị chủ trì {total['total']} nhiệm vụ (đề án, "
        f"đề tài, chuyên đề, kế hoạch). Đến ngày {cut_off:%d/%m/%Y}, có {done}/{total['total']} "
        f"nội dung hoàn thành ({total['done_on_time']} đúng hạn, {total['done_late']} quá hạn); "
        f"còn lại {still} nội dung đang thực hiện ({total['open_overdue']} quá hạn)."
    ]
    if total["due_done_rate"] is not None:
        rate = total["due_done_rate"].replace(".", ",")
        lines.append(
            f"Tỷ lệ hoàn thành nhiệm vụ đến hạn: {rate}% ({total['due']} nhiệm vụ đến hạn). "
            f"Số lần đôn đốc: {total['reminders']}."
        )
    return tuple(lines)


def _percent(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


@dataclass(frozen=True)
class Column:
    """A column of a numbered table: its head, its width (relative), its cell from a row."""

    head: str
    width: int
    cell: Callable[[dict[str, Any]], Cell]


def _numbered(
    heading: str,
    sheet: str,
    columns: tuple[Column, ...],
    items: list[dict[str, Any]],
    *,
    empty: str = "Không có.",
    total: dict[str, Any] | None = None,
) -> Section:
    """A table whose rows are numbered (STT) and, with `total`, closed by a total row."""
    rows = [(i, *(c.cell(item) for c in columns)) for i, item in enumerate(items, 1)]
    if total is not None:
        rows.append(("", *(c.cell(total) for c in columns)))
    return Section(
        heading=heading,
        sheet=sheet,
        heads=("STT", *(c.head for c in columns)),
        rows=tuple(rows),
        widths=(4, *(c.width for c in columns)),
        empty=empty,
        total_rows=1 if total is not None else 0,
    )


def _field(key: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda row: row[key]


AGENCIES = (
    Column("Cơ quan chủ trì", 14, _field("agency")),
    Column("Tổng số", 5, _field("total")),
    Column("Hoàn thành đúng hạn", 6, _field("done_on_time")),
    Column("Hoàn thành quá hạn", 6, _field("done_late")),
    Column("Chưa hoàn thành, trong hạn", 6, _field("open_within")),
    Column("Chưa hoàn thành, quá hạn", 6, _field("open_overdue")),
    Column("Tỷ lệ hoàn thành nhiệm vụ đến hạn (%)", 7, lambda r: _percent(r["due_done_rate"])),
    Column("Số lần đôn đốc", 5, _field("reminders")),
)


def _agencies(tables: dict[str, Any]) -> Section:
    return _numbered(
        "I. TỔNG HỢP KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ",
        "T1 Theo cơ quan",
        AGENCIES,
        tables["agencies"],
        total=tables["total"] | {"agency": "Tổng cộng"},
    )


def _state(value: str) -> str:
    return STATE_LABELS[State(value)][0]


def _titled(task: dict[str, Any]) -> str:
    return f"{task['code']}. {task['title']}"


def _deadline(task: dict[str, Any]) -> str:
    if task["deadline"] is None:
        return "Thường xuyên"
    if task["extended_to"]:
        return f"{_day(task['extended_to'])} (gia hạn; ban đầu {_day(task['deadline'])})"
    return _day(task["deadline"])


def _completed(task: dict[str, Any]) -> str:
    if task["completed_on"]:
        return f"Hoàn thành ngày {_day(task['completed_on'])}"
    if task["progress"] is not None:
        return f"{task['progress']}%"
    return "Đang thực hiện"


APPENDIX = (
    Column("Tên nhiệm vụ", 16, _titled),
    Column("Cơ quan chủ trì", 9, _field("lead")),
    Column("Cơ quan phối hợp", 8, lambda t: "; ".join(t["partners"])),
    Column("Thời hạn", 9, _deadline),
    Column("Sản phẩm", 8, _field("product")),
    Column("Tiến độ", 8, _completed),
    Column("Đánh giá", 8, lambda t: _state(t["state"])),
    Column("Nguyên nhân chậm, kiến nghị", 9, _field("obstacles")),
)


def _appendix(tables: dict[str, Any]) -> Section:
    return _numbered(
        "II. DANH MỤC NHIỆM VỤ, ĐỀ ÁN (PHỤ LỤC)",
        "T2 Danh mục",
        APPENDIX,
        tables["tasks"],
        empty="Chương trình chưa có nhiệm vụ.",
    )


OVERDUE = (
    Column("Nhiệm vụ", 18, _titled),
    Column("Cơ quan chủ trì", 10, _field("lead")),
    Column("Lãnh đạo phụ trách", 9, _field("leader")),
    Column("Số ngày quá hạn", 6, _field("days_late")),
    Column("Số lần đôn đốc", 6, _field("reminders")),
    Column("Lý do", 12, _field("obstacles")),
)


def _overdue(tables: dict[str, Any]) -> Section:
    return _numbered(
        "III. NHIỆM VỤ QUÁ HẠN",
        "T3 Quá hạn",
        OVERDUE,
        tables["overdue"],
        empty="Không có nhiệm vụ quá hạn.",
    )


def _amount(value: str | None) -> Decimal | int | None:
    if value is None:
        return None
    amount = Decimal(value)
    return int(amount) if amount == amount.to_integral_value() else amount


TARGETS = (
    Column("Chỉ tiêu", 18, _field("indicator")),
    Column("Đơn vị tính", 6, _field("unit")),
    Column("Kỳ", 5, _field("period")),
    Column("Kế hoạch", 6, lambda t: _amount(t["plan"])),
    Column("Thực hiện", 6, lambda t: _amount(t["actual"])),
    Column("Tỷ lệ so với kế hoạch (%)", 7, lambda t: _percent(t["percent"])),
    Column("Cùng kỳ năm trước", 6, lambda t: _amount(t["previous_actual"])),
    Column("Đánh giá", 6, lambda t: VERDICT_LABELS[Verdict(t["verdict"])][0]),
)


def _targets(tables: dict[str, Any]) -> Section:
    return _numbered(
        "IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "T4 Chỉ tiêu",
        TARGETS,
        tables["targets"],
        empty="Chưa có chỉ tiêu.",
    )


def _forms(forms: dict[str, int]) -> str:
    """ "Khiển trách 853; Cảnh cáo 144": lightest form first (the Charter's order), each kept on
    one line with its count (a snapshot's JSON has its keys sorted)."""
    order = {key: index for index, key in enumerate(FORM_LABELS)}
    return "; ".join(
        f"{FORM_LABELS.get(key, (key, key))[0]} {count:,}".replace(",", ".").replace(" ", NBSP)
        for key, count in sorted(forms.items(), key=lambda item: order.get(item[0], len(order)))
        if count
    )


def _inspection_row(f: dict[str, Any]) -> tuple[Cell, ...]:
    """One activity and subject; the period's discipline in all counts only those disciplined
    (its other columns are "—", not 0)."""
    is_members = f["subject"] == Subject.MEMBERS
    is_discipline = f["activity"] == Activity.DISCIPLINE
    inspected: tuple[Cell, ...] = (
        f["inspected"],
        f["committee_members"] if is_members else None,
        f["violating"],
        f["to_discipline"],
    )
    return (
        ACTIVITY_LABELS[Activity(f["activity"])][0],
        SUBJECT_LABELS[Subject(f["subject"])][0],
        *((None,) * 4 if is_discipline else inspected),
        f["disciplined"],
        _forms(f["forms"]),
    )


def _inspection(tables: dict[str, Any]) -> Section:
    rows = tuple(_inspection_row(f) for f in tables["inspection"])
    return Section(
        heading="V. CÔNG TÁC KIỂM TRA, GIÁM SÁT VÀ THI HÀNH KỶ LUẬT ĐẢNG",
        sheet="T5 KTGS",
        heads=(
            "Nội dung",
            "Đối tượng",
            "Số được kiểm tra, giám sát",
            "Trong đó cấp ủy viên",
            "Có vi phạm",
            "Phải thi hành kỷ luật",
            "Đã thi hành kỷ luật",
            "Hình thức kỷ luật",
        ),
        rows=rows,
        widths=(12, 7, 7, 6, 6, 7, 7, 17),
        empty="Chưa có số liệu kiểm tra, giám sát trong kỳ.",
    )


def _cases(tables: dict[str, Any]) -> Section:
    flow = tables["cases"]
    return Section(
        heading="VI. CÁC VỤ ÁN, VỤ VIỆC THUỘC DIỆN THEO DÕI, CHỈ ĐẠO",
        sheet="T6 Vụ án, vụ việc",
        heads=(
            "",
            "Kỳ trước chuyển sang",
            "Mới đưa vào theo dõi",
            "Kết thúc",
            "Đưa ra khỏi diện theo dõi",
            "Còn lại",
        ),
        rows=(
            (
                "Vụ án, vụ việc",
                flow["carried_over"],
                flow["new"],
                flow["closed"],
                flow["dropped"],
                flow["remaining"],
            ),
            (
                "Bị can",
                flow["defendants_carried_over"],
                flow["defendants_new"],
                None,
                None,
                flow["defendants_remaining"],
            ),
        ),
        widths=(10, 7, 7, 6, 8, 6),
    )


def _reform(tables: dict[str, Any]) -> Section:
    reform = tables["reform"]
    if reform is None:
        return Section(
            heading="VII. CẢI CÁCH HÀNH CHÍNH",
            sheet="T7 CCHC",
            heads=(),
            rows=(),
            widths=(),
            empty="Chưa có số liệu cải cách hành chính của năm.",
        )
    rows: list[tuple[Cell, ...]] = [
        ("Thủ tục hành chính bãi bỏ", reform["abolished"]),
        ("Thủ tục hành chính đơn giản hóa", reform["simplified"]),
        ("Thủ tục hành chính phân cấp", reform["decentralised"]),
        ("Thủ tục hành chính ủy quyền", reform["delegated"]),
        ("Tỷ lệ hồ sơ trực tuyến (%)", _percent(reform["files_online"])),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình (%)", _percent(reform["files_fully_online"])),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn (%)", _percent(reform["files_on_time"])),
        ("Chỉ số PAR Index (%)", _rank(reform["par_index"], reform["par_rank"])),
        ("Chỉ số SIPAS (%)", _rank(reform["sipas"], reform["sipas_rank"])),
    ]
    return Section(
        heading=f"VII. CẢI CÁCH HÀNH CHÍNH NĂM {reform['year']}",
        sheet="T7 CCHC",
        heads=("Nội dung", "Kết quả"),
        rows=tuple(rows),
        widths=(20, 12),
    )


def _rank(score: str | None, rank: int | None) -> Cell:
    if score is None:
        return None
    shown = score.replace(".", ",")
    return f"{shown} (xếp thứ {rank})" if rank else shown
