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
    DisjunctiveProof,
    InvalidChoice,
    InvalidEncoding,
    KeyPair,
    OneLevelProof,
    Point,
    Scalar,
    decrypt_point,
    dlog,
    encrypt,
    encrypt_choice,
    verify_choice,
)
from tinnhiem.ballotcrypto.records import proof_from_dict, proof_to_dict

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


# Disjunctive 0/1 proof


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([0, 1]), st.booleans())
def test_an_honest_0_1_proof_verifies(m: int, zero_nonce: bool) -> None:
    nonce = Scalar(0) if zero_nonce else Scalar.random()
    ciphertext = encrypt(KEY.public, m, nonce)
    proof = DisjunctiveProof.prove(KEY.public, ciphertext, m, nonce, CTX)
    assert proof.verify(KEY.public, ciphertext, CTX)


@pytest.mark.parametrize("m", [0, 1])
def test_a_0_1_proof_rejects_a_forged_statement(m: int) -> None:
    nonce = Scalar.random()
    ciphertext = encrypt(KEY.public, m, nonce)
    proof = DisjunctiveProof.prove(KEY.public, ciphertext, m, nonce, CTX)
    assert not proof.verify(OTHER_KEY.public, ciphertext, CTX)
    assert not proof.verify(KEY.public, encrypt(KEY.public, m), CTX)
    assert not proof.verify(KEY.public, Ciphertext(ciphertext.alpha, ciphertext.alpha), CTX)
    for context in FORGED_CONTEXTS:
        assert not proof.verify(KEY.public, ciphertext, context)
    forgeries = [
        dataclasses.replace(proof, a0=proof.a1, a1=proof.a0),
        dataclasses.replace(proof, b0=proof.b1, b1=proof.b0),
        dataclasses.replace(proof, a0=proof.b0, b0=proof.a0),
        dataclasses.replace(proof, c0=proof.c1, c1=proof.c0),
        dataclasses.replace(proof, z0=proof.z1, z1=proof.z0),
    ]
    assert not any(f.verify(KEY.public, ciphertext, CTX) for f in forgeries)


def test_no_0_1_proof_is_made_for_2() -> None:
    nonce = Scalar.random()
    with pytest.raises(InvalidChoice):
        DisjunctiveProof.prove(KEY.public, encrypt(KEY.public, 2, nonce), 2, nonce, CTX)


@pytest.mark.parametrize("claimed", [0, 1])
def test_a_0_1_proof_for_an_encryption_of_2_does_not_verify(claimed: int) -> None:
    # A cheating prover runs the honest algorithm on Enc(2) claiming either branch.
    nonce = Scalar.random()
    ciphertext = encrypt(KEY.public, 2, nonce)
    proof = DisjunctiveProof.prove(KEY.public, ciphertext, claimed, nonce, CTX)
    assert not proof.verify(KEY.public, ciphertext, CTX)


def test_a_0_1_proof_cannot_be_moved_to_another_ciphertext_of_the_same_value() -> None:
    nonce = Scalar.random()
    proof = DisjunctiveProof.prove(KEY.public, encrypt(KEY.public, 1, nonce), 1, nonce, CTX)
    assert not proof.verify(KEY.public, encrypt(KEY.public, 1), CTX)


# Exactly one level per person


@settings(max_examples=8, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n - 1))
    )
)
def test_an_honest_choice_verifies_and_tallies(levels_and_index: tuple[int, int]) -> None:
    levels, index = levels_and_index
    ciphertexts, proofs, sum_proof = encrypt_choice(KEY.public, index, levels, CTX)
    assert verify_choice(KEY.public, ciphertexts, proofs, sum_proof, CTX)
    marks = [dlog(decrypt_point(KEY.secret, ct), 1) for ct in ciphertexts]
    assert marks == [int(i == index) for i in range(levels)]


