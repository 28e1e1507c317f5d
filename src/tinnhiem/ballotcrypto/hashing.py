"""Hash to a scalar with domain separation (docs/crypto.md, section 3).

H_T(x1, …, xn) = scalar_reduce(SHA-512(LP(T) ‖ LP(x1) ‖ … ‖ LP(xn))), LP(b) = u64be(len b) ‖ b.
The 64-byte digest is reduced mod ℓ by libsodium, so the challenge is (almost) uniform.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import rbcl

from tinnhiem.ballotcrypto.group import Point, Scalar

TAG_CHAUM_PEDERSEN = "tinnhiem/ballotcrypto/v1/chaum-pedersen"
TAG_ONE_OF = "tinnhiem/ballotcrypto/v2/one-of"
_TAG_CONTEXT = "tinnhiem/ballotcrypto/context"
TAG_SEEDED_RNG = "tinnhiem/ballotcrypto/v1/seeded-rng"

Hashable = bytes | str | int | Point | Scalar


def length_prefixed(data: bytes) -> bytes:
    """u64 big-endian length ‖ data: makes a concatenation of inputs injective."""
    return len(data).to_bytes(8, "big") + data


def _encode(item: Hashable) -> bytes:
    if isinstance(item, Point | Scalar):
        return item.to_bytes()
    if isinstance(item, str):
        return item.encode("utf-8")
    if isinstance(item, int):
        return item.to_bytes(8, "big")
    return item


def hash_to_scalar(tag: str, *items: Hashable) -> Scalar:
    """H_tag(items): SHA-512 of the tag and each item length-prefixed, reduced mod ℓ.

    Points and scalars are hashed in their 32-byte encodings, strings in UTF-8, integers as
    u64 big-endian, bytes as they are.
    """
    digest = hashlib.sha512()
    digest.update(length_prefixed(tag.encode("ascii")))
    for item in items:
        digest.update(length_prefixed(_encode(item)))
    reduced = bytes(rbcl.crypto_core_ristretto255_scalar_reduce(digest.digest()))
    return Scalar.from_bytes(reduced)


@dataclass(frozen=True, slots=True)
class Context:
    """What a proof is bound to: the session, the election record version, the item proved.

    `label` names the item (for a ballot the person, e.g. "person:17"; for a decryption share
    the trustee and "tally"). A proof made under one context never verifies under another.
    """

    session: str
    record_version: str
    label: str = ""

    def encode(self) -> bytes:
        return b"".join(
            length_prefixed(part.encode("utf-8"))
            for part in (_TAG_CONTEXT, self.session, self.record_version, self.label)
        )


def seeded_rng(seed: bytes) -> Callable[[], Scalar]:
    """A deterministic source of scalars: the i-th draw (from 0) is H_tag(seed, i).

    Only for shared test vectors and `tinnhiem evote-simulate --seed`: its output is predictable by
    anyone who knows the seed, so a real ballot or key must never use it.
    """
    counter = 0

    def draw() -> Scalar:
        nonlocal counter
        value = hash_to_scalar(TAG_SEEDED_RNG, seed, counter)
        counter += 1
        return value

    return draw
