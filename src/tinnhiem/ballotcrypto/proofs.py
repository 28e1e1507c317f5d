"""Non-interactive zero-knowledge proofs with strong Fiat–Shamir (docs/crypto.md, section 4).

Every challenge hashes the whole statement: the group name, the generator, the public key,
every ciphertext involved, every commitment and the context. A verifier returns False (never
raises) for a proof that does not hold, including one whose points were valid but forged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tinnhiem.ballotcrypto.elgamal import (
    Ciphertext,
    KeyPair,
    check_public_key,
    encrypt,
)
from tinnhiem.ballotcrypto.errors import InvalidChoice
from tinnhiem.ballotcrypto.group import GENERATOR, GROUP_NAME, Point, Scalar, small_power
from tinnhiem.ballotcrypto.hashing import (
    TAG_CHAUM_PEDERSEN,
    TAG_ONE_OF,
    Context,
    hash_to_scalar,
)

g = GENERATOR

Rng = Callable[[], Scalar]
"""A source of scalars: `Scalar.random` in use, `hashing.seeded_rng` for test vectors and demos."""


@dataclass(frozen=True, slots=True)
class ChaumPedersenProof:
    """Proof that a decryption share M = alpha^x uses the x of the public key h = g^x.

    Proves log_g h = log_alpha M. Hashed: "ristretto255", g, h, alpha, beta, M, the
    commitments a = g^w and b = alpha^w, and the context.
    """

    a: Point
    b: Point
    z: Scalar

    @staticmethod
    def _challenge(
        public_key: Point, ciphertext: Ciphertext, share: Point, a: Point, b: Point, ctx: Context
    ) -> Scalar:
        return hash_to_scalar(
            TAG_CHAUM_PEDERSEN,
            GROUP_NAME,
            g,
            public_key,
            ciphertext.alpha,
            ciphertext.beta,
            share,
            a,
            b,
            ctx.encode(),
        )

    @classmethod
    def prove(
        cls,
        keypair: KeyPair,
        ciphertext: Ciphertext,
        context: Context,
        rng: Rng = Scalar.random,
    ) -> tuple[Point, ChaumPedersenProof]:
        """The share M = alpha^x and the proof that it is correct (draws w)."""
        share = ciphertext.alpha**keypair.secret
        w = rng()
        a, b = Point.base_power(w), ciphertext.alpha**w
        c = cls._challenge(keypair.public, ciphertext, share, a, b, context)
        return share, cls(a, b, w + c * keypair.secret)

    def verify(
        self, public_key: Point, ciphertext: Ciphertext, share: Point, context: Context
    ) -> bool:
        """Accept iff g^z = a · h^c and alpha^z = b · M^c for c recomputed from the statement."""
        if public_key.is_identity:
            return False
        c = self._challenge(public_key, ciphertext, share, self.a, self.b, context)
        return Point.base_power(self.z) == self.a * public_key**c and (
            ciphertext.alpha**self.z == self.b * share**c
        )


def level_values(levels: int, max_ballots: int) -> tuple[int, ...]:
    """The plaintext of each level (section 4.3): M^l for l < L − 1 and 0 for the last level.

    M = max_ballots + 1, so the per-person total of up to max_ballots ballots holds each count
    as one base-M digit. For three levels: (1, M, 0).
    """
    if levels < 2:
        raise InvalidChoice("Cần ít nhất hai mức", "At least two levels are needed")
    if max_ballots < 1:
        raise InvalidChoice("Số phiếu tối đa phải dương", "The most ballots must be positive")
    base = max_ballots + 1
    return (*(base**level for level in range(levels - 1)), 0)


@dataclass(frozen=True, slots=True)
class OneOfProof:
    """CDS proof that a ciphertext (alpha, beta) encrypts one of k public values v_0 … v_{k-1}.

    Branch j claims alpha = g^r and beta / g^{v_j} = h^r. Hashed: "ristretto255", g, h, k, every
    v_j, alpha, beta, every (a_j, b_j) and the context; the verifier checks Σ c_j equals it.
    """

    a: tuple[Point, ...]
    b: tuple[Point, ...]
    c: tuple[Scalar, ...]
    z: tuple[Scalar, ...]

    @staticmethod
    def _challenge(
        public_key: Point,
        ciphertext: Ciphertext,
        values: tuple[int, ...],
        a: tuple[Point, ...],
        b: tuple[Point, ...],
        ctx: Context,
    ) -> Scalar:
        commitments = [point for pair in zip(a, b, strict=True) for point in pair]
        return hash_to_scalar(
            TAG_ONE_OF,
            GROUP_NAME,
            g,
            public_key,
            len(values),
            *values,
            ciphertext.alpha,
            ciphertext.beta,
            *commitments,
            ctx.encode(),
        )

    @classmethod
    def prove(
        cls,
        public_key: Point,
        ciphertext: Ciphertext,
        values: tuple[int, ...],
        index: int,
        nonce: Scalar,
        context: Context,
        rng: Rng = Scalar.random,
    ) -> OneOfProof:
        """Prove `ciphertext` = Enc(values[index]; nonce).

        Draws, in this order: c_j then z_j for every simulated branch j ≠ index ascending, then
        the real branch's w.
        """
        _check_values(values)
        if not 0 <= index < len(values):
            raise InvalidChoice(
                f"Nhánh {index} không nằm trong {len(values)} giá trị",
                f"Branch {index} is not one of {len(values)} values",
            )
        check_public_key(public_key)
        k = len(values)
        a: list[Point] = [Point.identity()] * k
        b: list[Point] = [Point.identity()] * k
        cs: list[Scalar] = [Scalar(0)] * k
        zs: list[Scalar] = [Scalar(0)] * k
        for j in range(k):
            if j == index:
                continue
            cs[j], zs[j] = rng(), rng()
            a[j] = Point.base_power(zs[j]) / ciphertext.alpha ** cs[j]
            b[j] = public_key ** zs[j] / (ciphertext.beta / small_power(values[j])) ** cs[j]
        w = rng()
        a[index], b[index] = Point.base_power(w), public_key**w
        c = cls._challenge(public_key, ciphertext, values, tuple(a), tuple(b), context)
        simulated = Scalar(sum(cj.value for j, cj in enumerate(cs) if j != index))
        cs[index] = c - simulated
        zs[index] = w + cs[index] * nonce
        return cls(tuple(a), tuple(b), tuple(cs), tuple(zs))

    def verify(
        self, public_key: Point, ciphertext: Ciphertext, values: tuple[int, ...], context: Context
    ) -> bool:
        """Accept iff Σ c_j = H(statement), g^z_j = a_j · alpha^c_j, h^z_j = b_j · beta_j^c_j."""
        k = len(values)
        if public_key.is_identity or k < 2 or len(set(values)) != k:
            return False
        if not len(self.a) == len(self.b) == len(self.c) == len(self.z) == k:
            return False
        c = self._challenge(public_key, ciphertext, values, self.a, self.b, context)
        if Scalar(sum(cj.value for cj in self.c)) != c:
            return False
        for value, a, b, cj, zj in zip(values, self.a, self.b, self.c, self.z, strict=True):
            if Point.base_power(zj) != a * ciphertext.alpha**cj:
                return False
            if public_key**zj != b * (ciphertext.beta / small_power(value)) ** cj:
                return False
        return True


def _check_values(values: tuple[int, ...]) -> None:
    if len(values) < 2 or len(set(values)) != len(values) or min(values) < 0:
        raise InvalidChoice(
            "Các giá trị phải khác nhau, không âm, ít nhất hai",
            "The values must be distinct, non-negative and at least two",
        )
    if max(values) >= 2**64:
        raise InvalidChoice("Giá trị vượt quá 2^64", "A value exceeds 2^64")


def encrypt_mark(
    public_key: Point,
    level_index: int,
    values: tuple[int, ...],
    context: Context,
    rng: Rng = Scalar.random,
) -> tuple[Ciphertext, OneOfProof, Scalar]:
    """One person's mark (section 4.3): Enc(values[level_index]; r), its proof, and r.

    r is the opening of a challenged ballot; a cast ballot's r is forgotten. Draws r first, then
    the proof's draws. The context must name the session, the record version and the person.
    """
    _check_values(values)
    if not 0 <= level_index < len(values):
        raise InvalidChoice(
            f"Mức {level_index} không nằm trong {len(values)} mức",
            f"Level {level_index} is not one of {len(values)} levels",
        )
    nonce = rng()
    ciphertext = encrypt(public_key, values[level_index], nonce)
    proof = OneOfProof.prove(public_key, ciphertext, values, level_index, nonce, context, rng)
    return ciphertext, proof, nonce


def verify_mark(
    public_key: Point,
    ciphertext: Ciphertext,
    proof: OneOfProof,
    values: tuple[int, ...],
    context: Context,
) -> bool:
    """Accept iff the proof shows `ciphertext` encrypts one of `values` under `context`."""
    return proof.verify(public_key, ciphertext, values, context)
