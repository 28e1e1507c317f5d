"""The electronic ballot on the web: the panel, the booth's JSON endpoints (anonymous, CSRF,
refusals in both languages), the strict CSP, the bulletin board's lookup and public files."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from django.test import Client
from pypdf import PdfReader
from tests.evote.conftest import CODE, ballot_for, make_session, print_codes

from tinnhiem.evote import services as evote
from tinnhiem.evote.models import CastBallot, Election, Stage
from tinnhiem.votes.models import Channel


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def booth_client(election: Election) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/e/{election.public_id}/")
    data = json.loads(
        page.content.decode()
        .split('id="booth-data" type="application/json">')[1]
        .split("</script>")[0]
    )
    return client, data["csrf_token"]


def post(client: Client, url: str, token: str, body: Any) -> Any:
    return client.post(
        url, json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )


def test_the_booth_is_served_under_a_strict_csp(electronic: Any) -> None:
    election, _ = electronic
    page = Client().get(f"/e/{election.public_id}/")
    assert page.status_code == 200
    csp = page["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "object-src 'none'" in csp
    )
    html = page.content.decode()
    assert "booth/booth.js" in html and "<script>" not in html and "style=" not in html
    assert election.public_key in html
    assert Client().get("/e/not-a-uuid/").status_code == 404


def test_no_voter_page_sends_a_referrer(electronic: Any, users: dict[str, Any]) -> None:
    """Under /e/ (the booth, its JSON, the board, its files, a wrong address) a link followed
    carries no address; the rest of the site sends its address to itself only."""
    election, _ = electronic
    client, token = booth_client(election)
    base = f"/e/{election.public_id}"
    answers = [
        client.get(f"{base}/"),
        post(client, f"{base}/check", token, {"code": "0000-0000-0000-0000"}),
        client.get(f"{base}/board/"),
        client.post(
            f"{base}/board/", {"code": "ABCD-ABCD-ABCD-ABCD", "csrfmiddlewaretoken": token}
        ),
        client.get(f"{base}/files/manifest.json"),
        client.get("/e/not-a-uuid/"),
    ]
    policies = [a["Referrer-Policy"] for a in answers]
    # the board posts its look-up form: same-origin (no-referrer makes Chromium send Origin null)
    assert (
        policies
        == ["no-referrer", "no-referrer", "same-origin", "same-origin"] + ["no-referrer"] * 2
    )
    panel = logged_in(users["organiser"]).get(f"/sessions/{election.session_id}/evote/")
    assert panel.status_code == 200 and panel["Referrer-Policy"] == "same-origin"
    assert Client().get("/login/")["Referrer-Policy"] == "same-origin"


def test_cast_spoil_and_look_up_through_the_json_endpoints(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, _ = electronic
    board = logged_in(users["board1"])
    pdf = board.post(f"/sessions/{election.session_id}/evote/", {"action": "slips", "count": 2})
    assert pdf["Content-Type"] == "application/pdf"
    codes = CODE.findall(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text())
    client, token = booth_client(election)
    base = f"/e/{election.public_id}"
    assert post(client, f"{base}/check", token, {"code": codes[0]}).json() == {"ok": True}
    refused = post(client, f"{base}/check", token, {"code": "0000-0000-0000-0000"})
    assert refused.status_code == 400 and refused.json()["error"]["en"] == "The code is not valid"
    assert client.post(f"{base}/cast", "{}", content_type="application/json").status_code == 403
    data, opening = ballot_for(election, [0, 1, 2, 0])
    spoiled = post(
        client, f"{base}/spoil", token, {"code": codes[0], "ballot": data, "opening": opening}
    )
    assert spoiled.status_code == 200
    data, _ = ballot_for(election, [0, 0, 1, 2])
    cast = post(client, f"{base}/cast", token, {"code": codes[0], "ballot": data})
    assert cast.status_code == 200, cast.content
    tracking = cast.json()["tracking_code"]
    again = post(
        client,
        f"{base}/cast",
        token,
        {"code": codes[0], "ballot": ballot_for(election, [0, 0, 0, 0])[0]},
    )
    assert again.status_code == 400 and "đã được dùng" in again.json()["error"]["vi"]
    bad = {**data, "marks": data["marks"][:3]}
    assert post(client, f"{base}/cast", token, {"code": codes[1], "ballot": bad}).status_code == 400
    assert CastBallot.objects.count() == 1
    assert cast.json()["board_url"].endswith(f"/board/#code={tracking}")  # never in a query
    found = Client().post(f"{base}/board/", {"code": tracking}).content.decode()
    assert "nằm trong hòm phiếu" in found
    listing = Client().get(f"{base}/board/").content.decode()
    assert tracking not in listing  # no list while voting: watching the board dates nothing
    code = spoiled.json()["tracking_code"]
    challenged = Client().post(f"{base}/board/", {"code": code}).content.decode()
    assert "không tính" in challenged and "Tín nhiệm thấp" in challenged
    missing = Client().post(f"{base}/board/", {"code": "0000-0000-0000-0000"}).content.decode()
    assert "Không có phiếu nào" in missing
    manifest = Client().get(f"{base}/files/manifest.json").json()
    assert manifest["session"] == str(election.public_id)
    assert Client().get(f"{base}/files/record.json").status_code == 404  # not before the close


def test_malformed_posts_are_refused_not_crashed(electronic: Any, users: dict[str, Any]) -> None:
    election, _ = electronic
    client, token = booth_client(election)
    deep = client.post(
        f"/e/{election.public_id}/cast",
        b"[" * 100_000,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert deep.status_code == 400
    board = logged_in(users["board1"])
    for form in (
        {"action": "upload", "index": "abc", "kind": "round1"},
        {"action": "channel", "voter": "abc", "channel": "paper"},
        {"action": "void", "serial": "x", "reason": "y"},
    ):
        assert board.post(f"/sessions/{election.session_id}/evote/", form).status_code in (302, 404)


def test_the_panel_sets_up_and_takes_trustee_files(body: Any, users: dict[str, Any]) -> None:
    session = make_session(body, users, Channel.ELECTRONIC)
    organiser = logged_in(users["organiser"])
    page = organiser.get(f"/sessions/{session.pk}/evote/").content.decode()
    assert "Tạo phiếu điện tử" in page
    organiser.post(
        f"/sessions/{session.pk}/evote/",
        {"action": "setup", "trustees": "Trần Văn Kiểm\nLê Thị Phiếu", "threshold": "2"},
    )
    election = Election.objects.get(session=session)
    from tests.evote.trustees import Board

    trustees = Board(str(election.public_id), 2, 2)
    board = logged_in(users["board1"])
    upload = io.BytesIO(json.dumps(trustees.round1(1)).encode())
    upload.name = "round1-1.json"
    response = board.post(
        f"/sessions/{session.pk}/evote/",
        {"action": "upload", "index": "1", "kind": "round1", "file": upload},
        follow=True,
    )
    assert "Đã nhận tệp" in response.content.decode()
    wrong = io.BytesIO(json.dumps(trustees.round1(1)).encode())
    wrong.name = "x.json"
    response = board.post(
        f"/sessions/{session.pk}/evote/",
        {"action": "upload", "index": "2", "kind": "round1", "file": wrong},
        follow=True,
    )
    assert "không phải của thành viên 2" in response.content.decode()
    observer = logged_in(users["observer"])
    observer.post(
        f"/sessions/{session.pk}/evote/",
        {"action": "upload", "index": "2", "kind": "round1", "file": io.BytesIO(b"{}")},
    )
    election.refresh_from_db()
    assert election.stage == Stage.CEREMONY
    assert [t.round1 is not None for t in election.trustee_set.all()] == [True, False]
    round1s = Client().get(f"/e/{election.public_id}/files/round1.json").json()
    assert len(round1s) == 1 and round1s[0]["index"] == 1


def test_the_board_shows_no_count_while_voting(electronic: Any, users: dict[str, Any]) -> None:
    """Watching the board during the vote dates no ballot: the page is the same before and
    after a cast; the number of ballots appears with their list at the close."""
    from tinnhiem.votes import services

    election, _ = electronic
    codes = print_codes(election, users["board1"], 2)
    url = f"/e/{election.public_id}/board/"

    def page() -> str:
        html = Client().get(url).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    evote.ballot_cast(election=election, code=codes[0], data=ballot_for(election, [0] * 4)[0])
    before = page()
    evote.ballot_cast(election=election, code=codes[1], data=ballot_for(election, [1] * 4)[0])
    assert page() == before and 'id="box-open"' in before
    services.counting_start(actor=users["board1"], session=election.session)
    assert "Phiếu trong hòm (2)</h2>" in page()


def test_the_board_finds_a_tracking_code_typed_in_lower_case_or_without_dashes(
    electronic: Any, users: dict[str, Any]
) -> None:
    """As the booth reads a voting code: any case, with or without the dashes or spaces."""
    election, _ = electronic
    code = print_codes(election, users["board1"], 1)[0]
    cast = evote.ballot_cast(election=election, code=code, data=ballot_for(election, [0] * 4)[0])
    tracking = cast.tracking_code
    url = f"/e/{election.public_id}/board/"
    for typed in (tracking.lower(), tracking.replace("-", ""), f" {tracking[:9]} {tracking[10:]}"):
        page = Client().post(url, {"code": typed}).content.decode()
        assert "nằm trong hòm phiếu" in page, typed
        assert f'value="{tracking}"' in page  # shown back as printed
    missing = Client().post(url, {"code": "not a code"}).content.decode()
    assert "Không có phiếu nào" in missing
