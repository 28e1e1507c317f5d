"""The trustees' exchange files and the server's checks on each upload (docs/crypto.md, 12)."""

from __future__ import annotations

import base64
import copy
from dataclasses import dataclass
from typing import Any

import nacl.public
import pytest

from tinnhiem.ballotcrypto import ceremony_files as cf
from tinnhiem.ballotcrypto import tally_files as tf
from tinnhiem.ballotcrypto.election import RECORD_VERSION
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import level_values
from tinnhiem.ballotcrypto.tally import EncryptedTally, cast_ballot, decrypt_tally, tally
from tinnhiem.ballotcrypto.trustees import CeremonyParams, DealerPolynomial, TrusteeKey, deal

SESSION = "phien-2026-07"
PARAMS = CeremonyParams(3, 2)
PERSONS = ["p1", "p2"]
VALUES = level_values(3, 4)
BALLOT_CTX = Context(SESSION, RECORD_VERSION)
TALLY_CTX = Context(f"{SESSION};board:5e1f", RECORD_VERSION)


@dataclass
class Exchange:
    boxes: dict[int, nacl.public.PrivateKey]
    polynomials: dict[int, DealerPolynomial]
    round1: list[dict[str, Any]]
    round2: list[dict[str, Any]]

    def parsed1(self) -> dict[int, cf.Round1]:
        return cf.check_round1s(SESSION, PARAMS, self.round1)

    def parsed2(self, round2: list[dict[str, Any]] | None = None) -> dict[int, cf.Round2]:
        files = self.round2 if round2 is None else round2
        return {r.index: r for r in (cf.read_round2(SESSION, PARAMS, d) for d in files)}

    def open(self, j: int, round2: list[dict[str, Any]] | None = None) -> TrusteeKey:
        secret = bytes(self.boxes[j])
        return cf.open_shares(SESSION, PARAMS, j, secret, self.parsed1(), self.parsed2(round2))


def run_exchange() -> Exchange:
    boxes, polynomials, round1 = {}, {}, []
    for i in range(1, PARAMS.trustees + 1):
        boxes[i] = nacl.public.PrivateKey.generate()
        polynomials[i], commitment = deal(i, PARAMS, cf.ceremony_context(SESSION))
        round1.append(cf.round1_to_dict(SESSION, bytes(boxes[i].public_key), commitment))
    parsed = cf.check_round1s(SESSION, PARAMS, round1)
    round2 = [cf.round2_to_dict(SESSION, polynomials[i], parsed) for i in polynomials]
    return Exchange(boxes, polynomials, round1, round2)


EXCHANGE = run_exchange()
KEYS = {j: EXCHANGE.open(j) for j in range(1, PARAMS.trustees + 1)}
PUBLIC_KEY, VERIFICATION_KEYS = cf.ceremony_result(SESSION, PARAMS, EXCHANGE.round1)


def test_an_honest_exchange_passes_every_check_and_agrees_with_the_ceremony_result() -> None:
    for data in EXCHANGE.round2:
        cf.check_round2(SESSION, PARAMS, EXCHANGE.round1, data)
    for j, key in KEYS.items():
        round3 = cf.round3_to_dict(SESSION, key)
        assert cf.check_round3(SESSION, PARAMS, EXCHANGE.round1, round3) == VERIFICATION_KEYS[j]
    secret = sum(p.coefficients[0].value for p in EXCHANGE.polynomials.values())
    assert PUBLIC_KEY == Point.base_power(Scalar(secret))
    record = cf.ceremony_record(SESSION, PARAMS, EXCHANGE.round1)
    assert record.public_key == PUBLIC_KEY


def test_a_round1_file_of_another_session_is_refused_naming_the_field() -> None:
    with pytest.raises(cf.CeremonyFileError) as caught:
        cf.check_round1("phien-khac", PARAMS, EXCHANGE.round1[0])
    assert caught.value.field == "round1.session"
    relabelled = {**EXCHANGE.round1[0], "session": "phien-khac"}
    with pytest.raises(cf.CeremonyFileError) as caught:  # the proof names the session
        cf.check_round1("phien-khac", PARAMS, relabelled)
    assert caught.value.field == "round1.commitment.proof"
    assert caught.value.trustee == 1


