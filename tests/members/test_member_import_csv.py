"""Import of the register from CSV: the same row-by-row preview as XLSX, UTF-8 with or without a
byte-order mark, commas or semicolons; every broken row named by row and column; nothing saved
on any error."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.members.test_member_import import BROKEN, GOOD, HEADER

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem
from tinnhiem.members import exchange
from tinnhiem.members.models import MemberRecord, MemberStatus, OrgUnit
from tinnhiem.members.register import read_register

TODAY = date(2026, 1, 1)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return f'"{text}"' if "," in text or ";" in text else text


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    text = "\r\n".join(delimiter.join(cell(v) for v in row) for row in rows) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (",", True), (";", True)])
def test_a_good_csv_previews_and_imports_like_the_sheet(
    body: Body, users: dict[str, Any], delimiter: str, bom: bool
) -> None:
    content = csv_bytes([HEADER, *GOOD], delimiter=delimiter, bom=bom)
    preview = read_register("so.csv", content, today=TODAY)
    assert not preview.has_errors and [r.row for r in preview.rows] == [2, 3]
    assert preview.rows[0].values["card_number"] == "01234567"  # the leading 0 is kept
    assert preview.rows[1].values["admitted_on"] == date(2018, 3, 2)
    exchange.member_import(actor=users["organiser"], body=body, file_name="so.csv", content=content)
    binh = MemberRecord.objects.get(full_name="Trần Thị Bình")
    assert binh.status == MemberStatus.TRANSFERRED_OUT and binh.unit.name == "Chi bộ Kế toán"
    assert AuditEvent.objects.get(action="member.import").after["file"] == "so.csv"


def test_broken_csv_rows_are_named_by_row_and_column_and_nothing_is_saved(
    body: Body, users: dict[str, Any]
) -> None:
    content = csv_bytes([HEADER, *BROKEN], bom=True)
    preview = read_register("so.csv", content, today=TODAY)
    errors = {
        row.row: {p.field: p.message_vi for p in row.problems if p.severity == "error"}
        for row in preview.rows
    }
    assert errors[2] == {} and errors[3] == {}
    assert errors[4]["admitted_on"] == "Dòng 4, cột 'Ngày vào Đảng': không phải ngày (dd/mm/yyyy)"
    assert errors[4]["card_number"].startswith("Dòng 4, cột 'Số thẻ đảng viên'")
    assert errors[5]["full_name"] == "Dòng 5, cột 'Họ và tên đang dùng': bỏ trống"
    assert errors[5]["record_number"] == "Dòng 5, cột 'Số lý lịch': trùng với dòng 2"
    with pytest.raises(InputProblem, match=re.escape("chưa lưu gì. Dòng 4, cột 'Ngày vào Đảng'")):
        exchange.member_import(
            actor=users["organiser"], body=body, file_name="so.csv", content=content
        )
    assert not MemberRecord.objects.exists() and not OrgUnit.objects.exists()


def test_a_csv_that_is_not_utf8_or_lacks_columns_is_named() -> None:
    latin = "Họ và tên đang dùng,Giới tính\nAn,Nam\n".encode() + b"B\xecnh,N\xf5\n"  # Latin-1
    preview = read_register("so.csv", latin, today=TODAY)
    assert preview.problems[0].message_vi.startswith("Tệp so.csv: dòng 3: không phải văn bản UTF-8")
    assert preview.problems[0].message_en.endswith("(save the file again as CSV UTF-8)")
    missing = read_register("so.csv", "Họ và tên,Chi bộ\nA,B\n".encode(), today=TODAY)
    assert missing.problems[0].message_vi == "Tệp so.csv: thiếu cột Giới tính, Ngày vào Đảng"
    empty = read_register("so.csv", b"\xef\xbb\xbf  \n", today=TODAY)
    assert empty.problems[0].message_en == "File so.csv: the file is empty"


def test_the_import_page_previews_a_csv_row_by_row(body: Body, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["organiser"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("so.csv", csv_bytes([HEADER, *BROKEN], bom=True), "text/csv")
    page = client.post(reverse("members:import", args=[body.pk]), {"file": upload})
    text = page.content.decode()
    assert "Dòng 4, cột &#x27;Ngày vào Đảng&#x27;" in text or "Dòng 4, cột 'Ngày vào Đảng'" in text
    assert "Tệp có lỗi" in text and not MemberRecord.objects.exists()
