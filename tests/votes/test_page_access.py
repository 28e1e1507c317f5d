"""Who sees and does what on a session's pages: the permission matrix, another body's sessions
stay out of sight, an observer cannot close, public results only once published."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tinnhiem.votes.models import SessionStatus, VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


READ_PAGES = ["session", "results"]
MATRIX = {
    # page or action: the users allowed (others get 404 for pages of a body they cannot see,
    # or a refusal message for actions)
    "session": {"admin", "organiser", "board1", "observer"},
    "session_new": {"admin", "organiser"},
    "entry": {"admin", "board1"},
    "differences": {"admin", "board1"},
}


@pytest.mark.parametrize("name", ["admin", "organiser", "board1", "observer", "stranger"])
def test_page_access_matrix(in_count: VoteSession, users: dict[str, Any], name: str) -> None:
    client = client_for(users[name])
    urls = {
        "session": reverse("session", args=[in_count.pk]),
        "session_new": reverse("session_new", args=[in_count.body_id]),
        "entry": reverse("entry", args=[in_count.pk, "1", 1]),
        "differences": reverse("differences", args=[in_count.pk]),
    }
    for page, allowed in MATRIX.items():
        status = client.get(urls[page]).status_code
        assert (status == 200) == (name in allowed), (page, name, status)
        if name not in allowed:
            assert status == 404


def test_an_organiser_of_another_body_sees_nothing(
    in_count: VoteSession, other_body: Any, make_user: Any
) -> None:
    outsider = make_user("outsider", "organiser", other_body)
    client = client_for(outsider)
    home = client.get(reverse("home")).content.decode()
    assert in_count.title not in home and in_count.body.name not in home
    assert client.get(reverse("session", args=[in_count.pk])).status_code == 404
    assert client.get(reverse("body", args=[in_count.body_id])).status_code == 404
    assert client.post(reverse("session_action", args=[in_count.pk, "close"])).status_code == 404


def test_an_observer_cannot_close_or_publish(in_count: VoteSession, users: dict[str, Any]) -> None:
    client = client_for(users["observer"])
    response = client.post(
        reverse("session_action", args=[in_count.pk, "close"]), {"confirmed": "yes"}, follow=True
    )
    assert "không có quyền" in response.content.decode()
    in_count.refresh_from_db()
    assert in_count.status == SessionStatus.COUNTING


def test_public_results_only_once_published(in_count: VoteSession, users: dict[str, Any]) -> None:
    from tinnhiem.votes import counting, services

    url = reverse("public_results", args=[in_count.pk])
    block = in_count.blocks.get()
    for operator, user in ((1, users["board1"]), (2, users["board2"])):
        counting.ballot_record(actor=user, block=block, operator=operator, marks="0012")
    closed = counting.count_close(actor=users["board1"], session=in_count, acknowledged_gaps=True)
    assert Client().get(url).status_code == 404
    services.session_publish(actor=users["board1"], session=closed)
    page = Client().get(url).content.decode()
    assert "Lê Thị Huỳnh Mai" in page and "100,00" in page
    closed.body.are_results_public = False
    closed.body.save()
    assert Client().get(url).status_code == 404
