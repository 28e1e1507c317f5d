"""Homomorphic tally of confidence ballots and its threshold decryption (section 8).

A ballot holds, per person, the output of `encrypt_choice`. The tally verifies every ballot,
multiplies the ciphertexts per person per level, and only those totals are ever decrypted.
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
from tinnhiem.ballotcrypto.group import Point
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import (
    DisjunctiveProof,
    OneLevelProof,
    encrypt_choice,
    verify_choice,
)
from tinnhiem.ballotcrypto.trustees import TrusteeKey


class InvalidBallot(CryptoError):
    """A ballot that is malformed or whose proofs fail; `position` is its place in the list."""

    def __init__(self, position: int, message_vi: str, message_en: str) -> None:
        self.position = position
        super().__init__(message_vi, message_en)


class InconsistentTally(CryptoError):
    """Decrypted counts of a person do not add up to the number of ballots."""


@dataclass(frozen=True, slots=True)
class PersonMark:
    """One person's part of a ballot: L ciphertexts, their 0/1 proofs, the one-level proof."""

    ciphertexts: tuple[Ciphertext, ...]
    proofs: tuple[DisjunctiveProof, ...]
    sum_proof: OneLevelProof


Ballot = tuple[PersonMark, ...]


@dataclass(frozen=True, slots=True)
class EncryptedTally:
    """totals[p][l] = Π over ballots of the (p, l) ciphertexts; `ballots` is N."""

    totals: tuple[tuple[Ciphertext, ...], ...]
    ballots: int


@dataclass(frozen=True, slots=True)
class TallyShare:
    """Trustee `trustee`'s decryption shares, shares[p][l] for totals[p][l]."""

    trustee: int
    shares: tuple[tuple[DecryptionShare, ...], ...]


def person_context(base: Context, person: str) -> Context:
    """The context of a person's mark: base session and version, label person:<p>."""
    return Context(base.session, base.record_version, f"person:{person}")


def cast_ballot(
    public_key: Point, choices: Sequence[int], persons: Sequence[str], levels: int, context: Context
) -> Ballot:
    """Encrypt one level index per person (reference encoder for tests and the booth spec)."""
    if len(choices) != len(persons):
        raise ValueError("one choice per person is needed")
    marks = []
    for person, choice in zip(persons, choices, strict=True):
        cts, proofs, sum_proof = encrypt_choice(
            public_key, choice, levels, person_context(context, person)
        )
        marks.append(PersonMark(tuple(cts), tuple(proofs), sum_proof))
    return tuple(marks)


def verify_ballot(
    public_key: Point, ballot: Ballot, persons: Sequence[str], levels: int, context: Context
) -> bool:
    """One mark per person, L ciphertexts each, and every person's proofs hold."""
    if len(ballot) != len(persons):
        return False
    for person, mark in zip(persons, ballot, strict=True):
        if len(mark.ciphertexts) != levels:
            return False
        if not verify_choice(
            public_key,
            list(mark.ciphertexts),
            list(mark.proofs),
            mark.sum_proof,
            person_context(context, person),
        ):
            return False
    return True


def tally(
    public_key: Point,
    ballots: Sequence[Ballot],
    persons: Sequence[str],
    levels: int,
    context: Context,
) -> EncryptedTally:
    """Verify every ballot, then multiply per person per level.

    Raises InvalidBallot naming the first ballot that fails; none is silently dropped.
    """
    if levels < 1:
        raise ValueError("levels must be at least 1")
    for position, ballot in enumerate(ballots):
        if not verify_ballot(public_key, ballot, persons, levels, context):
            raise InvalidBallot(
                position,
                f"Phiếu thứ {position} không hợp lệ (sai dạng hoặc chứng minh sai)",
                f"Ballot {position} is invalid (malformed or a proof fails)",
            )
    totals = tuple(
        tuple(add_all([ballot[p].ciphertexts[lvl] for ballot in ballots]) for lvl in range(levels))
        for p in range(len(persons))
    )
    return EncryptedTally(totals, len(ballots))


def tally_share(key: TrusteeKey, encrypted: EncryptedTally, context: Context) -> TallyShare:
    """Trustee's partial decryption of every total, each with its proof (section 7)."""
    return TallyShare(
        key.index,
        tuple(
            tuple(partial_decrypt(key, total, context) for total in row) for row in encrypted.totals
        ),
    )


def decrypt_tally(
    encrypted: EncryptedTally,
    shares: Sequence[TallyShare],
    verification_keys: Mapping[int, Point],
    threshold: int,
    context: Context,
) -> list[list[int]]:
    """counts[p][l] from at least `threshold` trustees' verified shares.

    Raises InvalidDecryptionShare naming a trustee whose share is malformed or unproven,
    NotEnoughShares, DlogOutOfRange (a count above N) or InconsistentTally.
    """
    counts: list[list[int]] = []
    for p, row in enumerate(encrypted.totals):
        person_counts = []
        for lvl, total in enumerate(row):
            per_trustee = []
            for share in shares:
                if len(share.shares) != len(encrypted.totals) or len(share.shares[p]) != len(row):
                    raise InvalidDecryptionShare(
                        share.trustee,
                        f"Phần giải mã của thành viên {share.trustee} sai dạng",
                        f"The tally share of trustee {share.trustee} is malformed",
                    )
                entry = share.shares[p][lvl]
                if entry.trustee != share.trustee:
                    raise InvalidDecryptionShare(
                        share.trustee,
                        f"Phần giải mã của thành viên {share.trustee} mang chỉ số khác",
                        f"The tally share of trustee {share.trustee} carries another index",
                    )
                per_trustee.append(entry)
            point = combine_verified(total, per_trustee, verification_keys, threshold, context)
            person_counts.append(dlog(point, encrypted.ballots))
        if sum(person_counts) != encrypted.ballots:
            raise InconsistentTally(
                f"Tổng số phiếu của người thứ {p} không bằng {encrypted.ballots}",
                f"The counts of person {p} do not add up to {encrypted.ballots}",
            )
        counts.append(person_counts)
    return counts
