"""The irreversible steps of a session ask first: a page says what will happen, and the step
is refused without its confirmation; closing with gaps in the figures names them and goes
through only once they are confirmed (the service itself refuses otherwise)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.web import html as page

from tinnhiem.audit.models import AuditEvent
from tinnhiem.votes import counting, services
from tinnhiem.votes.counting import CountHasGaps
from tinnhiem.votes.models import SessionStatus, VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def enter(session: VoteSession, users: dict[str, Any], ballots: int) -> None:
    block = session.blocks.get()
    for number in range(1, ballots + 1):
        for operator, user in ((1, users["board1"]), (2, users["board2"])):
            counting.ballot_record(
                actor=user, block=block, operator=operator, marks="0012", number=number
            )


def test_opening_asks_first_and_is_refused_without_the_confirmation(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    client = client_for(users["organiser"])
    url = reverse("session_action", args=[draft.pk, "open"])
    question = client.get(url).content.decode()
    assert "Bạn có chắc?" in question and "danh sách 4 người được lấy phiếu" in question
    draft.refresh_from_db()
    assert draft.status == SessionStatus.DRAFT  # looking at the question changes nothing
    refused = client.post(url, follow=True).content.decode()
    assert "Chưa xác nhận" in refused
    draft.refresh_from_db()
    assert draft.status == SessionStatus.DRAFT
    client.post(url, {"confirmed": "yes"})
    draft.refresh_from_db()
    assert draft.status == SessionStatus.OPEN


def refused_then_done(client: Client, session: VoteSession, action: str) -> tuple[str, str]:
    """The session's status after a POST without the confirmation, then with it."""
    url = reverse("session_action", args=[session.pk, action])
    client.post(url)
    session.refresh_from_db()
    unconfirmed = session.status
    client.post(url, {"confirmed": "yes"})
    session.refresh_from_db()
    return unconfirmed, session.status


def test_starting_the_count_needs_the_confirmation(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    services.session_open(actor=users["organiser"], session=draft)
    services.figures_set(actor=users["organiser"], session=draft, summoned=6, present=5)
    assert refused_then_done(client_for(users["board1"]), draft, "start") == ("open", "counting")


def test_publishing_needs_the_confirmation(in_count: VoteSession, users: dict[str, Any]) -> None:
    enter(in_count, users, 5)
    services.figures_set(actor=users["admin"], session=in_count, collected=5)
    counting.count_close(actor=users["board1"], session=in_count)
    assert refused_then_done(client_for(users["admin"]), in_count, "publish") == (
        "closed",
        "published",
    )


def test_closing_with_gaps_names_the_figures(in_count: VoteSession, users: dict[str, Any]) -> None:
    enter(in_count, users, 4)
    client = client_for(users["board1"])
    url = reverse("session_action", args=[in_count.pk, "close"])
    question = client.get(url).content.decode()
    assert (
        "Đã phát 5 phiếu, mới nhập 4 phiếu, số phiếu thu về để trống. Vẫn kết thúc kiểm phiếu?"
        in question
    )
    # confirming the step without confirming the figures is not enough
    client.post(url, {"confirmed": "yes"})
    in_count.refresh_from_db()
    assert in_count.status == SessionStatus.COUNTING
    acknowledged = page.named(question, "acknowledged_gaps")["value"]
    client.post(url, {"confirmed": "yes", "acknowledged_gaps": acknowledged})
    in_count.refresh_from_db()
    assert in_count.status == SessionStatus.CLOSED and in_count.collected == 4
    closing = AuditEvent.objects.get(action="counting.close")
    assert "mới nhập 4 phiếu" in closing.after["acknowledged_gaps"]


def test_the_close_service_refuses_gaps_unless_acknowledged(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    enter(in_count, users, 5)
    with pytest.raises(CountHasGaps) as refused:
        counting.count_close(actor=users["board1"], session=in_count)
    assert refused.value.message_vi == (
        "Đã phát 5 phiếu, đã nhập 5 phiếu, số phiếu thu về để trống. Vẫn kết thúc kiểm phiếu?"
    )
    assert refused.value.message_en == (
        "5 ballots issued, 5 entered, ballots collected left blank. Close the count anyway?"
    )
    services.figures_set(actor=users["admin"], session=in_count, collected=5)
    closed = counting.count_close(actor=users["board1"], session=in_count)  # no gap: no question
    assert closed.status == SessionStatus.CLOSED


def test_no_gap_no_warning_on_the_close_page(in_count: VoteSession, users: dict[str, Any]) -> None:
    enter(in_count, users, 5)
    services.figures_set(actor=users["admin"], session=in_count, collected=5)
    question = client_for(users["board1"]).get(
        reverse("session_action", args=[in_count.pk, "close"])
    )
    assert 'id="gaps"' not in question.content.decode()
