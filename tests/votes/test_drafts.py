"""A draft session: created once however often its form is sent, edited in place (title, date,
venue) until it opens, deleted by an organiser while nothing is counted; each change audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.web import html as page

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import WrongState
from tinnhiem.votes import services
from tinnhiem.votes.models import VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


FORM = {
    "title": "Lấy phiếu giữa nhiệm kỳ",
    "held_on": "2026-12-01",
    "venue": "Hội trường A",
    "profile_key": "nq96",
    "count_mode": "ballots",
    "channel": "paper",
    "members": "",
}


def test_back_and_submit_again_creates_no_duplicate(body: Body, users: dict[str, Any]) -> None:
    client = client_for(users["organiser"])
    url = reverse("session_new", args=[body.pk])
    token = page.named(client.get(url).content.decode(), "creation_token")["value"]
    first = client.post(url, FORM | {"creation_token": token})
    again = client.post(url, FORM | {"creation_token": token}, follow=True)
    created = VoteSession.objects.get(title=FORM["title"])
    assert first["Location"] == reverse("session", args=[created.pk])
    assert again.redirect_chain[-1][0] == reverse("session", args=[created.pk])
    assert "đã được tạo" in again.content.decode()
    assert VoteSession.objects.filter(title=FORM["title"]).count() == 1
    assert AuditEvent.objects.filter(action="session.create").count() == 1


def test_a_form_without_its_token_creates_nothing_and_keeps_what_was_typed(
    body: Body, users: dict[str, Any]
) -> None:
    response = client_for(users["organiser"]).post(reverse("session_new", args=[body.pk]), FORM)
    html = response.content.decode()
    assert not VoteSession.objects.filter(title=FORM["title"]).exists()
    assert page.named(html, "title")["value"] == FORM["title"]
    assert page.named(html, "venue")["value"] == FORM["venue"]
    assert page.named(html, "creation_token")["value"]  # a fresh one, to send it again
    assert "Biểu mẫu này đã cũ" in html


def test_an_organiser_edits_a_draft(draft: VoteSession, users: dict[str, Any]) -> None:
    client = client_for(users["organiser"])
    url = reverse("session_edit", args=[draft.pk])
    assert page.named(client.get(url).content.decode(), "title")["value"] == draft.title
    client.post(url, {"title": "Tên mới", "held_on": "2023-12-08", "venue": "Phòng họp số 2"})
    draft.refresh_from_db()
    assert (draft.title, draft.held_on, draft.venue) == (
        "Tên mới",
        date(2023, 12, 8),
        "Phòng họp số 2",
    )
    edit = AuditEvent.objects.get(action="session.edit")
    assert (
        edit.before["title"] == "Lấy phiếu tín nhiệm năm 2023" and edit.after["title"] == "Tên mới"
    )
    assert edit.actor == "organiser"


def test_an_edit_keeps_what_was_typed_on_an_error(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    html = (
        client_for(users["organiser"])
        .post(
            reverse("session_edit", args=[draft.pk]),
            {"title": "Tên mới", "held_on": "32/13/2023", "venue": "Phòng 2"},
        )
        .content.decode()
    )
    assert page.named(html, "title")["value"] == "Tên mới"
    assert page.named(html, "held_on").get("aria-invalid") == "true"
    draft.refresh_from_db()
    assert draft.title == "Lấy phiếu tín nhiệm năm 2023"


def test_an_open_session_cannot_be_edited(draft: VoteSession, users: dict[str, Any]) -> None:
    services.session_open(actor=users["organiser"], session=draft)
    with pytest.raises(WrongState):
        services.session_edit(
            actor=users["organiser"], session=draft, title="X", held_on=date(2024, 1, 1), venue=""
        )
    draft.refresh_from_db()
    assert draft.title == "Lấy phiếu tín nhiệm năm 2023"


def test_an_organiser_deletes_a_draft_after_confirming(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    client = client_for(users["organiser"])
    url = reverse("session_action", args=[draft.pk, "delete"])
    assert "Xóa bản nháp" in client.get(url).content.decode()
    client.post(url)  # not confirmed
    assert VoteSession.objects.filter(pk=draft.pk).exists()
    response = client.post(url, {"confirmed": "yes"})
    assert response["Location"] == reverse("body", args=[draft.body_id])
    assert not VoteSession.objects.filter(pk=draft.pk).exists()
    deleted = AuditEvent.objects.get(action="session.delete")
    assert (
        deleted.before["title"] == "Lấy phiếu tín nhiệm năm 2023" and deleted.actor == "organiser"
    )


def test_only_a_draft_can_be_deleted(in_count: VoteSession, users: dict[str, Any]) -> None:
    with pytest.raises(WrongState):
        services.session_delete(actor=users["organiser"], session=in_count)
    assert VoteSession.objects.filter(pk=in_count.pk).exists()


def test_an_observer_cannot_delete(draft: VoteSession, users: dict[str, Any]) -> None:
    client_for(users["observer"]).post(
        reverse("session_action", args=[draft.pk, "delete"]), {"confirmed": "yes"}
    )
    assert VoteSession.objects.filter(pk=draft.pk).exists()
