"""One writer for the audit log.

Each row's hash is SHA-256 over the domain tag ``tinnhiem/audit/v1`` and the canonical JSON
(sorted keys, no spaces, UTF-8) of: seq, at (ISO 8601, UTC), actor, action, object_type,
object_id, body_id, before, after, prev_hash. The first row's prev_hash is 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction

from tinnhiem.audit.models import AuditEvent

TAG = b"tinnhiem/audit/v1\x00"
GENESIS = "0" * 64
_LOCK_KEY = 7_201_202_301  # PostgreSQL advisory lock: one appender at a time


def canonical(value: Any) -> Any:
    """Dates, decimals and other values as the JSON that is stored and hashed."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False, sort_keys=True))


def event_hash(fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(TAG + payload.encode("utf-8")).hexdigest()


def hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at.astimezone(UTC).isoformat(),
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "body_id": event.body_id,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }


def record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    object_type: str = "",
    body_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one row. Call inside the service's transaction, so the row and the change it
    describes commit together or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the service's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        at=datetime.now(UTC).replace(microsecond=0),
        actor=getattr(actor, "username", None) or str(actor or "system"),
        action=action,
        object_type=object_type or (type(obj).__name__ if obj is not None else ""),
        object_id=str(getattr(obj, "pk", "") or ""),
        body_id=body_id,
        before=canonical(before) if before is not None else None,
        after=canonical(after) if after is not None else None,
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event_hash(hashed_fields(event))
    event.save(force_insert=True)
    return event
