"""The electronic booth in Debian's chromium against the real app: a voter opens the slip's
link, marks every person, reviews, challenges the prepared ballot (it is opened and published,
not counted), marks again, casts, and finds the tracking code on the public bulletin board."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.evote.conftest import make_session, print_codes, run_ceremony

from tinnhiem.evote import services as evote
from tinnhiem.evote.models import CastBallot, SpoiledBallot
from tinnhiem.votes.models import Channel

pytestmark = pytest.mark.browser


def mark(page: Page, choices: list[int]) -> None:
    for person, level in enumerate(choices):
        page.locator(f"#choice-{person}-{level}").check()


@pytest.mark.usefixtures("live_db")
def test_vote_challenge_cast_and_track(
    body: Any,
    users: dict[str, Any],
    new_page: Callable[[], Page],
    page_errors: list[str],
    screenshot: Callable[[Page, str], None],
) -> None:
    session = make_session(body, users, Channel.ELECTRONIC)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B", "C"], threshold=2
    )
    run_ceremony(election, users["board1"])
    election.refresh_from_db()
    code = print_codes(election, users["board1"], 1)[0]
    csp_reports: list[str] = []
    page = new_page()
    page.on(
        "console",
        lambda m: csp_reports.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"/e/{election.public_id}/#code={code}")
    expect(page.locator("#step-grid")).to_be_visible()
    assert "#code" not in page.url  # the code leaves the address bar at once
    expect(page.locator("#persons")).to_contain_text("Nguyễn Thị Lệ")
    mark(page, [0, 1, 2, 0])
    screenshot(page, "evote-booth-grid.png")
    page.get_by_role("button", name="Xem lại phiếu").click()
    expect(page.locator("#review-rows")).to_contain_text("Tín nhiệm thấp")
    page.locator("#review-go").click()
    expect(page.locator("#step-prepared")).to_be_visible(timeout=20_000)
    challenged = page.locator("#prepared-code").inner_text()
    page.locator("#challenge").click()
    expect(page.locator("#step-spoiled")).to_be_visible()
    expect(page.locator("#spoiled-rows")).to_contain_text("Tín nhiệm thấp")
    expect(page.locator("#spoiled-code")).to_contain_text(challenged)
    assert SpoiledBallot.objects.get().tracking_code == challenged
    page.locator("#spoiled-again").click()
    expect(page.locator("#step-grid")).to_be_visible()
    mark(page, [1, 1, 0, 2])
    page.get_by_role("button", name="Xem lại phiếu").click()
    page.locator("#review-go").click()
    expect(page.locator("#step-prepared")).to_be_visible(timeout=20_000)
    prepared = page.locator("#prepared-code").inner_text()
    assert prepared != challenged  # fresh randomness after a challenge
    page.locator("#cast").click()
    expect(page.locator("#step-done")).to_be_visible()
    tracking = page.locator("#done-code").inner_text().strip()
    assert tracking == prepared == CastBallot.objects.get().tracking_code
    screenshot(page, "evote-booth-done.png")
    board = new_page()
    board.goto(f"/e/{election.public_id}/board/")
    board.get_by_label("Tra cứu mã theo dõi").fill(tracking)
    board.get_by_role("button", name="Tra cứu").click()
    expect(board.locator("#lookup-result")).to_contain_text("được tính")
    board.get_by_label("Tra cứu mã theo dõi").fill(challenged)
    board.get_by_role("button", name="Tra cứu").click()
    expect(board.locator("#lookup-result")).to_contain_text("không tính")
    # the same slip cannot vote twice
    again = new_page()
    again.goto(f"/e/{election.public_id}/#code={code}")
    expect(again.locator("#booth-error")).to_contain_text("đã được dùng")
    assert page_errors == [] and csp_reports == []
