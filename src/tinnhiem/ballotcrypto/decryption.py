"""Threshold decryption: partial decryptions, their proofs, Lagrange combination (section 7).

Trustee i publishes D_i = A^{x_i} with a Chaum–Pedersen proof against its verification key
h_i; any t verified shares combine to A^x = Π D_i^{λ_i}, and g^m = B / A^x.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tinnhiem.ballotcrypto.elgamal import Ciphertext, dlog
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.group import ORDER, Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import ChaumPedersenProof, Rng
from tinnhiem.ballotcrypto.trustees import TrusteeKey


class InvalidDecryptionShare(CryptoError):
    """A partial decryption whose proof fails (or a trustee index that is not allowed)."""

    def __init__(self, trustee: int, message_vi: str, message_en: str) -> None:
        self.trustee = trustee
        super().__init__(message_vi, message_en)


class NotEnoughShares(CryptoError):
    """Fewer than t distinct trustees' shares: the total cannot be decrypted."""


@dataclass(frozen=True, slots=True)
class DecryptionShare:
    """Trustee `trustee`'s D = A^{x_i} for one ciphertext and its Chaum–Pedersen proof."""

    trustee: int
    share: Point
    proof: ChaumPedersenProof


def share_context(base: Context, trustee: int) -> Context:
    """The context of trustee i's shares: the base session and version, label trustee:<i>/tally."""
    return Context(base.session, base.record_version, f"trustee:{trustee}/tally")


def partial_decrypt(
    key: TrusteeKey, ciphertext: Ciphertext, context: Context, rng: Rng = Scalar.random
) -> DecryptionShare:
    """D_i = A^{x_i} with its proof under `share_context(context, i)`."""
    share, proof = ChaumPedersenProof.prove(
        key.keypair, ciphertext, share_context(context, key.index), rng
    )
    return DecryptionShare(key.index, share, proof)


def verify_partial(
    share: DecryptionShare, verification_key: Point, ciphertext: Ciphertext, context: Context
) -> bool:
    """The proof holds for (h_i, (A, B), D_i) under trustee i's context."""
    return share.proof.verify(
        verification_key, ciphertext, share.share, share_context(context, share.trustee)
    )


def lagrange_coefficient(index: int, indices: list[int]) -> Scalar:
    """λ_{i,S} = Π_{j ∈ S, j ≠ i} j / (j − i) mod ℓ (interpolation at 0)."""
    if index not in indices or len(set(indices)) != len(indices) or min(indices) < 1:
        raise ValueError("indices must be distinct, positive and contain index")
    numerator, denominator = 1, 1
    for j in indices:
        if j != index:
            numerator = numerator * j % ORDER
            denominator = denominator * (j - index) % ORDER
    return Scalar(numerator * pow(denominator, -1, ORDER))


def combine(shares: Mapping[int, Point]) -> Point:
    """Π_{i ∈ S} D_i^{λ_{i,S}} over the given indices (no verification, no threshold check).

    Equals A^x only if S holds at least t valid shares; callers use `decrypt_with_shares`.
    """
    indices = sorted(shares)
    result = Point.identity()
    for i in indices:
        result = result * shares[i] ** lagrange_coefficient(i, indices)
    return result


def combine_verified(
    ciphertext: Ciphertext,
    shares: list[DecryptionShare],
    verification_keys: Mapping[int, Point],
    threshold: int,
    context: Context,
) -> Point:
    """g^m = B / Π D_i^{λ_i}, after verifying every share against h_i.

    `verification_keys` maps each trustee index 1 … n to h_i (section 6.3). Raises
    InvalidDecryptionShare naming the first trustee whose share is unknown, duplicated or
    unproven, and NotEnoughShares for fewer than `threshold` shares.
    """
    accepted: dict[int, Point] = {}
    for share in shares:
        key = verification_keys.get(share.trustee)
        if key is None or share.trustee in accepted:
            raise InvalidDecryptionShare(
                share.trustee,
                f"Phần giải mã của thành viên {share.trustee} không được chấp nhận (lạ hoặc trùng)",
                f"The decryption share of trustee {share.trustee} is unknown or duplicated",
            )
        if not verify_partial(share, key, ciphertext, context):
            raise InvalidDecryptionShare(
                share.trustee,
                f"Chứng minh giải mã của thành viên {share.trustee} không hợp lệ",
                f"The decryption proof of trustee {share.trustee} does not verify",
            )
        accepted[share.trustee] = share.share
    if len(accepted) < threshold:
        raise NotEnoughShares(
            f"Cần {threshold} phần giải mã, chỉ có {len(accepted)}",
            f"{threshold} decryption shares are needed, only {len(accepted)} given",
        )
    return ciphertext.beta / combine(accepted)


def decrypt_with_shares(
    ciphertext: Ciphertext,
    shares: list[DecryptionShare],
    verification_keys: Mapping[int, Point],
    threshold: int,
    bound: int,
    context: Context,
) -> int:
    """m in [0, bound] from at least `threshold` verified shares (DlogOutOfRange past bound)."""
    return dlog(combine_verified(ciphertext, shares, verification_keys, threshold, context), bound)
