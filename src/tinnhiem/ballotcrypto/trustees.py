"""t-of-n key ceremony by Feldman verifiable secret sharing (docs/crypto.md, section 6).

Each trustee i deals a random polynomial f_i of degree t-1, publishes C_ik = g^{a_ik} with a
Schnorr proof of knowledge of a_i0, and sends s_ij = f_i(j) to trustee j. The joint key is
Π C_i0, trustee j's secret share is Σ_i s_ij and its verification key is computable from the
commitments. Pure functions: carrying the shares confidentially is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tinnhiem.ballotcrypto.elgamal import KeyPair, check_public_key
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.group import GENERATOR, GROUP_NAME, ORDER, Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context, hash_to_scalar

TAG_KEY_CEREMONY = "tinnhiem/ballotcrypto/v1/key-ceremony"
CEREMONY_LABEL = "key-ceremony"


class InvalidCeremony(CryptoError):
    """A dealer's commitments, proof or share do not verify; `trustee` names the dealer."""

    def __init__(self, trustee: int, message_vi: str, message_en: str) -> None:
        self.trustee = trustee
        super().__init__(message_vi, message_en)


@dataclass(frozen=True, slots=True)
class CeremonyParams:
    """n trustees numbered 1 … n, any `threshold` of whom can decrypt."""

    trustees: int
    threshold: int

    def __post_init__(self) -> None:
        if not 1 <= self.threshold <= self.trustees:
            raise ValueError("need 1 <= threshold <= trustees")

    def check_index(self, index: int) -> None:
        if not 1 <= index <= self.trustees:
            raise ValueError(f"trustee index {index} is not in 1..{self.trustees}")


@dataclass(frozen=True, slots=True)
class SchnorrProof:
    """Proof of knowledge of log_g C: commitment R = g^w and response z = w + c·log_g C."""

    r: Point
    z: Scalar


@dataclass(frozen=True, slots=True)
class DealerCommitment:
    """What trustee `index` publishes: C_k = g^{a_k} for k = 0 … t-1 and the proof for a_0."""

    index: int
    coefficients: tuple[Point, ...]
    proof: SchnorrProof


@dataclass(frozen=True, slots=True)
class DealerPolynomial:
    """Trustee `index`'s secret polynomial f(X) = Σ a_k X^k (never published)."""

    index: int
    coefficients: tuple[Scalar, ...] = field(repr=False)

    def share_for(self, recipient: int) -> Scalar:
        """s = f(recipient) mod ℓ, the share to carry confidentially to trustee `recipient`."""
        if recipient < 1:
            raise ValueError("trustee indices start at 1")
        value = 0
        for coefficient in reversed(self.coefficients):
            value = value * recipient + coefficient.value
        return Scalar(value)


@dataclass(frozen=True, slots=True)
class TrusteeKey:
    """Trustee `index`'s secret share x_j = Σ_i s_ij and verification key h_j = g^{x_j}."""

    index: int
    keypair: KeyPair

    @property
    def verification_key(self) -> Point:
        return self.keypair.public


def _challenge(
    params: CeremonyParams, index: int, coefficients: tuple[Point, ...], r: Point, ctx: Context
) -> Scalar:
    return hash_to_scalar(
        TAG_KEY_CEREMONY,
        GROUP_NAME,
        GENERATOR,
        params.trustees,
        params.threshold,
        index,
        *coefficients,
        r,
        ctx.encode(),
    )


def deal(
    index: int, params: CeremonyParams, context: Context, rng: Callable[[], Scalar] = Scalar.random
) -> tuple[DealerPolynomial, DealerCommitment]:
    """Trustee `index` draws its polynomial and the commitment record it publishes.

    Draws a_0 (again while zero), a_1 … a_{t-1}, then the proof's w.
    """
    params.check_index(index)
    a0 = rng()
    while not a0.value:
        a0 = rng()
    secrets = (a0, *(rng() for _ in range(params.threshold - 1)))
    commitments = tuple(Point.base_power(a) for a in secrets)
    w = rng()
    r = Point.base_power(w)
    c = _challenge(params, index, commitments, r, context)
    proof = SchnorrProof(r, w + c * secrets[0])
    return DealerPolynomial(index, secrets), DealerCommitment(index, commitments, proof)


