"""The counting port: where the ballots of a count come from.

`votes` knows the count itself: ballots become each person's line, the lines go through the
rule engine, the session closes. Where the ballots come from is plugged in:

- a **paper source** gives the ballots of each block of the paper ballot for one count mode:
  hand entry, twice by two board members (`votes.hand.HandEntry`, this app), or the scanner
  (`tinnhiem.scans.channel.ScannedBallots`);
- a **channel** adds ballots of its own to every person's line: the electronic ballot
  (`tinnhiem.evote.channel.ElectronicChannel`).

Each app registers what it provides in its `AppConfig.ready()`, so the list is the installed
apps' (`registered()` names them all); `votes` imports neither scans nor evote. Counting a
session by hand tally sheets (per-person counts, no ballots) is `votes.counting`'s own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from tinnhiem.core.errors import CountNotReady
from tinnhiem.rules import CountLine
from tinnhiem.votes.ballots import Ballot
from tinnhiem.votes.models import BallotBlock, VoteSession


class PaperSource(Protocol):
    """The paper ballots of one count mode."""

    @property
    def mode(self) -> str:
        """The `CountMode` it serves."""
        ...

    @property
    def board_figure_stands(self) -> bool:
        """The ballots collected are the ballots counted, unless the board entered its own
        figure and the source says that figure stands (the scanner: a refused sheet is put
        aside)."""
        ...

    def ballots(self, block: BallotBlock) -> list[Ballot]:
        """The block's ballots as counted; `CountNotReady` while the board has any to decide."""
        ...

    def ballots_so_far(self, block: BallotBlock) -> list[Ballot]:
        """The block's ballots as they stand, "?" on every line the board has still to decide
        (for a provisional result)."""
        ...

    def minutes_facts(self, session: VoteSession) -> dict[str, int]:
        """What the minutes state of this source (fields of `documents.data.SessionInfo`)."""
        ...

    def collected_warning(self, session: VoteSession) -> tuple[str, str] | None:
        """(vi, en) when the board's figure of ballots collected differs from the source's."""
        ...


@dataclass(frozen=True)
class ChannelFigures:
    """A channel's share of the session's figures."""

    issued: int
    collected: int
    members: int | None = None  # the membership the channel fixed for the percentages, if any


class Channel(Protocol):
    """Ballots besides the paper ones, added to every person's line."""

    @property
    def key(self) -> str: ...

    def takes_part(self, session: VoteSession) -> bool: ...

    def figures(self, session: VoteSession) -> ChannelFigures: ...

    def count_started(self, *, actor: Any, session: VoteSession) -> None:
        """In the transaction that starts the count (the electronic ballot box closes)."""
        ...

    def counts(self, session: VoteSession, levels: tuple[str, ...]) -> list[dict[str, int]]:
        """Each person's counts by level, in the session's order; `CountNotReady` until the
        channel can give them."""
        ...

    def count_closing(self, session: VoteSession, paper: list[CountLine]) -> None:
        """In the transaction that closes the count, once every line is known (the electronic
        channel completes its election record)."""
        ...

    def minutes_rows(self, session: VoteSession) -> list[tuple[str, str]]:
        """The channel's lines in the minutes and reports: (label, value)."""
        ...


_sources: dict[str, PaperSource] = {}
_channels: dict[str, Channel] = {}


def register_paper_source(source: PaperSource) -> None:
    _sources[source.mode] = source


def register_channel(channel: Channel) -> None:
    _channels[channel.key] = channel


def registered() -> tuple[list[str], list[str]]:
    """The count modes with a paper source, and the channels, as the installed apps set them."""
    return sorted(_sources), sorted(_channels)


def paper_source(session: VoteSession) -> PaperSource:
    source = _sources.get(session.count_mode)
    if source is None:
        raise CountNotReady(
            f"Cách kiểm phiếu '{session.count_mode}' không được cài đặt",
            f"The count mode '{session.count_mode}' is not installed",
        )
    return source


def channels_of(session: VoteSession) -> list[Channel]:
    """The channels besides paper that take part in this session's count."""
    return [channel for channel in _channels.values() if channel.takes_part(session)]
