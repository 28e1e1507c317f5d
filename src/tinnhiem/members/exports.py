"""Exporting the whole register in the background. A province's register (500,000 members) takes
minutes to write, far longer than a web request may run (gunicorn stops a worker after 30
seconds), so the page only asks: a background worker of the "exports" queue writes the marked file
(`exchange.register_write`) under MEDIA_ROOT/exports, which nothing serves, outside any
transaction (on SQLite a transaction would hold the write lock for minutes); the user who asked
downloads it from the exports page while they still may edit the register, until
`settings.REGISTER_EXPORT_HOURS` after it was made; then it is refused and deleted.

Each change of an export's state commits with its audit row: asked ("member.export_request"),
made ("member.export", with the secrecy mark and the rows), failed, expired (the file deleted),
downloaded. An export the worker did not finish within STALE (it was not running, or it was
stopped mid-write) is marked failed, so the page stops waiting and the user can ask again."""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tinnhiem.audit.services import record as audit
from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import NotAllowed, WrongState
from tinnhiem.members import access
from tinnhiem.members.exchange import register_write
from tinnhiem.members.models import ExportStatus, RegisterExport

log = logging.getLogger(__name__)

PENDING = (ExportStatus.QUEUED, ExportStatus.RUNNING)
STALE = timedelta(hours=1)  # a province's register takes about 6 minutes
SLOW = timedelta(minutes=2)  # past this the page says the worker may not be running
STATUS_LABELS: dict[str, tuple[str, str]] = {
    ExportStatus.QUEUED: ("Đang chờ lập tệp", "Waiting to be made"),
    ExportStatus.RUNNING: ("Đang lập tệp", "Being made"),
    ExportStatus.DONE: ("Sẵn sàng tải về", "Ready to download"),
    ExportStatus.FAILED: ("Không lập được tệp", "Could not be made"),
    ExportStatus.EXPIRED: ("Đã hết hạn, tệp đã xóa", "Expired, the file deleted"),
}
NOT_MADE = (
    "Không lập được tệp xuất; hãy thử lại hoặc báo quản trị",
    "The export could not be made; try again or tell the administrator",
)
NOT_FINISHED = (
    "Tiến trình nền không lập xong tệp (có thể chưa chạy hoặc đã dừng); hãy xuất lại hoặc báo "
    "quản trị",
    "The background worker did not finish the file (it may not be running, or it stopped); "
    "export again or tell the administrator",
)
NOT_READY = (
    "Tệp xuất chưa sẵn sàng hoặc đã hết hạn; hãy xuất lại",
    "The export is not ready or has expired; export again",
)


def export_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "exports"


def export_path(export: RegisterExport) -> Path:
    return export_dir() / f"register-{export.pk}.xlsx"


def _lifetime() -> timedelta:
    return timedelta(hours=settings.REGISTER_EXPORT_HOURS)


def export_request(*, actor: Any, body: Body) -> RegisterExport:
    """Ask for the whole register as a marked XLSX; the worker makes it. An export still being
    made for this user and body is returned instead of a second one (a double click, Back)."""
    access.require_edit(actor, body.pk)
    tidy()
    mine = RegisterExport.objects.filter(body=body, requested_by=actor, status__in=PENDING)
    try:
        with transaction.atomic():
            waiting = mine.first()
            if waiting is not None:
                return waiting
            # one pending export per user and body (a constraint): a second request racing
            # this one fails here and gets the first
            export = RegisterExport.objects.create(body=body, requested_by=actor)
            audit(actor=actor, action="member.export_request", obj=export, body_id=body.pk)
            transaction.on_commit(lambda: _enqueue(export.pk))
    except IntegrityError:
        return mine.get()
    return export


def _enqueue(export_id: int) -> None:
    from tinnhiem.members.tasks import build_register_export  # the task module imports this one

    build_register_export.enqueue(export_id)