def verify_commitment(
    commitment: DealerCommitment, params: CeremonyParams, context: Context
) -> bool:
    """Accept iff the index is in range, there are t commitments, C_0 ≠ 1 and g^z = R · C_0^c."""
    if not 1 <= commitment.index <= params.trustees:
        return False
    if len(commitment.coefficients) != params.threshold or commitment.coefficients[0].is_identity:
        return False
    proof = commitment.proof
    c = _challenge(params, commitment.index, commitment.coefficients, proof.r, context)
    return Point.base_power(proof.z) == proof.r * commitment.coefficients[0] ** c


def _evaluate_in_exponent(coefficients: tuple[Point, ...], at: int) -> Point:
    """Π_k C_k^{(at^k mod ℓ)}."""
    result = Point.identity()
    for k, point in enumerate(coefficients):
        result = result * point ** Scalar(pow(at, k, ORDER))
    return result


def verify_share(commitment: DealerCommitment, recipient: int, share: Scalar) -> bool:
    """Trustee `recipient` checks g^{s} = Π_k C_k^{recipient^k}."""
    return Point.base_power(share) == _evaluate_in_exponent(commitment.coefficients, recipient)


def _checked(
    commitments: list[DealerCommitment], params: CeremonyParams, context: Context
) -> dict[int, DealerCommitment]:
    """The commitments by dealer; all n dealers present once each, every record verified."""
    by_index: dict[int, DealerCommitment] = {}
    for commitment in commitments:
        if commitment.index in by_index:
            raise InvalidCeremony(
                commitment.index,
                f"Thành viên {commitment.index} công bố cam kết hai lần",
                f"Trustee {commitment.index} published commitments twice",
            )
        if not verify_commitment(commitment, params, context):
            raise InvalidCeremony(
                commitment.index,
                f"Cam kết của thành viên {commitment.index} không hợp lệ",
                f"The commitments of trustee {commitment.index} do not verify",
            )
        by_index[commitment.index] = commitment
    missing = sorted(set(range(1, params.trustees + 1)) - set(by_index))
    if missing:
        raise InvalidCeremony(
            missing[0],
            f"Thiếu cam kết của thành viên {missing[0]}",
            f"The commitments of trustee {missing[0]} are missing",
        )
    return by_index


def joint_public_key(
    commitments: list[DealerCommitment], params: CeremonyParams, context: Context
) -> Point:
    """h = Π_i C_{i,0}, after verifying every dealer's record; the identity is refused."""
    key = Point.identity()
    for commitment in _checked(commitments, params, context).values():
        key = key * commitment.coefficients[0]
    return check_public_key(key)


def verification_key(
    index: int, commitments: list[DealerCommitment], params: CeremonyParams, context: Context
) -> Point:
    """h_j = Π_k E_k^{(j^k)} with E_k = Π_i C_{i,k}: g^{x_j}, computable by anyone."""
    params.check_index(index)
    checked = _checked(commitments, params, context)
    aggregate = [Point.identity()] * params.threshold
    for commitment in checked.values():
        aggregate = [e * c for e, c in zip(aggregate, commitment.coefficients, strict=True)]
    return _evaluate_in_exponent(tuple(aggregate), index)


def combine_received_shares(
    index: int,
    received: dict[int, Scalar],
    commitments: list[DealerCommitment],
    params: CeremonyParams,
    context: Context,
) -> TrusteeKey:
    """Trustee `index` verifies s_{i,index} from every dealer i and sums them into x_index.

    Raises InvalidCeremony naming the first dealer whose share is missing or does not verify.
    """
    params.check_index(index)
    checked = _checked(commitments, params, context)
    total = Scalar(0)
    for dealer in sorted(checked):
        share = received.get(dealer)
        if share is None or not verify_share(checked[dealer], index, share):
            raise InvalidCeremony(
                dealer,
                f"Phần chia từ thành viên {dealer} thiếu hoặc không khớp cam kết",
                f"The share from trustee {dealer} is missing or does not match its commitments",
            )
        total = total + share
    if set(received) - set(checked):
        raise ValueError("shares received from unknown dealers")
    key = TrusteeKey(index, KeyPair.from_secret(total))
    if key.verification_key != verification_key(index, commitments, params, context):
        raise InvalidCeremony(
            index,
            f"Khóa kiểm tra của thành viên {index} không khớp",
            f"The verification key of trustee {index} does not match",
        )
    return key
