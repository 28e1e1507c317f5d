"""Non-interactive zero-knowledge proofs with strong Fiat–Shamir (docs/crypto.md, section 4).

Every challenge hashes the whole statement: the group name, the generator, the public key,
every ciphertext involved, every commitment and the context. A verifier returns False (never
raises) for a proof that does not hold, including one whose points were valid but forged.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinnhiem.ballotcrypto.elgamal import (
    Ciphertext,
    KeyPair,
    add_all,
    check_public_key,
    encrypt,
)
from tinnhiem.ballotcrypto.errors import InvalidChoice
from tinnhiem.ballotcrypto.group import GENERATOR, GROUP_NAME, Point, Scalar, small_power
from tinnhiem.ballotcrypto.hashing import (
    TAG_CHAUM_PEDERSEN,
    TAG_DISJUNCTIVE,
    TAG_ONE_LEVEL,
    Context,
    hash_to_scalar,
)

g = GENERATOR


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
        cls, keypair: KeyPair, ciphertext: Ciphertext, context: Context
    ) -> tuple[Point, ChaumPedersenProof]:
        """The share M = alpha^x and the proof that it is correct."""
        share = ciphertext.alpha**keypair.secret
        w = Scalar.random()
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


@dataclass(frozen=True, slots=True)
class DisjunctiveProof:
    """CDS proof that a ciphertext (alpha, beta) encrypts 0 or 1 under h.

    Branch j claims alpha = g^r and beta / g^j = h^r. Hashed: "ristretto255", g, h, alpha, beta,
    a0, b0, a1, b1 and the context; the verifier checks c0 + c1 equals that hash.
    """

    a0: Point
    b0: Point
    a1: Point
    b1: Point
    c0: Scalar
    c1: Scalar
    z0: Scalar
    z1: Scalar

    @staticmethod
    def _challenge(
        public_key: Point, ciphertext: Ciphertext, commitments: tuple[Point, ...], ctx: Context
    ) -> Scalar:
        return hash_to_scalar(
            TAG_DISJUNCTIVE,
            GROUP_NAME,
            g,
            public_key,
            ciphertext.alpha,
            ciphertext.beta,
            *commitments,
            ctx.encode(),
        )

    @classmethod
    def prove(
        cls, public_key: Point, ciphertext: Ciphertext, m: int, nonce: Scalar, context: Context
    ) -> DisjunctiveProof:
        """Prove that `ciphertext` = Enc(m; nonce) with m in {0, 1} (the real branch is m)."""
        if m not in (0, 1):
            raise InvalidChoice(
                "Chứng minh 0/1 chỉ áp dụng cho 0 hoặc 1", "A 0/1 proof covers only 0 or 1"
            )
        check_public_key(public_key)
        other = 1 - m
        c_sim, z_sim = Scalar.random(), Scalar.random()
        beta_other = ciphertext.beta / small_power(other)
        sim_a = Point.base_power(z_sim) / ciphertext.alpha**c_sim
        sim_b = public_key**z_sim / beta_other**c_sim
        w = Scalar.random()
        real_a, real_b = Point.base_power(w), public_key**w
        pairs = {m: (real_a, real_b), other: (sim_a, sim_b)}
        commitments = (*pairs[0], *pairs[1])
        c = cls._challenge(public_key, ciphertext, commitments, context)
        c_real = c - c_sim
        z_real = w + c_real * nonce
        cs = {m: c_real, other: c_sim}
        zs = {m: z_real, other: z_sim}
        return cls(*commitments, cs[0], cs[1], zs[0], zs[1])

    def verify(self, public_key: Point, ciphertext: Ciphertext, context: Context) -> bool:
        """Accept iff c0 + c1 = H(statement) and g^zj = aj · alpha^cj, h^zj = bj · (beta/g^j)^cj."""
        if public_key.is_identity:
            return False
        commitments = (self.a0, self.b0, self.a1, self.b1)
        c = self._challenge(public_key, ciphertext, commitments, context)
        if self.c0 + self.c1 != c:
            return False
        branches = (
            (0, self.a0, self.b0, self.c0, self.z0),
            (1, self.a1, self.b1, self.c1, self.z1),
        )
        for j, a, b, cj, zj in branches:
            beta_j = ciphertext.beta / small_power(j)
            if Point.base_power(zj) != a * ciphertext.alpha**cj:
                return False
            if public_key**zj != b * beta_j**cj:
                return False
        return True


@dataclass(frozen=True, slots=True)
class OneLevelProof:
    """Proof that the product of a person's level ciphertexts encrypts exactly 1.

    With A = Π alpha_i = g^R and B = Π beta_i, proves B / g = h^R. Hashed: "ristretto255", g, h,
    the number of levels, every (alpha_i, beta_i) in order, a = g^w, b = h^w and the context.
    """

    a: Point
    b: Point
    z: Scalar

    @staticmethod
    def _challenge(
        public_key: Point, ciphertexts: list[Ciphertext], a: Point, b: Point, ctx: Context
    ) -> Scalar:
        each = [point for ct in ciphertexts for point in (ct.alpha, ct.beta)]
        return hash_to_scalar(
            TAG_ONE_LEVEL, GROUP_NAME, g, public_key, len(ciphertexts), *each, a, b, ctx.encode()
        )

    @classmethod
    def prove(
        cls, public_key: Point, ciphertexts: list[Ciphertext], nonce_sum: Scalar, context: Context
    ) -> OneLevelProof:
        """Prove the product of `ciphertexts` is Enc(1; nonce_sum)."""
        w = Scalar.random()
        a, b = Point.base_power(w), public_key**w
        c = cls._challenge(public_key, ciphertexts, a, b, context)
        return cls(a, b, w + c * nonce_sum)

    def verify(self, public_key: Point, ciphertexts: list[Ciphertext], context: Context) -> bool:
        """Accept iff g^z = a · A^c and h^z = b · (B/g)^c for the product (A, B)."""
        if public_key.is_identity or not ciphertexts:
            return False
        total = add_all(ciphertexts)
        c = self._challenge(public_key, ciphertexts, self.a, self.b, context)
        return Point.base_power(self.z) == self.a * total.alpha**c and (
            public_key**self.z == self.b * (total.beta / g) ** c
        )


def encrypt_choice(
    public_key: Point, level_index: int, levels: int, context: Context
) -> tuple[list[Ciphertext], list[DisjunctiveProof], OneLevelProof]:
    """Encrypt one person's mark: a 1 at `level_index` and 0 elsewhere among `levels` levels.

    Returns the ciphertexts, a 0/1 proof for each, and the proof that exactly one is 1. The
    context must name the session, the record version and the person.
    """
    if levels < 1 or not 0 <= level_index < levels:
        raise InvalidChoice(
            f"Mức {level_index} không nằm trong {levels} mức",
            f"Level {level_index} is not one of {levels} levels",
        )
    check_public_key(public_key)
    nonces = [Scalar.random() for _ in range(levels)]
    marks = [int(i == level_index) for i in range(levels)]
    ciphertexts = [encrypt(public_key, m, r) for m, r in zip(marks, nonces, strict=True)]
    proofs = [
        DisjunctiveProof.prove(public_key, ct, m, r, context)
        for ct, m, r in zip(ciphertexts, marks, nonces, strict=True)
    ]
    nonce_sum = Scalar(sum(r.value for r in nonces))
    return ciphertexts, proofs, OneLevelProof.prove(public_key, ciphertexts, nonce_sum, context)


def verify_choice(
    public_key: Point,
    ciphertexts: list[Ciphertext],
    proofs: list[DisjunctiveProof],
    sum_proof: OneLevelProof,
    context: Context,
) -> bool:
    """Accept iff every ciphertext has a valid 0/1 proof and their product encrypts 1."""
    if not ciphertexts or len(proofs) != len(ciphertexts):
        return False
    if not all(
        p.verify(public_key, ct, context) for p, ct in zip(proofs, ciphertexts, strict=True)
    ):
        return False
    return sum_proof.verify(public_key, ciphertexts, context)
