"""Every page of the demo in chromium, under the site's Content-Security-Policy: nothing refused
(no inline script or style left), no script error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from tests.web.pages import SITE_ADMIN, addresses, load_demo

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("live_db")
def test_every_page_loads_without_a_refusal(
    new_page: Callable[[], Page], page_errors: list[str]
) -> None:
    load_demo()
    page = new_page()
    page.goto("/login/")
    page.locator("#id_username").fill(SITE_ADMIN)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("button[type=submit].primary").click()
    page.wait_for_url("**/")
    visited = 0
    for urls in addresses().values():
        for url in urls:
            response = page.request.get(url)  # only pages, not files or refusals, open in the tab
            if response.ok and response.headers.get("content-type", "").startswith("text/html"):
                page.goto(url)
                page.wait_for_load_state("load")
                visited += 1
    assert visited >= 40 and page_errors == []
