"""A paper ballot as counted, and the one loop that turns ballots into each person's line.

A ballot's marks are one character per person of its block, in the alphabet of
`tinnhiem.ballotformat`: a level's mark, no box, several, and, while the board has still to
decide it, the pending mark."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tinnhiem.ballotformat import PENDING, mark_level
from tinnhiem.rules import CountLine
from tinnhiem.votes.models import BallotBlock, Candidate, VoteSession


@dataclass(frozen=True)
class Ballot:
    marks: str
    invalid_reason: str = ""

    def describe(self) -> str:
        return f"không hợp lệ: {self.invalid_reason}" if self.invalid_reason else self.marks


@dataclass(frozen=True)
class Tallied:
    """One person's counts from a block's ballots, and the lines still waiting for the board."""

    counts: dict[str, int]
    invalid: int
    waiting: int


def tally_line(ballots: Sequence[Ballot], index: int, levels: tuple[str, ...]) -> Tallied:
    """The person at `index` of the block: a level's mark on a valid ballot counts for that
    level; the pending mark waits for the board; anything else (no box, several, an invalid ballot) is an
    invalid line."""
    counts = {key: 0 for key in levels}
    waiting = 0
    for ballot in ballots:
        char = ballot.marks[index] if index < len(ballot.marks) else ""
        if char == PENDING:
            waiting += 1
        elif not ballot.invalid_reason and (level := mark_level(char)) is not None:
            counts[levels[level]] += 1
    return Tallied(counts, len(ballots) - sum(counts.values()) - waiting, waiting)


def block_lines(block: BallotBlock) -> list[Candidate]:
    return list(block.candidates.filter(is_excluded=False).order_by("order", "id"))


def lines_so_far(
    session: VoteSession, levels: tuple[str, ...], ballots_of: Callable[[BallotBlock], list[Ballot]]
) -> tuple[list[CountLine], list[int], int]:
    """While the board still decides: each person's counts of what is decided, the lines still
    waiting, and the most ballots of any block (the collected ballots so far)."""
    lines, waiting, per_block = ballot_lines(session, levels, ballots_of)
    per_block.pop("_invalid")
    return lines, waiting, max(per_block.values(), default=0)


def ballot_lines(
    session: VoteSession,
    levels: tuple[str, ...],
    ballots_of: Callable[[BallotBlock], list[Ballot]],
) -> tuple[list[CountLine], list[int], dict[str, int]]:
    """Each person's line from the ballots of their block, the lines still waiting, and per
    block the number of ballots ("_invalid": the most invalid ballots of any block)."""
    by_candidate: dict[int, tuple[CountLine, int]] = {}
    per_block: dict[str, int] = {}
    invalid_ballots = 0
    for block in session.blocks.all():
        ballots = ballots_of(block)
        per_block[block.code] = len(ballots)
        invalid_ballots = max(invalid_ballots, sum(1 for b in ballots if b.invalid_reason))
        for index, candidate in enumerate(block_lines(block)):
            line = tally_line(ballots, index, levels)
            by_candidate[candidate.pk] = (
                CountLine(candidate.full_name, candidate.position, line.counts, line.invalid),
                line.waiting,
            )
    ordered = [by_candidate[c.pk] for c in session.candidates.filter(is_excluded=False)]
    lines = [line for line, _ in ordered]
    return lines, [waiting for _, waiting in ordered], per_block | {"_invalid": invalid_ballots}
