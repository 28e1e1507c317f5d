"""Version-tagged JSON of the ceremony, the decryption shares and the tally (section 11)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.ballotcrypto.ceremony import CEREMONY_CTX, run_ceremony

from tinnhiem.ballotcrypto.elgamal import encrypt
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import ORDER, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proof_json import proof_from_dict, proof_to_dict
from tinnhiem.ballotcrypto.proofs import ChaumPedersenProof, OneOfProof, encrypt_mark
from tinnhiem.ballotcrypto.tally import EncryptedTally, tally_share
from tinnhiem.ballotcrypto.trustees import InvalidCeremony
from tinnhiem.ballotcrypto.wire import (
    CeremonyRecord,
    canonical_hex,
    chaum_pedersen_from_dict,
    commitment_from_dict,
    commitment_to_dict,
    encrypted_tally_from_dict,
    encrypted_tally_to_dict,
    one_of_from_dict,
    schnorr_from_dict,
    schnorr_to_dict,
    share_from_dict,
    share_to_dict,
    tally_share_from_dict,
    tally_share_to_dict,
)

CEREMONY = run_ceremony(3, 2)
RECORD = CeremonyRecord.compute(CEREMONY.commitments, CEREMONY.params, CEREMONY_CTX)
TALLY_CTX = Context("session-7/board:00", "tinnhiem/election-record/1", "tally")
ENCRYPTED = EncryptedTally(
    (encrypt(CEREMONY.public_key, 3), encrypt(CEREMONY.public_key, 0)), ballots=3
)
TALLY_SHARE = tally_share(CEREMONY.keys[2], ENCRYPTED, TALLY_CTX)


def through_json(data: object) -> Any:
    return json.loads(json.dumps(data))


def test_the_ceremony_record_round_trips_and_matches_the_ceremony() -> None:
    assert RECORD.public_key == CEREMONY.public_key
    assert RECORD.verification_key_map() == CEREMONY.verification_keys
    assert CeremonyRecord.from_dict(through_json(RECORD.to_dict())) == RECORD


def test_each_object_round_trips() -> None:
    commitment = CEREMONY.commitments[0]
    assert commitment_from_dict(through_json(commitment_to_dict(commitment)), 2) == commitment
    assert schnorr_from_dict(through_json(schnorr_to_dict(commitment.proof))) == commitment.proof
    share = TALLY_SHARE.shares[0]
    assert share_from_dict(through_json(share_to_dict(share))) == share
    assert tally_share_from_dict(through_json(tally_share_to_dict(TALLY_SHARE)), 2) == TALLY_SHARE
    encrypted = through_json(encrypted_tally_to_dict(ENCRYPTED))
    assert encrypted_tally_from_dict(encrypted, 2) == ENCRYPTED


def test_wire_proof_readers_agree_with_the_records_module() -> None:
    share = TALLY_SHARE.shares[0]
    record = proof_to_dict(share.proof)
    assert chaum_pedersen_from_dict(record) == proof_from_dict(ChaumPedersenProof, record)
    ctx = Context("s", "tinnhiem/election-record/1", "person:1")
    _, proof, _ = encrypt_mark(CEREMONY.public_key, 1, (1, 9, 0), ctx)
    record = proof_to_dict(proof)
    assert one_of_from_dict(record, 3) == proof_from_dict(OneOfProof, record) == proof
    with pytest.raises(InvalidEncoding, match="3 items expected"):
        one_of_from_dict({**record, "c": record["c"][:2]}, 3)


def test_a_ceremony_with_a_bad_dealer_is_refused_naming_it() -> None:
    data = RECORD.to_dict()
    data["commitments"][1]["proof"]["z"] = Scalar(5).to_bytes().hex()
    published = CeremonyRecord.from_dict(data)
    with pytest.raises(InvalidCeremony) as error:
        CeremonyRecord.compute(published.commitments, published.params, CEREMONY_CTX)
    assert error.value.trustee == 2


Mutation = Callable[[dict[str, Any]], None]
HIGH_SCALAR = ORDER.to_bytes(32, "little").hex()


def _set(path: list[str | int], value: object) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(key: str) -> Mutation:
    return lambda data: data.pop(key)


CEREMONY_MUTATIONS: list[tuple[str, Mutation]] = [
    ("unknown version", _set(["v"], "tinnhiem/ceremony/2")),
    ("missing field", _delete("public_key")),
    ("extra field", _set(["extra"], 1)),
    ("boolean count", _set(["threshold"], True)),
    ("threshold above n", _set(["threshold"], 4)),
    ("upper-case hex", lambda d: d.update(public_key=d["public_key"].upper())),
    ("invalid point", _set(["public_key"], "ff" * 32)),
    ("non-canonical scalar", _set(["commitments", 0, "proof", "z"], HIGH_SCALAR)),
    ("too few coefficients", lambda d: d["commitments"][0]["coefficients"].pop()),
    ("too few keys", lambda d: d["verification_keys"].pop()),
    ("nested version", _set(["commitments", 2, "proof", "v"], "tinnhiem/schnorr/9")),
]


@pytest.mark.parametrize(
    "mutation", [m for _, m in CEREMONY_MUTATIONS], ids=[n for n, _ in CEREMONY_MUTATIONS]
)
def test_a_malformed_ceremony_record_is_refused(mutation: Mutation) -> None:
    data = copy.deepcopy(RECORD.to_dict())
    mutation(data)
    with pytest.raises(InvalidEncoding):
        CeremonyRecord.from_dict(data)


SHARE_MUTATIONS: list[tuple[str, Mutation]] = [
    ("unknown version", _set(["v"], "tinnhiem/tally-share/0")),
    ("inner trustee differs", _set(["shares", 0, "trustee"], 3)),
    ("share count", lambda d: d["shares"].pop()),
    ("proof field", _set(["shares", 1, "proof", "extra"], "00" * 32)),
    ("proof scalar", _set(["shares", 1, "proof", "z"], HIGH_SCALAR)),
    ("string trustee", _set(["trustee"], "2")),
]


@pytest.mark.parametrize(
    "mutation", [m for _, m in SHARE_MUTATIONS], ids=[n for n, _ in SHARE_MUTATIONS]
)
def test_a_malformed_tally_share_is_refused(mutation: Mutation) -> None:
    data = copy.deepcopy(tally_share_to_dict(TALLY_SHARE))
    mutation(data)
    with pytest.raises(InvalidEncoding):
        tally_share_from_dict(data, 2)


def test_a_malformed_encrypted_tally_is_refused() -> None:
    good = encrypted_tally_to_dict(ENCRYPTED)
    for bad in (
        {**good, "ballots": -1},
        {**good, "totals": good["totals"][:1]},
        {**good, "totals": [{**good["totals"][0], "gamma": "00" * 32}, good["totals"][1]]},
    ):
        with pytest.raises(InvalidEncoding):
            encrypted_tally_from_dict(bad, 2)


GOOD_HEX = "0123456789abcdef" * 4


@pytest.mark.parametrize(
    "spelling",
    [
        GOOD_HEX.upper(),
        " " + GOOD_HEX[1:],
        GOOD_HEX[:31] + "\n" + GOOD_HEX[32:],
        GOOD_HEX[:-1],
        GOOD_HEX + "0",
        GOOD_HEX[:-1] + "٠",  # an Arabic-Indic zero: a digit, not a hex digit
        GOOD_HEX[:-1] + "g",
        bytes.fromhex(GOOD_HEX),
        None,
    ],
)
def test_only_64_lowercase_hex_digits_spell_32_bytes(spelling: object) -> None:
    assert canonical_hex(GOOD_HEX, "x") == bytes.fromhex(GOOD_HEX)
    with pytest.raises(InvalidEncoding) as error:
        canonical_hex(spelling, "x")
    assert "64 lowercase hex digits" in error.value.message_en
