"""The electronic channel's figures: what it adds to the session's issued and collected
ballots, the membership it fixed, and its lines in the minutes."""

from __future__ import annotations

from typing import Any

from tinnhiem.evote.credentials import credential_figures
from tinnhiem.evote.models import Election
from tinnhiem.votes.models import VoteSession


def electronic_figures(session: VoteSession) -> tuple[int, int]:
    """(issued, collected) of the electronic channel: codes handed out less those voided, and
    ballots cast. Zero before the electronic ballot is set up."""
    election = Election.objects.filter(session=session).first()
    if election is None:
        return 0, 0
    figures = credential_figures(election)
    return figures["issued"] - figures["voided"], figures["ballots"]


def manifest_members(session: VoteSession) -> int | None:
    """The membership fixed in the manifest when the electronic ballot was set up (the record
    computes percentages on it), else the session's figure."""
    election = Election.objects.filter(session=session).first()
    if election is None:
        return session.members
    members = election.manifest.get("members")
    return int(members) if members is not None else None


def channel_figures(session: VoteSession) -> list[tuple[str, str]]:
    """The electronic channel's lines in the minutes and reports."""
    election = Election.objects.filter(session=session).first()
    if election is None:
        return []
    figures = credential_figures(election)
    rows: list[tuple[str, Any]] = [
        ("Số phiếu giấy thu về", session.collected if session.has_paper else None),
        ("Số mã bỏ phiếu điện tử đã phát", figures["issued"]),
        ("Số mã đã dùng", figures["used"]),
        ("Số mã đã hủy", figures["voided"]),
        ("Số phiếu điện tử được tính", figures["ballots"]),
        ("Số phiếu điện tử kiểm tra (công khai, không tính)", figures["spoiled"]),
    ]
    decision = election.small_channel
    if decision:
        rows.append(
            (
                f"Quyết định của Ban kiểm phiếu giải mã {decision['ballots']} phiếu điện tử "
                f"(dưới mức tối thiểu {decision['minimum']})",
                f"{decision['reason']} — {decision['by_name']}",
            )
        )
    if election.record_head:
        rows.append(("Mã băm cuối của hồ sơ bầu cử điện tử", election.record_head))
    return [
        (label, "—" if value is None else str(value))
        for label, value in rows
        if not (label.startswith("Số phiếu giấy") and not session.has_paper)
    ]
