"""Feldman VSS key ceremony: honest runs agree, tampering names the dealer (section 6)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.ballotcrypto.ceremony import CEREMONY_CTX, run_ceremony

from tinnhiem.ballotcrypto.decryption import lagrange_coefficient
from tinnhiem.ballotcrypto.group import GENERATOR, Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.trustees import (
    CeremonyParams,
    InvalidCeremony,
    SchnorrProof,
    combine_received_shares,
    deal,
    joint_public_key,
    verification_key,
    verify_commitment,
    verify_share,
)


def interpolate_at_zero(points: dict[int, Scalar]) -> Scalar:
    indices = sorted(points)
    total = Scalar(0)
    for i in indices:
        total = total + points[i] * lagrange_coefficient(i, indices)
    return total


def test_an_honest_ceremony_gives_consistent_keys() -> None:
    ceremony = run_ceremony(3, 2)
    assert ceremony.public_key == Point.base_power(ceremony.joint_secret())
    for j, key in ceremony.keys.items():
        assert key.index == j
        assert key.verification_key == ceremony.verification_keys[j]
        assert Point.base_power(key.keypair.secret) == ceremony.verification_keys[j]
    for commitment in ceremony.commitments:
        assert verify_commitment(commitment, ceremony.params, CEREMONY_CTX)
        for polynomial in ceremony.polynomials:
            if polynomial.index == commitment.index:
                for j in range(1, 4):
                    assert verify_share(commitment, j, polynomial.share_for(j))


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, n))))
def test_any_t_shares_interpolate_the_joint_secret_and_t_minus_1_do_not(
    n_and_t: tuple[int, int],
) -> None:
    n, t = n_and_t
    ceremony = run_ceremony(n, t)
    secrets = {j: key.keypair.secret for j, key in ceremony.keys.items()}
    for subset in itertools.combinations(range(1, n + 1), t):
        assert interpolate_at_zero({j: secrets[j] for j in subset}) == ceremony.joint_secret()
    if t >= 2:
        for subset in itertools.combinations(range(1, n + 1), t - 1):
            assert interpolate_at_zero({j: secrets[j] for j in subset}) != ceremony.joint_secret()


def test_a_tampered_share_fails_and_names_the_dealer() -> None:
    ceremony = run_ceremony(3, 2)
    params, commitments = ceremony.params, ceremony.commitments
    received = {p.index: p.share_for(3) for p in ceremony.polynomials}
    assert not verify_share(commitments[1], 3, received[2] + Scalar(1))
    assert not verify_share(commitments[1], 2, received[2])  # share meant for another trustee
    received[2] = received[2] + Scalar(1)
    with pytest.raises(InvalidCeremony) as error:
        combine_received_shares(3, received, commitments, params, CEREMONY_CTX)
    assert error.value.trustee == 2
    del received[2]
    with pytest.raises(InvalidCeremony) as error:
        combine_received_shares(3, received, commitments, params, CEREMONY_CTX)
    assert error.value.trustee == 2


def test_a_forged_commitment_record_is_rejected() -> None:
    params = CeremonyParams(3, 2)
    _, commitment = deal(1, params, CEREMONY_CTX)
    assert verify_commitment(commitment, params, CEREMONY_CTX)
    g = GENERATOR
    forgeries = [
        dataclasses.replace(commitment, index=2),  # replayed by another trustee
        dataclasses.replace(commitment, index=0),
        dataclasses.replace(commitment, coefficients=(commitment.coefficients[0], g)),
        dataclasses.replace(commitment, coefficients=commitment.coefficients[:1]),
        dataclasses.replace(commitment, coefficients=(Point.identity(), g)),
        dataclasses.replace(
            commitment, proof=SchnorrProof(commitment.proof.r, commitment.proof.z + Scalar(1))
        ),
    ]
    for forged in forgeries:
        assert not verify_commitment(forged, params, CEREMONY_CTX)
    other_contexts = [
        Context("session-8", "tinnhiem-record/1", "key-ceremony"),
        Context("session-7", "tinnhiem-record/2", "key-ceremony"),
        Context("session-7", "tinnhiem-record/1", "other"),
    ]
    for ctx in other_contexts:
        assert not verify_commitment(commitment, params, ctx)
    assert not verify_commitment(commitment, CeremonyParams(4, 2), CEREMONY_CTX)


def test_the_joint_key_needs_every_dealer_once_and_valid() -> None:
    ceremony = run_ceremony(3, 2)
    params, commitments = ceremony.params, ceremony.commitments
    bad = dataclasses.replace(commitments[2], coefficients=(GENERATOR, GENERATOR))
    cases = [
        (commitments[:2], 3),  # trustee 3 missing
        ([*commitments, commitments[0]], 1),  # trustee 1 twice
        ([*commitments[:2], bad], 3),
    ]
    for records, culprit in cases:
        with pytest.raises(InvalidCeremony) as error:
            joint_public_key(records, params, CEREMONY_CTX)
        assert error.value.trustee == culprit
        with pytest.raises(InvalidCeremony):
            verification_key(1, records, params, CEREMONY_CTX)


def test_parameters_and_indices_are_checked() -> None:
    for n, t in [(3, 0), (3, 4), (0, 0)]:
        with pytest.raises(ValueError):
            CeremonyParams(n, t)
    params = CeremonyParams(3, 2)
    with pytest.raises(ValueError):
        deal(4, params, CEREMONY_CTX)
    polynomial, _ = deal(1, params, CEREMONY_CTX)
    with pytest.raises(ValueError):
        polynomial.share_for(0)
    assert "coefficients" not in repr(polynomial)
