"""tinnhiem results SESSION [--format table|json|xlsx|pdf|docx] [--out PATH]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinnhiem.core.cli import UserError, session_or_fail
from tinnhiem.core.errors import DomainError
from tinnhiem.votes.printing import _final, document
from tinnhiem.votes.results import session_result


class Command(BaseCommand):
    help = "A session's results"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session")
        parser.add_argument(
            "--format", choices=["table", "json", "xlsx", "pdf", "docx"], default="table"
        )
        parser.add_argument("--out")

    def handle(self, *args: Any, **options: Any) -> None:
        session = session_or_fail(options["session"])
        fmt = options["format"]
        try:
            if fmt in ("xlsx", "pdf", "docx"):
                if not options["out"]:
                    raise UserError(f"--format {fmt} cần --out / --format {fmt} needs --out")
                content, _, _ = document(session, "results", fmt)
                Path(options["out"]).write_bytes(content)
                self.stdout.write(options["out"])
                return
            _final(session)
            result = session_result(session)
        except DomainError as exc:
            raise UserError(exc) from exc
        if fmt == "json":
            text = json.dumps(
                result.to_dict() | {"id": session.pk, "status": session.status},
                ensure_ascii=False,
                indent=2,
            )
        else:
            from tinnhiem.tallycmd import render_table

            text = render_table(result)
        if options["out"]:
            Path(options["out"]).write_text(text, "utf-8")
        else:
            self.stdout.write(text)
