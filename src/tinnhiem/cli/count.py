"""tinnhiem count SESSION FILE [--issued N] [--collected N]: a hand count's tally sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.roster import fold
from tinnhiem.cli.common import UserError, cli_actor, session_or_fail
from tinnhiem.documents.countsheet import read_count_sheet
from tinnhiem.votes.counting import aggregate_record, count_close
from tinnhiem.votes.models import CountMode, SessionStatus
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.results import voted_on
from tinnhiem.votes.services import count_mode_set, counting_start, figures_set, session_open


class Command(BaseCommand):
    help = "Enter a session's per-person counts from a tally sheet and close the count"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session")
        parser.add_argument(
            "file", help="CSV or XLSX: name, position, high, confidence, low[, invalid]"
        )
        parser.add_argument("--issued", type=int)
        parser.add_argument("--collected", type=int)
        parser.add_argument("--summoned", type=int)
        parser.add_argument("--present", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        session = session_or_fail(options["session"])
        actor = cli_actor()
        path = Path(options["file"])
        if not path.is_file():
            raise UserError(f"Không có tệp {path} / No file {path}")
        try:
            lines = read_count_sheet(path, session_profile(session))
            with transaction.atomic():
                if session.count_mode != CountMode.AGGREGATE:
                    session = count_mode_set(
                        actor=actor, session=session, count_mode=CountMode.AGGREGATE
                    )
                if session.status == SessionStatus.DRAFT:
                    session = session_open(actor=actor, session=session)
                figures = {
                    k: options[k]
                    for k in ("issued", "collected", "summoned", "present")
                    if options[k] is not None
                }
                if figures:
                    session = figures_set(actor=actor, session=session, **figures)
                if session.status == SessionStatus.OPEN:
                    session = counting_start(actor=actor, session=session)
                rows = {}
                candidates = {fold(c.full_name): c for c in voted_on(session)}
                for line in lines:
                    candidate = candidates.get(fold(line.name))
                    if candidate is None:
                        raise UserError(
                            f"Dòng {line.row}: '{line.name}' không có trong đợt lấy phiếu / Row {line.row}: '{line.name}' is not voted on in this session"
                        )
                    rows[candidate.pk] = (dict(line.counts), line.invalid)
                aggregate_record(actor=actor, session=session, rows=rows)
                count_close(actor=actor, session=session)
        except BilingualError as exc:
            raise UserError(exc) from exc
        self.stdout.write(
            f"Đã kết thúc kiểm phiếu đợt {session.pk} / Count closed for session {session.pk}"
        )
