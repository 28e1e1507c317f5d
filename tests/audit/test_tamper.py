"""Forging the audit log with database rights but not the audit key: appending a row with a
correctly computed hash, truncating the tail, rewriting the tail. Each is refused by the
database while its triggers stand, and named by `tinnhiem audit verify` once they are lifted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from tests.audit.attacker import GUESSED_KEY, drop_guard, forge, run_verify

from tinnhiem.audit.keys import configured_key
from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.verify import Anchor, verify_chain
from tinnhiem.votes.models import VoteSession


def head() -> AuditEvent:
    return AuditEvent.objects.order_by("-seq").first()


def test_a_row_appended_with_the_published_keyless_hash_is_named(draft: VoteSession) -> None:
    """The row of the report: a "session.reopen" that never happened, hashed as documented."""
    drop_guard()
    forged = forge(key=None, object_id=str(draft.pk), at=head().at - timedelta(days=400))
    _, finding = verify_chain()
    assert finding is not None and finding.seq == forged.seq
    assert finding.problem == "downgraded"
    code, text = run_verify()
    assert code == 1 and f"#{forged.seq}" in text


def test_a_row_appended_in_sequence_without_the_key_is_named(draft: VoteSession) -> None:
    """The database lets a well-formed next row in (it cannot check a key it does not hold);
    the verifier, which holds the key, names it."""
    forged = forge(key=GUESSED_KEY, object_id=str(draft.pk))
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (forged.seq, "edited")
    code, text = run_verify()
    assert code == 1 and f"#{forged.seq}" in text and "forged" in text


def test_the_database_refuses_rows_out_of_sequence_or_back_in_time(draft: VoteSession) -> None:
    last = head()
    for bad in (
        {"at": last.at - timedelta(seconds=1)},  # time runs backwards
        {"after": AuditEvent.objects.get(seq=last.seq - 1)},  # a second row after the same one
        {"key": None},  # a keyless row after keyed ones
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            forge(**bad)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.create(
            seq=last.seq + 2, version=2, at=last.at, prev_hash=last.hash, hash="0" * 64
        )
    assert head() == last


def test_a_row_dated_back_is_named_even_with_the_key(draft: VoteSession) -> None:
    """An insider with the key and database rights cannot move time backwards unnoticed."""
    drop_guard()
    forged = forge(key=configured_key(), at=head().at - timedelta(hours=1))
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (forged.seq, "time_backwards")


def test_truncating_the_tail_is_named_by_an_anchor(draft: VoteSession) -> None:
    anchor = Anchor(head().seq, head().hash)
    drop_guard()
    AuditEvent.objects.filter(seq__gt=anchor.seq - 2).delete()
    assert verify_chain()[1] is None  # what is left is a valid chain: only an anchor can tell
    _, finding = verify_chain(anchors=[anchor])
    assert finding is not None and finding.problem == "anchor_missing"
    code, text = run_verify(str(anchor))
    assert code == 1 and str(anchor) in text and "deleted" in text


def test_rewriting_the_tail_is_named(draft: VoteSession) -> None:
    anchor = Anchor(head().seq, head().hash)
    drop_guard()
    first_gone = anchor.seq - 1
    AuditEvent.objects.filter(seq__gte=first_gone).delete()
    forge(action="session.board_set", at=head().at)
    forge(action="session.publish")
    _, finding = verify_chain()
    assert finding is not None and (finding.seq, finding.problem) == (first_gone, "edited")


def test_rewriting_the_tail_with_the_key_is_named_by_an_anchor(draft: VoteSession) -> None:
    """Whoever holds the key and the database can rewrite the tail; the anchor printed in the
    minutes or on the results page still tells."""
    anchor = Anchor(head().seq, head().hash)
    drop_guard()
    AuditEvent.objects.filter(seq__gte=anchor.seq - 1).delete()
    forge(key=configured_key(), action="session.board_set")
    forge(key=configured_key(), action="session.publish")
    assert verify_chain()[1] is None
    _, finding = verify_chain(anchors=[anchor])
    assert finding is not None and (finding.seq, finding.problem) == (anchor.seq, "anchor_mismatch")
    code, text = run_verify(str(anchor))
    assert code == 1 and str(anchor) in text and "rewritten" in text


def test_an_anchor_that_holds_is_reported(draft: VoteSession) -> None:
    first, last = AuditEvent.objects.order_by("seq")[0], head()
    code, text = run_verify(f"{first.seq}:{first.hash}", f"#{last.seq}:{last.hash.upper()}")
    assert code == 0 and f"{last.seq}:{last.hash}" in text


@pytest.mark.parametrize("bad", ["12", "12:abc", "x:" + "0" * 64, "12:" + "g" * 64])
def test_a_malformed_anchor_is_a_usage_error(draft: VoteSession, bad: str) -> None:
    code, text = run_verify(bad)
    assert code == 2 and f"'{bad}'" in text and "SEQ:HASH" in text
