"""Exponential ElGamal: round trips, homomorphism, keys, the BSGS bound, serialisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinnhiem.ballotcrypto import (
    Ciphertext,
    DlogOutOfRange,
    InvalidEncoding,
    InvalidKey,
    KeyPair,
    Point,
    Scalar,
    add_all,
    decrypt_point,
    dlog,
    encrypt,
)

KEY = KeyPair.generate()


def decrypt(ciphertext: Ciphertext, bound: int = 1000) -> int:
    return dlog(decrypt_point(KEY.secret, ciphertext), bound)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=1000))
def test_small_plaintexts_round_trip(m: int) -> None:
    assert decrypt(encrypt(KEY.public, m)) == m


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), max_size=8))
def test_the_sum_of_encryptions_decrypts_to_the_sum(values: list[int]) -> None:
    total = add_all([encrypt(KEY.public, m) for m in values])
    assert decrypt(total) == sum(values)


def test_zero_with_a_zero_nonce_is_the_identity_pair_and_decrypts() -> None:
    ciphertext = encrypt(KEY.public, 0, Scalar(0))
    assert ciphertext == Ciphertext.zero()
    assert ciphertext.alpha.is_identity and ciphertext.beta.is_identity
    assert decrypt(ciphertext) == 0
    assert decrypt(add_all([])) == 0


def test_an_explicit_nonce_makes_encryption_reproducible() -> None:
    nonce = Scalar(123456789)
    assert encrypt(KEY.public, 3, nonce) == encrypt(KEY.public, 3, nonce)
    assert encrypt(KEY.public, 3) != encrypt(KEY.public, 3)


def test_the_identity_is_refused_as_a_public_key() -> None:
    with pytest.raises(InvalidKey):
        encrypt(Point.identity(), 1)
    with pytest.raises(InvalidKey):
        KeyPair.from_secret(Scalar(0))


@pytest.mark.parametrize("bound", [0, 1, 2, 3, 15, 16, 17, 99, 100])
def test_dlog_finds_every_value_up_to_the_bound(bound: int) -> None:
    for m in {0, bound // 2, bound}:
        assert dlog(Point.base_power(Scalar(m)), bound) == m


@pytest.mark.parametrize("bound", [0, 9, 10, 99])
def test_dlog_past_the_bound_is_a_clear_error(bound: int) -> None:
    with pytest.raises(DlogOutOfRange, match=f"exceeds the bound {bound}"):
        dlog(Point.base_power(Scalar(bound + 1)), bound)


def test_a_ciphertext_serialises_with_its_version_tag() -> None:
    ciphertext = encrypt(KEY.public, 1)
    data = ciphertext.to_dict()
    assert data["v"] == "tinnhiem/ciphertext/1"
    assert Ciphertext.from_dict(data) == ciphertext
    with pytest.raises(InvalidEncoding):
        Ciphertext.from_dict({**data, "v": "tinnhiem/ciphertext/0"})
    with pytest.raises(InvalidEncoding):
        Ciphertext.from_dict({**data, "alpha": "ff" * 32})
    with pytest.raises(InvalidEncoding):
        Ciphertext.from_dict({**data, "beta": "not hex"})
