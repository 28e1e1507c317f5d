"""Batch verification of many one-of proofs (4.2) under one public key and one list of values.

A one-of proof over k values holds iff Σ c_j = H(statement) and, for every branch j,

    E_j = a_j · α^{c_j} / g^{z_j} = 1        and        F_j = b_j · β_j^{c_j} / h^{z_j} = 1.

Instead of checking the 2k equations one by one (k base and 3k variable-base multiplications),
the verifier draws fresh random 128-bit multipliers after reading the proof and checks

    g-side, per mark:      E_0 · Π_{j ≥ 1} E_j^{ρ_j} = 1
    h-side, per batch:     Π_{marks} Π_j F_j^{σ_j} = 1

which costs, per mark, one base and k variable-base multiplications for the g-side and k + 1
variable-base multiplications for the h-side (h and g are raised once per batch). If any
equation fails, a product passes only with probability about 2^-128 (the group has prime order
ℓ > 2^128). The multipliers come from the operating system (`secrets`); they are never derived
from the proof, which the prover controls. The outcome is the same as `OneOfProof.verify` for
every mark, except with that negligible probability; a caller that needs to name the failing
mark re-checks the marks of a failed batch one by one with `verify_mark`.
"""

from __future__ import annotations

import hashlib
import operator
import secrets
from collections.abc import Iterable

from tinnhiem.ballotcrypto.elgamal import Ciphertext
from tinnhiem.ballotcrypto.group import (
    GENERATOR,
    GROUP_NAME,
    ORDER,
    Point,
    Scalar,
    product_of_powers,
)
from tinnhiem.ballotcrypto.hashing import TAG_ONE_OF, Context, length_prefixed
from tinnhiem.ballotcrypto.proofs import OneOfProof

_MULTIPLIER_BYTES = 16  # 128-bit multipliers
_LP32 = (32).to_bytes(8, "big")  # the length prefix of a 32-byte point


def _dot(xs: Iterable[int], ys: Iterable[int]) -> int:
    return sum(map(operator.mul, xs, ys))


class MarkBatch:
    """Collects marks (ciphertext, one-of proof, context); `holds()` says whether all verify.

    `add` checks a mark's challenge and g-side at once and returns False if they fail; the
    h-side of every mark added is checked by `holds()`.
    """

    def __init__(self, public_key: Point, values: tuple[int, ...]) -> None:
        self._public_key = public_key
        self._values = values
        self._usable = (
            not public_key.is_identity
            and len(values) >= 2
            and len(set(values)) == len(values)
            and all(0 <= v < 2**64 for v in values)
        )
        prefix = hashlib.sha512()
        for item in (
            TAG_ONE_OF.encode("ascii"),
            GROUP_NAME,
            GENERATOR.to_bytes(),
            public_key.to_bytes(),
            len(values).to_bytes(8, "big"),
            *(v.to_bytes(8, "big") for v in values if self._usable),
        ):
            prefix.update(length_prefixed(item))
        self._prefix = prefix
        self._contexts: dict[Context, bytes] = {}
        self._h_exponent = 0
        self._g_exponent = 0
        self._accumulated = Point.identity()
        self._failed = not self._usable

    def _context_bytes(self, context: Context) -> bytes:
        encoded = self._contexts.get(context)
        if encoded is None:
            encoded = self._contexts[context] = length_prefixed(context.encode())
        return encoded

    def _challenge(self, ciphertext: Ciphertext, proof: OneOfProof, context: Context) -> int:
        """c of 4.2, hashed from a copy of the prefix (tag, group, g, h, k, values) kept once."""
        parts = [_LP32, ciphertext.alpha.to_bytes(), _LP32, ciphertext.beta.to_bytes()]
        for a, b in zip(proof.a, proof.b, strict=True):
            parts += (_LP32, a.to_bytes(), _LP32, b.to_bytes())
        parts.append(self._context_bytes(context))
        digest = self._prefix.copy()
        digest.update(b"".join(parts))
        return int.from_bytes(digest.digest(), "little") % ORDER

    def add(self, ciphertext: Ciphertext, proof: OneOfProof, context: Context) -> bool:
        """Check the challenge sum and the g-side of one mark now; defer its h-side."""
        k = len(self._values)
        if self._failed or not len(proof.a) == len(proof.b) == len(proof.c) == len(proof.z) == k:
            self._failed = True
            return False
        cs = [c.value for c in proof.c]
        zs = [z.value for z in proof.z]
        if sum(cs) % ORDER != self._challenge(ciphertext, proof, context):
            self._failed = True
            return False
        drawn = secrets.token_bytes(_MULTIPLIER_BYTES * (2 * k - 1))
        multipliers = [
            int.from_bytes(drawn[i : i + _MULTIPLIER_BYTES], "little")
            for i in range(0, len(drawn), _MULTIPLIER_BYTES)
        ]
        rho, sigma = [1, *multipliers[: k - 1]], multipliers[k - 1 :]
        g_side = product_of_powers(
            proof.a[0], ((ciphertext.alpha, _dot(rho, cs)), *zip(proof.a[1:], rho[1:], strict=True))
        )
        if g_side != Point.base_power(Scalar(_dot(rho, zs))):
            self._failed = True
            return False
        self._h_exponent += _dot(sigma, zs)
        self._g_exponent += _dot(sigma, map(operator.mul, cs, self._values))
        self._accumulated = product_of_powers(
            self._accumulated,
            ((ciphertext.beta, _dot(sigma, cs)), *zip(proof.b, sigma, strict=True)),
        )
        return True

    def holds(self) -> bool:
        """True iff every mark added verifies (h^{Σσz} · g^{Σσcv} = Π b^σ · β^{Σσc})."""
        if self._failed:
            return False
        expected = self._public_key ** Scalar(self._h_exponent) * Point.base_power(
            Scalar(self._g_exponent)
        )
        return expected == self._accumulated
