"""Who sees and does what: the permission matrix over the pages, CSRF, lock-out, secrecy of
another body's sessions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.conftest import PASSWORD

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


def test_anonymous_users_are_sent_to_log_in(in_count: VoteSession) -> None:
    response = Client().get(reverse("session", args=[in_count.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


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
    response = client.post(reverse("session_action", args=[in_count.pk, "close"]), follow=True)
    assert "không có quyền" in response.content.decode()
    in_count.refresh_from_db()
    assert in_count.status == SessionStatus.COUNTING


def test_forms_need_the_csrf_token(in_count: VoteSession, users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["board1"])
    response = client.post(reverse("session_action", args=[in_count.pk, "close"]))
    assert response.status_code == 403


def test_repeated_failed_log_ins_lock_the_account_out(users: dict[str, Any]) -> None:
    client = Client()
    for _ in range(3):  # AXES_FAILURE_LIMIT in the test settings
        response = client.post(reverse("login"), {"username": "organiser", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "organiser", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()


def test_a_good_log_in_works_and_passwords_are_argon2(users: dict[str, Any]) -> None:
    assert users["organiser"].password.startswith("argon2")
    client = Client()
    response = client.post(reverse("login"), {"username": "organiser", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_vietnamese_by_default_english_on_the_switch(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    client = client_for(users["organiser"])
    url = reverse("session", args=[in_count.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "Việc tiếp theo" in page and "Next steps" not in page
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert "Next steps" in client.get(url).content.decode()


def test_public_results_only_once_published(in_count: VoteSession, users: dict[str, Any]) -> None:
    from tinnhiem.votes import counting, services

    url = reverse("public_results", args=[in_count.pk])
    block = in_count.blocks.get()
    for operator, user in ((1, users["board1"]), (2, users["board2"])):
        counting.ballot_record(actor=user, block=block, operator=operator, marks="0012")
    closed = counting.count_close(actor=users["board1"], session=in_count)
    assert Client().get(url).status_code == 404
    services.session_publish(actor=users["board1"], session=closed)
    page = Client().get(url).content.decode()
    assert "Lê Thị Huỳnh Mai" in page and "100,00" in page
    closed.body.are_results_public = False
    closed.body.save()
    assert Client().get(url).status_code == 404


def test_an_administrator_grants_and_revokes_roles(body: Any, users: dict[str, Any]) -> None:
    from tinnhiem.accounts.models import RoleGrant
    from tinnhiem.audit.models import AuditEvent

    url = reverse("people", args=[body.pk])
    assert client_for(users["organiser"]).get(url).status_code == 404
    client = client_for(users["admin"])
    client.post(
        url,
        {
            "username": "bkp3",
            "role": "board",
            "password": "mat-khau-du-manh-2026",
            "full_name": "Lê Văn Kiểm",
        },
    )
    grant = RoleGrant.objects.get(user__username="bkp3")
    assert grant.role == "board" and grant.user.password.startswith("argon2")
    assert AuditEvent.objects.filter(action="role.grant", actor="admin").exists()
    weak = client.post(url, {"username": "x", "role": "board", "password": "123"}, follow=True)
    assert "Mật khẩu chưa đủ mạnh" in weak.content.decode()
    client.post(url, {"revoke": grant.pk})
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_a_body_administrator_sees_only_their_bodies_rows_not_the_logs_head(
    draft: VoteSession, users: dict[str, Any], other_body: Any, make_user: Any
) -> None:
    from django.db import transaction

    from tinnhiem.audit.models import AuditEvent
    from tinnhiem.audit.services import record

    with transaction.atomic():
        elsewhere = record(actor=users["admin"], action="x.elsewhere", body_id=other_body.pk)
    ours = AuditEvent.objects.filter(body_id=draft.body_id).order_by("-seq").first()
    page = client_for(users["admin"]).get(reverse("audit")).content.decode()
    assert f"<code>{ours.hash}</code>" in page and "x.elsewhere" not in page
    assert elsewhere.hash not in page
    assert (
        "Không có dòng nào" in client_for(users["organiser"]).get(reverse("audit")).content.decode()
    )
    site_admin = make_user("site", is_superuser=True)
    page = client_for(site_admin).get(reverse("audit")).content.decode()
    assert f"<code>{elsewhere.hash}</code>" in page and "x.elsewhere" in page
