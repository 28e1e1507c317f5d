"""The quarterly reconciliation: start + admitted + transferred in − out − left − died = end,
per party cell and in total, for a quarter built event by event."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.members import services
from tinnhiem.members.exchange import register_report, register_report_export
from tinnhiem.members.models import MemberRecord
from tinnhiem.members.reconcile import Figures, Quarter

Q2 = Quarter(2025, 2)


def test_quarters_run_from_the_first_to_the_last_day() -> None:
    assert (Q2.start, Q2.end) == (date(2025, 4, 1), date(2025, 6, 30))
    assert Quarter(2024, 1).end == date(2024, 3, 31) and Quarter(2024, 4).end == date(2024, 12, 31)
    assert Quarter.of(date(2025, 9, 30)) == Quarter(2025, 3)
    assert Q2.label_vi == "Quý 2/2025"


def build_quarter(add: Callable[..., MemberRecord], organiser: Any) -> None:
    """Office: A stays, B admitted, C leaves by transfer, D comes back (out before the quarter).
    Finance: E dies, F arrives by transfer, G left before the quarter, H goes out, comes back
    and leaves within the quarter; I is admitted after it."""
    out, back, leave, die = (
        services.member_transfer_out,
        services.member_transfer_in,
        services.member_leave,
        services.member_record_death,
    )
    add("A")
    add("B", admitted_on=date(2025, 4, 15))
    out(actor=organiser, record=add("C"), on=date(2025, 5, 10), destination="Quận 1")
    d = out(actor=organiser, record=add("D"), on=date(2025, 1, 10), destination="Quận 2")
    back(actor=organiser, record=d, on=date(2025, 6, 1), origin="Quận 2")
    die(actor=organiser, record=add("E", cell="finance"), on=date(2025, 6, 30))
    add(
        "F",
        cell="finance",
        admitted_on=date(2012, 1, 1),
        transferred_in_on=date(2025, 4, 2),
        transferred_in_from="Đảng bộ tỉnh Nam Định",
    )
    leave(
        actor=organiser,
        record=add("G", cell="finance"),
        on=date(2025, 3, 31),
        reason="Xin ra",
        form="allowed_to_leave",
    )
    h = out(
        actor=organiser, record=add("H", cell="finance"), on=date(2025, 4, 5), destination="Quận 3"
    )
    h = back(actor=organiser, record=h, on=date(2025, 5, 5), origin="Quận 3")
    leave(actor=organiser, record=h, on=date(2025, 6, 10), reason="Vi phạm", form="expelled")
    add("I", cell="finance", admitted_on=date(2025, 7, 1))


def test_the_figures_of_a_constructed_quarter(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    build_quarter(add_member, users["organiser"])
    per_unit, total = register_report(actor=users["organiser"], body=body, quarter=Q2)
    assert per_unit["Chi bộ Văn phòng"] == Figures(
        at_start=2, admitted=1, transferred_in=1, transferred_out=1, left=0, died=0, at_end=3
    )
    assert per_unit["Chi bộ Tài chính"] == Figures(
        at_start=2, admitted=0, transferred_in=2, transferred_out=1, left=1, died=1, at_end=1
    )
    assert total == Figures(
        at_start=4, admitted=1, transferred_in=3, transferred_out=2, left=1, died=1, at_end=4
    )
    assert total.is_balanced and all(f.is_balanced for f in per_unit.values())
    _, next_quarter = register_report(actor=users["organiser"], body=body, quarter=Quarter(2025, 3))
    assert (next_quarter.at_start, next_quarter.admitted, next_quarter.at_end) == (4, 1, 5)


def test_the_report_page_and_its_marked_logged_sheet(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    build_quarter(add_member, users["organiser"])
    client = Client()
    client.force_login(users["organiser"])
    page = client.get(reverse("members:report", args=[body.pk]), {"year": 2025, "quarter": 2})
    assert page.context["total"].at_end == 4 and "Số liệu khớp" in page.content.decode()
    response = client.post(
        reverse("members:report_xlsx", args=[body.pk]), {"year": 2025, "quarter": 2}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "ĐỐI CHIẾU SỔ DANH SÁCH ĐẢNG VIÊN — QUÝ 2/2025"
    assert sheet["A3"].value.startswith("Tài liệu mật — xuất bởi organiser lúc")
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows[0] == [
        "Chi bộ",
        "Đầu quý",
        "Kết nạp",
        "Chuyển đến",
        "Chuyển từ chi bộ khác đến",
        "Chuyển đi",
        "Chuyển sang chi bộ khác",
        "Ra khỏi Đảng",
        "Từ trần",
        "Cuối quý",
    ]
    assert ["Chi bộ Tài chính", 2, 0, 2, 0, 1, 0, 1, 1, 1] in rows
    assert rows[-1] == ["Tổng cộng", 4, 1, 3, 0, 2, 0, 1, 1, 4]
    assert AuditEvent.objects.filter(action="member.report_export", actor="organiser").count() == 1
    assert register_report_export(actor=users["admin"], body=body, quarter=Q2)
