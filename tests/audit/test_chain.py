"""The audit log: every change of state leaves a row; the chain shows any edit, deletion or
out-of-order insertion; the database refuses updates and deletes."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from tests.audit.attacker import drop_guard, run_verify

from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.services import record
from tinnhiem.audit.verify import verify_chain
from tinnhiem.votes.models import VoteSession


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
    assert board.actor_id == users["organiser"].pk  # a name can be reused; the id cannot
    assert verify_chain() == (AuditEvent.objects.count(), None)
    assert run_verify()[0] == 0


def test_the_database_refuses_to_edit_or_delete_rows(draft: VoteSession) -> None:
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="TRUNCATE is PostgreSQL's (SQLite's DELETE without WHERE meets the row triggers)",
)
def test_the_database_refuses_to_truncate_the_log(draft: VoteSession) -> None:
    rows = AuditEvent.objects.count()
    with pytest.raises(DatabaseError, match="TRUNCATE is refused"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == rows > 0
    assert verify_chain() == (rows, None)


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


def test_a_row_inserted_out_of_order_is_refused_then_named(draft: VoteSession) -> None:
    last = AuditEvent.objects.order_by("-seq").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        _out_of_order(last)
    drop_guard()
    forged = _out_of_order(last)
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (forged.seq, "out_of_order")


def _out_of_order(last: AuditEvent) -> AuditEvent:
    return AuditEvent.objects.create(
        seq=last.seq + 1,
        version=2,
        at=last.at,
        actor="x",
        action="session.publish",
        object_type="VoteSession",
        key_id=last.key_id,
        prev_hash="f" * 64,
        hash="0" * 64,
    )


def test_record_outside_a_transaction_is_a_programming_error(transactional_db: Any) -> None:
    with pytest.raises(RuntimeError):
        record(actor=None, action="x")
