"""Every proof verifies when honest and rejects a forged statement (strong Fiat–Shamir)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinnhiem.ballotcrypto import (
    GENERATOR,
    ChaumPedersenProof,
    Ciphertext,
    Context,
    InvalidChoice,
    InvalidEncoding,
    KeyPair,
    OneOfProof,
    Point,
    Scalar,
    decrypt_point,
    dlog,
    encrypt,
    encrypt_mark,
    level_values,
    verify_mark,
)
from tinnhiem.ballotcrypto.hashing import seeded_rng
from tinnhiem.ballotcrypto.proof_json import proof_from_dict, proof_to_dict

KEY = KeyPair.generate()
OTHER_KEY = KeyPair.generate()
CTX = Context("session-7", "tinnhiem-record/1", "person:3")
FORGED_CONTEXTS = [
    Context("session-8", "tinnhiem-record/1", "person:3"),
    Context("session-7", "tinnhiem-record/2", "person:3"),
    Context("session-7", "tinnhiem-record/1", "person:4"),
]


# Chaum–Pedersen: a decryption share


def test_an_honest_decryption_share_verifies_and_decrypts() -> None:
    ciphertext = encrypt(KEY.public, 5)
    share, proof = ChaumPedersenProof.prove(KEY, ciphertext, CTX)
    assert proof.verify(KEY.public, ciphertext, share, CTX)
    assert dlog(ciphertext.beta / share, 10) == 5
    assert ciphertext.beta / share == decrypt_point(KEY.secret, ciphertext)


def test_a_decryption_share_of_the_identity_ciphertext_verifies() -> None:
    ciphertext = Ciphertext.zero()
    share, proof = ChaumPedersenProof.prove(KEY, ciphertext, CTX)
    assert share.is_identity
    assert proof.verify(KEY.public, ciphertext, share, CTX)


def test_a_decryption_share_rejects_a_forged_statement() -> None:
    ciphertext = encrypt(KEY.public, 5)
    share, proof = ChaumPedersenProof.prove(KEY, ciphertext, CTX)
    assert not proof.verify(OTHER_KEY.public, ciphertext, share, CTX)
    assert not proof.verify(KEY.public, encrypt(KEY.public, 5), share, CTX)
    assert not proof.verify(KEY.public, Ciphertext(ciphertext.alpha, GENERATOR), share, CTX)
    assert not proof.verify(KEY.public, ciphertext, share * GENERATOR, CTX)  # a lie about m
    assert not proof.verify(Point.identity(), ciphertext, share, CTX)
    for context in FORGED_CONTEXTS:
        assert not proof.verify(KEY.public, ciphertext, share, context)
    swapped = dataclasses.replace(proof, a=proof.b, b=proof.a)
    assert not swapped.verify(KEY.public, ciphertext, share, CTX)
    assert not dataclasses.replace(proof, z=proof.z + Scalar(1)).verify(
        KEY.public, ciphertext, share, CTX
    )


def test_a_share_from_the_wrong_secret_is_rejected() -> None:
    ciphertext = encrypt(KEY.public, 1)
    share, proof = ChaumPedersenProof.prove(OTHER_KEY, ciphertext, CTX)
    assert not proof.verify(KEY.public, ciphertext, share, CTX)


# One-of-k proof (section 4.2)

VALUES = (1, 501, 0)  # three levels, at most 500 ballots (section 4.3)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2), st.booleans())
def test_an_honest_one_of_proof_verifies(index: int, zero_nonce: bool) -> None:
    nonce = Scalar(0) if zero_nonce else Scalar.random()
    ciphertext = encrypt(KEY.public, VALUES[index], nonce)
    proof = OneOfProof.prove(KEY.public, ciphertext, VALUES, index, nonce, CTX)
    assert proof.verify(KEY.public, ciphertext, VALUES, CTX)


@pytest.mark.parametrize("values", [(0, 1), (1, 11, 121, 0), (5, 7)])
def test_a_one_of_proof_works_for_any_k(values: tuple[int, ...]) -> None:
    for index, value in enumerate(values):
        nonce = Scalar.random()
        ciphertext = encrypt(KEY.public, value, nonce)
        proof = OneOfProof.prove(KEY.public, ciphertext, values, index, nonce, CTX)
        assert proof.verify(KEY.public, ciphertext, values, CTX)
        assert not proof.verify(KEY.public, ciphertext, (*values, 999), CTX)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_one_of_proof_rejects_a_forged_statement(index: int) -> None:
    nonce = Scalar.random()
    ciphertext = encrypt(KEY.public, VALUES[index], nonce)
    proof = OneOfProof.prove(KEY.public, ciphertext, VALUES, index, nonce, CTX)
    assert not proof.verify(OTHER_KEY.public, ciphertext, VALUES, CTX)
    assert not proof.verify(KEY.public, encrypt(KEY.public, VALUES[index]), VALUES, CTX)
    assert not proof.verify(KEY.public, Ciphertext(ciphertext.alpha, ciphertext.alpha), VALUES, CTX)
    assert not proof.verify(KEY.public, ciphertext, (1, 502, 0), CTX)
    assert not proof.verify(KEY.public, ciphertext, (501, 1, 0), CTX)
    for context in FORGED_CONTEXTS:
        assert not proof.verify(KEY.public, ciphertext, VALUES, context)
    forgeries = [
        dataclasses.replace(proof, a=(proof.a[1], proof.a[0], proof.a[2])),
        dataclasses.replace(proof, b=(proof.b[0], proof.b[2], proof.b[1])),
        dataclasses.replace(proof, a=proof.b, b=proof.a),
        dataclasses.replace(proof, c=(proof.c[1], proof.c[0], proof.c[2])),
        dataclasses.replace(proof, z=(proof.z[2], proof.z[1], proof.z[0])),
        dataclasses.replace(proof, c=proof.c[:2], z=proof.z[:2], a=proof.a[:2], b=proof.b[:2]),
        dataclasses.replace(proof, z=(proof.z[0] + Scalar(1), proof.z[1], proof.z[2])),
    ]
    assert not any(f.verify(KEY.public, ciphertext, VALUES, CTX) for f in forgeries)


@pytest.mark.parametrize("value", [2, 500, 502, 1002])
def test_a_one_of_proof_for_a_value_outside_the_list_does_not_verify(value: int) -> None:
    # A cheating prover runs the honest algorithm on Enc(value) claiming each branch in turn.
    nonce = Scalar.random()
    ciphertext = encrypt(KEY.public, value, nonce)
    for claimed in range(3):
        proof = OneOfProof.prove(KEY.public, ciphertext, VALUES, claimed, nonce, CTX)
        assert not proof.verify(KEY.public, ciphertext, VALUES, CTX)


def test_a_one_of_proof_cannot_be_moved_to_another_ciphertext_of_the_same_value() -> None:
    nonce = Scalar.random()
    ciphertext = encrypt(KEY.public, 1, nonce)
    proof = OneOfProof.prove(KEY.public, ciphertext, VALUES, 0, nonce, CTX)
    assert not proof.verify(KEY.public, encrypt(KEY.public, 1), VALUES, CTX)


@pytest.mark.parametrize("values", [(1,), (1, 1, 0), (-1, 0), (2**64, 0)])
def test_bad_value_lists_are_refused(values: tuple[int, ...]) -> None:
    with pytest.raises(InvalidChoice):
        encrypt_mark(KEY.public, 0, values, CTX)


# One person's mark (section 4.3)


def test_level_values_are_powers_of_the_ballot_bound_and_zero_last() -> None:
    assert level_values(3, 500) == (1, 501, 0)
    assert level_values(4, 9) == (1, 10, 100, 0)
    assert level_values(2, 9) == (1, 0)
    with pytest.raises(InvalidChoice):
        level_values(1, 9)
    with pytest.raises(InvalidChoice):
        level_values(3, 0)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2))
def test_an_honest_mark_verifies_and_decrypts_to_its_value(index: int) -> None:
    ciphertext, proof, nonce = encrypt_mark(KEY.public, index, VALUES, CTX)
    assert verify_mark(KEY.public, ciphertext, proof, VALUES, CTX)
    assert dlog(decrypt_point(KEY.secret, ciphertext), 501) == VALUES[index]
    assert encrypt(KEY.public, VALUES[index], nonce) == ciphertext  # the nonce opens it


@pytest.mark.parametrize("index", [-1, 3])
def test_a_level_out_of_range_is_refused(index: int) -> None:
    with pytest.raises(InvalidChoice):
        encrypt_mark(KEY.public, index, VALUES, CTX)


def test_seeded_draws_make_the_same_mark_twice() -> None:
    first = encrypt_mark(KEY.public, 1, VALUES, CTX, seeded_rng(b"seed"))
    second = encrypt_mark(KEY.public, 1, VALUES, CTX, seeded_rng(b"seed"))
    other = encrypt_mark(KEY.public, 1, VALUES, CTX, seeded_rng(b"other"))
    assert first == second
    assert first != other


# Version-tagged records


def test_proofs_round_trip_through_version_tagged_records() -> None:
    ciphertext, proof, _ = encrypt_mark(KEY.public, 0, VALUES, CTX)
    _, cp_proof = ChaumPedersenProof.prove(KEY, ciphertext, CTX)
    cases: list[tuple[type[Any], Any, str]] = [
        (OneOfProof, proof, "tinnhiem/one-of/1"),
        (ChaumPedersenProof, cp_proof, "tinnhiem/chaum-pedersen/1"),
    ]
    for kind, item, version in cases:
        record = proof_to_dict(item)
        assert record["v"] == version
        assert proof_from_dict(kind, record) == item


def test_a_proof_record_with_a_bad_tag_field_or_encoding_is_refused() -> None:
    _, proof, _ = encrypt_mark(KEY.public, 0, VALUES, CTX)
    record = proof_to_dict(proof)
    bad_records: list[Any] = [
        {**record, "v": "tinnhiem/one-of/0"},
        {**record, "v": "tinnhiem/chaum-pedersen/1"},
        {**record, "extra": "00"},
        {key: value for key, value in record.items() if key != "z"},
        {**record, "a": ["ff" * 32, *record["a"][1:]]},
        {**record, "z": ["ff" * 32, *record["z"][1:]]},
        {**record, "b": ["zz", *record["b"][1:]]},
        {**record, "c": record["c"][:2]},
        {**record, "a": record["a"][0]},
        {**record, "z": []},
        [record],
    ]
    for bad in bad_records:
        with pytest.raises(InvalidEncoding):
            proof_from_dict(OneOfProof, bad)
