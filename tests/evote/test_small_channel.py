"""The secrecy of a small electronic channel (evote/smallchannel.py): refused at set-up when it
expects fewer ballots than TINNHIEM_EVOTE_MIN_BALLOTS, and at the close fewer cast ballots are
decrypted and published only on the counting board's recorded, audited decision."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.evote.conftest import ballot_for, decrypt, make_session, print_codes

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import DomainError
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import Election, Stage
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import Channel


def cast(election: Election, codes: list[str]) -> None:
    for code in codes:
        evote.ballot_cast(election=election, code=code, data=ballot_for(election, [0, 1, 2, 0])[0])


def test_an_electronic_session_of_fewer_members_than_the_minimum_is_refused(
    body: Any, users: dict[str, Any]
) -> None:
    session = make_session(body, users, Channel.ELECTRONIC, members=9)
    with pytest.raises(DomainError, match="expects 9 ballots, fewer than the minimum of 10"):
        evote.election_setup(
            actor=users["organiser"], session=session, trustee_names=["A", "B"], threshold=2
        )
    assert not Election.objects.exists()
    assert not AuditEvent.objects.filter(action="evote.setup").exists()


def test_a_mixed_session_states_its_electronic_voters(body: Any, users: dict[str, Any]) -> None:
    session = make_session(body, users, Channel.MIXED, members=30)

    def setup(expected: int | None) -> Election:
        return evote.election_setup(
            actor=users["organiser"],
            session=session,
            trustee_names=["A", "B"],
            threshold=2,
            expected_electronic=expected,
        )

    with pytest.raises(DomainError, match="state how many voters are expected"):
        setup(None)
    with pytest.raises(DomainError, match="expects 1 ballots, fewer than the minimum of 10"):
        setup(1)  # one electronic voter among 29 on paper: the case
    with pytest.raises(DomainError, match=r"More voters expected .* \(31\) than members \(30\)"):
        setup(31)
    election = setup(10)
    assert election.expected_ballots == 10
    assert AuditEvent.objects.get(action="evote.setup").after["expected_ballots"] == 10


def test_the_minimum_is_a_setting(body: Any, users: dict[str, Any], settings: Any) -> None:
    settings.TINNHIEM_EVOTE_MIN_BALLOTS = 5
    session = make_session(body, users, Channel.ELECTRONIC, members=5)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A"], threshold=1
    )
    assert election.expected_ballots == 5


def test_fewer_ballots_are_decrypted_only_on_the_boards_decision(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, board = electronic
    cast(election, print_codes(election, users["board1"], 3))
    session = services.counting_start(actor=users["board1"], session=election.session)
    election.refresh_from_db()
    with pytest.raises(DomainError, match="Only 3 electronic ballots, under the minimum of 10"):
        decrypt(election, board, users["board1"], [1])
    election.refresh_from_db()
    assert election.stage == Stage.DECRYPTING and not election.trustee_set.filter(
        decryption__isnull=False
    )
    for who in ("organiser", "observer"):  # the counting board decides
        with pytest.raises(DomainError):
            evote.small_channel_decide(actor=users[who], election=election, reason="x")
    with pytest.raises(DomainError, match="reason for the decision is required"):
        evote.small_channel_decide(actor=users["board1"], election=election, reason="  ")
    evote.small_channel_decide(
        actor=users["board1"], election=election, reason="Ba đại biểu ở xa, đã được báo trước"
    )
    row = AuditEvent.objects.get(action="evote.small_channel")
    assert row.actor == "board1" and row.after["reason"] == "Ba đại biểu ở xa, đã được báo trước"
    assert row.after["ballots"] == 3 and row.after["minimum"] == 10
    with pytest.raises(DomainError, match="recorded already"):
        evote.small_channel_decide(actor=users["board2"], election=election, reason="again")
    decrypt(election, board, users["board1"], [1, 2])
    counting.count_close(actor=users["board1"], session=session)
    election.refresh_from_db()
    assert election.record_head


def test_the_close_refuses_to_publish_without_the_decision(
    electronic: Any, users: dict[str, Any]
) -> None:
    """Even with the counts decrypted (a board that decided before the minimum was raised), the
    record is not written while the channel is small and no decision is recorded."""
    election, board = electronic
    cast(election, print_codes(election, users["board1"], 2))
    session = services.counting_start(actor=users["board1"], session=election.session)
    evote.small_channel_decide(actor=users["board1"], election=election, reason="x")
    decrypt(election, board, users["board1"], [1, 2])
    Election.objects.filter(pk=election.pk).update(small_channel=None)
    with pytest.raises(DomainError, match="cannot be decrypted or published"):
        counting.count_close(actor=users["board1"], session=session)
    assert not Election.objects.get(pk=election.pk).record


def test_enough_ballots_or_none_need_no_decision(electronic: Any, users: dict[str, Any]) -> None:
    election, board = electronic
    cast(election, print_codes(election, users["board1"], 10))
    services.counting_start(actor=users["board1"], session=election.session)
    with pytest.raises(DomainError, match="no decision is needed"):
        evote.small_channel_decide(actor=users["board1"], election=election, reason="x")
    decrypt(election, board, users["board1"], [1, 2])
    assert Election.objects.get(pk=election.pk).stage == Stage.DECRYPTED


def test_an_empty_box_reveals_nothing_and_needs_no_decision(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, board = electronic
    services.counting_start(actor=users["board1"], session=election.session)
    decrypt(election, board, users["board1"], [1, 2])
    assert Election.objects.get(pk=election.pk).stage == Stage.DECRYPTED


def test_the_panel_asks_for_the_decision(electronic: Any, users: dict[str, Any]) -> None:
    election, _ = electronic
    cast(election, print_codes(election, users["board1"], 2))
    services.counting_start(actor=users["board1"], session=election.session)
    client = Client()
    client.force_login(users["board2"])
    url = f"/sessions/{election.session_id}/evote/"
    assert 'id="small-channel"' in client.get(url).content.decode()
    page = client.post(
        url, {"action": "small_channel", "reason": "Thống nhất tại cuộc họp"}, follow=True
    ).content.decode()
    assert "Đã ghi quyết định của Ban kiểm phiếu" in page
    assert 'id="small-channel-decision"' in page and "Thống nhất tại cuộc họp" in page
