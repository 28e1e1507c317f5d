"""The export: the 7-HSĐV column order, marked secret with who and when, logged, and only for
organisers and administrators."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import NotAllowed
from tinnhiem.members import exchange
from tinnhiem.members.models import MemberRecord
from tinnhiem.members.register import COLUMNS

FORM_7_HSDV = [
    "STT",
    "Họ và tên đang dùng",
    "Họ và tên khai sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Quê quán",
    "Giáo dục phổ thông",
    "Lý luận chính trị",
    "Chuyên môn, nghiệp vụ",
    "Ngoại ngữ",
    "Nghề nghiệp khi vào Đảng",
    "Nghề nghiệp hiện nay",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Số lý lịch",
    "Số huy hiệu",
    "Quân đội, công an, hưu trí",
    "Ngày chuyển đi",
    "Chuyển đi đến",
    "Ngày chuyển đến",
    "Chuyển đến từ",
    "Ngày từ trần",
    "Ngày ra khỏi Đảng",
    "Lý do ra khỏi Đảng",
    "Hình thức ra khỏi Đảng",
    "Ghi chú",
]


def sheet_of(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content)).active


def test_the_export_follows_form_7_hsdv_and_is_marked_and_logged(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    users["organiser"].first_name = "Võ Thị Sáu"
    add_member("Nguyễn Văn An", sex="male", card_number="01234567", service="retired")
    sheet = sheet_of(exchange.member_export(actor=users["organiser"], body=body))
    mark = sheet["A3"].value
    assert mark.startswith("Tài liệu mật — xuất bởi Võ Thị Sáu (organiser) lúc ")
    assert sheet.oddHeader.center.text == mark  # printed on every page
    assert sheet["A5"].value == "(1) Số TT" and sheet["B5"].value == "(2) Họ và tên"
    header = [cell.value for cell in sheet[6]]
    assert header[: len(FORM_7_HSDV)] == FORM_7_HSDV
    assert header[len(FORM_7_HSDV) :] == [
        COLUMNS[k][0] for k in ("birth_date", "unit", "citizen_id", "phone")
    ]
    row = {h: cell.value for h, cell in zip(header, sheet[7], strict=True)}
    assert row["STT"] == 1 and row["Họ và tên đang dùng"] == "Nguyễn Văn An"
    assert row["Số thẻ đảng viên"] == "01234567" and row["Giới tính"] == "Nam"
    assert row["Quân đội, công an, hưu trí"] == "Hưu trí"
    assert row["Ngày vào Đảng"].date() == date(2010, 5, 19)
    event = AuditEvent.objects.get(action="member.export")
    assert event.actor == "organiser" and event.body_id == body.pk
    assert event.after == {"rows": 1, "mark": mark}


def test_each_members_cell_carries_its_kinds_style(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    """The members' cells take their style from one prototype per kind (workbook._data_cell):
    boxed and wrapped, text kept as text (a card's leading 0), dates as dd/mm/yyyy."""
    add_member("Nguyễn Văn An", card_number="01234567")
    add_member("Trần Thị Bình")
    sheet = sheet_of(exchange.member_export(actor=users["organiser"], body=body))
    header = [cell.value for cell in sheet[6]]
    for line in (7, 8):
        cells = dict(zip(header, sheet[line], strict=True))
        for cell in cells.values():
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
        assert cells["Số thẻ đảng viên"].number_format == "@"
        assert cells["Họ và tên đang dùng"].number_format == "@"
        assert cells["Ngày vào Đảng"].number_format == "dd/mm/yyyy"
        assert cells["STT"].number_format == "General"


def test_only_organisers_and_administrators_export(body: Body, users: dict[str, Any]) -> None:
    for name in ("observer", "board1", "stranger"):
        with pytest.raises(NotAllowed):
            exchange.member_export(actor=users[name], body=body)
    assert not AuditEvent.objects.filter(action="member.export").exists()


def test_the_export_button_is_a_post(body: Body, users: dict[str, Any]) -> None:
    """A GET (a prefetched link) asks for nothing; the file itself: test_register_exports.py."""
    client = Client()
    client.force_login(users["admin"])
    url = reverse("members:export", args=[body.pk])
    assert client.get(url).status_code == 405
    client.force_login(users["observer"])
    assert client.post(url).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="member.export").exists()
