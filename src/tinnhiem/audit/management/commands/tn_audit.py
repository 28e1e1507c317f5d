"""tinnhiem audit verify"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinnhiem.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="walk the chain; exit 1 at the first broken row")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, finding = verify_chain()
        if finding is not None:
            raise CommandError(
                f"{finding.message_vi} / {finding.message_en} (seq={finding.seq}, {finding.problem})",
                returncode=1,
            )
        self.stdout.write(f"Nhật ký toàn vẹn: {checked} dòng / Audit log intact: {checked} rows")
