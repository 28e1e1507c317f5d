"""A watched case through the real pages: internal affairs put it on the list, record its
prosecution with the defendants counted, and see the stage on the cases page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tinnhiem.accounts.models import Role
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel

pytestmark = pytest.mark.browser


def test_a_case_registered_and_its_stage_shown_on_the_cases_page(
    live_db: None,
    live_server: Any,
    make_user: Callable[..., Any],
    login_as: Callable[..., Page],
    page_errors: list[str],
) -> None:
    committee = Body.objects.create(
        name="Thành ủy Hà Nội", level=BodyLevel.PROVINCE, kind=BodyKind.PARTY_COMMITTEE
    )
    make_user("noi-chinh", Role.INTERNAL_AFFAIRS, committee)
    page = login_as("noi-chinh")
    page.goto(f"/programmes/bodies/{committee.pk}/cases/")
    page.get_by_role("link", name="Đưa vụ án, vụ việc vào diện theo dõi").click()
    page.get_by_label("Tên vụ án, vụ việc").fill("Vụ án sai phạm đấu thầu tại Sở X")
    page.get_by_label("Ngày đưa vào diện theo dõi").fill("2024-03-01")
    page.get_by_label("Cơ quan thụ lý").fill("Cơ quan CSĐT Công an thành phố")
    page.get_by_label("Thiệt hại (đồng)").fill("12500000000")
    page.get_by_label("Giám định").check()
    page.get_by_role("button", name="Đưa vào diện theo dõi").click()
    expect(page.get_by_text("Đã đưa vào diện theo dõi")).to_be_visible()

    page.get_by_label("Giai đoạn").select_option(label="Khởi tố")
    page.get_by_label("Ngày *", exact=True).fill("2024-04-02")
    page.get_by_label("Số bị can, bị cáo (chỉ ghi số)").fill("3")
    page.get_by_role("button", name="Ghi giai đoạn").click()
    expect(page.get_by_text("Đã ghi giai đoạn")).to_be_visible()

    page.get_by_role("link", name="Vụ án, vụ việc theo dõi").click()
    row = page.locator("table.grid tbody tr", has_text="Vụ án sai phạm đấu thầu tại Sở X")
    expect(row).to_contain_text("Khởi tố 02/04/2024 · 3 bị can/bị cáo")
    expect(row).to_contain_text("Giám định")
    assert page_errors == []
