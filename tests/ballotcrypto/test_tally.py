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
from tinnhiem.ballotcrypto.group import GENERATOR
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import DisjunctiveProof
from tinnhiem.ballotcrypto.tally import (
    Ballot,
    EncryptedTally,
    InconsistentTally,
    InvalidBallot,
    PersonMark,
    cast_ballot,
    decrypt_tally,
    tally,
    tally_share,
    verify_ballot,
)

BALLOT_CTX = Context("session-7", "tinnhiem-record/1")
TALLY_CTX = Context("session-7;board:0f1e", "tinnhiem-record/1")
PERSONS = ["11", "12", "13", "14"]
LEVELS = 3
CEREMONY = run_ceremony(3, 2)
KEY = CEREMONY.public_key


def small_ballot(choices: list[int]) -> Ballot:
    return cast_ballot(KEY, choices, PERSONS, LEVELS, BALLOT_CTX)


def test_an_end_to_end_election_gives_the_plaintext_counts() -> None:
    rng = random.Random(2026)
    choices = [[rng.randrange(LEVELS) for _ in PERSONS] for _ in range(20)]
    ballots = [small_ballot(c) for c in choices]
    expected = [[sum(c[p] == lvl for c in choices) for lvl in range(LEVELS)] for p in range(4)]
    encrypted = tally(KEY, ballots, PERSONS, LEVELS, BALLOT_CTX)
    assert encrypted.ballots == 20
    shares = {j: tally_share(key, encrypted, TALLY_CTX) for j, key in CEREMONY.keys.items()}
    keys = CEREMONY.verification_keys
    for pair in itertools.combinations(shares.values(), 2):
        assert decrypt_tally(encrypted, list(pair), keys, 2, TALLY_CTX) == expected
    assert decrypt_tally(encrypted, list(shares.values()), keys, 2, TALLY_CTX) == expected
    with pytest.raises(NotEnoughShares):
        decrypt_tally(encrypted, [shares[1]], keys, 2, TALLY_CTX)
    # a share made for another board (another closed ballot set) does not verify here
    with pytest.raises(InvalidDecryptionShare):
        decrypt_tally(encrypted, [shares[1], shares[2]], keys, 2, BALLOT_CTX)


def test_an_empty_ballot_box_tallies_to_zero() -> None:
    encrypted = tally(KEY, [], PERSONS, LEVELS, BALLOT_CTX)
    shares = [tally_share(CEREMONY.keys[j], encrypted, TALLY_CTX) for j in (1, 3)]
    counts = decrypt_tally(encrypted, shares, CEREMONY.verification_keys, 2, TALLY_CTX)
    assert counts == [[0] * LEVELS] * len(PERSONS)


def test_a_ballot_with_a_forged_proof_is_rejected_by_position() -> None:
    good = small_ballot([0, 1, 2, 0])
    other = small_ballot([1, 1, 1, 1])
    mark = good[1]
    two = encrypt(KEY, 2)  # a mark of 2 with the honest proofs of another ciphertext
    forged_marks = [
        dataclasses.replace(mark, ciphertexts=(two, *mark.ciphertexts[1:])),
        dataclasses.replace(mark, ciphertexts=other[1].ciphertexts),
        dataclasses.replace(mark, proofs=other[1].proofs),
        dataclasses.replace(mark, sum_proof=other[1].sum_proof),
        dataclasses.replace(
            mark,
            proofs=(
                dataclasses.replace(mark.proofs[0], c0=mark.proofs[0].c1, c1=mark.proofs[0].c0),
                *mark.proofs[1:],
            ),
        ),
        PersonMark(mark.ciphertexts[:2], mark.proofs[:2], mark.sum_proof),
    ]
    for forged_mark in forged_marks:
        forged: Ballot = (good[0], forged_mark, good[2], good[3])
        assert not verify_ballot(KEY, forged, PERSONS, LEVELS, BALLOT_CTX)
        with pytest.raises(InvalidBallot) as error:
            tally(KEY, [good, other, forged], PERSONS, LEVELS, BALLOT_CTX)
        assert error.value.position == 2
    # marks moved to another person, a missing person, another session
    swapped: Ballot = (good[1], good[0], good[2], good[3])
    assert not verify_ballot(KEY, swapped, PERSONS, LEVELS, BALLOT_CTX)
    assert not verify_ballot(KEY, good[:3], PERSONS, LEVELS, BALLOT_CTX)
    assert not verify_ballot(KEY, good, PERSONS, LEVELS, Context("session-8", "tinnhiem-record/1"))
    assert verify_ballot(KEY, good, PERSONS, LEVELS, BALLOT_CTX)
    assert isinstance(mark.proofs[0], DisjunctiveProof)


def test_a_tampered_tally_share_names_the_trustee() -> None:
    encrypted = tally(KEY, [small_ballot([0, 1, 2, 0])], PERSONS, LEVELS, BALLOT_CTX)
    honest = tally_share(CEREMONY.keys[1], encrypted, TALLY_CTX)
    other = tally_share(CEREMONY.keys[3], encrypted, TALLY_CTX)
    entry = other.shares[2][1]
    bad_row = (*other.shares[2][:1], dataclasses.replace(entry, share=entry.share * GENERATOR))
    tampered = dataclasses.replace(
        other, shares=(*other.shares[:2], (*bad_row, other.shares[2][2]), other.shares[3])
    )
    short = dataclasses.replace(other, shares=other.shares[:3])
    relabelled = dataclasses.replace(other, trustee=2)
    for bad in (tampered, short, relabelled):
        with pytest.raises(InvalidDecryptionShare) as error:
            decrypt_tally(encrypted, [honest, bad], CEREMONY.verification_keys, 2, TALLY_CTX)
        assert error.value.trustee in (2, 3)


def test_malformed_inputs() -> None:
    with pytest.raises(ValueError):
        cast_ballot(KEY, [0, 1], PERSONS, LEVELS, BALLOT_CTX)
    with pytest.raises(ValueError):
        tally(KEY, [], PERSONS, 0, BALLOT_CTX)


def test_totals_that_do_not_match_the_ballot_count_stop_the_count() -> None:
    zero_row = tuple(encrypt(KEY, 0) for _ in range(LEVELS))
    two_row = (encrypt(KEY, 2), encrypt(KEY, 0), encrypt(KEY, 0))
    for row, error in [(zero_row, InconsistentTally), (two_row, DlogOutOfRange)]:
        encrypted = EncryptedTally((row,), ballots=1)
        shares = [tally_share(CEREMONY.keys[j], encrypted, TALLY_CTX) for j in (1, 2)]
        with pytest.raises(error):
            decrypt_tally(encrypted, shares, CEREMONY.verification_keys, 2, TALLY_CTX)
