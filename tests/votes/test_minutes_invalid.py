"""The minutes state the invalid ballots as a number, 0 included, whatever the count mode: a
hand tally with or without the board's figure, ballot by ballot, and a count closed before the
close stated it (scanned, electronic and mixed sessions: tests/scans and tests/evote)."""

from __future__ import annotations

from typing import Any

from tests.readback import docx_text, pdf_text

from tinnhiem.votes import counting, services
from tinnhiem.votes.models import CountMode, VoteSession
from tinnhiem.votes.printing import document

PUBLISHED = [(3, 1, 1), (4, 1, 0), (2, 2, 1), (5, 0, 0)]


def minutes(session: VoteSession) -> tuple[str, str]:
    """The minutes as PDF and as Word, read back."""
    return (
        pdf_text(document(session, "minutes", "pdf")[0]),
        docx_text(document(session, "minutes", "docx")[0]),
    )


def hand_tally(draft: VoteSession, users: dict[str, Any], **figures: int) -> VoteSession:
    session = services.count_mode_set(
        actor=users["board1"], session=draft, count_mode=CountMode.AGGREGATE
    )
    session = services.session_open(actor=users["organiser"], session=session)
    services.figures_set(actor=users["organiser"], session=session, **figures)
    session = services.counting_start(actor=users["board1"], session=session)
    rows = {
        c.pk: ({"high": h, "confidence": m, "low": lo}, 0)
        for c, (h, m, lo) in zip(session.candidates.all(), PUBLISHED, strict=True)
    }
    counting.aggregate_record(actor=users["board1"], session=session, rows=rows)
    return counting.count_close(actor=users["board1"], session=session)


def test_a_hand_tally_without_a_figure_states_no_invalid_ballot(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    closed = hand_tally(draft, users, issued=5, collected=5)
    assert closed.invalid_ballots == 0
    for text in minutes(closed):
        assert "Số phiếu hợp lệ: 5;" in text
        assert "Số phiếu không hợp lệ: 0." in text


def test_a_hand_tally_states_the_boards_figure(draft: VoteSession, users: dict[str, Any]) -> None:
    closed = hand_tally(draft, users, issued=6, collected=6, invalid_ballots=1)
    for text in minutes(closed):
        assert "Số phiếu thu về: 6;" in text
        assert "Số phiếu hợp lệ: 5;" in text
        assert "Số phiếu không hợp lệ: 1." in text


def test_ballot_by_ballot_counts_the_invalid_ballots(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    block = in_count.blocks.get()
    for operator, user in ((1, users["board1"]), (2, users["board2"])):
        for marks in ("0012", "0000", "1120", "2100"):
            counting.ballot_record(actor=user, block=block, operator=operator, marks=marks)
        counting.ballot_record(
            actor=user, block=block, operator=operator, marks="", invalid_reason="not_issued"
        )
    closed = counting.count_close(actor=users["board1"], session=in_count, acknowledged_gaps=True)
    for text in minutes(closed):
        assert "Số phiếu thu về: 5;" in text
        assert "Số phiếu hợp lệ: 4;" in text
        assert "Số phiếu không hợp lệ: 1." in text


def test_a_count_closed_before_the_close_stated_it_prints_zero(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    closed = hand_tally(draft, users, issued=5, collected=5)
    VoteSession.objects.filter(pk=closed.pk).update(invalid_ballots=None)
    closed.refresh_from_db()
    for text in minutes(closed):
        assert "Số phiếu không hợp lệ: 0." in text
