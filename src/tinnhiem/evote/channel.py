"""The electronic ballot as a channel of the count (`votes.channels.Channel`): its figures join
the paper ones, the ballot box closes when the count starts, its decrypted counts are added to
every person's line, and its election record is completed when the count closes."""

from __future__ import annotations

from typing import Any

from tinnhiem.core.errors import CountNotReady
from tinnhiem.evote.bulletin import write_record
from tinnhiem.evote.models import Election, Stage
from tinnhiem.evote.smallchannel import require_decryptable
from tinnhiem.evote.tallying import channel_figures, electronic_figures, manifest_members
from tinnhiem.evote.voting import voting_close
from tinnhiem.rules import CountLine
from tinnhiem.votes.channels import ChannelFigures
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.results import voted_on


class ElectronicChannel:
    key = "electronic"

    def takes_part(self, session: VoteSession) -> bool:
        return bool(session.has_electronic)

    def figures(self, session: VoteSession) -> ChannelFigures:
        issued, collected = electronic_figures(session)
        return ChannelFigures(issued, collected, manifest_members(session))

    def count_started(self, *, actor: Any, session: VoteSession) -> None:
        voting_close(actor, session)

    def counts(self, session: VoteSession, levels: tuple[str, ...]) -> list[dict[str, int]]:
        """The decrypted counts, each person's by level; never before the trustees decrypted
        them, nor for a small channel without the board's decision."""
        election = _decrypted(session)
        require_decryptable(election)
        counts: dict[str, list[int]] = election.counts or {}
        return [
            dict(zip(levels, counts[str(candidate.pk)], strict=True))
            for candidate in voted_on(session)
        ]

    def count_closing(self, session: VoteSession, paper: list[CountLine]) -> None:
        write_record(_decrypted(session), paper)

    def minutes_rows(self, session: VoteSession) -> list[tuple[str, str]]:
        return channel_figures(session)


def _decrypted(session: VoteSession) -> Election:
    election = Election.objects.filter(session=session).first()
    if election is None:
        raise CountNotReady(
            "Chưa tạo phiếu điện tử cho đợt này", "The electronic ballot is not set up"
        )
    if election.stage != Stage.DECRYPTED or election.counts is None:
        raise CountNotReady(
            f"Phiếu điện tử chưa được giải mã (cần {election.threshold} thành viên Ban kiểm phiếu)",
            f"The electronic ballots are not decrypted yet ({election.threshold} trustees needed)",
        )
    return election
