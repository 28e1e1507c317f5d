"""A cadre's profile as a PDF for the personnel file ("hồ sơ cán bộ"): A4 portrait, the Decree 30
header and margins, posts and terms, monthly grades, the years' grades and every confidence-vote
result with its band. Laid out with the shared helpers of `tinnhiem.documents.layout`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from tinnhiem.bodies.models import Body, BodyKind
from tinnhiem.documents.data import BodyHeader, HeaderKind
from tinnhiem.documents.layout import (
    DECREE_30_MARGINS,
    GRID_COLOR,
    HEAD_FILL,
    PAGE_PORTRAIT,
    Signature,
    Styles,
    build_pdf,
    frame_width,
    header_block,
    p,
    signature_row,
    table_style,
)
from tinnhiem.documents.text import DASH, date_line
from tinnhiem.evaluations.engine import band_label
from tinnhiem.evaluations.models import EvaluationStatus
from tinnhiem.evaluations.reports import Profile

TITLE = "HỒ SƠ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ"
STATUS_VI = dict(EvaluationStatus.choices)


def comma(value: object) -> str:
    """A number as Vietnamese write it: 89,50."""
    return DASH if value in (None, "") else str(value).replace(".", ",")


def body_header(body: Body) -> BodyHeader:
    kind = HeaderKind.PARTY if body.kind == BodyKind.PARTY_COMMITTEE else HeaderKind.STATE
    return BodyHeader(
        body_name=body.name.upper(), kind=kind, parent_name=body.parent_name.upper(), city=body.city
    )


def render_profile_pdf(profile: Profile, *, on: date) -> bytes:
    """The profile as PDF bytes (deterministic for the same profile and date)."""
    body = profile.person.body
    header = body_header(body)
    styles = Styles(header.kind, table_size=10.5)
    width = frame_width(PAGE_PORTRAIT, DECREE_30_MARGINS)
    story: list[Flowable] = [
        header_block(header, styles, width, date_text=date_line(body.city, on)),
        Spacer(1, 14),
        Paragraph(p(TITLE), styles.title),
        Paragraph(p(profile.person.full_name), styles.bold_center),
        Spacer(1, 10),
        _facts(profile, styles, width),
        *_section("I. Chức vụ, nhiệm kỳ", _posts(profile, styles, width), styles),
        *_section(
            "II. Kết quả đánh giá, xếp loại hằng tháng", _months(profile, styles, width), styles
        ),
        *_section(
            "III. Xếp loại năm (tổng hợp từ các tháng đã phê duyệt)",
            _years(profile, styles, width),
            styles,
        ),
        *_section("IV. Kết quả lấy phiếu tín nhiệm", _votes(profile, styles, width), styles),
        Spacer(1, 16),
        KeepTogether(signature_row([None, _signer(profile)], styles, width)),
    ]
    title = f"{TITLE} — {profile.person.full_name}"
    return build_pdf(
        story, pagesize=PAGE_PORTRAIT, title=title, author=body.name, sizes=styles.sizes
    )


def _signer(profile: Profile) -> Signature:
    head = profile.cadre.unit.head if profile.cadre else None
    return Signature(("THỦ TRƯỞNG ĐƠN VỊ",), names=(head.full_name,) if head else ())


def _section(heading: str, content: Flowable, styles: Styles) -> list[Flowable]:
    return [Spacer(1, 12), Paragraph(p(heading), styles.heading), Spacer(1, 4), content]


def _grid(rows: Sequence[Sequence[str]], styles: Styles, widths: Sequence[float]) -> Table:
    head = [Paragraph(p(cell), styles.cell_head) for cell in rows[0]]
    data = [head] + [[Paragraph(p(cell), styles.cell) for cell in row] for row in rows[1:]]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ]
        )
    )
    return table


def _facts(profile: Profile, styles: Styles, width: float) -> Table:
    cadre = profile.cadre
    birth = profile.person.birth_date
    pairs = [
        ("Họ và tên", profile.person.full_name),
        ("Ngày sinh", birth.strftime("%d/%m/%Y") if birth else DASH),
        ("Đơn vị", cadre.unit.name if cadre else DASH),
        ("Nhóm vị trí tương đồng", (cadre.group if cadre else "") or DASH),
        ("Người quản lý trực tiếp", cadre.manager.full_name if cadre and cadre.manager else DASH),
    ]
    data = [[Paragraph(p(k), styles.cell_head), Paragraph(p(v), styles.cell)] for k, v in pairs]
    table = Table(data, colWidths=[width * 0.35, width * 0.65])
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR)]))
    return table


def _posts(profile: Profile, styles: Styles, width: float) -> Flowable:
    if not profile.holdings:
        return Paragraph("Chưa có chức vụ trong danh sách.", styles.body_left)
    rows = [["STT", "Chức vụ", "Nhiệm kỳ", "Ngày giữ chức vụ", "Hiện giữ"]]
    for index, holding in enumerate(profile.holdings, start=1):
        started = holding.took_office_on
        rows.append(
            [
                str(index),
                holding.post.title,
                holding.term.name if holding.term else DASH,
                started.strftime("%d/%m/%Y") if started else DASH,
                "Có" if holding.is_current else "Không",
            ]
        )
    return _grid(
        rows, styles, [28, width * 0.45, width * 0.17, width * 0.17, width - 28 - width * 0.79]
    )


def _months(profile: Profile, styles: Styles, width: float) -> Flowable:
    if not profile.evaluations:
        return Paragraph("Chưa có kết quả đánh giá hằng tháng.", styles.body_left)
    rows = [["Tháng", "Tổng điểm", "Xếp loại", "Ghi chú"]]
    for evaluation in profile.evaluations:
        scheme = profile.schemes[evaluation.period_id]
        is_approved = evaluation.status == EvaluationStatus.APPROVED
        grade = evaluation.grade if is_approved else ""
        note = (
            evaluation.get_quota_outcome_display()
            if is_approved and evaluation.quota_outcome
            else ""
        )
        rows.append(
            [
                str(evaluation.period),
                comma(evaluation.total) if is_approved else DASH,
                f"{grade} — {band_label(scheme, grade)}"
                if grade
                else str(STATUS_VI[evaluation.status]),
                note or ("Nộp muộn" if evaluation.is_late else ""),
            ]
        )
    return _grid(rows, styles, [width * 0.14, width * 0.16, width * 0.4, width * 0.3])


def _years(profile: Profile, styles: Styles, width: float) -> Flowable:
    if not profile.years:
        return Paragraph("Chưa có tháng nào được phê duyệt.", styles.body_left)
    rows = [["Năm", "Số tháng", "Điểm trung bình", "Xếp loại"]]
    for year in profile.years:
        result = year.aggregate
        rows.append(
            [
                str(year.year),
                str(year.months),
                comma(result.total) if result else DASH,
                f"{result.grade} — {year.label_vi}" if result else DASH,
            ]
        )
    return _grid(rows, styles, [width * 0.14, width * 0.16, width * 0.25, width * 0.45])


def _votes(profile: Profile, styles: Styles, width: float) -> Flowable:
    if not profile.votes:
        return Paragraph("Chưa có kết quả lấy phiếu tín nhiệm.", styles.body_left)
    rows = [["Ngày", "Đợt lấy phiếu, chức vụ", "Kết quả (số phiếu, tỷ lệ)", "Mức"]]
    for line in profile.votes:
        counts = "; ".join(
            f"{level.label_vi}: {count} ({comma(percent)}%)"
            for level, count, percent in line.levels
        )
        band = line.band
        rows.append(
            [
                line.session.held_on.strftime("%d/%m/%Y"),
                f"{line.session.title} — {line.position}",
                counts,
                f"{band.label_vi}: {band.consequence_vi}" if band else DASH,
            ]
        )
    return _grid(rows, styles, [width * 0.13, width * 0.32, width * 0.3, width * 0.25])
