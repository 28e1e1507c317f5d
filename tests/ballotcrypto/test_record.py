"""The election record: built by the demo, verified step by step, every tampering caught."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from tests.ballotcrypto.evote import of_kind, rechain, record, record_bytes, reseal

from tinnhiem.ballotcrypto.canonical import canonical_json, parse_json
from tinnhiem.ballotcrypto.election import Manifest, encrypt_ballot
from tinnhiem.ballotcrypto.election_record import (
    Close,
    PaperChannel,
    PaperPerson,
    RecordError,
    build_board,
    build_record,
    compute_result,
)
from tinnhiem.ballotcrypto.group import GENERATOR, Point, Scalar
from tinnhiem.ballotcrypto.hashing import seeded_rng
from tinnhiem.ballotcrypto.tally import tally_share
from tinnhiem.ballotcrypto.verify import STEPS, RecordInvalid, verify_record
from tinnhiem.ballotcrypto.wire import point
from tinnhiem.cli.evote_simulate import DemoSettings, demo_manifest, run_ceremony

Record = dict[str, Any]


def other_point(hex_point: str) -> str:
    return (point(hex_point, "p") * GENERATOR).to_bytes().hex()


def invalid_at(data: Record) -> RecordInvalid:
    with pytest.raises(RecordInvalid) as error:
        verify_record(data)
    return error.value


def test_a_demo_record_verifies_and_states_the_decrypted_counts() -> None:
    data = record()
    verified = verify_record(data)
    assert verified.steps == tuple(step for step, _, _ in STEPS)
    assert verified.ballots == 6 and verified.spoiled == 1 and verified.trustees == (1, 2)
    assert verified.head == data["head"]
    for counts in verified.counts:
        assert sum(counts) == 6
    persons = of_kind(data, "result")[0]["body"]["persons"]
    assert [[p["electronic"][k] for k in ("high", "confidence", "low")] for p in persons] == (
        verified.counts
    )
    kinds = [e["kind"] for e in data["entries"]]
    tail = ["spoiled", "close", "tally", "decryption", "decryption", "result"]
    assert kinds == ["manifest", "ceremony", *(["ballot"] * 6), *tail]
    hashes = [e["body"]["hash"] for e in of_kind(data, "ballot")]
    assert hashes == sorted(hashes)


def test_a_mixed_session_adds_the_paper_counts_and_more_trustees_may_decrypt() -> None:
    data = record(voters=5, officials=4, trustees=4, threshold=3, spoil=0, paper=7)
    verified = verify_record(data)
    assert verified.trustees == (1, 2, 3)
    result = verified.result
    assert result["collected"] == 5 + 7
    for person in result["persons"]:
        for key in ("high", "confidence", "low"):
            assert person["counts"][key] == person["electronic"][key] + person["paper"][key]
        assert person["invalid"] == person["paper"]["invalid"]


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not() -> None:
    record_bytes.cache_clear()
    first = record_bytes(voters=3, officials=2, seed="same")
    record_bytes.cache_clear()
    assert record_bytes(voters=3, officials=2, seed="same") == first
    assert record_bytes(voters=3, officials=2, seed="other") != first


def test_compute_result_counts_live_credentials_and_paper_ballots() -> None:
    manifest = Manifest.from_dict(record()["entries"][0]["body"])
    persons = [
        PaperPerson(p.id, {"high": 1, "confidence": 0, "low": 3}, 1) for p in manifest.persons
    ]
    manifest = Manifest(**{**_fields(manifest), "has_paper": True})
    close = Close(10, 6, 2, 6, 0, PaperChannel(5, 5, tuple(persons)))
    result = compute_result(manifest, [[2, 2, 2]] * len(manifest.persons), close)
    assert (result["issued"], result["collected"], result["base"]) == (10 - 2 + 5, 11, 11)
    person = result["persons"][0]
    assert person["counts"] == {"high": 3, "confidence": 2, "low": 5}
    assert person["percent"]["low"] == "45.45" and person["band"] == "none"


def _fields(manifest: Manifest) -> dict[str, Any]:
    return {name: getattr(manifest, name) for name in manifest.__dataclass_fields__}


# tampering: each change is caught, at the right step ------------------------------------------


def _ballot(data: Record, i: int = 0) -> dict[str, Any]:
    body: dict[str, Any] = of_kind(data, "ballot")[i]["body"]["ballot"]
    return body


def alter_ciphertext(data: Record) -> Record:
    mark = _ballot(data)["marks"][0]
    mark["ciphertext"]["beta"] = other_point(mark["ciphertext"]["beta"])
    return reseal(data)


def alter_proof_scalar(data: Record) -> Record:
    proof = _ballot(data, 2)["marks"][1]["proof"]
    proof["z"][0] = (Scalar.from_bytes(bytes.fromhex(proof["z"][0])) + Scalar(1)).to_bytes().hex()
    return reseal(data)


def swap_two_persons(data: Record) -> Record:
    marks = _ballot(data, 1)["marks"]
    for field in ("ciphertext", "proof"):
        marks[0][field], marks[1][field] = marks[1][field], marks[0][field]
    return reseal(data)


def remove_a_ballot(data: Record) -> Record:
    data["entries"].remove(of_kind(data, "ballot")[3])
    return rechain(data)


def _new_ballot(data: Record) -> dict[str, Any]:
    manifest = Manifest.from_dict(data["entries"][0]["body"])
    public_key = point(data["entries"][1]["body"]["public_key"], "h")
    ballot, _ = encrypt_ballot(manifest, public_key, [0] * len(manifest.persons))
    entry = copy.deepcopy(of_kind(data, "ballot")[0])
    entry["body"]["ballot"] = ballot
    return entry


def add_a_ballot(data: Record) -> Record:
    data["entries"].insert(2, _new_ballot(data))
    return reseal(data)


def replace_a_ballot(data: Record) -> Record:
    data["entries"][2] = _new_ballot(data)
    reseal(data)
    of_kind(data, "tally")[0]["body"]["board"] = of_kind(data, "close")[0]["hash"]
    return rechain(data)


def reorder_two_ballots(data: Record) -> Record:
    entries = data["entries"]
    entries[2], entries[3] = entries[3], entries[2]
    return rechain(data)


def duplicate_a_ballot(data: Record) -> Record:
    data["entries"].insert(3, copy.deepcopy(data["entries"][2]))
    close = of_kind(data, "close")[0]["body"]
    close["ballots"] += 1
    close["credentials"]["used"] += 1
    return rechain(data)


def alter_a_commitment(data: Record) -> Record:
    commitment = data["entries"][1]["body"]["commitments"][1]
    commitment["coefficients"][1] = other_point(commitment["coefficients"][1])
    return rechain(data)


def alter_a_verification_key(data: Record) -> Record:
    keys = data["entries"][1]["body"]["verification_keys"]
    keys[2] = other_point(keys[2])
    return rechain(data)


def drop_a_trustee_below_t(data: Record) -> Record:
    data["entries"].remove(of_kind(data, "decryption")[1])
    return rechain(data)


def alter_a_decryption_share(data: Record) -> Record:
    share = of_kind(data, "decryption")[0]["body"]["shares"][2]
    share["share"] = other_point(share["share"])
    return rechain(data)


def change_an_electronic_count(data: Record) -> Record:
    electronic = of_kind(data, "result")[0]["body"]["persons"][0]["electronic"]
    electronic["high"] += 1
    electronic["low"] -= 1
    return rechain(data)


def change_a_combined_count(data: Record) -> Record:
    of_kind(data, "result")[0]["body"]["persons"][1]["counts"]["low"] += 1
    return rechain(data)


def change_the_band(data: Record) -> Record:
    person = of_kind(data, "result")[0]["body"]["persons"][0]
    person["band"] = "low_two_thirds"
    return rechain(data)


def break_the_head(data: Record) -> Record:
    data["head"] = data["entries"][-2]["hash"]
    return data


def edit_without_rechaining(data: Record) -> Record:
    of_kind(data, "result")[0]["body"]["persons"][0]["band"] = "low_two_thirds"
    return data


def mismatched_opening(data: Record) -> Record:
    opening = of_kind(data, "spoiled")[0]["body"]["opening"]
    opening["choices"][1] = (opening["choices"][1] + 1) % 3
    return rechain(data)


def spoiled_ballot_also_cast(data: Record) -> Record:
    spoiled = of_kind(data, "spoiled")[0]
    cast = copy.deepcopy(spoiled)
    cast["kind"] = "ballot"
    del cast["body"]["opening"]
    data["entries"].insert(2, cast)
    close = of_kind(data, "close")[0]["body"]
    close["ballots"] += 1
    close["credentials"]["used"] += 1
    return reseal(data)


def more_used_than_live_credentials(data: Record) -> Record:
    credentials = of_kind(data, "close")[0]["body"]["credentials"]
    credentials["voided"] = credentials["issued"]
    return rechain(data)


def used_differs_from_ballots(data: Record) -> Record:
    of_kind(data, "close")[0]["body"]["credentials"]["used"] -= 1
    return rechain(data)


def unknown_version(data: Record) -> Record:
    data["v"] = "tinnhiem/election-record/2"
    return data


def close_before_the_ballots(data: Record) -> Record:
    entries = data["entries"]
    close = of_kind(data, "close")[0]
    entries.remove(close)
    entries.insert(2, close)
    return rechain(data)


def unknown_profile(data: Record) -> Record:
    data["entries"][0]["body"]["profile"] = "nq999"
    return rechain(data)


def tally_not_bound_to_the_board(data: Record) -> Record:
    of_kind(data, "tally")[0]["body"]["board"] = data["entries"][1]["hash"]
    return rechain(data)


def alter_the_tally(data: Record) -> Record:
    total = of_kind(data, "tally")[0]["body"]["tally"]["totals"][0]
    total["alpha"] = other_point(total["alpha"])
    return rechain(data)


TAMPERING: list[tuple[Callable[[Record], Record], str, str]] = [
    (unknown_version, "version", ""),
    (break_the_head, "chain", "head"),
    (edit_without_rechaining, "chain", "altered"),
    (close_before_the_ballots, "order", ""),
    (unknown_profile, "manifest", "nq999"),
    (alter_a_commitment, "ceremony", "trustee 2"),
    (alter_a_verification_key, "ceremony", "trustee 3"),
    (alter_ciphertext, "ballots", "does not verify"),
    (alter_proof_scalar, "ballots", "person"),
    (swap_two_persons, "ballots", "does not verify"),
    (reorder_two_ballots, "ballots", "hash order"),
    (duplicate_a_ballot, "ballots", "duplicate"),
    (remove_a_ballot, "close", "ballots"),
    (add_a_ballot, "close", "ballots"),
    (replace_a_ballot, "tally", "product of the ballots"),
    (mismatched_opening, "spoiled", "does not match"),
    (spoiled_ballot_also_cast, "spoiled", "also a cast ballot"),
    (more_used_than_live_credentials, "close", "issued − voided"),
    (used_differs_from_ballots, "close", "credentials used"),
    (tally_not_bound_to_the_board, "tally", "board"),
    (alter_the_tally, "tally", "product"),
    (drop_a_trustee_below_t, "decryption", "At least 2"),
    (alter_a_decryption_share, "decryption", "Trustee 1"),
    (change_an_electronic_count, "counts", "person p01"),
    (change_a_combined_count, "result", "persons[1].counts.low"),
    (change_the_band, "result", "persons[0].band"),
]


@pytest.mark.parametrize(
    ("tamper", "step", "words"), TAMPERING, ids=[t.__name__ for t, _, _ in TAMPERING]
)
def test_tampering_is_caught_at_its_step(
    tamper: Callable[[Record], Record], step: str, words: str
) -> None:
    error = invalid_at(tamper(record()))
    assert error.step == step, error.message
    assert words in error.message_en


def test_an_invalid_point_in_a_ballot_is_a_ballot_failure_not_a_crash() -> None:
    data = record()
    _ballot(data)["marks"][0]["proof"]["a"][0] = "ff" * 32
    error = invalid_at(reseal(data))
    assert error.step == "ballots" and "person p01" in error.message_en


def test_a_record_that_is_not_an_object_fails_at_the_version() -> None:
    assert invalid_at([1, 2]).step == "version"  # type: ignore[arg-type]
    data = record()
    data["entries"][0]["extra"] = 1
    assert invalid_at(data).step == "version"
    assert Point.identity().is_identity


def test_a_session_without_ballots_decrypts_to_zero_counts() -> None:
    settings = DemoSettings(3, 2, 3, 2, "zero")
    manifest = demo_manifest(settings)
    rng = seeded_rng(b"zero")
    ceremony, keys = run_ceremony(manifest, rng)
    board = build_board(manifest, ceremony, [], [], Close(3, 0, 0, 0, 0))
    shares = [tally_share(keys[j], board.encrypted, board.context, rng) for j in (1, 3)]
    verified = verify_record(parse_json(canonical_json(build_record(board, shares))))
    assert verified.counts == [[0, 0, 0], [0, 0, 0]] and verified.trustees == (1, 3)


def test_paper_counts_by_unknown_levels_are_refused_at_the_close() -> None:
    data = record(voters=3, officials=2, spoil=0, paper=2)
    of_kind(data, "close")[0]["body"]["paper"]["persons"][0]["counts"]["blank"] = 1
    error = invalid_at(rechain(data))
    assert error.step == "close" and "level keys" in error.message_en


@pytest.mark.parametrize(
    ("close", "problem"),
    [
        (Close(3, 0, 0, 1, 0), "ballots = 1 ≠ 0 on the board"),
        (Close(3, 1, 0, 0, 0), "credentials used = 1 ≠ 0"),
        (Close(3, 0, 4, 0, 0), "credentials: used ≤ issued − voided"),
        (Close(3, 0, 0, 0, 2), "spoiled = 2 ≠ 0"),
    ],
)
def test_the_server_refuses_to_build_a_board_the_verifier_would_refuse(
    close: Close, problem: str
) -> None:
    manifest = demo_manifest(DemoSettings(3, 2, 3, 2, "close"))
    ceremony, _ = run_ceremony(manifest, seeded_rng(b"close"))
    assert close.problems(manifest, 0, 0) == [problem]
    with pytest.raises(RecordError) as error:
        build_board(manifest, ceremony, [], [], close)
    assert problem in error.value.message_en
