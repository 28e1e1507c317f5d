"""The electronic channel in the count: its figures and counts join the paper ones, and the
election record is written when the count closes."""

from __future__ import annotations

from typing import Any

from tinnhiem.core.errors import CountNotReady
from tinnhiem.evote.models import Election, Stage
from tinnhiem.rules import CountLine
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.results import voted_on


def _election(session: VoteSession) -> Election:
    election = Election.objects.filter(session=session).first()
    if election is None:
        raise CountNotReady(
            "Chưa tạo phiếu điện tử cho đợt này", "The electronic ballot is not set up"
        )
    return election


def electronic_figures(session: VoteSession) -> tuple[int, int]:
    """(issued, collected) of the electronic channel: codes handed out less those voided, and
    ballots cast. Zero before the electronic ballot is set up."""
    from tinnhiem.evote.services import credential_figures

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


def add_electronic(
    session: VoteSession, levels: tuple[str, ...], paper: list[CountLine]
) -> list[CountLine]:
    """Each person's line with the decrypted electronic counts added to the paper ones (the
    paper lines are empty for an electronic-only session); writes the election record."""
    election = _election(session)
    if election.stage != Stage.DECRYPTED or election.counts is None:
        raise CountNotReady(
            f"Phiếu điện tử chưa được giải mã (cần {election.threshold} thành viên Ban kiểm phiếu)",
            f"The electronic ballots are not decrypted yet ({election.threshold} trustees needed)",
        )
    candidates = voted_on(session)
    lines = []
    for position, candidate in enumerate(candidates):
        electronic = election.counts[str(candidate.pk)]
        if paper:
            line = paper[position]
            counts = {
                key: line.counts.get(key, 0) + n for key, n in zip(levels, electronic, strict=True)
            }
            lines.append(CountLine(line.name, line.position, counts, line.invalid, row=line.row))
        else:
            counts = dict(zip(levels, electronic, strict=True))
            lines.append(
                CountLine(candidate.full_name, candidate.position, counts, 0, row=position + 1)
            )
    from tinnhiem.evote.records import write_record
    from tinnhiem.evote.smallchannel import require_decryptable

    require_decryptable(election)  # never published without the board's decision
    write_record(election, paper)
    return lines


def channel_figures(session: VoteSession) -> list[tuple[str, str]]:
    """The electronic channel's lines in the minutes and reports."""
    from tinnhiem.evote.services import credential_figures

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
