"""Validated decoding of points and scalars, and the identity at every libsodium boundary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinnhiem.ballotcrypto import GENERATOR, ORDER, InvalidEncoding, Point, Scalar
from tinnhiem.ballotcrypto.group import product_of_powers

SCALARS = st.integers(min_value=0, max_value=ORDER - 1).map(Scalar)


def test_the_identity_round_trips_as_32_zero_bytes() -> None:
    identity = Point.from_bytes(bytes(32))
    assert identity.is_identity
    assert identity == Point.identity()
    assert Point.from_bytes(identity.to_bytes()) == identity


def test_zero_exponents_and_identity_results_do_not_fail() -> None:
    assert Point.base_power(Scalar(0)).is_identity
    assert (GENERATOR ** Scalar(0)).is_identity
    assert (Point.identity() ** Scalar(5)).is_identity
    assert (GENERATOR / GENERATOR).is_identity
    assert GENERATOR * Point.identity() == GENERATOR
    assert Point.base_power(Scalar(ORDER)).is_identity  # ℓ reduces to 0


def test_the_generator_is_g_to_the_one() -> None:
    assert Point.base_power(Scalar(1)) == GENERATOR


@pytest.mark.parametrize(
    "data",
    [
        b"\xff" * 32,  # not canonical (field element ≥ p)
        bytes([1]) + bytes(31),  # odd (negative) field element: never a canonical encoding
        bytes.fromhex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d77"),
        bytes(31),  # too short
        bytes(33),  # too long
    ],
    ids=["all-ff", "negative-s", "flipped-bit", "short", "long"],
)
def test_invalid_point_encodings_are_rejected(data: bytes) -> None:
    with pytest.raises(InvalidEncoding):
        Point.from_bytes(data)


def test_non_canonical_scalars_are_rejected_not_reduced() -> None:
    with pytest.raises(InvalidEncoding):
        Scalar.from_bytes(ORDER.to_bytes(32, "little"))
    with pytest.raises(InvalidEncoding):
        Scalar.from_bytes(bytes(31))
    assert Scalar.from_bytes((ORDER - 1).to_bytes(32, "little")).value == ORDER - 1


@settings(max_examples=30, deadline=None)
@given(SCALARS)
def test_valid_points_round_trip(k: Scalar) -> None:
    point = Point.base_power(k)
    assert Point.from_bytes(point.to_bytes()) == point


@settings(max_examples=30, deadline=None)
@given(SCALARS, SCALARS)
def test_exponents_add_when_points_multiply(a: Scalar, b: Scalar) -> None:
    assert Point.base_power(a) * Point.base_power(b) == Point.base_power(a + b)
    assert Point.base_power(a) / Point.base_power(b) == Point.base_power(a - b)
    assert Point.base_power(a) ** b == Point.base_power(a * b)


def test_random_scalars_are_canonical_and_differ() -> None:
    first, second = Scalar.random(), Scalar.random()
    assert first != second
    assert 0 < Scalar.random_nonzero().value < ORDER


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2**64), st.integers(-(2**300), 2**300)), max_size=4),
    st.integers(0, 2**64),
)
def test_product_of_powers_is_the_product_of_the_powers(
    terms: list[tuple[int, int]], first: int
) -> None:
    points = [(Point.base_power(Scalar(base)), exponent) for base, exponent in terms]
    expected = Point.base_power(Scalar(first))
    for point, exponent in points:
        expected = expected * point ** Scalar(exponent)
    assert product_of_powers(Point.base_power(Scalar(first)), points) == expected
    # exponents are read mod ℓ: the same product in the exponent, from g alone
    logs = first + sum(base * exponent for base, exponent in terms)
    assert expected == Point.base_power(Scalar(logs))
