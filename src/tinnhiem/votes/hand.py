"""Hand entry as a paper source of the count (`votes.channels.PaperSource`): every ballot
entered twice, by two board members, and the board's decision wherever the entries differ."""

from __future__ import annotations

from tinnhiem.ballotformat import PENDING
from tinnhiem.votes.ballots import Ballot, block_lines
from tinnhiem.votes.counting import decisions, entries, final_ballots
from tinnhiem.votes.models import BallotBlock, CountMode, VoteSession


class HandEntry:
    mode = CountMode.BALLOTS
    board_figure_stands = False  # the ballots entered are the ballots collected

    def ballots(self, block: BallotBlock) -> list[Ballot]:
        return final_ballots(block)

    def ballots_so_far(self, block: BallotBlock) -> list[Ballot]:
        """A ballot whose two entries differ, not yet decided, waits on every line."""
        first, second, decided = entries(block, 1), entries(block, 2), decisions(block)
        waiting = Ballot(PENDING * len(block_lines(block)))
        return [
            decided.get(n) or (first[n] if first.get(n) == second.get(n) else waiting)
            for n in sorted(set(first) | set(second))
        ]

    def minutes_facts(self, session: VoteSession) -> dict[str, int]:
        return {}

    def collected_warning(self, session: VoteSession) -> tuple[str, str] | None:
        return None
