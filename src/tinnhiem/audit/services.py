"""One writer for the audit log.

Each row is chained to the one before (prev_hash) and keyed with the audit key (chain.py says
what is hashed, keys.py where the key lives). The database refuses a row out of sequence, with
a time before the last row's, or of an older version, and any UPDATE or DELETE (migrations
0002 and 0003).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction

from tinnhiem.audit import keys
from tinnhiem.audit.chain import GENESIS, VERSION, event_mac, hashed_fields
from tinnhiem.audit.models import AuditEvent

_LOCK_KEY = 7_201_202_301  # PostgreSQL advisory lock: one appender at a time (also in 0003)
logger = logging.getLogger(__name__)

__all__ = ["GENESIS", "canonical", "record"]


def canonical(value: Any) -> Any:
    """Dates, decimals and other values as the JSON that is stored and hashed."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False, sort_keys=True))


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
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash", "at", "key_id").first()
    key = keys.signing_key(last.key_id if last else "")
    is_user = hasattr(actor, "username")
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        version=VERSION,
        at=_now(last),
        actor=getattr(actor, "username", None) or str(actor or "system"),
        actor_id=actor.pk if is_user else None,
        action=action,
        object_type=object_type or (type(obj).__name__ if obj is not None else ""),
        object_id=str(getattr(obj, "pk", "") or ""),
        body_id=body_id,
        before=canonical(before) if before is not None else None,
        after=canonical(after) if after is not None else None,
        key_id=key.key_id,
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event_mac(hashed_fields(event), key)
    event.save(force_insert=True)
    return event


def _now(last: AuditEvent | None) -> datetime:
    """Time never runs backwards in the log (the database refuses it): after a clock step back,
    or between machines whose clocks differ, a row takes its predecessor's time."""
    now = datetime.now(UTC).replace(microsecond=0)
    if last is not None and now < last.at:
        logger.warning("audit: the clock is behind the last row (%s < %s)", now, last.at)
        return last.at
    return now
