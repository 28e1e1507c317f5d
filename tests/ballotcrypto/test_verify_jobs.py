"""`verify_record(data, jobs=N)`: the ballots' proofs in N processes, with the same outcome."""

from __future__ import annotations

from typing import Any

import pytest
from tests.ballotcrypto.evote import of_kind, rechain, record, reseal

from tinnhiem.ballotcrypto import verify_ballots
from tinnhiem.ballotcrypto.group import Scalar
from tinnhiem.ballotcrypto.verify import RecordInvalid, verify_record

Record = dict[str, Any]
VOTERS = 9


def _failure(data: Record, jobs: int) -> RecordInvalid:
    with pytest.raises(RecordInvalid) as error:
        verify_record(data, jobs=jobs)
    return error.value


def _break_proof(ballot: dict[str, Any]) -> None:
    proof = ballot["marks"][1]["proof"]
    proof["z"][0] = (Scalar.from_bytes(bytes.fromhex(proof["z"][0])) + Scalar(1)).to_bytes().hex()


def _position(data: Record, ballot: dict[str, Any]) -> int:
    """Where a ballot landed once the record was resealed (ballots are sorted by hash)."""
    return next(i for i, e in enumerate(of_kind(data, "ballot")) if e["body"]["ballot"] is ballot)


def _ballots_with_broken_proofs(*which: int) -> tuple[Record, list[int]]:
    data = record(voters=VOTERS)
    targets = [of_kind(data, "ballot")[i]["body"]["ballot"] for i in which]
    for ballot in targets:
        _break_proof(ballot)
    reseal(data)
    return data, sorted(_position(data, b) for b in targets)


def test_a_valid_record_verifies_alike_in_one_and_in_several_processes() -> None:
    data = record(voters=VOTERS)
    one = verify_record(data)
    assert verify_record(data, jobs=3) == one
    assert verify_record(data, jobs=VOTERS + 5) == one  # more processes than ballots


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_the_lowest_failing_ballot_is_named_whatever_the_processes(jobs: int) -> None:
    data, positions = _ballots_with_broken_proofs(0, 5, 7)
    error = _failure(data, jobs)
    assert error.step == "ballots"
    assert error.message_en.startswith(f"Ballot {positions[0]} (")
    assert "does not verify" in error.message_en


@pytest.mark.parametrize("jobs", [1, 3])
def test_a_hash_failure_before_a_bad_proof_is_the_one_named(jobs: int) -> None:
    # a broken proof that does not land first once resealed, then ballot 0's stated tracking
    # code changed (the ballot and so the order stay as they are)
    data = next(
        data
        for i in range(VOTERS)
        for data, positions in [_ballots_with_broken_proofs(i)]
        if positions[0] > 0
    )
    of_kind(data, "ballot")[0]["body"]["tracking_code"] = "XXXX-XXXX"
    rechain(data)
    error = _failure(data, jobs)
    assert error.step == "ballots"
    assert error.message_en == "Ballot 0: the hash or tracking code does not match the ballot"


@pytest.mark.parametrize("jobs", [1, 3])
def test_a_bad_proof_before_a_hash_failure_is_the_one_named(jobs: int) -> None:
    data, positions = _ballots_with_broken_proofs(0)
    last = len(of_kind(data, "ballot")) - 1
    assert positions[0] < last
    of_kind(data, "ballot")[last]["body"]["tracking_code"] = "XXXX-XXXX"
    rechain(data)
    error = _failure(data, jobs)
    assert error.message_en.startswith(f"Ballot {positions[0]} (")
    assert "does not verify" in error.message_en


def test_an_error_inside_a_run_is_named_as_the_verifier_names_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Errors come back from a run as failures, with verify_record's own text: none has to
    cross from a worker process as an exception."""
    data = record(voters=VOTERS)
    original = verify_ballots.read_ballot
    calls = iter(range(100))

    def failing_on_the_third(manifest: Any, ballot: Any) -> Any:
        if next(calls) == 2:
            raise KeyError("marks")
        return original(manifest, ballot)

    monkeypatch.setattr(verify_ballots, "read_ballot", failing_on_the_third)
    error = _failure(data, 1)
    assert (error.step, error.message_en) == ("ballots", "Malformed data: 'marks'")
