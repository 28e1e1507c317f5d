"""Scanning: store the uploaded files, read every page (in the background, on all cores), keep
the accepted sheets as ballots, and put every doubtful line or ballot before the counting board.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tinnhiem import limits
from tinnhiem.audit.services import record
from tinnhiem.ballotformat import PENDING, line_marks
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.scans.models import (
    BatchStatus,
    Refusal,
    ReviewItem,
    ScanBatch,
    ScanFile,
    ScannedBallot,
    ScanPage,
)
from tinnhiem.votes.models import BallotBlock, CountMode, InvalidReason, SessionStatus, VoteSession
from tinnhiem.votes.print_data import ballot_spec
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.state import locked, require_status

BALLOT_VALID = "valid"
CHUNK = 24  # pages read per pool round: bounds memory whatever the pile's size
STALE = timedelta(hours=2)  # a batch the worker has not read by then never will be
BATCH_LABELS: dict[str, tuple[str, str]] = {
    BatchStatus.QUEUED: ("Đang chờ", "Waiting"),
    BatchStatus.RUNNING: ("Đang đọc", "Reading"),
    BatchStatus.DONE: ("Xong", "Done"),
    BatchStatus.FAILED: ("Lỗi", "Failed"),
}
NOT_FINISHED = (
    "Tiến trình nền không đọc xong lượt quét này (có thể chưa chạy hoặc đã dừng); hãy tải tệp lên "
    "lại hoặc báo quản trị",
    "The background worker did not finish reading this batch (it may not be running, or it "
    "stopped); upload the files again or tell the administrator",
)


def batch_create(
    *, actor: Any, session: VoteSession, files: Sequence[tuple[str, bytes]], is_queued: bool = True
) -> ScanBatch:
    """Keep the uploaded files (with their SHA-256) and queue the reading after commit (the
    command line reads them itself: `is_queued=False`)."""
    permissions.require(actor, session.body_id, permissions.COUNT)
    if not files:
        raise InputProblem("Chưa chọn tệp nào", "No file chosen")
    for name, content in files:
        _check_scan(name, content)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.COUNTING,), "quét phiếu", "scan ballots")
        if session.count_mode != CountMode.SCAN:
            if session.entries.exists():
                raise WrongState(
                    "Đợt này đã nhập phiếu bằng tay", "Ballots were already entered by hand"
                )
            session.count_mode = CountMode.SCAN
            session.save(update_fields=["count_mode"])
        batch = ScanBatch.objects.create(session=session, uploaded_by=actor)
        for name, content in files:
            digest = hashlib.sha256(content).hexdigest()
            ScanFile.objects.create(
                batch=batch, name=name, sha256=digest, content=ContentFile(content, name=name)
            )
        record(
            actor=actor,
            action="scan.upload",
            obj=batch,
            body_id=session.body_id,
            after={"files": [[n, hashlib.sha256(c).hexdigest()] for n, c in files]},
        )
        if is_queued:
            transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _check_scan(name: str, content: bytes) -> None:
    """Refuse at once a file over the scan limit, or with a page or frame of more pixels than
    the reader takes (measured, not decoded); a damaged file is left to the reader, which
    records it as unreadable page by page."""
    # the reader (numpy, OpenCV, pdfium) is loaded by an upload, not by every page of the site
    from tinnhiem.omr.errors import PageTooLarge, UnreadableImage
    from tinnhiem.omr.images import check_pages

    most = limits.current().scan_upload_bytes
    if len(content) > most:
        raise InputProblem(*limits.too_big(name, len(content), most))
    try:
        check_pages(name, content)
    except PageTooLarge as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc
    except UnreadableImage:
        pass


def _enqueue(batch_id: int) -> None:
    from tinnhiem.scans.tasks import process_batch  # the task module imports this one

    process_batch.enqueue(batch_id)


def session_templates(session: VoteSession) -> list[Any]:
    """The blank print of every ballot type, as the reader compares scans against it."""
    # reportlab and OpenCV are loaded by reading a batch, not by every page of the site
    from tinnhiem.documents.ballot_pdf import render_ballots
    from tinnhiem.omr.template import build_template

    levels = session_profile(session).level_keys
    templates = []
    for block in session.blocks.all():
        pdf, layout = render_ballots(ballot_spec(block), 1)
        templates.append(build_template(pdf, layout, level_keys=levels))
    return templates


def batch_process(
    batch_id: int,
    *,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScanBatch:
    """Read every page of a batch and save what was read, in one transaction at the end."""
    from tinnhiem.scans.pipeline import read_batch  # the reader's pool: only when a batch is read

    taken = ScanBatch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING
    )
    batch = ScanBatch.objects.select_related("session").get(pk=batch_id)
    if not taken:
        return batch  # read, failed or being read already (a task run twice)
    try:
        outcome = read_batch(
            batch, session_templates(batch.session), processes=processes, progress=progress
        )
        with transaction.atomic():
            session = locked(batch.session)
            require_status(session, (SessionStatus.COUNTING,), "lưu kết quả quét", "save the scan")
            if ScanBatch.objects.select_for_update().get(pk=batch.pk).status != BatchStatus.RUNNING:
                raise WrongState(*NOT_FINISHED)  # given up on meanwhile (`batches_tidy`)
            summary = outcome.save(session)
            batch.status = BatchStatus.DONE
            batch.message = summary.text()
            batch.pages_done = batch.pages_total = summary.pages
            batch.save()
            record(
                actor=batch.uploaded_by,
                action="scan.read",
                obj=batch,
                body_id=session.body_id,
                after=summary.as_dict(),
            )
    except Exception as exc:
        ScanBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, message=str(exc)[:2000]
        )
        raise
    batch.refresh_from_db()
    return batch


def review_decide(*, actor: Any, item: ReviewItem, decision: str) -> ReviewItem:
    """The counting board decides one doubtful line or ballot; audit-logged."""
    ballot = item.ballot
    session = ballot.session
    permissions.require(actor, session.body_id, permissions.COUNT)
    _check_decision(item, decision)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.COUNTING,), "quyết định phiếu", "decide a ballot")
        before = item.decision
        item.decision = decision
        item.decided_by = actor
        item.save(update_fields=["decision", "decided_by"])
        _apply(ScannedBallot.objects.select_for_update().get(pk=ballot.pk))
        record(
            actor=actor,
            action="scan.decide",
            obj=item,
            body_id=session.body_id,
            before={"decision": before},
            after={"line": item.line, "reason": item.reason, "decision": decision},
        )
    return item


def _check_decision(item: ReviewItem, decision: str) -> None:
    if item.line is None:
        allowed = (BALLOT_VALID, *InvalidReason.values)
    else:
        levels = len(session_profile(item.ballot.session).levels)
        allowed = line_marks(levels)
    if decision not in allowed:
        raise InputProblem(
            f"Quyết định '{decision}' không hợp lệ", f"Decision '{decision}' is not valid"
        )


def _apply(ballot: ScannedBallot) -> None:
    """Write the board's decisions into the ballot; it counts once nothing waits."""
    marks = list(ballot.marks)
    ballot.invalid_reason = ""
    waiting = False
    for item in ballot.reviews.all():
        if not item.decision:
            waiting = True
        elif item.line is None:
            if item.decision != BALLOT_VALID:
                ballot.invalid_reason = item.decision
        else:
            marks[item.line] = item.decision
    ballot.marks = "".join(marks)
    ballot.is_pending = waiting
    ballot.save(update_fields=["marks", "invalid_reason", "is_pending"])


