"""The sections of a programme's period report (T1 by agency, T2 the appendix, T3 overdue, T4
targets, T5 inspection and discipline, T6 the cases' flow, T7 reform) and its opening summary,
worded from the tables `tables.period_tables` builds or a snapshot stores: the same rows go to
the PDF, the Word file and the spreadsheet."""

from __future__ import annotations

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


def _agencies(tables: dict[str, Any]) -> Section:
    def line(index: Cell, row: dict[str, Any]) -> tuple[Cell, ...]:
        return (
            index,
            row["agency"],
            row["total"],
            row["done_on_time"],
            row["done_late"],
            row["open_within"],
            row["open_overdue"],
            _percent(row["due_done_rate"]),
            row["reminders"],
        )

    rows = [line(i, row) for i, row in enumerate(tables["agencies"], 1)]
    rows.append(line("", tables["total"] | {"agency": "Tổng cộng"}))
    return Section(
        heading="I. TỔNG HỢP KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ",
        sheet="T1 Theo cơ quan",
        heads=(
            "STT",
            "Cơ quan chủ trì",
            "Tổng số",
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Chưa hoàn thành, trong hạn",
            "Chưa hoàn thành, quá hạn",
            "Tỷ lệ hoàn thành nhiệm vụ đến hạn (%)",
            "Số lần đôn đốc",
        ),
        rows=tuple(rows),
        widths=(4, 14, 5, 6, 6, 6, 6, 7, 5),
        total_rows=1,
    )


def _state(value: str) -> str:
    return STATE_LABELS[State(value)][0]


def _appendix(tables: dict[str, Any]) -> Section:
    rows = tuple(
        (
            i,
            f"{task['code']}. {task['title']}",
            task["lead"],
            "; ".join(task["partners"]),
            _deadline(task),
            task["product"],
            _completed(task),
            _state(task["state"]),
            task["obstacles"],
        )
        for i, task in enumerate(tables["tasks"], 1)
    )
    return Section(
        heading="II. DANH MỤC NHIỆM VỤ, ĐỀ ÁN (PHỤ LỤC)",
        sheet="T2 Danh mục",
        heads=(
            "STT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời hạn",
            "Sản phẩm",
            "Tiến độ",
            "Đánh giá",
            "Nguyên nhân chậm, kiến nghị",
        ),
        rows=rows,
        widths=(4, 16, 9, 8, 9, 8, 8, 8, 9),
        empty="Chương trình chưa có nhiệm vụ.",
    )


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


def _overdue(tables: dict[str, Any]) -> Section:
    rows = tuple(
        (
            i,
            f"{t['code']}. {t['title']}",
            t["lead"],
            t["leader"],
            t["days_late"],
            t["reminders"],
            t["obstacles"],
        )
        for i, t in enumerate(tables["overdue"], 1)
    )
    return Section(
        heading="III. NHIỆM VỤ QUÁ HẠN",
        sheet="T3 Quá hạn",
        heads=(
            "STT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Lãnh đạo phụ trách",
            "Số ngày quá hạn",
            "Số lần đôn đốc",
            "Lý do",
        ),
        rows=rows,
        widths=(4, 18, 10, 9, 6, 6, 12),
        empty="Không có nhiệm vụ quá hạn.",
    )


def _amount(value: str | None) -> Decimal | int | None:
    if value is None:
        return None
    amount = Decimal(value)
    return int(amount) if amount == amount.to_integral_value() else amount


def _targets(tables: dict[str, Any]) -> Section:
    rows = tuple(
        (
            i,
            t["indicator"],
            t["unit"],
            t["period"],
            _amount(t["plan"]),
            _amount(t["actual"]),
            _percent(t["percent"]),
            _amount(t["previous_actual"]),
            VERDICT_LABELS[Verdict(t["verdict"])][0],
        )
        for i, t in enumerate(tables["targets"], 1)
    )
    return Section(
        heading="IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        sheet="T4 Chỉ tiêu",
        heads=(
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Kỳ",
            "Kế hoạch",
            "Thực hiện",
            "Tỷ lệ so với kế hoạch (%)",
            "Cùng kỳ năm trước",
            "Đánh giá",
        ),
        rows=rows,
        widths=(4, 18, 6, 5, 6, 6, 7, 6, 6),
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
