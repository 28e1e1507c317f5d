"""An agency's progress update through the real pages: the focal officer reports the task
done, the agency head sends it, the office confirms it, and the dashboard shows the task done
on time (also readable on a 390-pixel phone). Saves docs/images/programme-*.png for the guide
when asked (TINNHIEM_SCREENSHOTS=1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tinnhiem.accounts.models import Role
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.programmes.models import Agency, AgencyMember, AgencyRole, Programme, Task

pytestmark = pytest.mark.browser


def test_an_agency_update_confirmed_by_the_office_shows_on_the_dashboard(
    live_db: None,
    live_server: Any,
    make_user: Callable[..., Any],
    login_as: Callable[..., Page],
    screenshot: Callable[[Page, str], None],
    page_errors: list[str],
) -> None:
    committee = Body.objects.create(
        name="Thành ủy Hà Nội", level=BodyLevel.PROVINCE, kind=BodyKind.PARTY_COMMITTEE
    )
    make_user("van-phong", Role.OFFICE, committee)
    agency = Agency.objects.create(body=committee, name="Ban Tuyên giáo Thành ủy")
    for username, role in (("dau-moi", AgencyRole.FOCAL), ("lanh-dao", AgencyRole.HEAD)):
        AgencyMember.objects.create(agency=agency, user=make_user(username), role=role)
    programme = Programme.objects.create(
        body=committee, code="01-CTr/TU", title="Chương trình 01-CTr/TU"
    )
    task = Task.objects.create(
        programme=programme,
        code="1.3",
        title="Đề án nâng cao chất lượng học tập lý luận chính trị",
        lead=agency,
        deadline=timezone.localdate() + timedelta(days=20),
    )
    task_url = f"/programmes/tasks/{task.pk}/"

    # The focal officer writes the update reporting the task done.
    focal = login_as("dau-moi")
    focal.goto(task_url)
    focal.get_by_role("link", name="Viết báo cáo tiến độ").click()
    focal.get_by_label("Kết quả thực hiện").fill("Đề án đã được Ban Thường vụ thông qua.")
    focal.get_by_label("Tiến độ (%), nếu có").fill("100")
    focal.get_by_label("Báo cáo nhiệm vụ đã hoàn thành").check()
    screenshot(focal, "programme-update.png")
    focal.get_by_role("button", name="Lưu báo cáo").click()
    expect(focal.get_by_text("Đã lưu báo cáo")).to_be_visible()
    expect(focal.get_by_role("button", name="Gửi Văn phòng")).to_have_count(0)  # not hers to send

    # The agency head sends it to the office.
    head = login_as("lanh-dao")
    head.goto(task_url)
    head.get_by_role("button", name="Gửi Văn phòng").click()
    expect(head.get_by_text("Đã gửi báo cáo đến Văn phòng")).to_be_visible()

    # The office confirms it; the task is done today, within its deadline.
    office = login_as("van-phong")
    office.goto(task_url)
    office.get_by_role("button", name="Xác nhận").click()
    expect(office.get_by_text("Đã xác nhận báo cáo")).to_be_visible()
    expect(office.locator(".facts .state")).to_have_text("Hoàn thành đúng hạn")
    screenshot(office, "programme-task.png")

    office.get_by_role("link", name="Bảng điều hành").click()
    expect(office.locator(".tile.done_on_time .big")).to_have_text("1")
    expect(office.locator(".tile.open_within .big")).to_have_text("0")
    row = office.locator("table.t1 tbody tr", has_text="Ban Tuyên giáo Thành ủy")
    expect(row.locator("td").nth(2)).to_have_text("1")  # done on time
    expect(office.locator("svg.chart")).to_have_count(2)
    screenshot(office, "programme-dashboard.png")

    office.set_viewport_size({"width": 390, "height": 844})
    office.reload()
    width = office.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard is {width} px wide on a phone"
    screenshot(office, "programme-dashboard-phone.png")
    assert page_errors == []
