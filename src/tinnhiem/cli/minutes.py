"""tinnhiem minutes SESSION --out FILE.pdf|FILE.docx"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinnhiem.cli.common import UserError, session_or_fail
from tinnhiem.core.errors import DomainError
from tinnhiem.votes.printing import document


class Command(BaseCommand):
    help = "A session's counting minutes (biên bản kiểm phiếu)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session")
        parser.add_argument("--out", required=True, help="FILE.pdf or FILE.docx")

    def handle(self, *args: Any, **options: Any) -> None:
        session = session_or_fail(options["session"])
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("pdf", "docx"):
            raise UserError("--out phải là .pdf hoặc .docx / --out must end in .pdf or .docx")
        try:
            content, _, _ = document(session, "minutes", fmt)
        except DomainError as exc:
            raise UserError(exc) from exc
        out.write_bytes(content)
        self.stdout.write(str(out))
