"""A pile of marked ballots, printed by tinnhiem for a real session, scanned and read into it:
`tinnhiem scan` through the same services as the upload page, then the board, then the close."""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from tests.readback import pdf_text
from tests.scans.conftest import sheet, tiff

from tinnhiem.cli.scan import Command as ScanCommand
from tinnhiem.scans import services
from tinnhiem.scans.models import ReviewItem, ScanFile, ScannedBallot, ScanPage
from tinnhiem.votes import counting
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.printing import ballots_pdf, document
from tinnhiem.votes.results import provisional_result, session_result


def scan(session: VoteSession, tmp_path: Any, name: str, pages: list[np.ndarray]) -> dict[str, Any]:
    path = tmp_path / name
    path.write_bytes(tiff(pages))
    out = io.StringIO()
    call_command(
        ScanCommand(),
        str(session.pk),
        str(path),
        "--format",
        "json",
        "--processes",
        "1",
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_a_pile_read_decided_and_closed(
    print_for: VoteSession, users: dict[str, Any], tmp_path: Any
) -> None:
    session = print_for
    votes = ["0012", "0000", "1_20", "2100"]
    pages = [sheet(session, i, marks) for i, marks in enumerate(votes)]
    crossed = sheet(session, 9, "0000", name_crossed=1)
    summary = scan(session, tmp_path, "lo-1.tif", [*pages, crossed, pages[0]])
    assert summary["machine_read"] == 5
    assert [item["reason"] for item in summary["refused"]] == ["duplicate"]  # the sixth page
    assert summary["review"] == 1 and ReviewItem.objects.get().reason == "name_crossed"
    # a second batch: the same first sheet again, and a blank page
    again = scan(session, tmp_path, "lo-2.tif", [pages[1], np.full_like(pages[0], 245)])
    assert sorted(item["reason"] for item in again["refused"]) == ["duplicate", "not_a_ballot"]
    assert ScanFile.objects.count() == 2 and all(
        len(f.sha256) == 64 for f in ScanFile.objects.all()
    )
    assert ScanPage.objects.count() == 8
    session.refresh_from_db()  # scanning set its count mode
    result, reviews = provisional_result(session)
    assert reviews == [1, 1, 1, 1] and result.collected == 5
    services.review_decide(
        actor=users["board1"], item=ReviewItem.objects.get(), decision="name_crossed"
    )
    closed = counting.count_close(actor=users["board1"], session=session, acknowledged_gaps=True)
    people = session_result(closed).people
    assert [dict(p.counts) for p in people] == [
        {"high": 2, "confidence": 1, "low": 1},
        {"high": 2, "confidence": 1, "low": 0},
        {"high": 2, "confidence": 1, "low": 1},
        {"high": 3, "confidence": 0, "low": 1},
    ]
    assert closed.collected == 5 and closed.invalid_ballots == 1
    minutes = pdf_text(document(closed, "minutes", "pdf")[0])
    assert "Số phiếu hợp lệ: 4;" in minutes and "Số phiếu không hợp lệ: 1;" in minutes
    assert services.scan_figures(closed)["board_decided_ballots"] == 1


@pytest.mark.parametrize("ballot_layout", [1])
def test_a_session_that_printed_layout_1_still_scans_its_sheets(
    print_for: VoteSession, tmp_path: Any
) -> None:
    """Ballots printed before the heading and seal place moved to the top of every page (layout
    1: the seal under the table) are read after the upgrade, because the session keeps its
    layout; a new session prints layout 2."""
    session = print_for
    text = pdf_text(ballots_pdf(session)["1"][0])
    assert text.index("Nơi đóng dấu") > text.index("Nguyễn")  # under the table: layout 1
    summary = scan(session, tmp_path, "cu.tif", [sheet(session, i, "0120") for i in range(3)])
    assert summary["machine_read"] == 3 and summary["refused"] == [] and summary["review"] == 0
    new = VoteSession.objects.create(
        body=session.body, title="Đợt mới", held_on=session.held_on, profile_key="nq96"
    )
    assert new.ballot_layout == 2


def test_stamped_layout_2_sheets_read_without_an_added_writing_flag(
    print_for: VoteSession, tmp_path: Any
) -> None:
    session = print_for
    assert session.ballot_layout == 2
    text = pdf_text(ballots_pdf(session)["1"][0])
    assert text.index("Nơi đóng dấu") < text.index("PHIẾU")  # the seal place heads the page
    pages = [sheet(session, i, "0120") for i in range(3)]  # each stamped over its seal place
    written = sheet(session, 7, "0120", added="header")
    summary = scan(session, tmp_path, "moi.tif", [*pages, written])
    assert summary["machine_read"] == 4 and summary["review"] == 1
    assert ReviewItem.objects.get().reason == "added"


def test_a_sheet_without_the_seal_is_put_to_the_board_as_not_issued(
    print_for: VoteSession, users: dict[str, Any], tmp_path: Any
) -> None:
    session = print_for
    unsealed = sheet(session, 5, "0120", stamp=False)
    summary = scan(session, tmp_path, "khong-dau.tif", [unsealed])
    assert summary["machine_read"] == 1 and summary["review"] == 1
    item = ReviewItem.objects.get()
    assert item.reason == "no_seal" and item.line is None
    client = Client()
    client.force_login(users["board1"])
    page = client.get(reverse("review", args=[session.pk])).content.decode()
    assert "Không thấy dấu của cơ quan ở chỗ đóng dấu" in page
    assert '<option value="not_issued" selected>' in page  # what the board is offered first
    services.review_decide(actor=users["board1"], item=item, decision="not_issued")
    assert ScannedBallot.objects.get().invalid_reason == "not_issued"


def test_the_upload_page_reads_in_the_background_and_shows_progress(
    print_for: VoteSession, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from tinnhiem.scans.models import BatchStatus, ScanBatch

    session = print_for
    client = Client()
    client.force_login(users["board1"])
    upload = SimpleUploadedFile(
        "lo.tif", tiff([sheet(session, 1, "0120"), sheet(session, 2, "2_00")])
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("scans", args=[session.pk]), {"files": [upload]})
    assert response.status_code == 302 and len(callbacks) == 1  # the task was queued on commit
    batch = ScanBatch.objects.get()
    assert batch.status == BatchStatus.DONE and (batch.pages_done, batch.pages_total) == (2, 2)
    status = client.get(reverse("scans_status", args=[session.pk])).json()
    assert status["machine_read"] == 2 and status["batches"][0]["done"] == 2
    page = client.get(reverse("scans", args=[session.pk])).content.decode()
    assert "2 phiếu được nhận" in page


def test_a_batch_the_worker_never_read_fails_after_two_hours_and_is_not_read_late(
    print_for: VoteSession, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from tinnhiem.audit.models import AuditEvent
    from tinnhiem.scans.models import BatchStatus, ScanBatch

    session = print_for
    client = Client()
    client.force_login(users["board1"])
    upload = SimpleUploadedFile("lo.tif", tiff([sheet(session, 1, "0120")]))
    with django_capture_on_commit_callbacks(execute=False) as queued:  # no worker running
        client.post(reverse("scans", args=[session.pk]), {"files": [upload]})
    status = client.get(reverse("scans_status", args=[session.pk])).json()
    assert (
        status["batches"][0]["status"] == "queued" and status["batches"][0]["label"] == "Đang chờ"
    )
    ScanBatch.objects.update(created_at=timezone.now() - timedelta(hours=2, minutes=1))
    page = client.get(reverse("scans", args=[session.pk])).content.decode()
    assert "Tiến trình nền không đọc xong lượt quét này" in page
    assert ScanBatch.objects.get().status == BatchStatus.FAILED
    assert AuditEvent.objects.filter(action="scan.failed").count() == 1
    for callback in queued:  # the worker comes back: the batch given up on is not read late
        callback()
    assert ScanBatch.objects.get().status == BatchStatus.FAILED
    assert services.scan_figures(session)["machine_read"] == 0
    client.cookies["django_language"] = "en"
    status = client.get(reverse("scans_status", args=[session.pk])).json()
    assert status["batches"][0]["label"] == "Failed"
    assert ">Failed<" in client.get(reverse("scans", args=[session.pk])).content.decode()