def test_a_choice_rejects_a_forged_statement() -> None:
    ciphertexts, proofs, sum_proof = encrypt_choice(KEY.public, 1, 3, CTX)
    assert not verify_choice(OTHER_KEY.public, ciphertexts, proofs, sum_proof, CTX)
    for context in FORGED_CONTEXTS:
        assert not verify_choice(KEY.public, ciphertexts, proofs, sum_proof, context)
    # swap two levels together with their (valid) 0/1 proofs: only the sum proof can notice
    swapped_cts = [ciphertexts[1], ciphertexts[0], ciphertexts[2]]
    swapped_proofs = [proofs[1], proofs[0], proofs[2]]
    assert all(
        p.verify(KEY.public, c, CTX) for p, c in zip(swapped_proofs, swapped_cts, strict=True)
    )
    assert not verify_choice(KEY.public, swapped_cts, swapped_proofs, sum_proof, CTX)
    assert not verify_choice(KEY.public, ciphertexts[:2], proofs[:2], sum_proof, CTX)
    assert not verify_choice(KEY.public, ciphertexts, proofs[:2], sum_proof, CTX)
    forged_sum = dataclasses.replace(sum_proof, a=sum_proof.b, b=sum_proof.a)
    assert not verify_choice(KEY.public, ciphertexts, proofs, forged_sum, CTX)


def test_two_marks_fail_the_sum_proof_even_with_valid_0_1_proofs() -> None:
    nonces = [Scalar.random() for _ in range(3)]
    marks = [1, 1, 0]
    ciphertexts = [encrypt(KEY.public, m, r) for m, r in zip(marks, nonces, strict=True)]
    proofs = [
        DisjunctiveProof.prove(KEY.public, ct, m, r, CTX)
        for ct, m, r in zip(ciphertexts, marks, nonces, strict=True)
    ]
    nonce_sum = Scalar(sum(r.value for r in nonces))
    sum_proof = OneLevelProof.prove(KEY.public, ciphertexts, nonce_sum, CTX)
    assert all(p.verify(KEY.public, ct, CTX) for p, ct in zip(proofs, ciphertexts, strict=True))
    assert not verify_choice(KEY.public, ciphertexts, proofs, sum_proof, CTX)


def test_no_marks_fail_the_sum_proof() -> None:
    nonces = [Scalar.random() for _ in range(2)]
    ciphertexts = [encrypt(KEY.public, 0, r) for r in nonces]
    proofs = [
        DisjunctiveProof.prove(KEY.public, ct, 0, r, CTX)
        for ct, r in zip(ciphertexts, nonces, strict=True)
    ]
    sum_proof = OneLevelProof.prove(KEY.public, ciphertexts, nonces[0] + nonces[1], CTX)
    assert not verify_choice(KEY.public, ciphertexts, proofs, sum_proof, CTX)


@pytest.mark.parametrize(("index", "levels"), [(-1, 3), (3, 3), (0, 0)])
def test_a_level_out_of_range_is_refused(index: int, levels: int) -> None:
    with pytest.raises(InvalidChoice):
        encrypt_choice(KEY.public, index, levels, CTX)


# Version-tagged records


def test_proofs_round_trip_through_version_tagged_records() -> None:
    ciphertexts, proofs, sum_proof = encrypt_choice(KEY.public, 0, 2, CTX)
    _, cp_proof = ChaumPedersenProof.prove(KEY, ciphertexts[0], CTX)
    cases: list[tuple[type[Any], Any, str]] = [
        (DisjunctiveProof, proofs[0], "tinnhiem/disjunctive-01/1"),
        (OneLevelProof, sum_proof, "tinnhiem/one-level/1"),
        (ChaumPedersenProof, cp_proof, "tinnhiem/chaum-pedersen/1"),
    ]
    for kind, proof, version in cases:
        record = proof_to_dict(proof)
        assert record["v"] == version
        assert proof_from_dict(kind, record) == proof


def test_a_proof_record_with_a_bad_tag_field_or_encoding_is_refused() -> None:
    _, _, sum_proof = encrypt_choice(KEY.public, 0, 2, CTX)
    record = proof_to_dict(sum_proof)
    bad_records = [
        {**record, "v": "tinnhiem/one-level/0"},
        {**record, "v": "tinnhiem/chaum-pedersen/1"},
        {**record, "extra": "00"},
        {key: value for key, value in record.items() if key != "z"},
        {**record, "a": "ff" * 32},
        {**record, "z": "ff" * 32},
        {**record, "b": "zz"},
    ]
    for bad in bad_records:
        with pytest.raises(InvalidEncoding):
            proof_from_dict(OneLevelProof, bad)
