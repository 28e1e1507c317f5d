"""The secrecy of a small electronic channel (docs/evote.md, "Small electronic channels").

The election record publishes the electronic counts of each person apart from the paper ones,
and in a mixed session who received an electronic ballot: with one electronic voter among 29 on
paper, the record would show that voter's whole ballot. So:

- at set-up, a channel expecting fewer than TINNHIEM_EVOTE_MIN_BALLOTS ballots is refused. In
  an electronic-only session every member votes electronically: the channel expects the
  manifest's `max_ballots` (the membership). In a mixed session the organiser states how many
  voters are expected to vote electronically (those far away, or the whole hall minus a few),
  at most the membership;
- at the close, fewer cast ballots than the minimum (but at least one: the counts of no ballot
  reveal nothing) are not decrypted, nor the record published, until the counting board records
  its decision to go on, with a reason; the decision is audited and named in the minutes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evote.common import audit, locked, snapshot
from tinnhiem.evote.models import CastBallot, Election, Stage
from tinnhiem.votes.models import VoteSession


def minimum() -> int:
    return int(settings.TINNHIEM_EVOTE_MIN_BALLOTS)


def expected_ballots(session: VoteSession, max_ballots: int, stated: int | None) -> int:
    """What the channel expects, checked against the minimum (InputProblem naming it)."""
    if session.has_paper:
        if stated is None or stated < 1:
            raise InputProblem(
                "Đợt có cả phiếu giấy: cần ghi số người dự kiến bỏ phiếu điện tử",
                "A mixed session: state how many voters are expected to vote electronically",
            )
        if stated > max_ballots:
            raise InputProblem(
                f"Số người dự kiến bỏ phiếu điện tử ({stated}) lớn hơn số thành viên "
                f"({max_ballots})",
                f"More voters expected to vote electronically ({stated}) than members "
                f"({max_ballots})",
            )
        expected = stated
    else:
        expected = max_ballots
    if expected < minimum():
        raise InputProblem(
            f"Kênh điện tử dự kiến {expected} phiếu, ít hơn mức tối thiểu {minimum()}: với ít "
            "phiếu như vậy, kết quả điện tử công bố riêng sẽ lộ lá phiếu của từng người. Hãy "
            "dùng phiếu giấy (hoặc quản trị đổi TINNHIEM_EVOTE_MIN_BALLOTS).",
            f"The electronic channel expects {expected} ballots, fewer than the minimum of "
            f"{minimum()}: with so few, its counts, published apart, would reveal each voter's "
            "ballot. Use paper (or the administrator changes TINNHIEM_EVOTE_MIN_BALLOTS).",
        )
    return expected


def cast_count(election: Election) -> int:
    return CastBallot.objects.filter(election=election).count()


def is_small(election: Election) -> bool:
    """Too few cast ballots to decrypt without the board's decision (0 reveals nothing)."""
    return 0 < cast_count(election) < minimum()


def needs_decision(election: Election) -> bool:
    """The box is closed, not yet decrypted, too small, and the board has not decided."""
    return (
        election.stage in (Stage.PAPER, Stage.DECRYPTING)
        and election.small_channel is None
        and is_small(election)
    )


def require_decryptable(election: Election) -> None:
    """Refuse to decrypt or publish a small channel the board has not decided on."""
    if election.small_channel is None and is_small(election):
        count = cast_count(election)
        raise WrongState(
            f"Chỉ có {count} phiếu điện tử, dưới mức tối thiểu {minimum()}: chưa giải mã và "
            "công bố được cho đến khi Ban kiểm phiếu ghi quyết định (kèm lý do) trên trang "
            "Phiếu điện tử",
            f"Only {count} electronic ballots, under the minimum of {minimum()}: they cannot be "
            "decrypted or published until the counting board records its decision (with a "
            "reason) on the Electronic ballot page",
        )


def small_channel_decide(*, actor: Any, election: Election, reason: str) -> Election:
    """The counting board decides to decrypt a channel under the minimum, knowing that its
    counts may reveal ballots; who decided and why are audited and go into the minutes."""
    permissions.require(actor, election.session.body_id, permissions.COUNT)
    reason = " ".join(reason.split())
    if not reason:
        raise InputProblem(
            "Cần ghi lý do của quyết định", "The reason for the decision is required"
        )
    with transaction.atomic():
        election = locked(election)
        if election.stage not in (Stage.PAPER, Stage.DECRYPTING):
            raise WrongState(
                "Chỉ quyết định sau khi đóng hòm phiếu và trước khi giải mã",
                "Decide once the ballot box is closed and before decryption",
            )
        if election.small_channel is not None:
            raise WrongState("Quyết định đã được ghi", "The decision is recorded already")
        if not is_small(election):
            raise WrongState(
                f"Kênh điện tử có đủ {minimum()} phiếu: không cần quyết định",
                f"The electronic channel has {minimum()} ballots or more: no decision is needed",
            )
        before = snapshot(election)
        election.small_channel = {
            "by": actor.pk,
            "by_name": actor.get_full_name() or actor.get_username(),
            "reason": reason,
            "ballots": cast_count(election),
            "minimum": minimum(),
            "at": timezone.now().isoformat(timespec="seconds"),
        }
        election.save(update_fields=["small_channel"])
        audit(actor, "evote.small_channel", election, before, **election.small_channel)
    return election