def test_round1_files_missing_duplicated_or_with_a_bad_box_key_are_refused() -> None:
    with pytest.raises(cf.CeremonyFileError, match="missing"):
        cf.check_round1s(SESSION, PARAMS, EXCHANGE.round1[:2])
    with pytest.raises(cf.CeremonyFileError, match="two round-1 files"):
        cf.check_round1s(SESSION, PARAMS, [*EXCHANGE.round1, EXCHANGE.round1[0]])
    zero_box = {**EXCHANGE.round1[0], "box_public_key": "00" * 32}
    with pytest.raises(cf.CeremonyFileError) as caught:
        cf.check_round1(SESSION, PARAMS, zero_box)
    assert caught.value.field == "round1.box_public_key"
    moved = {**EXCHANGE.round1[0], "index": 2}
    with pytest.raises(cf.CeremonyFileError, match="trustee 1 in trustee 2"):
        cf.check_round1(SESSION, PARAMS, moved)


def test_round2_structure_is_checked_without_opening_the_shares() -> None:
    good = EXCHANGE.round2[0]
    missing = {**good, "shares": {k: v for k, v in good["shares"].items() if k != "3"}}
    short = {**good, "shares": {**good["shares"], "2": base64.b64encode(b"x" * 60).decode()}}
    loose = {**good, "shares": {**good["shares"], "2": good["shares"]["2"] + "\n"}}
    other_set = {**good, "round1_hash": "ab" * 32}
    for bad, field in [
        (missing, "round2.shares"),
        (short, "round2.shares.2"),
        (loose, "round2.shares.2"),
        (other_set, "round2.round1_hash"),
    ]:
        with pytest.raises(cf.CeremonyFileError) as caught:
            cf.check_round2(SESSION, PARAMS, EXCHANGE.round1, bad)
        assert caught.value.field == field


def test_a_swapped_sealed_share_is_a_complaint_naming_the_dealer() -> None:
    swapped = copy.deepcopy(EXCHANGE.round2)
    first, second = swapped[0]["shares"], swapped[1]["shares"]
    first["3"], second["3"] = second["3"], first["3"]
    for data in swapped:  # the server cannot tell: same structure, same lengths
        cf.check_round2(SESSION, PARAMS, EXCHANGE.round1, data)
    with pytest.raises(cf.ShareComplaint) as caught:
        EXCHANGE.open(3, swapped)
    assert (caught.value.trustee, caught.value.recipient) == (1, 3)
    assert caught.value.reason == "misaddressed"
    assert EXCHANGE.open(1, swapped) == KEYS[1]  # the other trustees are not affected


def test_a_share_off_the_commitments_is_a_complaint_naming_the_dealer() -> None:
    cheating = copy.deepcopy(EXCHANGE.round2)
    wrong = EXCHANGE.polynomials[2].share_for(3) + Scalar(1)
    box = EXCHANGE.parsed1()[3].box_public_key
    sealed = cf.seal_share(SESSION, 2, 3, wrong, box)
    cheating[1]["shares"]["3"] = base64.b64encode(sealed).decode()
    with pytest.raises(cf.ShareComplaint) as caught:
        EXCHANGE.open(3, cheating)
    assert (caught.value.trustee, caught.value.reason) == (2, "invalid")
    complaint = cf.complaint_to_dict(SESSION, caught.value)
    read = cf.check_complaint(SESSION, PARAMS, complaint)
    assert (read.index, read.dealer, read.reason) == (3, 2, "invalid")
    assert "Thành viên 3 khiếu nại: thành viên 2" in read.message


def test_a_share_sealed_for_another_session_or_garbage_is_a_complaint() -> None:
    share = EXCHANGE.polynomials[1].share_for(2)
    box = EXCHANGE.parsed1()[2].box_public_key
    for sealed, reason in [
        (cf.seal_share("phien-khac-13", 1, 2, share, box), "misaddressed"),
        (bytes(len(base64.b64decode(EXCHANGE.round2[0]["shares"]["2"]))), "unreadable"),
    ]:
        replayed = copy.deepcopy(EXCHANGE.round2)
        replayed[0]["shares"]["2"] = base64.b64encode(sealed).decode()
        with pytest.raises(cf.ShareComplaint) as caught:
            EXCHANGE.open(2, replayed)
        assert (caught.value.trustee, caught.value.reason) == (1, reason)


