"""Around every page: log-in (and its lock-out), CSRF, the language switch."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from tests.conftest import PASSWORD

from tinnhiem.votes.models import VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_log_in(in_count: VoteSession) -> None:
    response = Client().get(reverse("session", args=[in_count.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


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
