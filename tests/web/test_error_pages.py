"""403, 404 and 500 in the site's layout, Vietnamese first (English on the switch), saying what
the user can do; the 500 page without touching the database. DEBUG is off (pytest-django)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from tinnhiem.web import error_pages

pytestmark = pytest.mark.urls("tests.web.errors_urls")


def client_for(user: Any | None, language: str = "vi") -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_debug_is_off() -> None:
    assert settings.DEBUG is False


def test_404_in_the_sites_layout_in_vietnamese(users: dict[str, Any]) -> None:
    response = client_for(users["organiser"]).get("/sessions/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page
    assert 'href="/audit/"' in page  # the menu of a logged-in user
    assert "Về trang chủ" in page and "liên hệ quản trị viên" in page
    assert "Not Found" not in page and "Page not found" not in page


def test_404_in_english_on_the_switch(users: dict[str, Any]) -> None:
    page = client_for(users["organiser"], "en").get("/no-such-page/").content.decode()
    assert "Page not found" in page and "Go to the home page" in page
    assert "Không tìm thấy trang" not in page


def test_404_offers_to_log_in_when_logged_out(db: Any) -> None:
    page = client_for(None).get("/no-such-page/").content.decode()
    assert 'href="/login/"' in page and "Đăng nhập" in page


def test_403_says_who_to_ask(users: dict[str, Any]) -> None:
    response = client_for(users["observer"]).get("/test-refuse/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền" in page and "quản trị viên" in page and "Đăng xuất" in page
    assert "403 Forbidden" not in page


def test_500_in_the_sites_layout(users: dict[str, Any]) -> None:
    response = client_for(users["organiser"]).get("/test-fail/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Máy chủ gặp lỗi" in page and "báo cho quản trị viên" in page
    assert 'class="top"' in page  # the site's header
    assert "Server Error (500)" not in page


def test_500_in_english_on_the_switch(users: dict[str, Any]) -> None:
    page = client_for(users["organiser"], "en").get("/test-fail/").content.decode()
    assert "Server error" in page and "tell the site administrator" in page


def test_the_500_page_needs_no_database() -> None:
    """No `db` fixture: any query would fail this test."""
    with translation.override("vi"):
        response = error_pages.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Máy chủ gặp lỗi" in response.content.decode()


def test_the_root_urlconf_names_the_handlers() -> None:
    from tinnhiem.config import urls

    assert urls.handler403 == "tinnhiem.web.error_pages.forbidden"
    assert urls.handler404 == "tinnhiem.web.error_pages.not_found"
    assert urls.handler500 == "tinnhiem.web.error_pages.server_error"
