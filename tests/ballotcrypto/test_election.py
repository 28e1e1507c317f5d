"""Manifest, ballot codec, tracking code and the server's cast path (sections 10 and 11)."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
from tests.ballotcrypto.ceremony import run_ceremony

from tinnhiem.ballotcrypto.canonical import canonical_json, parse_json
from tinnhiem.ballotcrypto.election import (
    RATING_LEVELS,
    BallotFormatError,
    BallotRejected,
    Manifest,
    OpeningMismatch,
    Person,
    accept_ballot,
    ballot_hash,
    check_opening,
    encrypt_ballot,
    read_ballot,
    tracking_code,
)
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import GENERATOR, Scalar
from tinnhiem.ballotcrypto.hashing import seeded_rng
from tinnhiem.ballotcrypto.wire import point

MANIFEST = Manifest(
    session="hdnd-2026-1",
    title="Lấy phiếu tín nhiệm kỳ họp thứ 10",
    body="Hội đồng nhân dân tỉnh Thử Nghiệm",
    date="2026-11-20",
    profile="nq96",
    profile_toml=None,
    persons=(
        Person("p1", "Nguyễn Văn An", "Chủ tịch UBND"),
        Person("p2", "Trần Thị Bình", "Phó Chủ tịch UBND"),
        Person("p3", "Lê Minh Cường", "Giám đốc Sở Tài chính"),
    ),
    levels=RATING_LEVELS,
    max_ballots=30,
    members=30,
    has_paper=False,
    trustees=3,
    threshold=2,
    trustee_names=("Phạm A", "Hoàng B", "Vũ C"),
)
KEY = run_ceremony(3, 2).public_key


def cast(choices: list[int], seed: bytes = b"v") -> tuple[dict[str, Any], dict[str, Any]]:
    return encrypt_ballot(MANIFEST, KEY, choices, seeded_rng(seed))


def rejected(data: dict[str, Any] | str | bytes, manifest: Manifest = MANIFEST) -> BallotRejected:
    with pytest.raises(BallotRejected) as error:
        accept_ballot(manifest, KEY, data)
    return error.value


def test_canonical_json_sorts_keys_without_spaces_or_escapes_and_refuses_floats() -> None:
    assert canonical_json({"b": 1, "a": ["Tín", {"d": None, "c": True}]}) == (
        '{"a":["Tín",{"c":true,"d":null}],"b":1}'.encode()
    )
    with pytest.raises(InvalidEncoding):
        canonical_json({"a": [1.5]})


@pytest.mark.parametrize("raw", ['{"a":1,"a":2}', '{"a":1.0}', '{"a":NaN}', "{", '{"a":1e3}'])
def test_strict_json_refuses_duplicate_keys_floats_and_garbage(raw: str) -> None:
    with pytest.raises(InvalidEncoding):
        parse_json(raw)


def test_a_manifest_round_trips_and_gives_the_level_values_and_contexts() -> None:
    data = json.loads(json.dumps(MANIFEST.to_dict()))
    assert Manifest.from_dict(data) == MANIFEST
    assert MANIFEST.values() == (1, 31, 0)
    assert MANIFEST.context("person:p1").record_version == "tinnhiem/election-record/1"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "20/11/2026"),
        ("persons", (Person("p1", "A", "x"), Person("p1", "B", "y"))),
        ("persons", (Person("p 1", "A", "x"),)),
        ("threshold", 4),
        ("trustee_names", ("one",)),
        ("levels", ("Một",)),
        ("session", ""),
    ],
)
def test_a_manifest_no_ballot_could_be_cast_against_is_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidEncoding, match=field):
        dataclasses.replace(MANIFEST, **{field: value})


def test_a_manifest_record_with_an_unknown_version_or_extra_field_is_refused() -> None:
    for change in ({"v": "tinnhiem/manifest/2"}, {"extra": 1}, {"max_ballots": True}):
        with pytest.raises(InvalidEncoding):
            Manifest.from_dict({**MANIFEST.to_dict(), **change})


def test_a_cast_ballot_is_accepted_with_its_hash_and_tracking_code() -> None:
    ballot, opening = cast([0, 1, 2])
    accepted = accept_ballot(MANIFEST, KEY, ballot)
    assert accepted.hash == ballot_hash(ballot) and len(accepted.hash) == 64
    assert accepted.tracking_code == tracking_code(accepted.hash)
    assert len(accepted.ballot) == 3
    assert accept_ballot(MANIFEST, KEY, canonical_json(ballot)).hash == accepted.hash
    assert check_opening(MANIFEST, KEY, ballot, opening) == [0, 1, 2]


def test_the_tracking_code_is_the_hash_head_in_four_groups() -> None:
    assert tracking_code("3f2a91c07b44e1d2" + "0" * 48) == "3F2A-91C0-7B44-E1D2"


def test_the_same_seed_encrypts_the_same_ballot_and_the_hash_changes_with_any_byte() -> None:
    assert cast([0, 0, 1]) == cast([0, 0, 1])
    first, _ = cast([0, 0, 1])
    second, _ = cast([0, 0, 1], seed=b"w")
    assert ballot_hash(first) != ballot_hash(second)


def _forged_z(ballot: dict[str, Any], person: int) -> dict[str, Any]:
    forged = copy.deepcopy(ballot)
    proof = forged["marks"][person]["proof"]
    proof["z"][1] = (Scalar.from_bytes(bytes.fromhex(proof["z"][1])) + Scalar(1)).to_bytes().hex()
    return forged


def test_the_server_rejects_a_forged_proof_naming_the_person() -> None:
    ballot, _ = cast([1, 1, 1])
    error = rejected(_forged_z(ballot, 2))
    assert "p3" in error.message_en and "Lê Minh Cường" in error.message_vi


def test_the_server_rejects_a_ballot_for_another_session() -> None:
    ballot, _ = cast([1, 1, 1])
    other = dataclasses.replace(MANIFEST, session="hdnd-2026-2")
    assert "another session" in rejected(ballot, other).message_en
    ballot["session"] = "hdnd-2026-2"
    assert "another session" in rejected(ballot).message_en
    other_ballot, _ = encrypt_ballot(other, KEY, [0, 0, 0])
    other_ballot["session"] = MANIFEST.session  # proofs were made for the other session
    assert "does not verify" in rejected(other_ballot).message_en


def test_the_server_rejects_a_missing_reordered_or_extra_person() -> None:
    ballot, _ = cast([0, 1, 2])
    missing = copy.deepcopy(ballot)
    del missing["marks"][1]
    assert "3 marks" in rejected(missing).message_en
    swapped = copy.deepcopy(ballot)
    swapped["marks"][0], swapped["marks"][1] = swapped["marks"][1], swapped["marks"][0]
    assert "person p1 expected" in rejected(swapped).message_en
    renamed = copy.deepcopy(ballot)
    renamed["marks"][1]["person"] = "p9"
    assert "p9" in rejected(renamed).message_en


def test_the_server_rejects_duplicate_unknown_or_missing_fields() -> None:
    ballot, _ = cast([0, 1, 2])
    raw = canonical_json(ballot).decode()
    duplicated = raw.replace('"session":', '"session":"x","session":', 1)
    assert "twice" in rejected(duplicated).message_en
    for change in ({"extra": 1}, {"v": "tinnhiem/ballot/2"}):
        assert rejected({**ballot, **change})
    no_proof = copy.deepcopy(ballot)
    del no_proof["marks"][0]["proof"]
    assert "p1" in rejected(no_proof).message_en
    upper = copy.deepcopy(ballot)
    upper["marks"][0]["ciphertext"]["alpha"] = upper["marks"][0]["ciphertext"]["alpha"].upper()
    assert "lowercase" in rejected(upper).message_en
    short = copy.deepcopy(ballot)
    short["marks"][2]["proof"]["c"].pop()
    assert "3 items expected" in rejected(short).message_en


def test_the_server_rejects_a_ballot_for_another_public_key() -> None:
    ballot, _ = encrypt_ballot(MANIFEST, KEY * GENERATOR, [0, 1, 2])
    assert "does not verify" in rejected(ballot).message_en


def test_read_ballot_names_the_field() -> None:
    ballot, _ = cast([0, 1, 2])
    ballot["marks"][1]["ciphertext"]["beta"] = "00" * 31 + "ff"
    with pytest.raises(BallotFormatError) as error:
        read_ballot(MANIFEST, ballot)
    assert error.value.field == "marks[1]" and "p2" in error.value.message_en


def test_an_opening_that_does_not_re_encrypt_names_the_person() -> None:
    ballot, opening = cast([0, 1, 2])
    wrong_choice = {**opening, "choices": [0, 2, 2]}
    with pytest.raises(OpeningMismatch) as error:
        check_opening(MANIFEST, KEY, ballot, wrong_choice)
    assert error.value.person == "p2"
    wrong_nonce = copy.deepcopy(opening)
    wrong_nonce["nonces"][2] = Scalar(7).to_bytes().hex()
    with pytest.raises(OpeningMismatch) as error:
        check_opening(MANIFEST, KEY, ballot, wrong_nonce)
    assert error.value.person == "p3"
    with pytest.raises(InvalidEncoding):
        check_opening(MANIFEST, KEY, ballot, {**opening, "choices": [0, 1, 3]})


def test_points_in_ballots_are_validated() -> None:
    with pytest.raises(InvalidEncoding):
        point("ff" * 32, "p")
