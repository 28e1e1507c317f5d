"""tinnhiem audit verify [--anchor SEQ:HASH ...]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinnhiem.audit.keys import AuditKeyProblem
from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.verify import Anchor, verify_chain
from tinnhiem.cli.common import UserError


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="walk the chain; exit 1 at the first broken row")
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="a row's seq and hash written down earlier (minutes, published results); "
            "exit 1 if the log does not have that row with that hash (repeatable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchors = [_anchor(text) for text in options["anchor"]]
        try:
            checked, finding = verify_chain(anchors=anchors)
        except AuditKeyProblem as exc:  # no key, or a malformed one: nothing was verified
            raise UserError(f"{exc.message_vi} / {exc.message_en}") from exc
        if finding is not None:
            raise CommandError(
                f"{finding.message_vi} / {finding.message_en} (seq={finding.seq}, {finding.problem})",
                returncode=1,
            )
        self.stdout.write(f"Nhật ký toàn vẹn: {checked} dòng / Audit log intact: {checked} rows")
        used = sorted(
            set(AuditEvent.objects.filter(version__gte=2).values_list("key_id", flat=True))
        )
        if used:
            self.stdout.write(f"Kiểm tra bằng khoá / verified with key: {', '.join(used)}")
        keyless = AuditEvent.objects.filter(version=1).count()
        if keyless:
            self.stdout.write(
                f"Trong đó {keyless} dòng đầu không có khoá (ghi trước khi nhật ký có khoá) / "
                f"of which the first {keyless} rows are keyless (written before the log was keyed)"
            )
        head = AuditEvent.objects.order_by("-seq").first()
        if head is not None:
            self.stdout.write(f"Dòng cuối / last row: {head.seq}:{head.hash}")
        for anchor in anchors:
            self.stdout.write(f"Khớp mốc / anchor matches: {anchor}")


def _anchor(text: str) -> Anchor:
    try:
        return Anchor.parse(text)
    except ValueError as exc:
        raise UserError(
            f"Mốc '{text}' không đúng dạng SỐ_DÒNG:MÃ_BĂM (64 chữ số hex) / "
            f"Anchor '{text}' is not SEQ:HASH (64 hex digits)"
        ) from exc
