"""The Content-Security-Policy on every page, and every page renders without inline script or
style (which the policy would block): each URL pattern visited with the demo data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings
from tests.web.pages import SITE_ADMIN, addresses, load_demo

INLINE = {
    # a JSON data block (json_script) is not run, and CSP lets it be
    "inline script": re.compile(
        r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", re.IGNORECASE
    ),
    "style element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def policy(response: Any) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part for part in map(str.strip, header.split(";")) if part}


@pytest.mark.django_db
def test_every_page_has_the_policy_and_no_inline_code() -> None:
    load_demo()
    client = Client()
    client.post("/login/", {"username": SITE_ADMIN, "password": "correct horse battery"})
    pages, problems = 0, []
    for name, urls in addresses().items():
        for url in urls:
            response = client.get(url)
            directives = policy(response)
            if "'unsafe-inline'" in str(directives) or "script-src" not in directives:
                problems.append(f"{url}: policy {directives}")
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            pages += 1
            html = response.content.decode()
            problems += [
                f"{url} ({name}): {what}" for what, rx in INLINE.items() if rx.search(html)
            ]
    assert problems == []
    assert pages >= 40  # the demo fills in enough to render nearly every page


def test_the_policy_allows_only_the_sites_own_code(client: Client, db: Any) -> None:
    directives = policy(client.get("/login/"))
    assert directives["default-src"] == "default-src 'self'"
    assert directives["script-src"] == "script-src 'self'"
    assert directives["style-src"] == "style-src 'self'"
    assert directives["object-src"] == "object-src 'none'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"


def test_the_booth_keeps_its_own_stricter_headers(client: Client, db: Any) -> None:
    load_demo()
    from tinnhiem.evote.models import Election

    response = client.get(f"/e/{Election.objects.get().public_id}/")
    assert response["Referrer-Policy"] == "no-referrer"
    from tinnhiem.evote.views import CSP

    assert response["Content-Security-Policy"] == CSP


def test_hsts_only_over_https(client: Client, db: Any) -> None:
    assert "Strict-Transport-Security" not in client.get("/login/")
    secure = client.get("/login/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        proxied = client.get("/login/", headers={"X-Forwarded-Proto": "https"})
        assert proxied["Strict-Transport-Security"] == "max-age=31536000"
