"""tinnhiem scan SESSION FILE... [--format json]: read scanned ballots, with a progress bar."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinnhiem import limits
from tinnhiem.cli.common import UserError, cli_actor, session_or_fail
from tinnhiem.core.errors import DomainError
from tinnhiem.scans import services
from tinnhiem.votes.models import SessionStatus
from tinnhiem.votes.services import counting_start, session_open


class Command(BaseCommand):
    help = "Read scanned ballots into a session (pages are read in parallel on all cores)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session")
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--processes", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        session = session_or_fail(options["session"])
        actor = cli_actor()
        files = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise UserError(f"Không có tệp {name} / No file {name}")
            size, most = path.stat().st_size, limits.current().scan_upload_bytes
            if size > most:  # before it is read into memory
                raise UserError(" / ".join(limits.too_big(path.name, size, most)))
            files.append((path.name, path.read_bytes()))
        try:
            if session.status == SessionStatus.DRAFT:
                session = session_open(actor=actor, session=session)
            if session.status == SessionStatus.OPEN:
                session = counting_start(actor=actor, session=session)
            batch = services.batch_create(
                actor=actor, session=session, files=files, is_queued=False
            )
            batch = services.batch_process(batch.pk, processes=options["processes"], progress=_bar)
        except DomainError as exc:
            raise UserError(exc) from exc
        sys.stderr.write("\n")
        figures = services.scan_figures(session)
        refused = [
            {"file": p.file.name, "page": p.index + 1, "reason": p.refusal, "detail": p.detail}
            for p in services.refused(session)
            if p.file.batch_id == batch.pk
        ]
        summary = {
            "batch": batch.pk,
            "status": batch.status,
            "message": batch.message,
            "refused": refused,
            "review": services.pending_reviews(session),
            **figures,
        }
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(batch.message)
            for item in refused:
                self.stdout.write(
                    f"  {item['file']} trang {item['page']}: {item['reason']} {item['detail']}"
                )


def _bar(done: int, total: int) -> None:
    """A progress bar on stderr, redrawn when a step of it changes (not on every page)."""
    width = 40
    filled = width * done // max(total, 1)
    if done not in (1, total) and filled == width * (done - 1) // max(total, 1):
        return
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} trang / pages")
    sys.stderr.flush()
