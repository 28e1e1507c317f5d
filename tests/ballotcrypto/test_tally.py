"""Homomorphic tally: an end-to-end election gives exactly the plaintext counts (section 8)."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest
from tests.ballotcrypto.ceremony import run_ceremony

from tinnhiem.ballotcrypto.decryption import InvalidDecryptionShare, NotEnoughShares
from tinnhiem.ballotcrypto.elgamal import encrypt
from tinnhiem.ballotcrypto.errors import DlogOutOfRange
from tinnhiem.ballotcrypto.group import GENERATOR, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import OneOfProof, level_values
from tinnhiem.ballotcrypto.tally import (
    Ballot,
    EncryptedTally,
    InconsistentTally,
    InvalidBallot,
    PersonMark,
    cast_ballot,
    counts_from_total,
    decrypt_tally,
    tally,
    tally_share,
    verify_ballot,
)

BALLOT_CTX = Context("session-7", "tinnhiem/election-record/1")
TALLY_CTX = Context("session-7;board:0f1e", "tinnhiem/election-record/1")
PERSONS = ["11", "12", "13", "14"]
LEVELS = 3
MAX_BALLOTS = 25
VALUES = level_values(LEVELS, MAX_BALLOTS)
CEREMONY = run_ceremony(3, 2)
KEY = CEREMONY.public_key


def small_ballot(choices: list[int]) -> Ballot:
    ballot, _ = cast_ballot(KEY, choices, PERSONS, VALUES, BALLOT_CTX)
    return ballot


def test_an_end_to_end_election_gives_the_plaintext_counts() -> None:
    rng = random.Random(2026)
    choices = [[rng.randrange(LEVELS) for _ in PERSONS] for _ in range(20)]
    ballots = [small_ballot(c) for c in choices]
    expected = [[sum(c[p] == lvl for c in choices) for lvl in range(LEVELS)] for p in range(4)]
    encrypted = tally(KEY, ballots, PERSONS, VALUES, BALLOT_CTX)
    assert encrypted.ballots == 20
    assert len(encrypted.totals) == len(PERSONS)  # one total per person, not per level
    shares = {j: tally_share(key, encrypted, TALLY_CTX) for j, key in CEREMONY.keys.items()}
    keys = CEREMONY.verification_keys
    for pair in itertools.combinations(shares.values(), 2):
        assert decrypt_tally(encrypted, list(pair), keys, 2, VALUES, TALLY_CTX) == expected
    assert decrypt_tally(encrypted, list(shares.values()), keys, 2, VALUES, TALLY_CTX) == expected
    with pytest.raises(NotEnoughShares):
        decrypt_tally(encrypted, [shares[1]], keys, 2, VALUES, TALLY_CTX)
    # a share made for another board (another closed ballot set) does not verify here
    with pytest.raises(InvalidDecryptionShare):
        decrypt_tally(encrypted, [shares[1], shares[2]], keys, 2, VALUES, BALLOT_CTX)


def test_unanimous_ballots_at_the_bound_decode_exactly() -> None:
    # every ballot on the middle level: the total is N·M, the largest digit pattern
    values = level_values(LEVELS, 3)
    ballots = [cast_ballot(KEY, [1, 0, 2, 1], PERSONS, values, BALLOT_CTX)[0] for _ in range(3)]
    encrypted = tally(KEY, ballots, PERSONS, values, BALLOT_CTX)
    shares = [tally_share(CEREMONY.keys[j], encrypted, TALLY_CTX) for j in (2, 3)]
    counts = decrypt_tally(encrypted, shares, CEREMONY.verification_keys, 2, values, TALLY_CTX)
    assert counts == [[0, 3, 0], [3, 0, 0], [0, 0, 3], [0, 3, 0]]


def test_an_empty_ballot_box_tallies_to_zero() -> None:
    encrypted = tally(KEY, [], PERSONS, VALUES, BALLOT_CTX)
    shares = [tally_share(CEREMONY.keys[j], encrypted, TALLY_CTX) for j in (1, 3)]
    counts = decrypt_tally(encrypted, shares, CEREMONY.verification_keys, 2, VALUES, TALLY_CTX)
    assert counts == [[0] * LEVELS] * len(PERSONS)


def test_a_ballot_with_a_forged_proof_is_rejected_by_position() -> None:
    good = small_ballot([0, 1, 2, 0])
    other = small_ballot([1, 1, 1, 1])
    mark = good[1]
    two = encrypt(KEY, 2)  # a mark of 2 with the honest proof of another ciphertext
    forged_marks = [
        dataclasses.replace(mark, ciphertext=two),
        dataclasses.replace(mark, ciphertext=other[1].ciphertext),
        dataclasses.replace(mark, proof=other[1].proof),
        dataclasses.replace(
            mark, proof=dataclasses.replace(mark.proof, c=tuple(reversed(mark.proof.c)))
        ),
        PersonMark(mark.ciphertext, dataclasses.replace(mark.proof, z=(Scalar(1),) * 3)),
    ]
    for forged_mark in forged_marks:
        forged: Ballot = (good[0], forged_mark, good[2], good[3])
        assert not verify_ballot(KEY, forged, PERSONS, VALUES, BALLOT_CTX)
        with pytest.raises(InvalidBallot) as error:
            tally(KEY, [good, other, forged], PERSONS, VALUES, BALLOT_CTX)
        assert error.value.position == 2
    # marks moved to another person, a missing person, another session, other level values
    swapped: Ballot = (good[1], good[0], good[2], good[3])
    assert not verify_ballot(KEY, swapped, PERSONS, VALUES, BALLOT_CTX)
    assert not verify_ballot(KEY, good[:3], PERSONS, VALUES, BALLOT_CTX)
    other_ctx = Context("session-8", "tinnhiem/election-record/1")
    assert not verify_ballot(KEY, good, PERSONS, VALUES, other_ctx)
    assert not verify_ballot(KEY, good, PERSONS, level_values(LEVELS, 26), BALLOT_CTX)
    assert verify_ballot(KEY, good, PERSONS, VALUES, BALLOT_CTX)
    assert isinstance(mark.proof, OneOfProof)


def test_a_tampered_tally_share_names_the_trustee() -> None:
    encrypted = tally(KEY, [small_ballot([0, 1, 2, 0])], PERSONS, VALUES, BALLOT_CTX)
    honest = tally_share(CEREMONY.keys[1], encrypted, TALLY_CTX)
    other = tally_share(CEREMONY.keys[3], encrypted, TALLY_CTX)
    entry = other.shares[2]
    bad_entry = dataclasses.replace(entry, share=entry.share * GENERATOR)
    tampered = dataclasses.replace(other, shares=(*other.shares[:2], bad_entry, other.shares[3]))
    short = dataclasses.replace(other, shares=other.shares[:3])
    relabelled = dataclasses.replace(other, trustee=2)
    for bad in (tampered, short, relabelled):
        with pytest.raises(InvalidDecryptionShare) as error:
            decrypt_tally(
                encrypted, [honest, bad], CEREMONY.verification_keys, 2, VALUES, TALLY_CTX
            )
        assert error.value.trustee in (2, 3)


def test_malformed_inputs() -> None:
    with pytest.raises(ValueError):
        cast_ballot(KEY, [0, 1], PERSONS, VALUES, BALLOT_CTX)


def test_counts_are_the_base_m_digits_and_the_rest() -> None:
    assert counts_from_total(3 + 4 * 26, 10, VALUES) == [3, 4, 3]
    assert counts_from_total(0, 0, VALUES) == [0, 0, 0]
    assert counts_from_total(7, 9, (1, 0)) == [7, 2]
    for total in (11 + 0 * 26, 26 * 26, 6 + 5 * 26):  # digit above N, third digit, sum above N
        with pytest.raises(InconsistentTally):
            counts_from_total(total, 10, VALUES)


def test_totals_that_cannot_come_from_the_ballots_stop_the_count() -> None:
    # one ballot: a total of 2 has a digit 2 > N = 1; a total of 27 lies above the bound N·M
    for total, error in [(2, InconsistentTally), (27, DlogOutOfRange)]:
        encrypted = EncryptedTally((encrypt(KEY, total),), ballots=1)
        shares = [tally_share(CEREMONY.keys[j], encrypted, TALLY_CTX) for j in (1, 2)]
        with pytest.raises(error):
            decrypt_tally(encrypted, shares, CEREMONY.verification_keys, 2, VALUES, TALLY_CTX)
