"""Shared fixtures: a People's Council with one user per role, and a session ready to count."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from tests.browser.fixtures import (  # noqa: F401 - the browser fixtures, defined once for every test folder
    browser,
    live_db,
    login_as,
    new_page,
    page_errors,
    screenshot,
)

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.bodies.roster import RosterKind
from tinnhiem.bodies.services import roster_import
from tinnhiem.votes import services
from tinnhiem.votes.models import VoteSession

PASSWORD = "correct horse battery staple"

OFFICIALS = [
    ("Nguyễn Thị Lệ", "Chủ tịch Hội đồng nhân dân"),
    ("Lê Trương Hải Hiếu", "Trưởng Ban Kinh tế - Ngân sách"),
    ("Phan Văn Mãi", "Chủ tịch Ủy ban nhân dân"),
    ("Lê Thị Huỳnh Mai", "Giám đốc Sở Kế hoạch và Đầu tư"),
]


def officials_csv(
    rows: list[tuple[str, ...]] | None = None, header: str = "Họ và tên,Chức vụ"
) -> bytes:
    lines = [header] + [",".join(f'"{v}"' for v in row) for row in (rows or OFFICIALS)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def body(db: Any) -> Body:
    return Body.objects.create(
        name="Hội đồng nhân dân Thành phố Hồ Chí Minh",
        level=BodyLevel.PROVINCE,
        kind=BodyKind.PEOPLES_COUNCIL,
        city="Thành phố Hồ Chí Minh",
        are_results_public=True,
    )


@pytest.fixture
def other_body(db: Any) -> Body:
    return Body.objects.create(
        name="Đảng ủy Sở Tư pháp", level=BodyLevel.AGENCY, kind=BodyKind.PARTY_COMMITTEE
    )


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    def make(username: str, role: str | None = None, on: Body | None = None, **extra: Any) -> Any:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
        if role and on is not None:
            RoleGrant.objects.create(user=user, body=on, role=role)
        return user

    return make


@pytest.fixture
def users(body: Body, make_user: Callable[..., Any]) -> dict[str, Any]:
    return {
        "admin": make_user("admin", Role.ADMINISTRATOR, body),
        "organiser": make_user("organiser", Role.ORGANISER, body),
        "board1": make_user("board1", Role.BOARD, body),
        "board2": make_user("board2", Role.BOARD, body),
        "observer": make_user("observer", Role.OBSERVER, body),
        "stranger": make_user("stranger"),
    }


@pytest.fixture
def draft(body: Body, users: dict[str, Any]) -> VoteSession:
    """A draft nq96 session on the four officials, with a board."""
    organiser = users["organiser"]
    roster_import(
        actor=organiser,
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=officials_csv(),
    )
    session = services.session_create(
        actor=organiser,
        body=body,
        title="Lấy phiếu tín nhiệm năm 2023",
        held_on=date(2023, 12, 7),
        profile_key="nq96",
        venue="Hội trường Thành ủy",
    )
    services.candidates_from_roster(actor=organiser, session=session)
    services.board_set(
        actor=organiser,
        session=session,
        members=[("Trần Văn Kiểm", "head"), ("Lê Thị Phiếu", "member"), ("Võ Thư Ký", "secretary")],
    )
    return session


@pytest.fixture
def in_count(draft: VoteSession, users: dict[str, Any]) -> VoteSession:
    """The draft, opened with its figures set and the count started (five ballots)."""
    session = services.session_open(actor=users["organiser"], session=draft)
    services.figures_set(
        actor=users["organiser"], session=session, members=6, summoned=6, present=5, issued=5
    )
    return services.counting_start(actor=users["board1"], session=session)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
