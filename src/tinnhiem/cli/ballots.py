"""tinnhiem ballots SESSION --out FILE.pdf [--copies N] [--layout FILE.json]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinnhiem.cli.common import UserError, cli_actor, session_or_fail
from tinnhiem.core.errors import DomainError
from tinnhiem.votes.models import SessionStatus
from tinnhiem.votes.printing import ballots_pdf
from tinnhiem.votes.services import session_open


class Command(BaseCommand):
    help = "Print a session's ballots. A draft session is opened (its roster frozen) first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session")
        parser.add_argument("--out", required=True)
        parser.add_argument("--copies", type=int, default=1)
        parser.add_argument("--layout", help="write the geometry of one copy as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        session = session_or_fail(options["session"])
        if options["copies"] < 1:
            raise UserError("--copies phải từ 1 trở lên / --copies must be 1 or more")
        try:
            if session.status == SessionStatus.DRAFT:
                session = session_open(actor=cli_actor(), session=session)
            printed = ballots_pdf(session, copies=options["copies"])
        except DomainError as exc:
            raise UserError(exc) from exc
        out = Path(options["out"])
        layout = Path(options["layout"]) if options["layout"] else None
        for code, (pdf, geometry) in printed.items():
            suffix = "" if len(printed) == 1 else f"-{code}"
            target = out.with_name(f"{out.stem}{suffix}{out.suffix or '.pdf'}")
            target.write_bytes(pdf)
            self.stdout.write(str(target))
            if layout is not None:
                layout.with_name(f"{layout.stem}{suffix}{layout.suffix or '.json'}").write_text(
                    json.dumps(geometry.as_json(), ensure_ascii=False, indent=1), "utf-8"
                )
