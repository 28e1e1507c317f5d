"""Scanning as a paper source of the count (`votes.channels.PaperSource`): the sheets the
scanner read, once the counting board has decided every doubtful line and ballot."""

from __future__ import annotations

from tinnhiem.ballotformat import PENDING
from tinnhiem.core.errors import CountNotReady
from tinnhiem.scans.models import ReviewItem
from tinnhiem.scans.services import scan_figures
from tinnhiem.votes.ballots import Ballot
from tinnhiem.votes.models import BallotBlock, CountMode, VoteSession


class ScannedBallots:
    mode = CountMode.SCAN
    # a refused sheet is put aside, so the board's own count of ballots collected stands
    board_figure_stands = True

    def ballots(self, block: BallotBlock) -> list[Ballot]:
        sheets = list(block.scanned.values_list("marks", "invalid_reason", "is_pending"))
        waiting = sum(1 for *_, is_pending in sheets if is_pending)
        if waiting:
            raise CountNotReady(
                f"Còn {waiting} phiếu quét ({block}) chờ Ban kiểm phiếu quyết định",
                f"{waiting} scanned ballots ({block}) wait for the board's decision",
            )
        return [Ballot(marks, reason) for marks, reason, _ in sheets]

    def ballots_so_far(self, block: BallotBlock) -> list[Ballot]:
        """A sheet whose whole reading the board has still to decide waits on every line."""
        undecided = set(
            ReviewItem.objects.filter(
                ballot__block=block, line__isnull=True, decision=""
            ).values_list("ballot_id", flat=True)
        )
        size = block.candidates.filter(is_excluded=False).count()
        return [
            Ballot(PENDING * size) if pk in undecided else Ballot(marks, reason)
            for pk, marks, reason in block.scanned.values_list("pk", "marks", "invalid_reason")
        ]

    def minutes_facts(self, session: VoteSession) -> dict[str, int]:
        figures = scan_figures(session)
        return {
            "machine_read": figures["machine_read"],
            "board_decided_lines": figures["board_decided_lines"],
        }

    def collected_warning(self, session: VoteSession) -> tuple[str, str] | None:
        if session.collected is None:
            return None
        sheets = max((b.scanned.count() for b in session.blocks.all()), default=0)
        if sheets == session.collected:
            return None
        return (
            f"Số phiếu thu về do Ban kiểm phiếu nhập ({session.collected}) khác số phiếu quét được nhận ({sheets})",
            f"The board's ballots collected ({session.collected}) differ from the sheets accepted ({sheets})",
        )
