"""Scanned sheets before the board: decisions, the close that waits for them, the provisional
result with lines still in review, and the warning when the board's own figure differs."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tinnhiem.audit.models import AuditEvent
from tinnhiem.ballotformat import SEVERAL
from tinnhiem.core.errors import CountNotReady, InputProblem, NotAllowed
from tinnhiem.scans import services
from tinnhiem.scans.models import ReviewItem, ScannedBallot
from tinnhiem.votes import counting
from tinnhiem.votes.models import CountMode, VoteSession
from tinnhiem.votes.results import collected_warning, provisional_result, session_result


@pytest.fixture
def scanned(in_count: VoteSession) -> VoteSession:
    """Three sheets read by the machine: one clean, one with a doubtful line, one flagged."""
    in_count.count_mode = CountMode.SCAN
    in_count.save()
    block = in_count.blocks.get()
    ScannedBallot.objects.create(session=in_count, block=block, marks="0012")
    doubtful = ScannedBallot.objects.create(
        session=in_count, block=block, marks="01?0", is_pending=True
    )
    ReviewItem.objects.create(ballot=doubtful, line=2, reason="faint", proposal="2", crop=b"png")
    flagged = ScannedBallot.objects.create(
        session=in_count, block=block, marks="0000", is_pending=True
    )
    ReviewItem.objects.create(ballot=flagged, line=None, reason="name_crossed", crop=b"png")
    return in_count


def test_the_count_waits_for_the_board(scanned: VoteSession, users: dict[str, Any]) -> None:
    with pytest.raises(CountNotReady, match="chờ Ban kiểm phiếu"):
        counting.count_close(actor=users["board1"], session=scanned, acknowledged_gaps=True)


def test_provisional_result_counts_what_is_decided(
    scanned: VoteSession, users: dict[str, Any]
) -> None:
    result, reviews = provisional_result(scanned)
    assert result.collected == 3
    assert [dict(p.counts) for p in result.people][2] == {"high": 0, "confidence": 1, "low": 0}
    assert reviews == [1, 1, 2, 1]  # the flagged ballot is in review on every line


def test_decisions_are_audited_and_let_the_count_close(
    scanned: VoteSession, users: dict[str, Any]
) -> None:
    line_item = ReviewItem.objects.get(line=2)
    ballot_item = ReviewItem.objects.get(line=None)
    with pytest.raises(NotAllowed):
        services.review_decide(actor=users["observer"], item=line_item, decision="2")
    with pytest.raises(InputProblem):
        services.review_decide(actor=users["board1"], item=line_item, decision="7")
    services.review_decide(actor=users["board1"], item=line_item, decision="2")
    services.review_decide(actor=users["board2"], item=ballot_item, decision="name_crossed")
    assert AuditEvent.objects.filter(action="scan.decide").count() == 2
    closed = counting.count_close(actor=users["board1"], session=scanned, acknowledged_gaps=True)
    people = session_result(closed).people
    assert closed.collected == 3 and closed.invalid_ballots == 1
    assert dict(people[2].counts) == {"high": 0, "confidence": 1, "low": 1}
    assert people[0].invalid == 1  # the whole ballot decided invalid
    assert services.scan_figures(closed) == {
        "machine_read": 3,
        "board_decided_lines": 1,
        "board_decided_ballots": 1,
        "refused_pages": 0,
    }


def test_the_boards_own_figure_stands_with_a_warning(
    scanned: VoteSession, users: dict[str, Any]
) -> None:
    from tinnhiem.votes import services as vote_services

    scanned = vote_services.figures_set(actor=users["organiser"], session=scanned, collected=4)
    warning = collected_warning(scanned)
    assert warning is not None and "(4)" in warning[0] and "(3)" in warning[0]
    for item in ReviewItem.objects.all():
        services.review_decide(
            actor=users["board1"], item=item, decision="2" if item.line is not None else "valid"
        )
    closed = counting.count_close(actor=users["board1"], session=scanned, acknowledged_gaps=True)
    assert closed.collected == 4 and session_result(closed).base == 4


def test_the_review_page_shows_each_case_with_its_picture(
    scanned: VoteSession, users: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(users["board1"])
    page = client.get(reverse("review", args=[scanned.pk])).content.decode()
    assert "Gạch tên người được lấy phiếu" in page and "Dấu mờ" in page
    item = ReviewItem.objects.get(line=2)
    crop = client.get(reverse("review_crop", args=[scanned.pk, item.pk]))
    assert crop["Content-Type"] == "image/png" and crop.content == b"png"
    client.post(reverse("review", args=[scanned.pk]), {"item": item.pk, "decision": "1"})
    item.refresh_from_db()
    assert item.decision == "1" and item.decided_by == users["board1"]
    observer = Client()
    observer.force_login(users["observer"])
    assert observer.get(reverse("review", args=[scanned.pk])).status_code == 404


def test_the_board_can_decide_a_doubtful_line_invalid_on_the_review_page(
    scanned: VoteSession, users: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(users["board1"])
    page = client.get(reverse("review", args=[scanned.pk])).content.decode()
    assert '<option value="2" selected>Tín nhiệm thấp</option>' in page  # the machine's proposal
    assert '<option value="_">Không đánh dấu (dòng không hợp lệ)</option>' in page
    assert '<option value="+">Đánh dấu nhiều ô (dòng không hợp lệ)</option>' in page
    item = ReviewItem.objects.get(line=2)
    client.post(reverse("review", args=[scanned.pk]), {"item": item.pk, "decision": SEVERAL})
    item.ballot.refresh_from_db()
    assert item.ballot.marks == "01+0" and not item.ballot.is_pending
