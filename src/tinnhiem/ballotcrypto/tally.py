"""Homomorphic tally of confidence ballots and its threshold decryption (section 8).

A ballot holds, per person, one mark of section 4.3: a ciphertext of one of the level values
and its one-of proof. The tally verifies every ballot, multiplies the ciphertexts per person,
and only those totals are ever decrypted; the counts are the base-M digits of each total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tinnhiem.ballotcrypto.decryption import (
    DecryptionShare,
    InvalidDecryptionShare,
    combine_verified,
    partial_decrypt,
)
from tinnhiem.ballotcrypto.elgamal import Ciphertext, add_all, dlog
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import OneOfProof, Rng, encrypt_mark, verify_mark
from tinnhiem.ballotcrypto.trustees import TrusteeKey


class InvalidBallot(CryptoError):
    """A ballot that is malformed or whose proofs fail; `position` is its place in the list."""

    def __init__(self, position: int, message_vi: str, message_en: str) -> None:
        self.position = position
        super().__init__(message_vi, message_en)


class InconsistentTally(CryptoError):
    """Decrypted totals that honest ballots cannot give (a digit or the last count out of range)."""


@dataclass(frozen=True, slots=True)
class PersonMark:
    """One person's part of a ballot: one ciphertext and its one-of-L proof."""

    ciphertext: Ciphertext
    proof: OneOfProof


Ballot = tuple[PersonMark, ...]


@dataclass(frozen=True, slots=True)
class EncryptedTally:
    """totals[p] = Π over ballots of person p's ciphertexts; `ballots` is N."""

    totals: tuple[Ciphertext, ...]
    ballots: int


@dataclass(frozen=True, slots=True)
class TallyShare:
    """Trustee `trustee`'s decryption shares, shares[p] for totals[p]."""

    trustee: int
    shares: tuple[DecryptionShare, ...]


def person_context(base: Context, person: str) -> Context:
    """The context of a person's mark: base session and version, label person:<p>."""
    return Context(base.session, base.record_version, f"person:{person}")


def cast_ballot(
    public_key: Point,
    choices: Sequence[int],
    persons: Sequence[str],
    values: tuple[int, ...],
    context: Context,
    rng: Rng = Scalar.random,
) -> tuple[Ballot, list[Scalar]]:
    """Encrypt one level index per person; returns the ballot and its opening (the nonces)."""
    if len(choices) != len(persons):
        raise ValueError("one choice per person is needed")
    marks, nonces = [], []
    for person, choice in zip(persons, choices, strict=True):
        ciphertext, proof, nonce = encrypt_mark(
            public_key, choice, values, person_context(context, person), rng
        )
        marks.append(PersonMark(ciphertext, proof))
        nonces.append(nonce)
    return tuple(marks), nonces


def verify_ballot(
    public_key: Point,
    ballot: Ballot,
    persons: Sequence[str],
    values: tuple[int, ...],
    context: Context,
) -> bool:
    """One mark per person, and every person's proof holds under that person's context."""
    if len(ballot) != len(persons):
        return False
    return all(
        verify_mark(public_key, mark.ciphertext, mark.proof, values, person_context(context, p))
        for p, mark in zip(persons, ballot, strict=True)
    )


def tally(
    public_key: Point,
    ballots: Sequence[Ballot],
    persons: Sequence[str],
    values: tuple[int, ...],
    context: Context,
    *,
    verified: bool = False,
) -> EncryptedTally:
    """Verify every ballot (unless the caller already did), then multiply per person.

    Raises InvalidBallot naming the first ballot that fails; none is silently dropped.
    """
    if not verified:
        for position, ballot in enumerate(ballots):
            if not verify_ballot(public_key, ballot, persons, values, context):
                raise InvalidBallot(
                    position,
                    f"Phiếu thứ {position} không hợp lệ (sai dạng hoặc chứng minh sai)",
                    f"Ballot {position} is invalid (malformed or a proof fails)",
                )
    totals = tuple(
        add_all([ballot[p].ciphertext for ballot in ballots]) for p in range(len(persons))
    )
    return EncryptedTally(totals, len(ballots))


def tally_share(
    key: TrusteeKey, encrypted: EncryptedTally, context: Context, rng: Rng = Scalar.random
) -> TallyShare:
    """Trustee's partial decryption of every total, each with its proof (section 7)."""
    return TallyShare(
        key.index, tuple(partial_decrypt(key, total, context, rng) for total in encrypted.totals)
    )


def total_bound(ballots: int, values: tuple[int, ...]) -> int:
    """The largest total N ballots can give: N times the largest value."""
    return ballots * max(values)


def counts_from_total(total: int, ballots: int, values: tuple[int, ...]) -> list[int]:
    """Split a decrypted total into counts per level (section 8, step 4).

    The values are M^l for l < L − 1 and 0 for the last level; the last count is what is left.
    Raises InconsistentTally when a digit exceeds N or the counts do not fit N ballots.
    """
    counts = []
    rest = total
    if len(values) == 2:
        counts, rest = [total], 0
    else:
        for _ in values[:-1]:
            rest, digit = divmod(rest, values[1])
            counts.append(digit)
    last = ballots - sum(counts)
    if rest or any(n > ballots for n in counts) or last < 0:
        raise InconsistentTally(
            f"Tổng giải mã {total} không ứng với {ballots} phiếu",
            f"The decrypted total {total} cannot come from {ballots} ballots",
        )
    return [*counts, last]


def decrypt_tally(
    encrypted: EncryptedTally,
    shares: Sequence[TallyShare],
    verification_keys: Mapping[int, Point],
    threshold: int,
    values: tuple[int, ...],
    context: Context,
) -> list[list[int]]:
    """counts[p][l] from at least `threshold` trustees' verified shares.

    Raises InvalidDecryptionShare naming a trustee whose share is malformed or unproven,
    NotEnoughShares, DlogOutOfRange (a total above its bound) or InconsistentTally.
    """
    if len(values) > 2 and encrypted.ballots >= values[1]:
        raise InconsistentTally(
            f"{encrypted.ballots} phiếu vượt quá số phiếu tối đa {values[1] - 1}",
            f"{encrypted.ballots} ballots exceed the most ballots, {values[1] - 1}",
        )
    counts: list[list[int]] = []
    bound = total_bound(encrypted.ballots, values)
    for p, total in enumerate(encrypted.totals):
        per_trustee = []
        for share in shares:
            if len(share.shares) != len(encrypted.totals):
                raise InvalidDecryptionShare(
                    share.trustee,
                    f"Phần giải mã của thành viên {share.trustee} sai dạng",
                    f"The tally share of trustee {share.trustee} is malformed",
                )
            entry = share.shares[p]
            if entry.trustee != share.trustee:
                raise InvalidDecryptionShare(
                    share.trustee,
                    f"Phần giải mã của thành viên {share.trustee} mang chỉ số khác",
                    f"The tally share of trustee {share.trustee} carries another index",
                )
            per_trustee.append(entry)
        point = combine_verified(total, per_trustee, verification_keys, threshold, context)
        counts.append(counts_from_total(dlog(point, bound), encrypted.ballots, values))
    return counts
