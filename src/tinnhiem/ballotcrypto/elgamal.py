"""Exponential ElGamal over ristretto255 (docs/crypto.md, section 2).

Enc(m; r) = (g^r, g^m · h^r) with public key h = g^x. Ciphertexts multiply to add plaintexts;
decryption yields g^m, and `dlog` recovers m up to a bound by baby-step giant-step.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from tinnhiem.ballotcrypto.errors import DlogOutOfRange, InvalidEncoding, InvalidKey
from tinnhiem.ballotcrypto.group import GENERATOR, Point, Scalar, small_power

CIPHERTEXT_VERSION = "tinnhiem/ciphertext/1"


def check_public_key(public_key: Point) -> Point:
    """Refuse the identity as a public key: it would make every ciphertext a plaintext."""
    if public_key.is_identity:
        raise InvalidKey(
            "Khóa công khai không được là phần tử đơn vị",
            "The public key must not be the identity",
        )
    return public_key


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A secret x in [1, ℓ) and its public key h = g^x."""

    secret: Scalar
    public: Point

    @classmethod
    def generate(cls) -> KeyPair:
        return cls.from_secret(Scalar.random_nonzero())

    @classmethod
    def from_secret(cls, secret: Scalar) -> KeyPair:
        return cls(secret, check_public_key(Point.base_power(secret)))

    def __repr__(self) -> str:
        return f"KeyPair(public={self.public.to_bytes().hex()})"


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """(alpha, beta) = (g^r, g^m · h^r)."""

    alpha: Point
    beta: Point

    @classmethod
    def zero(cls) -> Ciphertext:
        """Enc(0; 0) = (identity, identity), the neutral element of `+`."""
        return cls(Point.identity(), Point.identity())

    def __add__(self, other: Ciphertext) -> Ciphertext:
        """Homomorphic addition: Enc(m1; r1) + Enc(m2; r2) = Enc(m1 + m2; r1 + r2)."""
        return Ciphertext(self.alpha * other.alpha, self.beta * other.beta)

    def to_dict(self) -> dict[str, str]:
        return {
            "v": CIPHERTEXT_VERSION,
            "alpha": self.alpha.to_bytes().hex(),
            "beta": self.beta.to_bytes().hex(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Ciphertext:
        """Read a serialised ciphertext; refuse another version tag and validate both points."""
        if data.get("v") != CIPHERTEXT_VERSION:
            raise InvalidEncoding(
                f"Phiên bản bản mã không được hỗ trợ: {data.get('v')!r}",
                f"Unsupported ciphertext version: {data.get('v')!r}",
            )
        return cls(point_from_hex(data.get("alpha")), point_from_hex(data.get("beta")))


def point_from_hex(text: object) -> Point:
    """Decode a hex field of a record into a validated point."""
    try:
        raw = bytes.fromhex(text) if isinstance(text, str) else None
    except ValueError:
        raw = None
    if raw is None:
        raise InvalidEncoding("Trường điểm không phải chuỗi hex", "A point field is not hex")
    return Point.from_bytes(raw)


def encrypt(public_key: Point, m: int, nonce: Scalar | None = None) -> Ciphertext:
    """Enc(m; r) = (g^r, g^m · h^r). `nonce` is for reproducible tests; leave it None."""
    if m < 0:
        raise ValueError("m must be a non-negative integer")
    check_public_key(public_key)
    r = Scalar.random() if nonce is None else nonce
    return Ciphertext(Point.base_power(r), small_power(m) * public_key**r)


def add_all(ciphertexts: list[Ciphertext]) -> Ciphertext:
    """The homomorphic sum of ciphertexts (Enc(0; 0) for an empty list)."""
    total = Ciphertext.zero()
    for ciphertext in ciphertexts:
        total = total + ciphertext
    return total


def decrypt_point(secret: Scalar, ciphertext: Ciphertext) -> Point:
    """g^m = beta / alpha^x."""
    return ciphertext.beta / ciphertext.alpha**secret


def dlog(point: Point, bound: int) -> int:
    """The m in [0, bound] with g^m = point, by baby-step giant-step in O(√bound).

    Raises DlogOutOfRange if there is none: a total above the bound (what the counted ballots
    can give) cannot come from honest inputs and must stop the count. The baby-step table is
    kept for the next call with the same step (every person of a tally shares it).
    """
    if bound < 0:
        raise ValueError("bound must be non-negative")
    step = math.isqrt(bound) + 1
    baby = _baby_steps(step)
    giant = Point.base_power(-Scalar(step))
    gamma = point
    for i in range(step + 1):
        found = baby.get(gamma.to_bytes())
        if found is not None and i * step + found <= bound:
            return i * step + found
        gamma = gamma * giant
    raise DlogOutOfRange(
        f"Tổng giải mã vượt quá giới hạn {bound}",
        f"The decrypted total exceeds the bound {bound}",
    )


@functools.lru_cache(maxsize=4)
def _baby_steps(step: int) -> dict[bytes, int]:
    """{encoding of g^j: j} for 0 ≤ j < step."""
    baby: dict[bytes, int] = {}
    current = Point.identity()
    for j in range(step):
        baby.setdefault(current.to_bytes(), j)
        current = current * GENERATOR
    return baby
