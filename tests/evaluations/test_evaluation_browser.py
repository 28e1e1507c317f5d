"""One month through the real pages: the cadre's self-assessment with evidence, the manager's
review changing one score (refused without a reason), the unit head's approval with the quota
decision, and the approved grade as the cadre sees it."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect
from tests.evaluations.conftest import reviewed

pytestmark = pytest.mark.browser

DISCIPLINE = "Ý thức tổ chức kỷ luật, phẩm chất đạo đức"
PERFORMANCE = "Kết quả thực hiện chức trách, nhiệm vụ được giao"
BONUS = "Điểm thưởng"
EVIDENCE = "Hoàn thành 12 báo cáo tổng hợp đúng hạn; tham mưu kế hoạch quý II"
REASON = "Một báo cáo nộp chậm hai ngày"


def test_one_month_from_self_assessment_to_approval(
    live_db: None,
    org: SimpleNamespace,
    login_as: Callable[..., Page],
    page_errors: list[str],
) -> None:
    cadre = org.cadres[0]  # Nguyễn Văn An, "canbo"
    # the rest of the unit is reviewed already; Phạm Thị Bình reaches A too (92 points)
    reviewed(org, {org.cadres[1]: 92, org.cadres[2]: 80, org.cadres[3]: 75, org.cadres[4]: 70})
    month = f"/evaluations/months/{org.period.pk}/cadres/{cadre.pk}/"

    # 1. The cadre scores 20 + 70 + 5 = 95, with evidence, and submits.
    page = login_as("canbo")
    page.goto(month)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn An — tháng 03/2026")
    page.get_by_label(DISCIPLINE, exact=True).fill("20")
    page.get_by_label(PERFORMANCE, exact=True).fill("70")
    page.get_by_label(BONUS, exact=True).fill("5")
    page.locator("#evidence_performance").fill(EVIDENCE)
    page.get_by_role("button", name="Lưu và nộp cho người quản lý").click()
    expect(page.locator(".messages")).to_contain_text("Đã nộp")
    expect(page.locator(".ev-state")).to_have_text("Đã nộp, chờ nhận xét")
    expect(page.get_by_text(EVIDENCE)).to_be_visible()
    expect(page.get_by_role("button", name="Lưu và nộp cho người quản lý")).to_have_count(0)

    # 2. The manager lowers the performance score; refused without a reason, then saved.
    manager = login_as("quanly")
    manager.goto(month)
    review = manager.locator("section.card").filter(
        has=manager.get_by_role("heading", name=re.compile("^2\\. Nhận xét"))
    )
    expect(review.get_by_text(EVIDENCE)).to_be_visible()
    manager.locator("#rscore_performance").fill("68")
    manager.get_by_role("button", name="Lưu nhận xét, đánh giá").click()
    expect(manager.locator(".messages")).to_contain_text(f"Cần ghi lý do thay đổi: {PERFORMANCE}")
    expect(manager.locator(".ev-state")).to_have_text("Đã nộp, chờ nhận xét")
    expect(manager.locator("#rscore_performance")).to_have_value("68")  # kept as typed
    manager.locator("#reason_performance").fill(REASON)
    manager.get_by_role("button", name="Lưu nhận xét, đánh giá").click()
    expect(manager.locator(".messages")).to_contain_text("Đã lưu nhận xét, đánh giá")
    expect(manager.locator(".ev-state")).to_have_text("Đã nhận xét, chờ phê duyệt")
    expect(manager.locator("#reason_performance")).to_have_value(REASON)
    expect(review.locator(".ev-note").last).to_contain_text("Theo điểm đánh giá: 93")

    # 3. The head approves: two reach A where 30 % of 5 allows one, so a decision is asked.
    head = login_as("thutruong")
    head.goto(f"/evaluations/months/{org.period.pk}/units/{org.unit.pk}/")
    expect(head.get_by_role("heading", name="Cần quyết định: vượt hạn mức")).to_be_visible()
    an = head.get_by_role("checkbox", name="Nguyễn Văn An — 93,00 điểm")
    binh = head.get_by_role("checkbox", name="Phạm Thị Bình — 92,00 điểm")
    expect(an).to_be_checked()  # the higher total keeps the grade by the rule
    expect(binh).not_to_be_checked()
    head.get_by_role("checkbox", name=re.compile(r"^Tôi xác nhận phê duyệt")).check()
    head.get_by_role("button", name="Phê duyệt danh sách của đơn vị").click()
    expect(head.locator(".messages")).to_contain_text("Đã phê duyệt danh sách của đơn vị")
    rows = head.locator("section.card").filter(
        has=head.get_by_role("heading", name="Đã phê duyệt", exact=True)
    )
    expect(rows.locator("tbody tr").filter(has_text="Nguyễn Văn An").locator("td")).to_have_text(
        ["Nguyễn Văn An", re.compile("^93"), "A Hoàn thành xuất sắc nhiệm vụ", re.compile(".+")]
    )
    expect(
        rows.locator("tbody tr").filter(has_text="Phạm Thị Bình").locator("td").nth(2)
    ).to_have_text("B Hoàn thành tốt nhiệm vụ")

    # 4. The cadre sees the approved grade, read-only.
    page.goto(month)
    expect(page.locator(".ev-state")).to_have_text("Đã phê duyệt")
    result = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Kết quả đã phê duyệt")
    )
    expect(result.locator("p.big")).to_have_text(
        re.compile(r"^Tổng điểm 93(,0+)? · A Hoàn thành xuất sắc nhiệm vụ$")
    )
    expect(page.locator("tr.ev-changed td")).to_have_text([PERFORMANCE, "70", "68", REASON])
    expect(page.get_by_role("button", name="Lưu và nộp cho người quản lý")).to_have_count(0)

    assert page_errors == []
