"""`tinnhiem session create` and `tinnhiem session set`: what a session needs before it is
counted (summoned and present for a Party session's quorum, the heading's superior body and place
name, the counting board), given at creation or set later, each through its audited service."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tinnhiem.audit.models import AuditEvent
from tinnhiem.cli.common import cli_actor
from tinnhiem.cli.session import Command as SessionCommand
from tinnhiem.votes.models import SessionStatus, VoteSession
from tinnhiem.votes.services import counting_start, session_open

OFFICIALS = str(Path(__file__).parent / "golden" / "officials.csv")


def session_command(*args: str) -> int:
    out = StringIO()
    call_command(SessionCommand(), *args, stdout=out)
    return int(out.getvalue().strip())


def create_party_session(*extra: str) -> VoteSession:
    pk = session_command(
        "create", "--rules", "qd96", "--title", "Lấy phiếu giữa nhiệm kỳ",
        "--officials", OFFICIALS, "--body", "Ban Chấp hành Đảng bộ tỉnh", "--members", "30",
        *extra,
    )  # fmt: skip
    return VoteSession.objects.select_related("body").get(pk=pk)


@pytest.mark.django_db
def test_a_party_session_created_with_its_figures_can_start_its_count() -> None:
    session = create_party_session(
        "--summoned", "30", "--present", "28", "--venue", "Hội trường Tỉnh ủy",
        "--superior", "Đảng bộ tỉnh Ninh Bình", "--place", "Ninh Bình", "--date", "2026-12-01",
        "--board-head", "Trần Văn Bảo", "--board-member", "Lê Thị Hoa",
        "--board-member", "Phạm Minh", "--board-secretary", "Đỗ An",
    )  # fmt: skip
    assert (session.members, session.summoned, session.present) == (30, 30, 28)
    assert (session.venue, str(session.held_on)) == ("Hội trường Tỉnh ủy", "2026-12-01")
    assert (session.body.parent_name, session.body.city) == ("Đảng bộ tỉnh Ninh Bình", "Ninh Bình")
    board = list(session.board.values_list("full_name", "role"))
    assert board == [
        ("Trần Văn Bảo", "head"),
        ("Lê Thị Hoa", "member"),
        ("Phạm Minh", "member"),
        ("Đỗ An", "secretary"),
    ]
    actor = cli_actor()
    session = session_open(actor=actor, session=session)
    assert counting_start(actor=actor, session=session).status == SessionStatus.COUNTING


@pytest.mark.django_db
def test_without_the_figures_the_quorum_check_stops_and_session_set_fixes_it() -> None:
    session = create_party_session()
    actor = cli_actor()
    session = session_open(actor=actor, session=session)
    with pytest.raises(Exception, match="triệu tập"):
        counting_start(actor=actor, session=session)
    session_command("set", str(session.pk), "--summoned", "30", "--present", "21")
    session.refresh_from_db()
    assert counting_start(actor=actor, session=session).status == SessionStatus.COUNTING
    actions = list(
        AuditEvent.objects.filter(object_id=str(session.pk)).values_list("action", flat=True)
    )
    assert "session.figures_set" in actions


@pytest.mark.django_db
def test_session_set_edits_a_draft_and_refuses_an_open_sessions_title() -> None:
    session = create_party_session()
    session_command(
        "set", str(session.pk), "--title", "Lấy phiếu năm 2026", "--date", "2026-12-15",
        "--venue", "Phòng họp số 2", "--place", "Hoa Lư",
    )  # fmt: skip
    session.refresh_from_db()
    assert (session.title, str(session.held_on), session.venue) == (
        "Lấy phiếu năm 2026",
        "2026-12-15",
        "Phòng họp số 2",
    )
    assert session.body.city == "Hoa Lư"
    assert AuditEvent.objects.filter(action="session.edit").count() == 1
    assert AuditEvent.objects.filter(action="body.update").count() == 1

    session_open(actor=cli_actor(), session=session)
    with pytest.raises(CommandError) as refused:
        session_command("set", str(session.pk), "--title", "Tên khác")
    assert refused.value.returncode == 2
    assert "sửa đợt lấy phiếu" in str(refused.value)
    session.refresh_from_db()
    assert session.title == "Lấy phiếu năm 2026"


@pytest.mark.django_db
def test_bad_values_are_refused_whole(**_: Any) -> None:
    session = create_party_session("--summoned", "30")
    for args, words in (
        (["--present", "31"], "Present exceeds summoned"),
        (["--date", "07/12/2026"], "is not a YYYY-MM-DD date"),
        (["--board-member", "Lê Thị Hoa"], "exactly one head"),
    ):
        with pytest.raises(CommandError, match=words):
            session_command("set", str(session.pk), "--venue", "Nơi khác", *args)
    session.refresh_from_db()
    assert (session.present, session.venue) == (None, "")  # nothing of a refused call saved
    with pytest.raises(CommandError, match="No session '999999'"):
        session_command("set", "999999", "--present", "1")


@pytest.mark.django_db
def test_the_documents_details_and_the_count_start_are_set_from_the_command_line() -> None:
    session = create_party_session(
        "--starts-at", "2026-12-01 08:30", "--minutes-number", "05-BB/BKP", "--copies", "3",
        "--recipient", "Ban Tổ chức Tỉnh ủy", "--recipient", "Lưu Văn phòng",
    )  # fmt: skip
    started = session.count_started_at
    assert started is not None
    assert timezone.localtime(started).strftime("%Y-%m-%d %H:%M") == "2026-12-01 08:30"
    assert (session.minutes_number, session.copies) == ("05-BB/BKP", 3)
    assert session.recipients == "Ban Tổ chức Tỉnh ủy\nLưu Văn phòng"

    session_command("set", str(session.pk), "--ends-at", "2026-12-01 10:05")
    session.refresh_from_db()
    assert session.minutes_number == "05-BB/BKP"  # what was not given is kept
    assert timezone.localtime(session.count_ended_at).strftime("%H:%M") == "10:05"
    with pytest.raises(CommandError, match="is not 'YYYY-MM-DD HH:MM'"):
        session_command("set", str(session.pk), "--starts-at", "8h30")
