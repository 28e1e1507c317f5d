"""The audit log: every change of state leaves a row; the chain shows any edit, deletion or
out-of-order insertion; the database refuses updates and deletes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.services import record
from tinnhiem.audit.verify import verify_chain
from tinnhiem.votes.models import VoteSession


def drop_guard() -> None:
    """What an attacker with database rights would do first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")


def run_verify() -> tuple[int, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("tn_audit", "verify", stdout=out)
    except SystemExit as exc:  # pragma: no cover - call_command raises CommandError instead
        return int(exc.code or 0), out.getvalue()
    except Exception as exc:
        return getattr(exc, "returncode", 1), str(exc)
    return 0, out.getvalue()


def test_each_service_writes_who_what_when_before_after(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    actions = list(AuditEvent.objects.values_list("action", "actor"))
    assert ("roster.import_officials", "organiser") in actions
    assert ("session.create", "organiser") in actions
    assert ("session.board_set", "organiser") in actions
    board = AuditEvent.objects.get(action="session.board_set")
    assert board.before == {"board": []}
    assert board.after["board"][0] == ["Trần Văn Kiểm", "head"]
    assert board.at is not None and board.object_id == str(draft.pk)
    assert verify_chain() == (AuditEvent.objects.count(), None)
    assert run_verify()[0] == 0


def test_the_database_refuses_to_edit_or_delete_rows(draft: VoteSession) -> None:
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_an_edited_row_is_named(draft: VoteSession) -> None:
    drop_guard()
    target = AuditEvent.objects.get(action="session.create")
    AuditEvent.objects.filter(pk=target.pk).update(actor="ke-gian")
    checked, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (target.seq, "edited")
    assert checked == target.seq - 1
    code, text = run_verify()
    assert code == 1 and f"#{target.seq}" in text


def test_a_deleted_row_is_named(draft: VoteSession) -> None:
    drop_guard()
    target = AuditEvent.objects.order_by("seq")[1]
    AuditEvent.objects.filter(pk=target.pk).delete()
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (target.seq, "deleted")


def test_a_row_inserted_out_of_order_is_named(draft: VoteSession) -> None:
    last = AuditEvent.objects.order_by("-seq").first()
    forged = AuditEvent.objects.create(
        seq=last.seq + 1,
        at=last.at,
        actor="x",
        action="session.publish",
        object_type="VoteSession",
        prev_hash="f" * 64,
        hash="0" * 64,
    )
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (forged.seq, "out_of_order")


def test_record_outside_a_transaction_is_a_programming_error(transactional_db: Any) -> None:
    with pytest.raises(RuntimeError):
        record(actor=None, action="x")
