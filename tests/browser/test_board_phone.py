"""The public bulletin board on a phone (390 × 844): a tracking code typed in lower case without
dashes is found, and nothing runs off the screen sideways, with the box open or closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.evote.conftest import ballot_for, make_session, print_codes, run_ceremony

from tinnhiem.evote import services as evote
from tinnhiem.votes import services
from tinnhiem.votes.models import Channel

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def scroll_width(page: Page) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


@pytest.mark.usefixtures("live_db")
def test_the_board_on_a_390_pixel_screen(
    body: Any,
    users: dict[str, Any],
    new_page: Callable[[], Page],
    screenshot: Callable[[Page, str], None],
) -> None:
    session = make_session(body, users, Channel.ELECTRONIC)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B", "C"], threshold=2
    )
    run_ceremony(election, users["board1"])
    election.refresh_from_db()
    codes = print_codes(election, users["board1"], 2)
    cast = evote.ballot_cast(
        election=election, code=codes[0], data=ballot_for(election, [0] * 4)[0]
    )
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/e/{election.public_id}/board/")
    page.get_by_label("Tra cứu mã theo dõi").fill(cast.tracking_code.replace("-", "").lower())
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("#lookup-result")).to_contain_text("được tính")
    expect(page.get_by_label("Tra cứu mã theo dõi")).to_have_value(cast.tracking_code)
    assert scroll_width(page) <= PHONE["width"]
    screenshot(page, "board-phone-open.png")
    evote.ballot_cast(election=election, code=codes[1], data=ballot_for(election, [1] * 4)[0])
    services.counting_start(actor=users["board1"], session=election.session)
    page.goto(f"/e/{election.public_id}/board/")
    expect(page.locator("#ballot-list tr")).to_have_count(2)
    assert scroll_width(page) <= PHONE["width"]
    screenshot(page, "board-phone-closed.png")
