"""The electronic booth in Debian's chromium against the real app: a voter opens the slip's
link, marks every person, reviews, challenges the prepared ballot (it is opened and published,
not counted), marks again, casts, gets the server's signed receipt (checked in the browser,
downloaded), and finds the tracking code on the public bulletin board; the board's page checks
the receipt, and proves missing a ballot the server dropped before the close."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.evote.conftest import ballot_for, make_session, print_codes, run_ceremony

from tinnhiem.ballotcrypto.receipts import is_signed_by, read_receipt
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import CastBallot, Credential, SpoiledBallot
from tinnhiem.votes import services
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
    tmp_path: Path,
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
    # the receipt: checked on the device against the manifest's key, shown, downloaded
    expect(page.locator("#receipt-check")).to_contain_text("chữ ký của máy chủ hợp lệ")
    expect(page.locator("#receipt-position")).to_have_text("1")
    with page.expect_download() as download:
        page.locator("#receipt-download").click()
    assert download.value.suggested_filename == f"bien-nhan-{tracking}.json"
    receipt_file = tmp_path / "receipt.json"
    download.value.save_as(receipt_file)
    receipt = json.loads(receipt_file.read_text("utf-8"))
    assert receipt["tracking_code"] == tracking and receipt["position"] == 1
    assert is_signed_by(read_receipt(receipt), election.manifest["receipt_key"])
    screenshot(page, "evote-booth-done.png")
    board = new_page()
    board.goto(f"/e/{election.public_id}/board/")
    board.get_by_label("Tra cứu mã theo dõi").fill(tracking)
    board.get_by_role("button", name="Tra cứu").click()
    expect(board.locator("#lookup-result")).to_contain_text("được tính")
    board.get_by_label("Tra cứu mã theo dõi").fill(challenged)
    board.get_by_role("button", name="Tra cứu").click()
    expect(board.locator("#lookup-result")).to_contain_text("không tính")
    # the board's page checks the receipt: the signature while voting, the list once closed
    board.locator("#receipt-file").set_input_files(str(receipt_file))
    expect(board.locator("#receipt-result")).to_contain_text("Chữ ký hợp lệ")
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({**receipt, "position": 2}), "utf-8")
    board.locator("#receipt-file").set_input_files(str(forged))
    expect(board.locator("#receipt-result")).to_contain_text("Chữ ký của biên nhận không hợp lệ")
    # the same slip cannot vote twice
    again = new_page()
    again.goto(f"/e/{election.public_id}/#code={code}")
    expect(again.locator("#booth-error")).to_contain_text("đã được dùng")
    assert page_errors == [] and csp_reports == []


@pytest.mark.usefixtures("live_db")
def test_the_board_proves_a_dropped_ballot_missing(
    body: Any,
    users: dict[str, Any],
    new_page: Callable[[], Page],
    page_errors: list[str],
    tmp_path: Path,
) -> None:
    """Receipts given by the server (as the booth gets them); the server then drops a ballot
    before the close and sets the figures straight: the record would verify, the receipt
    does not."""
    session = make_session(body, users, Channel.ELECTRONIC)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A"], threshold=1
    )
    run_ceremony(election, users["board1"])
    election.refresh_from_db()
    receipts = []
    for code in print_codes(election, users["board1"], 2):
        cast = evote.ballot_cast(
            election=election, code=code, data=ballot_for(election, [0] * 4)[0]
        )
        receipts.append(cast.receipt)
    CastBallot.objects.filter(ballot_hash=receipts[0]["ballot_hash"]).delete()
    Credential.objects.filter(pk=Credential.objects.filter(status="used").first().pk).update(
        status="issued"
    )
    services.counting_start(actor=users["board1"], session=election.session)
    board = new_page()
    board.goto(f"/e/{election.public_id}/board/")
    for n, receipt in enumerate(receipts):
        path = tmp_path / f"receipt-{n}.json"
        path.write_text(json.dumps(receipt), "utf-8")
    board.locator("#receipt-file").set_input_files(str(tmp_path / "receipt-1.json"))
    expect(board.locator("#receipt-result")).to_contain_text("bảng chỉ có 1")  # 2 seen, 1 left
    board.locator("#receipt-file").set_input_files(str(tmp_path / "receipt-0.json"))
    expect(board.locator("#receipt-result")).to_contain_text("KHÔNG có trên bảng")
    assert page_errors == []
