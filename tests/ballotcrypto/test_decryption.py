"""Threshold decryption: any t verified shares agree, t-1 do not, bad shares name the trustee."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.ballotcrypto.ceremony import run_ceremony

from tinnhiem.ballotcrypto.decryption import (
    InvalidDecryptionShare,
    NotEnoughShares,
    combine,
    combine_verified,
    decrypt_with_shares,
    lagrange_coefficient,
    partial_decrypt,
    verify_partial,
)
from tinnhiem.ballotcrypto.elgamal import decrypt_point, encrypt
from tinnhiem.ballotcrypto.errors import DlogOutOfRange
from tinnhiem.ballotcrypto.group import GENERATOR, Point, Scalar, small_power
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import ChaumPedersenProof

CTX = Context("session-7;board:abc", "tinnhiem-record/1")
CEREMONY = run_ceremony(4, 3)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 50), st.data())
def test_any_t_of_n_trustees_decrypt_the_same_value(m: int, data: st.DataObject) -> None:
    ciphertext = encrypt(CEREMONY.public_key, m)
    shares = [partial_decrypt(key, ciphertext, CTX) for key in CEREMONY.keys.values()]
    size = data.draw(st.integers(3, 4))
    subset = data.draw(st.permutations(shares)).copy()[:size]
    point = combine_verified(ciphertext, subset, CEREMONY.verification_keys, 3, CTX)
    assert point == small_power(m)
    assert point == decrypt_point(CEREMONY.joint_secret(), ciphertext)
    assert decrypt_with_shares(ciphertext, subset, CEREMONY.verification_keys, 3, 50, CTX) == m


def test_t_minus_1_shares_give_a_wrong_point_and_are_refused() -> None:
    ciphertext = encrypt(CEREMONY.public_key, 7)
    shares = [partial_decrypt(key, ciphertext, CTX) for key in CEREMONY.keys.values()]
    for subset in itertools.combinations(shares, 2):
        partial = {share.trustee: share.share for share in subset}
        assert ciphertext.beta / combine(partial) != small_power(7)
        with pytest.raises(NotEnoughShares):
            combine_verified(ciphertext, list(subset), CEREMONY.verification_keys, 3, CTX)


def test_a_tampered_share_is_rejected_naming_the_trustee() -> None:
    ciphertext = encrypt(CEREMONY.public_key, 3)
    shares = [partial_decrypt(key, ciphertext, CTX) for key in CEREMONY.keys.values()]
    keys = CEREMONY.verification_keys
    other_ct = encrypt(CEREMONY.public_key, 3)
    _, foreign_proof = ChaumPedersenProof.prove(CEREMONY.keys[2].keypair, ciphertext, CTX)
    forged_shares = [
        dataclasses.replace(shares[1], share=shares[1].share * GENERATOR),  # wrong D
        dataclasses.replace(
            shares[1], proof=partial_decrypt(CEREMONY.keys[2], other_ct, CTX).proof
        ),
        dataclasses.replace(shares[1], proof=foreign_proof),  # label without the trustee
        dataclasses.replace(
            shares[1], proof=dataclasses.replace(shares[1].proof, z=shares[1].proof.z + Scalar(1))
        ),
    ]
    for forged in forged_shares:
        assert not verify_partial(forged, keys[2], ciphertext, CTX)
        with pytest.raises(InvalidDecryptionShare) as error:
            combine_verified(ciphertext, [shares[0], forged, shares[2]], keys, 3, CTX)
        assert error.value.trustee == 2
        assert "2" in error.value.message_en and "2" in error.value.message_vi
    # an honest share claimed by another trustee, or checked in another session
    stolen = dataclasses.replace(shares[1], trustee=4)
    with pytest.raises(InvalidDecryptionShare) as error:
        combine_verified(ciphertext, [shares[0], shares[2], stolen], keys, 3, CTX)
    assert error.value.trustee == 4
    assert not verify_partial(
        shares[1], keys[2], ciphertext, Context("session-8", "tinnhiem-record/1")
    )
    assert not verify_partial(shares[1], keys[2], other_ct, CTX)


def test_unknown_or_duplicate_trustees_are_rejected() -> None:
    ciphertext = encrypt(CEREMONY.public_key, 1)
    shares = [partial_decrypt(key, ciphertext, CTX) for key in CEREMONY.keys.values()]
    keys = CEREMONY.verification_keys
    with pytest.raises(InvalidDecryptionShare) as error:
        combine_verified(ciphertext, [shares[0], shares[0], shares[1]], keys, 3, CTX)
    assert error.value.trustee == 1
    unknown = dataclasses.replace(shares[0], trustee=9)
    with pytest.raises(InvalidDecryptionShare) as error:
        combine_verified(ciphertext, [unknown, shares[1], shares[2]], keys, 3, CTX)
    assert error.value.trustee == 9


def test_the_zero_tally_and_the_bound() -> None:
    zero = encrypt(CEREMONY.public_key, 0)
    shares = [partial_decrypt(key, zero, CTX) for key in CEREMONY.keys.values()]
    assert decrypt_with_shares(zero, shares[:3], CEREMONY.verification_keys, 3, 0, CTX) == 0
    big = encrypt(CEREMONY.public_key, 6)
    shares = [partial_decrypt(key, big, CTX) for key in CEREMONY.keys.values()]
    with pytest.raises(DlogOutOfRange):
        decrypt_with_shares(big, shares[:3], CEREMONY.verification_keys, 3, 5, CTX)


def test_lagrange_coefficients_interpolate_at_zero() -> None:
    # a line through (1, 5) and (3, 9) meets 0 at 3: 5·λ1 + 9·λ3 = 3
    total = Scalar(5) * lagrange_coefficient(1, [1, 3]) + Scalar(9) * lagrange_coefficient(
        3, [1, 3]
    )
    assert total == Scalar(3)
    assert lagrange_coefficient(2, [2]) == Scalar(1)
    for index, indices in [(4, [1, 2]), (1, [1, 1]), (0, [0, 1])]:
        with pytest.raises(ValueError):
            lagrange_coefficient(index, indices)
    assert combine({}) == Point.identity()
