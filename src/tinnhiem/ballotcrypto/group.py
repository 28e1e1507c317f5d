"""The ristretto255 group through libsodium (rbcl): validated scalars and points.

Every boundary where libsodium would refuse the identity or a zero scalar is handled here, and
only here: `Point ** Scalar` uses the `*_allow_scalar_zero` functions, which return the all-zero
encoding (the identity) instead of failing. See docs/crypto.md, section 1.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import rbcl

from tinnhiem.ballotcrypto.errors import InvalidEncoding

GROUP_NAME = b"ristretto255"
ORDER = 2**252 + 27742317777372353535851937790883648493
POINT_BYTES = 32
SCALAR_BYTES = 32
_IDENTITY_BYTES = bytes(POINT_BYTES)


@dataclass(frozen=True, slots=True)
class Scalar:
    """An integer mod the group order ℓ, encoded as 32 bytes little-endian (canonical: < ℓ)."""

    value: int

    def __post_init__(self) -> None:
        if not 0 <= self.value < ORDER:
            object.__setattr__(self, "value", self.value % ORDER)

    @classmethod
    def random(cls) -> Scalar:
        """A uniform scalar in [0, ℓ) from libsodium's CSPRNG."""
        return cls(int.from_bytes(bytes(rbcl.crypto_core_ristretto255_scalar_random()), "little"))

    @classmethod
    def random_nonzero(cls) -> Scalar:
        """A uniform scalar in [1, ℓ) (for secret keys)."""
        while True:
            scalar = cls.random()
            if scalar.value:
                return scalar

    @classmethod
    def from_bytes(cls, data: bytes) -> Scalar:
        """Decode 32 little-endian bytes; a value ≥ ℓ is rejected, never reduced."""
        if len(data) != SCALAR_BYTES:
            raise InvalidEncoding("Số vô hướng phải dài 32 byte", "A scalar must be 32 bytes")
        value = int.from_bytes(data, "little")
        if value >= ORDER:
            raise InvalidEncoding(
                "Số vô hướng không ở dạng chuẩn (≥ ℓ)", "Non-canonical scalar (≥ ℓ)"
            )
        return cls(value)

    def to_bytes(self) -> bytes:
        return self.value.to_bytes(SCALAR_BYTES, "little")

    def __add__(self, other: Scalar) -> Scalar:
        return Scalar((self.value + other.value) % ORDER)

    def __sub__(self, other: Scalar) -> Scalar:
        return Scalar((self.value - other.value) % ORDER)

    def __mul__(self, other: Scalar) -> Scalar:
        return Scalar((self.value * other.value) % ORDER)

    def __neg__(self) -> Scalar:
        return Scalar(-self.value % ORDER)


@dataclass(frozen=True, slots=True)
class Point:
    """A ristretto255 group element, held in its canonical 32-byte encoding.

    Build one only through `from_bytes` (validated), `identity`, `generator` or group
    operations; the identity is the all-zero encoding.
    """

    encoded: bytes

    @classmethod
    def from_bytes(cls, data: bytes) -> Point:
        """Decode and validate a point from outside; the 32 zero bytes are the identity."""
        if len(data) != POINT_BYTES:
            raise InvalidEncoding("Điểm phải dài 32 byte", "A point must be 32 bytes")
        data = bytes(data)
        # RFC 9496 4.3.1: the encoding must be canonical, its top bit clear; libsodium ignores
        # that bit, so a second encoding of every point would pass without this check.
        if data[31] & 0x80 or (
            data != _IDENTITY_BYTES and not rbcl.crypto_core_ristretto255_is_valid_point(data)
        ):
            raise InvalidEncoding(
                "Chuỗi byte không phải điểm ristretto255 hợp lệ",
                "Bytes are not a valid ristretto255 point encoding",
            )
        return cls(data)

    @classmethod
    def identity(cls) -> Point:
        return cls(_IDENTITY_BYTES)

    @classmethod
    def generator(cls) -> Point:
        return GENERATOR

    @classmethod
    def base_power(cls, exponent: Scalar) -> Point:
        """g^exponent; a zero exponent gives the identity (allow_scalar_zero)."""
        return cls(
            bytes(rbcl.crypto_scalarmult_ristretto255_base_allow_scalar_zero(exponent.to_bytes()))
        )

    @property
    def is_identity(self) -> bool:
        return self.encoded == _IDENTITY_BYTES

    def to_bytes(self) -> bytes:
        return self.encoded

    def __mul__(self, other: Point) -> Point:
        """The group operation (libsodium's point addition); the identity is accepted."""
        return Point(bytes(rbcl.crypto_core_ristretto255_add(self.encoded, other.encoded)))

    def __truediv__(self, other: Point) -> Point:
        """self · other⁻¹ (libsodium's point subtraction); the identity is accepted."""
        return Point(bytes(rbcl.crypto_core_ristretto255_sub(self.encoded, other.encoded)))

    def __pow__(self, exponent: Scalar) -> Point:
        """self^exponent; a zero exponent or an identity base gives the identity."""
        return Point(
            bytes(
                rbcl.crypto_scalarmult_ristretto255_allow_scalar_zero(
                    exponent.to_bytes(), self.encoded
                )
            )
        )


def product_of_powers(first: Point, terms: Iterable[tuple[Point, int]]) -> Point:
    """first · Π base^exponent, the exponents plain integers (reduced mod ℓ here).

    The same libsodium calls as `first * base ** Scalar(exponent) * …`, without building a
    Scalar and a Point for every step: the batch verifier's inner loop (batch.py).
    """
    add = rbcl.crypto_core_ristretto255_add
    power = rbcl.crypto_scalarmult_ristretto255_allow_scalar_zero
    product = first.encoded
    for base, exponent in terms:
        product = add(
            product, power((exponent % ORDER).to_bytes(SCALAR_BYTES, "little"), base.encoded)
        )
    return Point(bytes(product))


GENERATOR = Point(bytes.fromhex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"))


@functools.lru_cache(maxsize=256)
def small_power(m: int) -> Point:
    """g^m for a plaintext m ≥ 0 (exponential ElGamal's encoding of m; the level values recur)."""
    return Point.base_power(Scalar(m))
