"""What someone with rights on the database (and not the audit key) can do to the audit table."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection

from tinnhiem.audit.chain import event_hash, event_mac, hashed_fields
from tinnhiem.audit.keys import AuditKey, key_of
from tinnhiem.audit.models import AuditEvent
from tinnhiem.cli.audit import Command as AuditCommand

GUESSED_KEY = key_of("the attacker's own guess at the audit key, 32+ characters")


def drop_guard() -> None:
    """What an attacker with database rights would do first: lift every trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for trigger in (
                "audit_auditevent_no_update",
                "audit_auditevent_in_sequence",
                "audit_auditevent_no_truncate",
            ):
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON audit_auditevent")
        else:
            for trigger in ("no_update", "no_delete", "in_sequence"):
                cursor.execute(f"DROP TRIGGER IF EXISTS audit_auditevent_{trigger}")


def forge(
    *,
    after: AuditEvent | None = None,
    key: AuditKey | None = GUESSED_KEY,
    at: datetime | None = None,
    **fields: Any,
) -> AuditEvent:
    """A row appended after `after` (default: the last one), hashed as the documented
    construction says: keyed with `key`, or keyless (version 1) when key is None."""
    last = after or AuditEvent.objects.order_by("-seq").first()
    event = AuditEvent(
        seq=last.seq + 1 if last else 1,
        version=1 if key is None else 2,
        at=at or (last.at if last else datetime.now().astimezone()),
        actor=fields.pop("actor", "admin"),
        actor_id=fields.pop("actor_id", None),
        action=fields.pop("action", "session.reopen"),
        object_type=fields.pop("object_type", "VoteSession"),
        object_id=fields.pop("object_id", "1"),
        body_id=fields.pop("body_id", None),
        before=fields.pop("before", {"status": "published"}),
        after=fields.pop("after", {"status": "counting", "reason": "never happened"}),
        # the attacker copies the key's name from the last row; the key itself is not there
        key_id="" if key is None else fields.pop("key_id", (last and last.key_id) or key.key_id),
        prev_hash=last.hash if last else "0" * 64,
    )
    assert not fields, fields
    event.hash = (
        event_hash(hashed_fields(event)) if key is None else event_mac(hashed_fields(event), key)
    )
    event.save(force_insert=True)
    return event


def run_verify(*anchors: str) -> tuple[int, str]:
    out = StringIO()
    arguments = [item for anchor in anchors for item in ("--anchor", anchor)]
    try:
        call_command(AuditCommand(), "verify", *arguments, stdout=out)
    except Exception as exc:
        return getattr(exc, "returncode", 1), str(exc)
    return 0, out.getvalue()
