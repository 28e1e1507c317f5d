"""The counting board uploads a pile of scanned ballots in the browser, watches it read, decides
the doubtful ballot from its picture, and closes the count."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.scans.conftest import sheet, tiff

from tinnhiem.votes.models import VoteSession

pytestmark = pytest.mark.browser


def test_upload_read_adjudicate_close(
    live_db: None,
    print_for: VoteSession,
    users: dict[str, Any],
    login_as: Callable[..., Page],
    page_errors: list[str],
    tmp_path: Path,
) -> None:
    session = print_for
    pile = tmp_path / "may-quet-01.tif"
    pile.write_bytes(
        tiff(
            [
                sheet(session, 1, "0120"),
                sheet(session, 2, "2_00"),
                sheet(session, 3, "0000", name_crossed=2),
            ]
        )
    )

    board = login_as("board1")
    board.goto(f"/sessions/{session.pk}/")
    board.get_by_role("link", name="Quét phiếu và theo dõi tiến độ").click()
    board.get_by_label("Tệp quét").set_input_files(str(pile))
    board.get_by_role("button", name="Tải lên và đọc phiếu").click()
    expect(board.locator(".messages")).to_contain_text("Đã nhận tệp, đang đọc phiếu")
    expect(board.locator("#batches .count")).to_have_text("3/3")
    expect(board.locator("#machine-read")).to_have_text("3")
    expect(board.locator("#pending")).to_have_text("1")

    board.get_by_role("link", name="Xem và quyết định").click()
    case = board.locator("section.review")
    expect(case).to_have_count(1)
    expect(case.get_by_role("heading")).to_contain_text("Gạch tên người được lấy phiếu")
    picture = case.get_by_role("img")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.naturalWidth") > 200, "the crop of the ballot is missing"
    case.get_by_label("Quyết định").select_option("name_crossed")
    case.get_by_role("button", name="Ghi quyết định").click()
    expect(board.locator(".messages")).to_contain_text("Đã ghi quyết định")
    expect(board.locator("section.review")).to_have_count(0)

    board.goto(f"/sessions/{session.pk}/")
    board.get_by_role("link", name="Kết thúc kiểm phiếu…", exact=True).click()  # asks first
    board.get_by_role("button", name=re.compile(r"^Có, ")).click()
    rows = board.locator("table.results tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0).locator("td").nth(3)).to_have_text("1 · 33,33")  # high, of 3 collected
    expect(rows.nth(1).locator("td").nth(5)).to_have_text("0 · 0,00")
    expect(board.locator(".figures-list")).to_contain_text("Số phiếu không hợp lệ1")
    assert page_errors == []
