"""The audit chain's key: each row is an HMAC-SHA256 under a key that is not in the database.

Where the key comes from: TINNHIEM_AUDIT_KEY, else the file $TINNHIEM_HOME/audit_key, made
(mode 0600) when the first keyed row is written. A log that already has keyed rows never gets a
new key by accident: a process without the key, or with another one that does not follow a
retired key, refuses to write (a log split between two keys would not verify anywhere).
Rotation: the new key in TINNHIEM_AUDIT_KEY, the old one in TINNHIEM_AUDIT_RETIRED_KEYS; a
retired key verifies the rows it keyed and never keys a new one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tinnhiem import keyfile

MIN_LENGTH = 32
KEY_ID_TAG = b"tinnhiem/audit/key-id\x00"


class AuditKeyProblem(ImproperlyConfigured):
    """The key is missing, too short, or does not continue the chain: an operator's error."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(f"{message_vi} / {message_en}")
        self.message_vi, self.message_en = message_vi, message_en


@dataclass(frozen=True)
class AuditKey:
    key_id: str  # 16 hex digits of a tagged SHA-256 of the key: names it, reveals nothing
    secret: bytes = field(repr=False)


def key_of(text: str) -> AuditKey:
    secret = text.strip().encode("utf-8")
    if len(secret) < MIN_LENGTH:
        raise AuditKeyProblem(
            f"Khoá nhật ký phải dài ít nhất {MIN_LENGTH} ký tự",
            f"The audit key must be at least {MIN_LENGTH} characters long",
        )
    return AuditKey(hashlib.sha256(KEY_ID_TAG + secret).hexdigest()[:16], secret)


def configured_key(*, create: bool = False) -> AuditKey | None:
    """The key this process signs with; with `create`, a missing key file is made."""
    if settings.AUDIT_KEY:
        return key_of(settings.AUDIT_KEY)
    path = Path(settings.AUDIT_KEY_FILE)
    if path.exists():
        return key_of(path.read_text(encoding="utf-8"))
    if not create:
        return None
    return key_of(_create(path))


def _create(path: Path) -> str:
    return keyfile.create(path)


def retired_keys() -> dict[str, AuditKey]:
    return {key.key_id: key for key in map(key_of, settings.AUDIT_RETIRED_KEYS)}


def verifying_keys() -> dict[str, AuditKey]:
    """Every key a row may have been keyed with: the retired ones and the current one."""
    keys = retired_keys()
    current = configured_key()
    if current is not None:
        keys[current.key_id] = current
    return keys


def signing_key(last_key_id: str) -> AuditKey:
    """The key for the next row, after a row keyed with `last_key_id` ("" when none is)."""
    key = configured_key(create=not last_key_id)
    if key is None:
        raise AuditKeyProblem(
            f"Nhật ký đã được ký bằng khoá {last_key_id} nhưng máy này không có khoá: đặt "
            "TINNHIEM_AUDIT_KEY (hoặc TINNHIEM_HOME có tệp audit_key)",
            f"The audit log is keyed with key {last_key_id} but this process has no key: set "
            "TINNHIEM_AUDIT_KEY (or the TINNHIEM_HOME that holds audit_key)",
        )
    if last_key_id and key.key_id != last_key_id and last_key_id not in retired_keys():
        raise AuditKeyProblem(
            f"Dòng cuối của nhật ký được ký bằng khoá {last_key_id}, khác khoá {key.key_id} của "
            "máy này: dùng cùng một khoá cho mọi máy, hoặc khi đổi khoá hãy ghi khoá cũ vào "
            "TINNHIEM_AUDIT_RETIRED_KEYS",
            f"The last audit row is keyed with key {last_key_id}, not this process's key "
            f"{key.key_id}: give every process the same key, or when rotating list the old one "
            "in TINNHIEM_AUDIT_RETIRED_KEYS",
        )
    return key
