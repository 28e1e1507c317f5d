"""The audit key: kept out of the database, made on first use, never silently replaced;
rotated with the old key kept for verifying; rows written before the key verify as a prefix."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from tests.audit.attacker import drop_guard, forge, run_verify

from tinnhiem.audit.chain import event_hash, hashed_fields
from tinnhiem.audit.keys import AuditKeyProblem, configured_key, key_of
from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.services import record
from tinnhiem.audit.verify import verify_chain

OLD = "tests-only-audit-key-not-secret-0123456789"  # test_settings' key
NEW = "the next audit key, after a rotation, 0123456789"


def write(action: str = "x.do", actor: Any = None) -> AuditEvent:
    with transaction.atomic():
        return record(actor=actor, action=action)


def test_a_process_with_another_key_refuses_to_write(db: Any) -> None:
    write()
    with override_settings(AUDIT_KEY=NEW), pytest.raises(AuditKeyProblem) as refused:
        write()
    assert key_of(OLD).key_id in str(refused.value) and "RETIRED" in str(refused.value)
    assert AuditEvent.objects.count() == 1


def test_rotation_keeps_the_old_rows_verifiable(db: Any) -> None:
    write("before.rotation")
    with override_settings(AUDIT_KEY=NEW, AUDIT_RETIRED_KEYS=[OLD]):
        rotated = write("after.rotation")
        assert rotated.key_id == key_of(NEW).key_id
        assert verify_chain() == (2, None)
        drop_guard()  # someone who kept the retired key cannot write with it any more
        forged = forge(key=key_of(OLD), key_id=key_of(OLD).key_id)
        _, finding = verify_chain()
        assert finding is not None and (finding.seq, finding.problem) == (forged.seq, "key_reused")
    with override_settings(AUDIT_KEY=NEW):  # the retired key forgotten: its rows are not proved
        _, finding = verify_chain()
        assert finding is not None and (finding.seq, finding.problem) == (1, "unknown_key")


def test_the_key_file_is_made_on_first_use_and_then_required(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "home" / "audit_key"
    with override_settings(AUDIT_KEY="", AUDIT_KEY_FILE=path):
        assert configured_key() is None
        first = write()
        assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert write().key_id == first.key_id == configured_key().key_id
        assert verify_chain() == (2, None)
        path.unlink()  # a process that lost the key must not start a second one
        with pytest.raises(AuditKeyProblem):
            write()
        assert not path.exists()
        code, text = run_verify()  # nor verify without it: a keyless walk proves nothing
        assert code == 2 and "cannot be verified" in text and "intact" not in text


def test_a_short_key_is_refused() -> None:
    with pytest.raises(AuditKeyProblem):
        key_of("too short")


def test_keyless_rows_verify_as_a_prefix_sealed_by_the_first_keyed_row(db: Any) -> None:
    """A database from before the key keeps its rows (they are version 1); the first keyed row
    chains to them, so rewriting one of them afterwards breaks the keyed link."""
    for _ in range(3):
        forge(key=None, action="before.key")
    sealed = write("after.key")
    assert verify_chain() == (4, None)
    code, text = run_verify()
    assert code == 0 and "3" in text and "keyless" in text
    drop_guard()
    AuditEvent.objects.filter(seq=2).update(actor="someone else")
    for seq in (2, 3):  # the keyless part rehashed as the documented construction says
        event = AuditEvent.objects.get(seq=seq)
        event.prev_hash = AuditEvent.objects.get(seq=seq - 1).hash
        event.hash = event_hash(hashed_fields(event))
        event.save(update_fields=["prev_hash", "hash"])
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (sealed.seq, "out_of_order")


def test_verifying_without_a_key_is_refused_plainly(db: Any, tmp_path: Path) -> None:
    write()
    with override_settings(AUDIT_KEY="", AUDIT_KEY_FILE=tmp_path / "missing"):
        with pytest.raises(AuditKeyProblem):
            verify_chain()
        code, text = run_verify()
    assert code == 2
    assert "không kiểm tra được" in text and "TINNHIEM_AUDIT_KEY" in text and "intact" not in text
    with override_settings(AUDIT_KEY="too short"):  # a malformed key: a message, no traceback
        code, text = run_verify()
    assert code == 2 and "at least 32 characters" in text


def test_verify_names_the_key_it_checked_with(db: Any) -> None:
    write()
    code, text = run_verify()
    assert code == 0 and key_of(OLD).key_id in text