def batches_tidy(session: VoteSession) -> None:
    """Fail the session's batches the worker has not read within STALE (it was not running, or
    it stopped mid-read), each logged: the page stops waiting, and the files can be sent again.
    A reading that still ends later saves nothing (`batch_process`)."""
    cutoff = timezone.now() - STALE
    waiting = (BatchStatus.QUEUED, BatchStatus.RUNNING)
    for batch in ScanBatch.objects.filter(
        session=session, status__in=waiting, created_at__lt=cutoff
    ):
        with transaction.atomic():
            if ScanBatch.objects.filter(pk=batch.pk, status__in=waiting).update(
                status=BatchStatus.FAILED, message=" / ".join(NOT_FINISHED)
            ):
                record(
                    actor=None,
                    action="scan.failed",
                    obj=batch,
                    body_id=session.body_id,
                    after={"message": NOT_FINISHED[1]},
                )


def pending_reviews(session: VoteSession) -> int:
    return ReviewItem.objects.filter(ballot__session=session, decision="").count()


def scan_figures(session: VoteSession) -> dict[str, int]:
    """What the minutes say of the scan: sheets read by machine, lines decided by the board."""
    return {
        "machine_read": ScannedBallot.objects.filter(session=session).count(),
        "board_decided_lines": ReviewItem.objects.filter(
            ballot__session=session, line__isnull=False
        )
        .exclude(decision="")
        .count(),
        "board_decided_ballots": ReviewItem.objects.filter(
            ballot__session=session, line__isnull=True
        )
        .exclude(decision="")
        .count(),
        "refused_pages": ScanPage.objects.filter(session=session).exclude(refusal="").count(),
    }


def refused(session: VoteSession) -> list[ScanPage]:
    return list(ScanPage.objects.filter(session=session).exclude(refusal="").select_related("file"))


def blocks_by_code(session: VoteSession) -> dict[str, BallotBlock]:
    return {block.code: block for block in session.blocks.all()}


__all__ = ["PENDING", "Refusal", "batch_create", "batch_process", "review_decide"]
