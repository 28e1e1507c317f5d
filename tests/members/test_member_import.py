"""Import of the register from XLSX: every problem named by row and column in Vietnamese and
English; one row with an error and nothing is saved; an export imports again."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from tests.conftest import xlsx_bytes

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem, NotAllowed
from tinnhiem.members import exchange
from tinnhiem.members.models import MemberEvent, MemberRecord, MemberStatus, OrgUnit
from tinnhiem.members.register import read_register

HEADER = [
    "STT",
    "Họ và tên đang dùng",
    "Giới tính",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Số lý lịch",
    "Chi bộ",
    "Ngày chuyển đi",
    "Chuyển đi đến",
]
GOOD: list[list[Any]] = [
    [
        1,
        "Nguyễn Văn An",
        "Nam",
        "19/05/2015",
        "19/05/2016",
        "01234567",
        "123456HN",
        "Chi bộ Văn phòng",
        None,
        None,
    ],
    [
        2,
        "Trần Thị Bình",
        "Nữ",
        date(2018, 3, 2),
        None,
        None,
        "123457HN",
        "Chi bộ Kế toán",
        "01/10/2024",
        "Đảng bộ Quận 3",
    ],
]
BROKEN: list[list[Any]] = [
    *GOOD,
    [
        3,
        "Lê Văn Cường",
        "Nam",
        "31/02/2019",
        None,
        "1234567",
        "12345HN",
        "Chi bộ Văn phòng",
        None,
        None,
    ],
    [
        4,
        "",
        "Không rõ",
        "01/01/2020",
        "01/01/2019",
        None,
        "123456HN",
        "Chi bộ Văn phòng",
        "05/05/2021",
        None,
    ],
]


def messages(rows: list[list[Any]]) -> dict[int, list[tuple[str, str, str]]]:
    preview = read_register("so.xlsx", xlsx_bytes([HEADER, *rows]), today=date(2026, 1, 1))
    return {
        row.row: [
            (p.field, p.message_vi, p.message_en) for p in row.problems if p.severity == "error"
        ]
        for row in preview.rows
    }


def test_every_problem_is_named_by_row_and_column_in_both_languages() -> None:
    found = messages(BROKEN)
    assert found[2] == [] and found[3] == []
    row4 = {field: (vi, en) for field, vi, en in found[4]}
    assert row4["admitted_on"] == (
        "Dòng 4, cột 'Ngày vào Đảng': không phải ngày (dd/mm/yyyy)",
        "Row 4, column 'Date of admission': is not a date (dd/mm/yyyy)",
    )
    assert row4["card_number"][0].startswith(
        "Dòng 4, cột 'Số thẻ đảng viên': Số thẻ đảng viên '1234567'"
    )
    assert row4["record_number"][1].startswith("Row 4, column 'Record number':")
    row5 = {field: vi for field, vi, _ in found[5]}
    assert row5["full_name"] == "Dòng 5, cột 'Họ và tên đang dùng': bỏ trống"
    assert row5["sex"] == "Dòng 5, cột 'Giới tính': không hiểu 'Không rõ'"
    assert row5["full_member_on"].startswith("Dòng 5, cột 'Ngày chính thức'")
    assert row5["record_number"] == "Dòng 5, cột 'Số lý lịch': trùng với dòng 2"
    assert row5["transferred_out_to"] == "Dòng 5, cột 'Chuyển đi đến': bỏ trống khi đã có ngày"


def test_a_file_with_one_broken_row_saves_nothing(body: Body, users: dict[str, Any]) -> None:
    with pytest.raises(InputProblem, match=re.escape("chưa lưu gì. Dòng 4, cột 'Ngày vào Đảng'")):
        exchange.member_import(
            actor=users["organiser"],
            body=body,
            file_name="so.xlsx",
            content=xlsx_bytes([HEADER, *BROKEN]),
        )
    assert not MemberRecord.objects.exists() and not OrgUnit.objects.exists()
    assert not AuditEvent.objects.filter(action="member.import").exists()


def test_missing_columns_and_other_files_are_named() -> None:
    preview = read_register(
        "so.xlsx", xlsx_bytes([["Họ và tên", "Chi bộ"], ["A", "B"]]), today=date(2026, 1, 1)
    )
    assert preview.problems[0].message_vi == "Tệp so.xlsx: thiếu cột Giới tính, Ngày vào Đảng"
    other = read_register("so.pdf", b"x", today=date(2026, 1, 1))
    assert other.problems[0].message_en == "File so.pdf: only .xlsx or .csv files are accepted"


def test_a_good_file_adds_members_cells_and_events(body: Body, users: dict[str, Any]) -> None:
    preview = exchange.member_import(
        actor=users["organiser"],
        body=body,
        file_name="so.xlsx",
        content=xlsx_bytes([HEADER, *GOOD]),
    )
    assert preview.new_units == ["Chi bộ Văn phòng", "Chi bộ Kế toán"]
    an = MemberRecord.objects.get(record_number="123456HN")
    assert an.card_number == "01234567" and an.full_member_on == date(2016, 5, 19)
    binh = MemberRecord.objects.get(full_name="Trần Thị Bình")
    assert binh.status == MemberStatus.TRANSFERRED_OUT and binh.unit.name == "Chi bộ Kế toán"
    assert list(MemberEvent.objects.filter(record=binh).values_list("kind", "place")) == [
        ("admitted", ""),
        ("transferred_out", "Đảng bộ Quận 3"),
    ]
    event = AuditEvent.objects.get(action="member.import")
    assert event.after["added"] == 2 and event.after["file"] == "so.xlsx"


def test_members_already_in_the_register_are_skipped_with_a_note(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    add_member("Nguyễn Văn An", record_number="123456HN")
    preview = exchange.member_import(
        actor=users["organiser"],
        body=body,
        file_name="so.xlsx",
        content=xlsx_bytes([HEADER, *GOOD]),
    )
    assert preview.rows[0].is_skipped
    assert "đã có trong sổ: bỏ qua" in preview.rows[0].problems[0].message_vi
    assert MemberRecord.objects.filter(record_number="123456HN").count() == 1
    assert MemberRecord.objects.count() == 2


def test_an_export_imports_again_into_another_body(
    body: Body,
    other_body: Body,
    users: dict[str, Any],
    add_member: Callable[..., MemberRecord],
    make_user: Any,
) -> None:
    add_member("Phạm Văn Hà", sex="male", card_number="00123456", citizen_id="001085012345")
    content = exchange.member_export(actor=users["organiser"], body=body)
    elsewhere = make_user("organiser2", "organiser", other_body)
    exchange.member_import(actor=elsewhere, body=other_body, file_name="xuat.xlsx", content=content)
    copy = MemberRecord.objects.get(body=other_body)
    assert (copy.full_name, copy.card_number, copy.citizen_id) == (
        "Phạm Văn Hà",
        "00123456",
        "001085012345",
    )
    assert copy.unit.name == "Chi bộ Văn phòng" and copy.sex == "male"


def test_only_organisers_and_administrators_import(body: Body, users: dict[str, Any]) -> None:
    for name in ("observer", "board1", "stranger"):
        with pytest.raises(NotAllowed):
            exchange.member_import(
                actor=users[name],
                body=body,
                file_name="so.xlsx",
                content=xlsx_bytes([HEADER, *GOOD]),
            )
    assert not MemberRecord.objects.exists()


def test_the_check_reads_only_the_files_identifiers_from_the_register(
    body: Body,
    users: dict[str, Any],
    add_member: Callable[..., MemberRecord],
    django_assert_max_num_queries: Any,
) -> None:
    """A province's register holds 500,000 members: checking a district's file looks up the
    file's own numbers (a card number, a citizen id) instead of reading the whole register."""
    add_member("Nguyễn Văn An", record_number="999999HN", card_number="01234567")
    for _ in range(30):
        add_member()
    with django_assert_max_num_queries(6) as queries:
        preview = exchange.member_import_preview(
            body=body, file_name="so.xlsx", content=xlsx_bytes([HEADER, *GOOD])
        )
    read = [q["sql"] for q in queries.captured_queries]
    assert preview.rows[0].is_skipped  # its card number 01234567 is in the register
    assert "đã có trong sổ" in preview.rows[0].problems[0].message_vi
    assert not preview.rows[1].is_skipped
    assert all(" IN (" in sql for sql in read if "members_memberrecord" in sql), read