def test_a_dealer_that_saw_other_round1_files_is_a_complaint() -> None:
    other = copy.deepcopy(EXCHANGE.round2)
    other[2]["round1_hash"] = "cd" * 32
    with pytest.raises(cf.ShareComplaint) as caught:
        EXCHANGE.open(1, other)
    assert (caught.value.trustee, caught.value.reason) == (3, "round1-mismatch")


def test_a_round3_with_a_wrong_key_is_refused() -> None:
    round3 = cf.round3_to_dict(SESSION, KEYS[2])
    round3["verification_key"] = VERIFICATION_KEYS[1].to_bytes().hex()
    with pytest.raises(cf.CeremonyFileError) as caught:
        cf.check_round3(SESSION, PARAMS, EXCHANGE.round1, round3)
    assert (caught.value.field, caught.value.trustee) == ("round3.verification_key", 2)


def encrypted_tally(choices: list[list[int]]) -> EncryptedTally:
    ballots = [cast_ballot(PUBLIC_KEY, c, PERSONS, VALUES, BALLOT_CTX)[0] for c in choices]
    return tally(PUBLIC_KEY, ballots, PERSONS, VALUES, BALLOT_CTX)


CHOICES = [[0, 2], [1, 2], [0, 0]]
ENCRYPTED = encrypted_tally(CHOICES)


def test_decryption_files_of_two_trustees_give_the_counts() -> None:
    request = tf.tally_request_to_dict(SESSION, ENCRYPTED, TALLY_CTX)
    encrypted, context = tf.read_tally_request(SESSION, request)
    assert (encrypted, context) == (ENCRYPTED, TALLY_CTX)
    files = [tf.decryption_to_dict(SESSION, KEYS[j], encrypted, context) for j in (1, 3)]
    shares = [
        tf.check_decryption(SESSION, PARAMS, VERIFICATION_KEYS, ENCRYPTED, TALLY_CTX, f)
        for f in files
    ]
    counts = decrypt_tally(ENCRYPTED, shares, VERIFICATION_KEYS, 2, VALUES, TALLY_CTX)
    assert counts == [[2, 1, 0], [1, 0, 2]]


def test_a_decryption_file_for_another_tally_or_context_is_refused() -> None:
    other = encrypted_tally([[0, 0], [0, 0], [0, 0]])
    foreign = tf.decryption_to_dict(SESSION, KEYS[1], other, TALLY_CTX)
    with pytest.raises(cf.CeremonyFileError) as caught:
        tf.check_decryption(SESSION, PARAMS, VERIFICATION_KEYS, ENCRYPTED, TALLY_CTX, foreign)
    assert caught.value.field == "decryption.tally_hash"
    relabelled = {**foreign, "tally_hash": tf.tally_hash(ENCRYPTED)}
    with pytest.raises(cf.CeremonyFileError) as caught:  # the proofs are bound to the totals
        tf.check_decryption(SESSION, PARAMS, VERIFICATION_KEYS, ENCRYPTED, TALLY_CTX, relabelled)
    assert caught.value.field == "decryption.share.shares[0].proof"
    subset_ctx = Context(f"{SESSION};board:0000", RECORD_VERSION)
    early = tf.decryption_to_dict(SESSION, KEYS[1], ENCRYPTED, subset_ctx)
    with pytest.raises(cf.CeremonyFileError, match="does not verify"):
        tf.check_decryption(SESSION, PARAMS, VERIFICATION_KEYS, ENCRYPTED, TALLY_CTX, early)


def test_a_decryption_file_under_another_trustees_index_is_refused() -> None:
    impostor = tf.decryption_to_dict(SESSION, KEYS[1], ENCRYPTED, TALLY_CTX)
    impostor["index"] = 2
    with pytest.raises(cf.CeremonyFileError) as caught:
        tf.check_decryption(SESSION, PARAMS, VERIFICATION_KEYS, ENCRYPTED, TALLY_CTX, impostor)
    assert caught.value.field == "decryption.share.trustee"
