"""The pages that refuse a request before any view runs (an upload over its limit, an expired
form) are the site's own, in both languages, under the same security headers as every page."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tests.hostile import csv_rows
from tests.web.test_csp import policy

from tinnhiem.bodies.models import Body

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def assert_site_headers(response: Any) -> None:
    assert {name: response.get(name) for name in HEADERS} == HEADERS
    directives = policy(response)
    assert directives["script-src"] == "script-src 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"


def test_the_413_page_carries_the_sites_headers(body: Body, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["organiser"])
    big = SimpleUploadedFile("big.csv", csv_rows("Họ và tên,Chức vụ", "A," + "x" * 1000, 11_000))
    page = client.post(reverse("roster_upload", args=[body.pk, "officials"]), {"file": big})
    assert page.status_code == 413
    assert_site_headers(page)
    assert "site.css" in page.content.decode()  # the site's layout, not a bare page


def test_an_expired_form_gets_the_sites_page_in_both_languages(db: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.post("/login/", {"username": "a", "password": "b"})  # no CSRF token
    assert page.status_code == 403
    assert_site_headers(page)
    text = page.content.decode()
    assert "Biểu mẫu đã hết hạn" in text and "Hãy tải lại trang rồi làm lại" in text
    assert "site.css" in text and 'href="/login/"' in text  # the layout, and the way back
    assert "CSRF" not in text  # Django's developer reason is not shown
    client.cookies["django_language"] = "en"
    text = client.post("/login/", {"username": "a", "password": "b"}).content.decode()
    assert "The form has expired" in text and "Reload the page and try again" in text


def test_the_booth_gets_its_json_refusal_when_the_token_is_missing(db: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    answer = client.post(
        "/e/00000000-0000-0000-0000-000000000000/check",
        json.dumps({"code": "x"}),
        content_type="application/json",
    )
    assert answer.status_code == 403 and answer["Referrer-Policy"] == "no-referrer"
    assert answer.json()["error"]["en"].startswith("The form has expired")
