"""Roster import: preview with every row's problems, nothing saved on errors, export back."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook
from tests.conftest import officials_csv, xlsx_bytes

from tinnhiem.bodies.models import Body, Holding, Voter
from tinnhiem.bodies.roster import RosterKind, read_roster, template_xlsx
from tinnhiem.bodies.services import roster_export, roster_import
from tinnhiem.core.errors import InputProblem, NotAllowed


def test_preview_names_every_rows_problem() -> None:
    content = xlsx_bytes(
        [
            ["STT", "Họ và tên", "Chức vụ", "Ngày giữ chức vụ"],
            [1, "Nguyễn Thị Lệ", "Chủ tịch HĐND", "01/07/2021"],
            [2, "", "Phó Chủ tịch HĐND", ""],
            [3, "nguyễn thị lệ", "Trưởng Ban Pháp chế", ""],
            [4, "Phan Văn Mãi", "Chức vụ lạ", "ngày 5"],
        ]
    )
    preview = read_roster(
        RosterKind.OFFICIALS,
        "ds.xlsx",
        content,
        known_posts={"chu tich hdnd", "truong ban phap che", "pho chu tich hdnd"},
    )
    problems = {
        row.row: [(p.severity.value, p.field, p.message_vi) for p in row.problems]
        for row in preview.rows
    }
    assert problems[2] == []
    assert problems[3] == [("error", "name", "Thiếu họ và tên")]
    assert problems[4] == [("error", "name", "Trùng người với dòng 2")]
    assert ("warning", "position") in [(s, f) for s, f, _ in problems[5]]
    assert ("error", "took_office_on") in [(s, f) for s, f, _ in problems[5]]
    assert preview.has_errors


def test_missing_column_and_wrong_file_type_name_the_file() -> None:
    preview = read_roster(RosterKind.OFFICIALS, "ds.csv", "Họ và tên\nA\n".encode())
    assert preview.problems[0].message_vi == "Tệp ds.csv: thiếu cột Chức vụ"
    assert (
        read_roster(RosterKind.VOTERS, "ds.pdf", b"%PDF")
        .problems[0]
        .message_en.startswith("File ds.pdf")
    )


def test_import_is_all_or_nothing(body: Body, users: dict[str, Any]) -> None:
    bad = officials_csv([("Nguyễn Thị Lệ", "Chủ tịch"), ("", "Phó Chủ tịch")])
    with pytest.raises(InputProblem, match="Thiếu họ và tên"):
        roster_import(
            actor=users["organiser"],
            body=body,
            kind=RosterKind.OFFICIALS,
            file_name="o.csv",
            content=bad,
        )
    assert not Holding.objects.exists() and not body.posts.exists()


def test_only_organisers_import(body: Body, users: dict[str, Any]) -> None:
    for name in ("observer", "board1", "stranger"):
        with pytest.raises(NotAllowed):
            roster_import(
                actor=users[name],
                body=body,
                kind=RosterKind.VOTERS,
                file_name="v.csv",
                content=b"Ho ten\nA\n",
            )


def test_import_replaces_and_exports_back(body: Body, users: dict[str, Any]) -> None:
    roster_import(
        actor=users["organiser"],
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=officials_csv(),
    )
    roster_import(
        actor=users["organiser"],
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=officials_csv(),
    )
    current = Holding.objects.filter(post__body=body, is_current=True)
    assert [h.person.full_name for h in current] == [
        "Nguyễn Thị Lệ",
        "Lê Trương Hải Hiếu",
        "Phan Văn Mãi",
        "Lê Thị Huỳnh Mai",
    ]
    assert body.people.count() == 4
    sheet = load_workbook(
        __import__("io").BytesIO(roster_export(body=body, kind=RosterKind.OFFICIALS))
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Họ và tên", "Ngày sinh")
    assert rows[3][1] == "Phan Văn Mãi" and rows[3][3] == "Chủ tịch Ủy ban nhân dân"
    again = read_roster(
        RosterKind.OFFICIALS, "export.xlsx", roster_export(body=body, kind=RosterKind.OFFICIALS)
    )
    assert not again.has_errors and len(again.rows) == 4


def test_voters_from_semicolon_csv(body: Body, users: dict[str, Any]) -> None:
    content = "Họ và tên;Chức vụ, đơn vị\nTrần Thị Bình;Đại biểu\nLê Văn Cường;Đại biểu\n".encode(
        "utf-8-sig"
    )
    roster_import(
        actor=users["organiser"],
        body=body,
        kind=RosterKind.VOTERS,
        file_name="v.csv",
        content=content,
    )
    assert list(Voter.objects.values_list("full_name", "unit")) == [
        ("Trần Thị Bình", "Đại biểu"),
        ("Lê Văn Cường", "Đại biểu"),
    ]


def test_template_reads_back_without_errors() -> None:
    for kind in RosterKind:
        preview = read_roster(kind, "mau.xlsx", template_xlsx(kind))
        assert not preview.has_errors and len(preview.rows) == 1


def test_exemptions_are_flagged_on_import_not_applied(body: Body, users: dict[str, Any]) -> None:
    from datetime import date

    from tinnhiem.votes import services

    rows = [
        ("Nguyễn Văn An", "Chủ tịch", "15/03/2023", ""),
        ("Trần Thị Bình", "Phó Chủ tịch", "01/07/2021", "x"),
    ]
    content = officials_csv(
        rows, header="Họ và tên,Chức vụ,Ngày giữ chức vụ,Đã có thông báo nghỉ hưu"
    )
    roster_import(
        actor=users["organiser"],
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=content,
    )
    session = services.session_create(
        actor=users["organiser"],
        body=body,
        title="T",
        held_on=date(2023, 12, 7),
        profile_key="nq96",
    )
    first, second = services.candidates_from_roster(actor=users["organiser"], session=session)
    assert first.exemptions == ["new_in_year"] and second.exemptions == ["retirement"]
    assert not first.is_excluded
    services.candidate_exclude(actor=users["organiser"], candidate=first, is_excluded=True)
    first.refresh_from_db()
    assert first.is_excluded