def export_build(export_id: int) -> RegisterExport:
    """Write the export's file (the worker's part). The requester's right to edit is checked as
    the file is made; a refusal or a failure marks the export failed, and no partial file stays."""
    taken = RegisterExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING
    )
    export = RegisterExport.objects.select_related("body", "requested_by").get(pk=export_id)
    if not taken:
        return export  # made, failed or being made already (a task run twice)
    path = export_path(export)
    part = path.with_suffix(".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a secret document: readable by the service's own user only
        with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            rows, mark = register_write(actor=export.requested_by, body=export.body, out=out)
        part.replace(path)
    except Exception as exc:
        part.unlink(missing_ok=True)
        if not isinstance(exc, BilingualError):
            _fail(export, *NOT_MADE)
            log.exception("register export %s failed", export.pk)  # names no member
            raise
        _fail(export, exc.message_vi, exc.message_en)
        return export
    with transaction.atomic():
        RegisterExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.DONE, rows=rows, finished_at=timezone.now()
        )
        audit(
            actor=export.requested_by,
            action="member.export",
            obj=export.body,
            body_id=export.body_id,
            after={"rows": rows, "mark": mark, "export": export.pk},
        )
    export.refresh_from_db()
    return export


def _fail(export: RegisterExport, vi: str, en: str) -> None:
    with transaction.atomic():
        changed = RegisterExport.objects.filter(pk=export.pk, status__in=PENDING).update(
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            message_vi=vi[:500],
            message_en=en[:500],
        )
        if changed:
            audit(
                actor=export.requested_by,
                action="member.export_failed",
                obj=export,
                body_id=export.body_id,
                after={"message": en[:500]},
            )
    export.refresh_from_db()


def export_open(*, actor: Any, export: RegisterExport) -> BinaryIO:
    """The file of a made export, open for reading, for the user who asked for it while they may
    still edit the register and it has not expired; logged. Anyone else is refused as if it did
    not exist."""
    if export.requested_by_id != actor.pk:
        raise NotAllowed("Tệp xuất này không phải của bạn", "This export is not yours")
    access.require_edit(actor, export.body_id)
    tidy()
    with transaction.atomic():
        export = RegisterExport.objects.select_for_update().get(pk=export.pk)
        if export.status != ExportStatus.DONE:
            raise WrongState(*NOT_READY)
        try:
            opened = export_path(export).open("rb")
        except FileNotFoundError as exc:
            raise WrongState(*NOT_READY) from exc
        try:
            audit(
                actor=actor,
                action="member.export_download",
                obj=export,
                body_id=export.body_id,
                after={"rows": export.rows},
            )
        except BaseException:
            opened.close()
            raise
    return opened


def tidy() -> None:
    """Expire the exports made more than REGISTER_EXPORT_HOURS ago (their files deleted) and
    fail those the worker did not finish within STALE; each logged. A file that cannot be
    deleted is logged by the export's number and tried again next time."""
    now = timezone.now()
    for export in RegisterExport.objects.filter(
        status=ExportStatus.DONE, finished_at__lt=now - _lifetime()
    ):
        try:
            export_path(export).unlink(missing_ok=True)
        except OSError:
            log.exception("the file of register export %s could not be deleted", export.pk)
            continue
        with transaction.atomic():
            if RegisterExport.objects.filter(pk=export.pk, status=ExportStatus.DONE).update(
                status=ExportStatus.EXPIRED
            ):
                audit(
                    actor=None,
                    action="member.export_expired",
                    obj=export,
                    body_id=export.body_id,
                    after={"requested_by": export.requested_by_id},
                )
    for export in RegisterExport.objects.filter(
        status__in=PENDING, requested_at__lt=now - STALE
    ).select_related("requested_by"):
        try:
            for left in export_dir().glob(f"register-{export.pk}.*"):
                left.unlink(missing_ok=True)
        except OSError:
            log.exception("the files of register export %s could not be deleted", export.pk)
        _fail(export, *NOT_FINISHED)


def exports_of(actor: Any, body: Body) -> list[RegisterExport]:
    """The user's own exports of this body, newest first (the last twenty)."""
    tidy()
    return list(RegisterExport.objects.filter(body=body, requested_by=actor)[:20])


def is_slow(export: RegisterExport) -> bool:
    """Still waiting past SLOW: the page says the worker may not be running."""
    return export.status in PENDING and timezone.now() - export.requested_at > SLOW
