"""Users change their own password from a page linked in the site's header, in both languages;
the change is audit-logged, never the password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from tests.accounts.logins import log_in
from tests.conftest import PASSWORD

from tinnhiem.audit.models import AuditEvent

NEW = "một câu dài dễ nhớ 2026"


def logged_in(user: Any, language: str = "vi") -> Client:
    client = log_in(user.username, PASSWORD, language)
    assert client is not None
    return client


def change(client: Client, old: str, new: str, again: str | None = None) -> Any:
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
        follow=True,
    )


def test_the_header_links_to_the_page_in_both_languages(users: dict[str, Any]) -> None:
    home = logged_in(users["observer"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("password_change")}"' in home and "Đổi mật khẩu" in home
    page = logged_in(users["observer"], "en").get(reverse("password_change")).content.decode()
    assert "Change password" in page and "at least 12 characters" in page


def test_a_wrong_current_password_or_a_weak_new_one_is_refused(users: dict[str, Any]) -> None:
    client = logged_in(users["observer"])
    assert "Mật khẩu cũ không chính xác" in change(client, "wrong", NEW).content.decode()
    weak = change(client, PASSWORD, "Tinnhiem2026").content.decode()
    assert "dễ đoán" in weak
    english = change(logged_in(users["observer"], "en"), PASSWORD, "11111119").content.decode()
    assert "too short" in english and "entirely numeric" in english
    assert get_user_model().objects.get(pk=users["observer"].pk).check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="user.password_change").exists()


def test_the_change_is_logged_without_the_password_and_the_user_stays_in(
    users: dict[str, Any],
) -> None:
    client = logged_in(users["observer"])
    page = change(client, PASSWORD, NEW)
    assert (
        page.redirect_chain[-1][0] == reverse("home") and "Đã đổi mật khẩu" in page.content.decode()
    )
    assert get_user_model().objects.get(pk=users["observer"].pk).check_password(NEW)
    row = AuditEvent.objects.get(action="user.password_change")
    assert (row.actor, row.actor_id, row.body_id) == ("observer", users["observer"].pk, None)
    assert NEW not in str(AuditEvent.objects.filter(pk=row.pk).values().get())
    assert client.get(reverse("home")).status_code == 200  # this session carries on
    assert log_in("observer", NEW) is not None


def test_the_page_needs_a_login(db: Any) -> None:
    response = Client().get(reverse("password_change"))
    assert response.status_code == 302 and "/login/" in response["Location"]
