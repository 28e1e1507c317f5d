"""The vectors shared with the booth's JavaScript, and ballots crossing between the two.

tests/vectors/ballotcrypto-1.json is made by the Python package (make_vectors.py); the node
tests (js/test/vectors.test.mjs) reproduce it byte for byte. Here: the committed file equals a
fresh generation, every invalid case is refused by Python too, a ballot encrypted by the JS
verifies in Python, and a Python ballot verifies in the JS.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.ballotcrypto import make_vectors

from tinnhiem.ballotcrypto import election
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import verify_mark
from tinnhiem.ballotcrypto.wire import ciphertext_from_dict, one_of_from_dict

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "js" / "tools" / "ballot.mjs"
VECTORS = json.loads(make_vectors.VECTORS.read_text("utf-8"))


def _context(data: dict[str, str]) -> Context:
    return Context(data["session"], data["record_version"], data["label"])


def _session(persons: int) -> tuple[election.Manifest, Point, dict[str, Any]]:
    """A manifest of `persons` persons, its public key and the booth's election data."""
    case = VECTORS["ballot"]
    people = [election.Person(f"p{i}", f"Người {i}", "Ủy viên") for i in range(persons)]
    manifest = make_vectors.manifest(people)
    public_key = Point.from_bytes(bytes.fromhex(case["election"]["public_key"]))
    return manifest, public_key, make_vectors.booth_election(manifest, public_key)


def run_node(command: str, payload: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "node is missing: run scripts/bootstrap"
    assert (ROOT / "js" / "node_modules").is_dir(), "js/node_modules is missing: scripts/bootstrap"
    done = subprocess.run(
        [node, str(TOOL), command],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_committed_vectors_equal_a_fresh_generation() -> None:
    fresh = make_vectors.render(make_vectors.generate())
    assert make_vectors.VECTORS.read_text("utf-8") == fresh, (
        "run tests/ballotcrypto/make_vectors.py"
    )


def test_the_vector_ballot_is_accepted_and_opens_in_python() -> None:
    case = VECTORS["ballot"]
    manifest = election.Manifest.from_dict(case["manifest"])
    public_key = Point.from_bytes(bytes.fromhex(case["election"]["public_key"]))
    accepted = election.accept_ballot(manifest, public_key, case["ballot"])
    assert (accepted.hash, accepted.tracking_code) == (case["ballot_hash"], case["tracking_code"])
    assert (
        election.check_opening(manifest, public_key, case["ballot"], case["opening"])
        == (case["choices"])
    )


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=case["why"]) for case in VECTORS["invalid"]["points"]]
)
def test_invalid_points_are_refused(case: dict[str, str]) -> None:
    with pytest.raises(InvalidEncoding):
        Point.from_bytes(bytes.fromhex(case["hex"]))


@pytest.mark.parametrize("case", VECTORS["invalid"]["scalars"], ids=lambda c: c["why"])
def test_invalid_scalars_are_refused(case: dict[str, str]) -> None:
    with pytest.raises(InvalidEncoding):
        Scalar.from_bytes(bytes.fromhex(case["hex"]))


@pytest.mark.parametrize("case", VECTORS["invalid"]["proofs"], ids=lambda c: c["why"])
def test_tampered_proofs_fail_in_python(case: dict[str, Any]) -> None:
    values = tuple(case["values"])
    proof_record = case["proof"]
    ok = verify_mark(
        Point.from_bytes(bytes.fromhex(case["public_key"])),
        ciphertext_from_dict(case["ciphertext"]),
        one_of_from_dict(proof_record, len(proof_record["c"])),
        values,
        _context(case["context"]),
    )
    assert ok is case["valid"]


def test_a_ballot_encrypted_in_javascript_is_accepted_in_python() -> None:
    manifest, public_key, booth = _session(6)
    choices = [0, 1, 2, 2, 1, 0]
    made = run_node("encrypt", {"election": booth, "choices": choices})
    # as the server receives it: JSON text, not canonical
    accepted = election.accept_ballot(manifest, public_key, json.dumps(made["ballot"], indent=2))
    assert accepted.hash == made["ballot_hash"]
    assert accepted.tracking_code == made["tracking_code"]
    assert election.check_opening(manifest, public_key, made["ballot"], made["opening"]) == choices


def test_a_javascript_ballot_for_another_session_is_refused_in_python() -> None:
    manifest, public_key, booth = _session(2)
    made = run_node("encrypt", {"election": booth | {"session": "other"}, "choices": [0, 1]})
    made["ballot"]["session"] = manifest.session
    with pytest.raises(election.BallotRejected):
        election.accept_ballot(manifest, public_key, made["ballot"])


def test_a_python_ballot_verifies_in_javascript() -> None:
    manifest, public_key, booth = _session(5)
    choices = [2, 0, 1, 1, 0]
    ballot, opening = election.encrypt_ballot(manifest, public_key, choices)
    checked = run_node("verify", {"election": booth, "ballot": ballot, "opening": opening})
    assert checked == {"valid": True, "choices": choices}


def test_a_forged_python_ballot_fails_in_javascript() -> None:
    manifest, public_key, booth = _session(2)
    ballot, opening = election.encrypt_ballot(manifest, public_key, [0, 2])
    z = ballot["marks"][0]["proof"]["z"]
    z[0], z[1] = z[1], z[0]
    opening["choices"] = [1, 2]
    checked = run_node("verify", {"election": booth, "ballot": ballot, "opening": opening})
    assert checked["valid"] is False
    assert "opening_error" in checked
