"""The counting port: the installed apps plug their paper sources and channels in, and a channel
votes has never heard of joins the count without a line of votes changing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tinnhiem.core.errors import CountNotReady
from tinnhiem.rules import CountLine
from tinnhiem.votes import channels, counting, services
from tinnhiem.votes.channels import ChannelFigures
from tinnhiem.votes.models import CountMode, SessionStatus, VoteSession
from tinnhiem.votes.results import provisional_result, session_figures, session_info, session_result

PILE = ["0000", "0112", "01_0", "+200"]


def enter(session: VoteSession, user: Any, operator: int, pile: list[str]) -> None:
    block = session.blocks.get()
    for marks in pile:
        counting.ballot_record(actor=user, block=block, operator=operator, marks=marks)


def test_the_installed_apps_register_hand_entry_scanning_and_the_electronic_ballot() -> None:
    modes, names = channels.registered()
    assert modes == sorted([CountMode.BALLOTS, CountMode.SCAN])
    assert names == ["electronic"]


class PostalVotes:
    """A channel votes does not know: four ballots by post, all "high" for the first person."""

    key = "postal"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def takes_part(self, session: VoteSession) -> bool:
        return True

    def figures(self, session: VoteSession) -> ChannelFigures:
        return ChannelFigures(issued=6, collected=4)

    def count_started(self, *, actor: Any, session: VoteSession) -> None:
        self.calls.append(f"started by {actor.username}")

    def counts(self, session: VoteSession, levels: tuple[str, ...]) -> list[dict[str, int]]:
        first = {levels[0]: 4}
        rest = [{levels[1]: 4} for _ in range(session.candidates.count() - 1)]
        return [first, *rest]

    def count_closing(self, session: VoteSession, paper: list[CountLine]) -> None:
        self.calls.append(f"closing with {len(paper)} paper lines")

    def minutes_rows(self, session: VoteSession) -> list[tuple[str, str]]:
        return [("Số phiếu gửi qua bưu điện", "4")]


@pytest.fixture
def postal() -> Iterator[PostalVotes]:
    channel = PostalVotes()
    channels.register_channel(channel)
    yield channel
    channels._channels.pop(channel.key)


def test_a_fourth_channel_joins_the_figures_the_lines_and_the_minutes(
    draft: VoteSession, users: dict[str, Any], postal: PostalVotes
) -> None:
    session = services.figures_set(actor=users["organiser"], session=draft, issued=10)
    session = services.session_open(actor=users["organiser"], session=session)
    session = services.counting_start(actor=users["board1"], session=session)
    assert postal.calls == ["started by board1"]
    enter(session, users["board1"], 1, PILE)
    enter(session, users["board2"], 2, PILE)
    figures = session_figures(session)
    assert (figures.issued, figures.collected) == (16, 4)  # paper 10 issued; 4 by post
    closed = counting.count_close(actor=users["board1"], session=session, acknowledged_gaps=True)
    assert closed.status == SessionStatus.CLOSED
    assert postal.calls[-1] == "closing with 4 paper lines"
    first = session_result(closed).people[0]
    assert dict(first.counts) == {"high": 3 + 4, "confidence": 0, "low": 0}
    assert session_result(closed).collected == 8
    assert ("Số phiếu gửi qua bưu điện", "4") in session_info(closed).channels


def test_a_channel_that_cannot_give_its_counts_keeps_the_count_open(
    in_count: VoteSession, users: dict[str, Any], postal: PostalVotes
) -> None:
    def not_yet(session: VoteSession, levels: tuple[str, ...]) -> list[dict[str, int]]:
        raise CountNotReady("Chưa có", "Not yet")

    postal.counts = not_yet  # type: ignore[method-assign]
    enter(in_count, users["board1"], 1, PILE)
    enter(in_count, users["board2"], 2, PILE)
    with pytest.raises(CountNotReady, match="Not yet"):
        counting.count_close(actor=users["board1"], session=in_count, acknowledged_gaps=True)
    in_count.refresh_from_db()
    assert in_count.status == SessionStatus.COUNTING


def test_hand_entry_gives_a_provisional_result_while_the_board_decides(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    enter(in_count, users["board1"], 1, PILE)
    enter(in_count, users["board2"], 2, ["0000", "0102", "01_0", "+200"])
    result, waiting = provisional_result(in_count)
    assert waiting == [1, 1, 1, 1]  # ballot 2 differs: every line of it waits
    assert result.people[0].counts["high"] == 2 and result.collected == 4
    block = in_count.blocks.get()
    counting.ballot_decide(actor=users["board1"], block=block, number=2, marks="0112")
    result, waiting = provisional_result(in_count)
    assert waiting == [0, 0, 0, 0] and result.people[0].counts["high"] == 3
