"""Browser fixtures: Debian's chromium driven by Playwright against pytest-django's live server.

The browser is started once per test session; every user gets a fresh browser context (its own
cookies), so several people can work side by side in one test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.audit.emptying import empty_audit_log

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the main thread; Django refuses ORM calls
    # there unless told this is a plain synchronous program (it is).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_db(transactional_db: Any) -> Iterator[None]:
    """The live server's database: committed for real, emptied after the test (the audit table
    first, past its guards: tests/audit/emptying.py)."""
    yield
    empty_audit_log()


@pytest.fixture
def page_errors() -> list[str]:
    """JavaScript errors raised on any page of the test, and anything the Content-Security-Policy
    refused: a user would see a broken page."""
    return []


@pytest.fixture
def new_page(browser: Any, live_server: Any, page_errors: list[str]) -> Iterator[Callable[[], Any]]:
    """A page in a fresh context (no cookies): an anonymous visitor."""
    contexts: list[Any] = []

    def make() -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORT,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(f"{page.url}: {error}"))
        # a script, style or image the Content-Security-Policy refused: part broken for the user
        page.on(
            "console",
            lambda message: (
                page_errors.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def login_as(new_page: Callable[[], Any]) -> Callable[..., Any]:
    """Log a user in through the log-in form, in a fresh context; returns the page."""
    from playwright.sync_api import expect
    from tests.conftest import PASSWORD

    def login(username: str, *, screenshot: str | None = None) -> Any:
        page = new_page()
        page.goto("/login/")
        expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        if screenshot:
            save_screenshot(page, screenshot)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
        expect(page.locator(".who")).to_have_text(username)
        return page

    return login


@pytest.fixture
def screenshot() -> Callable[[Any, str], None]:
    """Save a full-page picture for the user guide (docs/images/NAME)."""
    return save_screenshot


def save_screenshot(page: Any, name: str) -> None:
    """Only when asked (TINNHIEM_SCREENSHOTS=1), so a test run leaves the tree as it was."""
    if os.environ.get("TINNHIEM_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
