"""The voter's signed receipt (receipts.py, crypto.md 11.8): signed over every field, read
strictly, checked against the record in order: format, election, key, signature, ballot, count.
And the manifest that publishes its key (version 2; version 1 still reads)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from tests.ballotcrypto.test_election import MANIFEST

from tinnhiem.ballotcrypto.election import Manifest
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.receipts import (
    ReceiptInvalid,
    check_receipt,
    is_signed_by,
    is_verify_key,
    read_receipt,
    sign_receipt,
    signed_message,
    signing_key,
    verify_key_hex,
)

KEY = signing_key(bytes(range(32)))
PUBLIC = verify_key_hex(KEY)
HASH = "3f2a91c07b44e1d2" + "ab" * 24
CODE = "3F2A-91C0-7B44-E1D2"
MANIFEST_HASH = "5e" * 32
AT = datetime(2026, 11, 20, 15, 4, 5, tzinfo=timezone(timedelta(hours=7)))


def receipt(**changes: Any) -> dict[str, Any]:
    fields = {"session": MANIFEST.session, "manifest": MANIFEST_HASH, "ballot_hash": HASH}
    fields |= {"tracking_code": CODE}
    fields |= {"position": 7, "at": AT} | changes
    return sign_receipt(KEY, **fields).to_dict()


def check(data: Any, **changes: Any) -> Any:
    where = {"session": MANIFEST.session, "manifest": MANIFEST_HASH, "receipt_key": PUBLIC}
    where |= {"cast": {HASH: CODE}}
    return check_receipt(data, **(where | {"ballots": 9} | changes))


def failure(data: Any, **changes: Any) -> ReceiptInvalid:
    with pytest.raises(ReceiptInvalid) as caught:
        check(data, **changes)
    return caught.value


def test_a_receipt_states_what_was_signed_in_utc_to_the_second() -> None:
    data = receipt()
    assert data == {
        "v": "tinnhiem/receipt/2",
        "session": MANIFEST.session,
        "manifest": MANIFEST_HASH,
        "ballot_hash": HASH,
        "tracking_code": CODE,
        "position": 7,
        "at": "2026-11-20T08:04:05Z",
        "signature": data["signature"],
    }
    assert check(data).position == 7
    unsigned = {k: v for k, v in data.items() if k != "signature"}
    message = signed_message(unsigned)
    assert message.startswith(len(b"tinnhiem/receipt-signature/1").to_bytes(8, "big"))
    KEY.verify_key.verify(message, bytes.fromhex(data["signature"]))  # plain RFC 8032 Ed25519
    with pytest.raises(ValueError, match="timezone-aware"):
        receipt(at=datetime(2026, 11, 20, 15, 4, 5))


@pytest.mark.parametrize(
    "field, value",
    [
        ("session", "another"),
        ("manifest", "00" * 32),
        ("ballot_hash", "00" * 32),
        ("tracking_code", "0000-0000-0000-0000"),
        ("position", 8),
        ("at", "2026-11-20T08:04:06Z"),
    ],
)
def test_every_field_is_signed(field: str, value: Any) -> None:
    altered = receipt() | {field: value}
    assert not is_signed_by(read_receipt(altered), PUBLIC)
    if field not in ("session", "manifest"):
        assert failure(altered).step == "signature"


def test_the_checks_name_what_fails_in_order() -> None:
    good = receipt()
    assert failure({**good, "extra": 1}).step == "format"
    assert failure({**good, "position": 0}).step == "format"
    assert failure({**good, "signature": good["signature"].upper()}).step == "format"
    other = failure(receipt(session="another-election"))
    assert other.step == "election" and "another election" in other.message_en
    # the same session id, another manifest (an election set up again, or a board passed off
    # as this one's): refused before its signature is even looked at
    replaced = failure(good, manifest="00" * 32)
    assert replaced.step == "election" and "manifest hash 5e5e5e" in replaced.message_en
    assert failure(good, receipt_key=None).step == "key"
    forged = sign_receipt(
        signing_key(b"\x01" * 32),
        session=MANIFEST.session,
        manifest=MANIFEST_HASH,
        ballot_hash=HASH,
        tracking_code=CODE,
        position=7,
        at=AT,
    ).to_dict()
    assert failure(forged).step == "signature"
    missing = failure(good, cast={"00" * 32: "0000-0000-0000-0000"})
    assert missing.step == "ballot" and "dropped or replaced" in missing.message_en
    assert failure(good, cast={HASH: "0000-0000-0000-0000"}).step == "ballot"
    fewer = failure(good, ballots=6)
    assert fewer.step == "count" and "held 7 ballots" in fewer.message_en
    assert check(good, ballots=7).position == 7


def test_reading_is_strict() -> None:
    good = receipt()
    for bad in (
        None,
        [],
        {**good, "v": "tinnhiem/receipt/1"},
        {k: v for k, v in good.items() if k != "manifest"},
        {**good, "manifest": "5E" * 32},
        {k: v for k, v in good.items() if k != "at"},
        {**good, "position": True},
        {**good, "position": "7"},
        {**good, "at": "2026-11-20 08:04:05"},
        {**good, "ballot_hash": HASH.upper()},
        {**good, "tracking_code": CODE.lower()},
    ):
        with pytest.raises(InvalidEncoding):
            read_receipt(bad)


def test_a_public_key_must_be_a_point_of_prime_order() -> None:
    assert is_verify_key(PUBLIC)
    assert not is_verify_key(PUBLIC.upper())
    assert not is_verify_key("00" * 32)  # small order
    assert not is_verify_key("01" + "00" * 31)  # the identity
    assert not is_signed_by(read_receipt(receipt()), "00" * 32)


def test_the_manifest_publishes_the_key_from_version_2() -> None:
    assert MANIFEST.to_dict()["v"] == "tinnhiem/manifest/1"
    assert "receipt_key" not in MANIFEST.to_dict()
    signed = dataclasses.replace(MANIFEST, receipt_key=PUBLIC)
    data = signed.to_dict()
    assert data["v"] == "tinnhiem/manifest/2" and data["receipt_key"] == PUBLIC
    assert Manifest.from_dict(data) == signed
    assert Manifest.from_dict(MANIFEST.to_dict()) == MANIFEST  # old records still read
    for bad in (
        {**data, "v": "tinnhiem/manifest/1"},  # a version-1 manifest has no key
        {k: v for k, v in data.items() if k != "receipt_key"},
        {**data, "receipt_key": "00" * 32},
        {**data, "receipt_key": 5},
    ):
        with pytest.raises(InvalidEncoding):
            Manifest.from_dict(bad)


def test_signing_is_deterministic_and_the_time_is_utc() -> None:
    assert receipt() == receipt()
    later = receipt(at=AT.astimezone(UTC) + timedelta(seconds=1))
    assert later["at"] == "2026-11-20T08:04:06Z" and later["signature"] != receipt()["signature"]


def test_the_vectors_shared_with_the_javascript_are_fresh() -> None:
    """js/test/receipt.test.mjs reaches the same outcome on every case of this file."""
    from tests.ballotcrypto import make_receipt_vectors as shared

    committed = shared.VECTORS.read_text("utf-8")
    assert committed == shared.render(shared.generate()), "run make_receipt_vectors.py"
    expected = {case["name"]: case["expected"] for case in shared.generate()["cases"]}
    assert set(expected.values()) == {"valid", "format", "election", "signature", "ballot", "count"}
