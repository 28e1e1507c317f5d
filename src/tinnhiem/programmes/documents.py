"""A programme's period report as plain data for `tinnhiem.documents`: the tables of
`tables.period_tables` (live, at a date) or of a frozen snapshot, worded into the sections
offices print, under the body's header. The report reads only those tables, so a report made
from a snapshot is the one published that day, whatever was confirmed since."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.documents.data import BodyHeader, HeaderKind
from tinnhiem.documents.programme_report import (
    Cell,
    ProgrammeReport,
    Section,
    render_programme_pdf,
)
from tinnhiem.documents.programme_report_docx import render_programme_docx
from tinnhiem.documents.programme_report_xlsx import render_programme_xlsx
from tinnhiem.programmes.models import Programme, Snapshot
from tinnhiem.programmes.snapshots import check
from tinnhiem.programmes.tables import period_tables
from tinnhiem.steering.indicators import VERDICT_LABELS, Verdict
from tinnhiem.steering.inspection import (
    ACTIVITY_LABELS,
    FORM_LABELS,
    SUBJECT_LABELS,
    Activity,
    Subject,
)
from tinnhiem.steering.tasks import STATE_LABELS, State

FORMATS = {
    "pdf": ("application/pdf", render_programme_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_programme_docx,
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_programme_xlsx,
    ),
}
NBSP = "\u00a0"
RECIPIENTS = ("Ban Chỉ đạo Chương trình", "Các cơ quan chủ trì", "Lưu Văn phòng")
_SYMBOL = {BodyLevel.CENTRAL: "TW", BodyLevel.PROVINCE: "TU"}  # else ĐU (Đảng ủy)


def live_report(
    programme: Programme, *, as_of: date, start: date | None = None, number: str = ""
) -> ProgrammeReport:
    """The report of the programme's tables at `as_of` (the period from `start`, by default
    1 January of that year)."""
    start = start or date(as_of.year, 1, 1)
    tables = period_tables(programme, start=start, cut_off=as_of)
    return report_of(programme.body, tables, number=number)


def snapshot_report(snapshot: Snapshot, *, number: str = "") -> ProgrammeReport:
    """The report of a frozen snapshot, read only if it still hashes to what was recorded."""
    tables = check(snapshot)
    anchor = (
        f"Số liệu đã chốt: {snapshot.label}, ngày chốt {snapshot.cut_off:%d/%m/%Y}; "
        f"mã SHA-256 {snapshot.sha256}"
        + (f"; dòng nhật ký {snapshot.audit_seq}" if snapshot.audit_seq else "")
    )
    return report_of(snapshot.programme.body, tables, number=number, anchor=anchor)


def render(report: ProgrammeReport, fmt: str) -> tuple[bytes, str]:
    """The file's bytes and content type (`fmt`: pdf, docx or xlsx)."""
    content_type, renderer = FORMATS[fmt]
    return renderer(report), content_type


def report_of(
    body: Body, tables: dict[str, Any], *, number: str = "", anchor: str = ""
) -> ProgrammeReport:
    programme = tables["programme"]
    start, cut_off = (date.fromisoformat(tables["period"][k]) for k in ("start", "cut_off"))
    is_party = body.kind == BodyKind.PARTY_COMMITTEE
    return ProgrammeReport(
        header=BodyHeader(
            body_name=body.name.upper(),
            kind=HeaderKind.PARTY if is_party else HeaderKind.STATE,
            parent_name=body.parent_name.upper(),
            city=body.city,
        ),
        number=_number(body, number),
        dated=cut_off,
        author=body.name,
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện Chương trình số {programme['code']} “{programme['title']}”",
        period=f"(Số liệu từ ngày {start:%d/%m/%Y} đến ngày {cut_off:%d/%m/%Y})",
        summary=_summary(tables, cut_off),
        sections=(
            _agencies(tables),
            _appendix(tables),
            _overdue(tables),
            _targets(tables),
            _inspection(tables),
            _cases(tables),
            _reform(tables),
        ),
        signer=("T/M BAN THƯỜNG VỤ", "BÍ THƯ") if is_party else (f"TM. {body.name.upper()}",),
        recipients=RECIPIENTS,
        anchor=anchor,
    )


def _number(body: Body, number: str) -> str:
    """Guide 36: "Số 125-BC/TU" for a city or provincial Party committee ("-BC/ĐU" for a
    commune's or an agency's Đảng ủy); Decree 30:
    "Số: 125/BC-…". An empty number leaves the space the office fills in by hand."""
    value = number.strip() or "      "
    if body.kind == BodyKind.PARTY_COMMITTEE:
        symbol = _SYMBOL.get(BodyLevel(body.level), "ĐU")
        return f"Số {value}-BC/{symbol}"
    return f"Số: {value}/BC"


def _summary(tables: dict[str, Any], cut_off: date) -> tuple[str, ...]:
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
            f"Số lần đôn đốc trong kỳ: {total['reminders']}."
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
    """ "Khiển trách 853; Cảnh cáo 144": each form kept on one line with its count."""
    return "; ".join(
        f"{FORM_LABELS.get(key, (key, key))[0]} {count:,}".replace(",", ".").replace(" ", NBSP)
        for key, count in forms.items()
        if count
    )


def _inspection(tables: dict[str, Any]) -> Section:
    rows = tuple(
        (
            ACTIVITY_LABELS[Activity(f["activity"])][0],
            SUBJECT_LABELS[Subject(f["subject"])][0],
            f["inspected"],
            f["committee_members"] if f["subject"] == Subject.MEMBERS else None,
            f["violating"],
            f["to_discipline"],
            f["disciplined"],
            _forms(f["forms"]),
        )
        for f in tables["inspection"]
    )
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
