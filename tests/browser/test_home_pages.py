"""The demo's accounts in the browser: each lands on its own home page (the pictures of the
user guide's start section), and the audit log fits a 1280 px screen."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from tests.conftest import PASSWORD

from tinnhiem.cli.demo import Command as DemoCommand

pytestmark = pytest.mark.browser


def log_in(new_page: Callable[[], Page], username: str) -> Page:
    """Through the log-in form; the demo's evaluation accounts are named after their person."""
    page = new_page()
    page.goto("/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    return page


def width(page: Page) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


@pytest.mark.usefixtures("live_db")
def test_each_demo_account_lands_on_its_own_home_page(
    new_page: Callable[[], Page], screenshot: Callable[[Page, str], None]
) -> None:
    call_command(
        DemoCommand(),
        "--only",
        "council",
        "--only",
        "evaluations",
        "--password",
        PASSWORD,
        stdout=StringIO(),
    )
    cadre = log_in(new_page, "canbo")
    expect(cadre.get_by_role("heading", name="Tự đánh giá hằng tháng")).to_be_visible()
    expect(cadre.get_by_text("Chưa tự đánh giá")).to_be_visible()
    screenshot(cadre, "home-canbo.png")
    cadre.get_by_role("link", name="Phiếu tự đánh giá tháng").click()
    expect(cadre.locator("#score_performance")).to_be_editable()
    manager = log_in(new_page, "quanly")
    expect(
        manager.get_by_role("heading", name="Phiếu chờ tôi nhận xét, đánh giá (1)")
    ).to_be_visible()
    screenshot(manager, "home-quanly.png")
    head = log_in(new_page, "thutruong")
    expect(head.get_by_role("heading", name="Danh sách của đơn vị chờ phê duyệt")).to_be_visible()
    screenshot(head, "home-thutruong.png")
    head.get_by_role("link", name="Các sở, ngành").click()
    expect(head.get_by_role("heading", name="Phê duyệt danh sách")).to_be_visible()
    organiser = log_in(new_page, "tochuc")
    expect(organiser.get_by_role("heading", name="Các cơ quan")).to_be_visible()
    expect(organiser.get_by_text("Nghị quyết 96/2023/QH15")).to_be_visible()
    screenshot(organiser, "home.png")
    admin = log_in(new_page, "admin")
    admin.goto("/audit/")
    expect(admin.get_by_role("heading", name="Nhật ký thay đổi")).to_be_visible()
    assert width(admin) <= 1280
    screenshot(admin, "audit.png")
