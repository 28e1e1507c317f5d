"""tinnhiem results SESSION [--format table|json|xlsx|pdf|docx] [--out PATH]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinnhiem.cli.common import UserError, session_or_fail
from tinnhiem.cli.tables import result_table
from tinnhiem.core.errors import DomainError
from tinnhiem.votes.models import CountMode, SessionStatus
from tinnhiem.votes.printing import document, require_final
from tinnhiem.votes.results import collected_warning, provisional_result, session_result


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
            reviews: list[int] | None = None
            if session.count_mode == CountMode.SCAN and session.status == SessionStatus.COUNTING:
                result, reviews = provisional_result(session)
            else:
                require_final(session)
                result = session_result(session)
        except DomainError as exc:
            raise UserError(exc) from exc
        if fmt == "json":
            data = result.to_dict() | {"id": session.pk, "status": session.status}
            for official, review in zip(
                data["officials"], reviews or [0] * len(data["officials"]), strict=True
            ):
                official["review"] = review
            warning = collected_warning(session)
            if warning:
                data["warnings"] = [f"{warning[0]} / {warning[1]}"]
                self.stderr.write(data["warnings"][0])
            text = json.dumps(
                data,
                ensure_ascii=False,
                indent=2,
            )
        else:
            text = result_table(result)
        if options["out"]:
            Path(options["out"]).write_text(text, "utf-8")
        else:
            self.stdout.write(text)
