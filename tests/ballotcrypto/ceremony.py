"""A complete honest key ceremony, shared by the threshold tests."""

from __future__ import annotations

from dataclasses import dataclass

from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.trustees import (
    CEREMONY_LABEL,
    CeremonyParams,
    DealerCommitment,
    DealerPolynomial,
    TrusteeKey,
    combine_received_shares,
    deal,
    joint_public_key,
    verification_key,
)

CEREMONY_CTX = Context("session-7", "tinnhiem-record/1", CEREMONY_LABEL)


@dataclass(frozen=True)
class Ceremony:
    params: CeremonyParams
    polynomials: list[DealerPolynomial]
    commitments: list[DealerCommitment]
    keys: dict[int, TrusteeKey]
    public_key: Point
    verification_keys: dict[int, Point]

    def joint_secret(self) -> Scalar:
        """x = Σ a_{i,0}: known to no one in a real ceremony; tests only."""
        return Scalar(sum(p.coefficients[0].value for p in self.polynomials))


def run_ceremony(trustees: int, threshold: int, ctx: Context = CEREMONY_CTX) -> Ceremony:
    params = CeremonyParams(trustees, threshold)
    dealt = [deal(i, params, ctx) for i in range(1, trustees + 1)]
    polynomials = [p for p, _ in dealt]
    commitments = [c for _, c in dealt]
    keys = {
        j: combine_received_shares(
            j, {p.index: p.share_for(j) for p in polynomials}, commitments, params, ctx
        )
        for j in range(1, trustees + 1)
    }
    verification_keys = {
        j: verification_key(j, commitments, params, ctx) for j in range(1, trustees + 1)
    }
    return Ceremony(
        params,
        polynomials,
        commitments,
        keys,
        joint_public_key(commitments, params, ctx),
        verification_keys,
    )
