"""How a row is hashed: what goes in, under which tag and key.

Version 2 (every row written now):
    hash = HMAC-SHA256(key, "tinnhiem/audit/v2" || 0x00 || canonical_json(fields))
    fields = {v, seq, at, actor, actor_id, action, object_type, object_id, body_id,
              before, after, key_id, prev_hash}
Version 1 (rows written before the chain was keyed; verified, never written):
    hash = SHA-256("tinnhiem/audit/v1" || 0x00 || canonical_json(fields))
    fields = {seq, at, actor, action, object_type, object_id, body_id, before, after, prev_hash}

canonical_json sorts keys, has no spaces, keeps non-ASCII as UTF-8; `at` is ISO 8601 in UTC.
The first row's prev_hash is 64 zeros.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC
from typing import Any

from tinnhiem.audit.keys import AuditKey
from tinnhiem.audit.models import AuditEvent

TAG_V1 = b"tinnhiem/audit/v1\x00"
TAG_V2 = b"tinnhiem/audit/v2\x00"
VERSION = 2
GENESIS = "0" * 64


def payload(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def event_hash(fields: dict[str, Any]) -> str:
    """The keyless hash of a version-1 row."""
    return hashlib.sha256(TAG_V1 + payload(fields)).hexdigest()


def event_mac(fields: dict[str, Any], key: AuditKey) -> str:
    """The keyed hash of a version-2 row."""
    return hmac.new(key.secret, TAG_V2 + payload(fields), hashlib.sha256).hexdigest()


def hashed_fields(event: AuditEvent) -> dict[str, Any]:
    fields: dict[str, Any] = {
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
    if event.version >= 2:
        fields |= {"v": event.version, "actor_id": event.actor_id, "key_id": event.key_id}
    return fields


def expected_hash(event: AuditEvent, keys: dict[str, AuditKey]) -> str | None:
    """What the row's hash must be; None when its key is not known here."""
    if event.version == 1:
        return event_hash(hashed_fields(event))
    key = keys.get(event.key_id)
    if event.version != VERSION or key is None:
        return None
    return event_mac(hashed_fields(event), key)
