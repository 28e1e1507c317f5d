"""Exporting the whole register in the background. A province's register (500,000 members) takes
minutes to write, far longer than a web request may run (gunicorn stops a worker after 30
seconds), so the page only asks: the background worker writes the marked file
(`exchange.member_export_to`, logged as "member.export") under MEDIA_ROOT/exports, which nothing
serves; the user who asked downloads it from the exports page while they still may edit the
register; after `settings.REGISTER_EXPORT_HOURS` the file is deleted. Every step is audit-logged:
the request, the file made (with its secrecy mark and row count), each download."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record as audit
from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import NotAllowed, WrongState
from tinnhiem.members import access
from tinnhiem.members.exchange import member_export_to
from tinnhiem.members.models import ExportStatus, RegisterExport

log = logging.getLogger(__name__)

PENDING = (ExportStatus.QUEUED, ExportStatus.RUNNING)
NOT_MADE = (
    "Không lập được tệp xuất; hãy thử lại hoặc báo quản trị",
    "The export could not be made; try again or tell the administrator",
)


def export_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "exports"


def export_path(export: RegisterExport) -> Path:
    return export_dir() / f"register-{export.pk}.xlsx"


def export_request(*, actor: Any, body: Body) -> RegisterExport:
    """Ask for the whole register as a marked XLSX; the worker makes it. An export still being
    made for this user and body is returned instead of a second one (a double click, Back)."""
    access.require_edit(actor, body.pk)
    purge_expired()
    with transaction.atomic():
        waiting = RegisterExport.objects.filter(
            body=body, requested_by=actor, status__in=PENDING
        ).first()
        if waiting is not None:
            return waiting
        export = RegisterExport.objects.create(body=body, requested_by=actor)
        audit(actor=actor, action="member.export_request", obj=export, body_id=body.pk)
        transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def _enqueue(export_id: int) -> None:
    from tinnhiem.members.tasks import build_register_export  # the task module imports this one

    build_register_export.enqueue(export_id)


def export_build(export_id: int) -> RegisterExport:
    """Write the export's file (the worker's part). The requester's right to edit is checked as
    the file is made; a refusal or a failure marks the export failed, and no partial file stays."""
    export = RegisterExport.objects.select_related("body", "requested_by").get(pk=export_id)
    if export.status != ExportStatus.QUEUED:
        return export  # made already (a task run twice)
    RegisterExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
    path = export_path(export)
    part = path.with_suffix(".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with part.open("wb") as out:
            rows = member_export_to(actor=export.requested_by, body=export.body, out=out)
        part.replace(path)
    except Exception as exc:
        part.unlink(missing_ok=True)
        vi, en = (exc.message_vi, exc.message_en) if isinstance(exc, BilingualError) else NOT_MADE
        RegisterExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            message_vi=vi[:500],
            message_en=en[:500],
        )
        if isinstance(exc, BilingualError):
            export.refresh_from_db()
            return export
        log.exception("register export %s failed", export.pk)  # names no member, no content
        raise
    RegisterExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE, rows=rows, finished_at=timezone.now()
    )
    export.refresh_from_db()
    return export


def export_download(*, actor: Any, export: RegisterExport) -> Path:
    """The file of a made export, for the user who asked for it while they may still edit the
    register; logged. Anyone else is refused as if it did not exist."""
    if export.requested_by_id != actor.pk:
        raise NotAllowed("Tệp xuất này không phải của bạn", "This export is not yours")
    access.require_edit(actor, export.body_id)
    path = export_path(export)
    if export.status != ExportStatus.DONE or not path.exists():
        raise WrongState(
            "Tệp xuất chưa sẵn sàng hoặc đã hết hạn; hãy xuất lại",
            "The export is not ready or has expired; export again",
        )
    audit(
        actor=actor,
        action="member.export_download",
        obj=export,
        body_id=export.body_id,
        after={"rows": export.rows},
    )
    return path


def purge_expired() -> int:
    """Delete the files of exports made more than REGISTER_EXPORT_HOURS ago; returns how many."""
    cutoff = timezone.now() - timedelta(hours=settings.REGISTER_EXPORT_HOURS)
    old = RegisterExport.objects.filter(status=ExportStatus.DONE, finished_at__lt=cutoff)
    count = 0
    for export in old:
        export_path(export).unlink(missing_ok=True)
        count += RegisterExport.objects.filter(pk=export.pk, status=ExportStatus.DONE).update(
            status=ExportStatus.EXPIRED
        )
    return count


def exports_of(actor: Any, body: Body) -> list[RegisterExport]:
    """The user's own exports of this body, newest first (the last twenty)."""
    purge_expired()
    return list(RegisterExport.objects.filter(body=body, requested_by=actor)[:20])
