"""An electronic session ready to vote: opened, its trustees' ceremony done, codes printed."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from tests.conftest import officials_csv
from tests.evote.trustees import Board

from tinnhiem.ballotcrypto import election as pure
from tinnhiem.bodies.models import Body, Voter
from tinnhiem.bodies.roster import RosterKind
from tinnhiem.bodies.services import roster_import
from tinnhiem.evote import services as evote
from tinnhiem.evote.bulletin import tally_file
from tinnhiem.evote.models import Election, Trustee
from tinnhiem.votes import services
from tinnhiem.votes.models import Channel, VoteSession

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
BOOTH = "http://testserver/e/x/"


def make_session(body: Body, users: dict[str, Any], channel: str, members: int = 12) -> VoteSession:
    organiser = users["organiser"]
    roster_import(
        actor=organiser,
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=officials_csv(),
    )
    for number in range(members):
        Voter.objects.create(body=body, full_name=f"Đại biểu {number + 1}")
    session = services.session_create(
        actor=organiser,
        body=body,
        title="Lấy phiếu tín nhiệm năm 2025",
        held_on=date(2025, 12, 5),
        profile_key="nq96",
        channel=channel,
        members=members,
    )
    services.candidates_from_roster(actor=organiser, session=session)
    return services.session_open(actor=organiser, session=session)


def run_ceremony(election: Election, user: Any) -> Board:
    """Every trustee's three rounds, uploaded as the board member `user` would."""
    board = Board(str(election.public_id), election.trustees, election.threshold)
    indices = range(1, election.trustees + 1)
    for i in indices:
        evote.trustee_upload(
            actor=user, election=election, index=i, kind="round1", data=board.round1(i)
        )
    round1s = [t.round1 for t in Trustee.objects.filter(election=election)]
    for i in indices:
        evote.trustee_upload(
            actor=user, election=election, index=i, kind="round2", data=board.round2(i, round1s)
        )
    round2s = [t.round2 for t in Trustee.objects.filter(election=election)]
    for i in indices:
        evote.trustee_upload(
            actor=user,
            election=election,
            index=i,
            kind="round3",
            data=board.round3(i, round1s, round2s),
        )
    return board


def decrypt(election: Election, board: Board, user: Any, who: list[int]) -> None:
    election.refresh_from_db()
    request = tally_file(election)
    for i in who:
        evote.trustee_upload(
            actor=user,
            election=election,
            index=i,
            kind="decryption",
            data=board.decrypt(i, request),
        )


def print_codes(election: Election, user: Any, count: int) -> list[str]:
    """The slips' PDF read back: the only place the codes exist."""
    pdf = evote.slips_issue(actor=user, election=election, count=count, booth_url=BOOTH)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    found = CODE.findall(text)
    assert len(found) == count
    return found


def ballot_for(election: Election, choices: list[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    election.refresh_from_db()
    return pure.encrypt_ballot(evote.manifest_of(election), evote.public_key_of(election), choices)


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """The booth's count of refused codes lives in the cache: start each test without it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def electronic(body: Body, users: dict[str, Any]) -> tuple[Election, Board]:
    session = make_session(body, users, Channel.ELECTRONIC)
    election = evote.election_setup(
        actor=users["organiser"],
        session=session,
        trustee_names=["Trần Văn Kiểm", "Lê Thị Phiếu", "Võ Thư Ký"],
        threshold=2,
    )
    board = run_ceremony(election, users["board1"])
    election.refresh_from_db()
    return election, board
