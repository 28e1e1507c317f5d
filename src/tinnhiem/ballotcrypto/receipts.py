"""The voter's signed receipt (docs/crypto.md, 11.8).

When a ballot is cast the server signs, with the election's Ed25519 key, what it has just
accepted: the election (its session id and the hash of its manifest, the record's first entry,
so that a receipt checks against that one election's board only), the ballot's hash and
tracking code, the board position (the number of
ballots in the box once this one was added) and the time. The voter keeps the receipt; nothing
about it is stored. Checked against the published record, a receipt proves an omission: its
ballot must be among the cast ballots, and the box must hold at least `position` ballots,
since no ballot leaves the box before the close.

    message   = LP("tinnhiem/receipt-signature/1") ‖ LP(canonical JSON of the unsigned receipt)
    signature = Ed25519(receipt key, message)          (RFC 8032, libsodium through PyNaCl)

where the unsigned receipt is the receipt without its "signature" field. The receipt key's
public half is the manifest's `receipt_key` (manifest version 2).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import nacl.bindings
import nacl.exceptions
import nacl.signing

from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.ballotcrypto.errors import CryptoError, InvalidEncoding
from tinnhiem.ballotcrypto.hashing import length_prefixed

RECEIPT_VERSION = "tinnhiem/receipt/2"
SIGNATURE_TAG = b"tinnhiem/receipt-signature/1"
_FIELDS = frozenset(
    ("v", "session", "manifest", "ballot_hash", "tracking_code", "position", "at", "signature")
)
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")
_CODE = re.compile(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}")
_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class ReceiptInvalid(CryptoError):
    """The first check of a receipt that fails; `step` names it (see `check_receipt`)."""

    def __init__(self, step: str, message_vi: str, message_en: str) -> None:
        self.step = step
        super().__init__(message_vi, message_en)


@dataclass(frozen=True, slots=True)
class Receipt:
    session: str
    manifest: str  # the manifest's hash: the election record's first entry hash, hex
    ballot_hash: str
    tracking_code: str
    position: int
    at: str  # UTC, to the second: "YYYY-MM-DDTHH:MM:SSZ"
    signature: str  # 64 bytes, hex

    def unsigned(self) -> dict[str, Any]:
        return {
            "v": RECEIPT_VERSION,
            "session": self.session,
            "manifest": self.manifest,
            "ballot_hash": self.ballot_hash,
            "tracking_code": self.tracking_code,
            "position": self.position,
            "at": self.at,
        }

    def to_dict(self) -> dict[str, Any]:
        return self.unsigned() | {"signature": self.signature}


def signing_key(seed: bytes) -> nacl.signing.SigningKey:
    """The Ed25519 key whose 32-byte seed the caller derives (the server: from its secret)."""
    return nacl.signing.SigningKey(seed)


def verify_key_hex(key: nacl.signing.SigningKey) -> str:
    return bytes(key.verify_key).hex()


def is_verify_key(text: str) -> bool:
    """64 lowercase hex digits spelling a point of Ed25519's prime-order subgroup, not of small
    order (libsodium's own test for a public key)."""
    return bool(_HEX64.fullmatch(text)) and bool(
        nacl.bindings.crypto_core_ed25519_is_valid_point(bytes.fromhex(text))
    )


def signed_message(unsigned: Mapping[str, Any]) -> bytes:
    """The bytes the signature covers."""
    return length_prefixed(SIGNATURE_TAG) + length_prefixed(canonical_json(dict(unsigned)))


def sign_receipt(
    key: nacl.signing.SigningKey,
    *,
    session: str,
    manifest: str,
    ballot_hash: str,
    tracking_code: str,
    position: int,
    at: datetime,
) -> Receipt:
    """The signed receipt of a ballot the server has just accepted; `at` is timezone-aware."""
    if at.tzinfo is None:
        raise ValueError("the receipt's time must be timezone-aware")
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    draft = Receipt(session, manifest, ballot_hash, tracking_code, position, stamp, "")
    signature = key.sign(signed_message(draft.unsigned())).signature.hex()
    return Receipt(session, manifest, ballot_hash, tracking_code, position, stamp, signature)


def read_receipt(data: object) -> Receipt:
    """Parse a receipt strictly: exactly its fields, each well formed (InvalidEncoding)."""
    if not isinstance(data, dict) or data.get("v") != RECEIPT_VERSION:
        version = data.get("v") if isinstance(data, dict) else None
        raise InvalidEncoding(
            f"Không phải biên nhận {RECEIPT_VERSION} (v = {version!r})",
            f"Not a {RECEIPT_VERSION} receipt (v = {version!r})",
        )
    if set(data) != _FIELDS:
        raise InvalidEncoding(
            f"Biên nhận cần đúng các trường {sorted(_FIELDS)}",
            f"A receipt needs exactly the fields {sorted(_FIELDS)}",
        )
    checks = (
        ("session", isinstance(data["session"], str) and 0 < len(data["session"]) <= 200),
        ("manifest", isinstance(data["manifest"], str) and _HEX64.fullmatch(data["manifest"])),
        ("ballot_hash", isinstance(data["ballot_hash"], str) and _HEX64.fullmatch(data["ballot_hash"])),
        ("tracking_code", isinstance(data["tracking_code"], str) and _CODE.fullmatch(data["tracking_code"])),
        ("position", type(data["position"]) is int and data["position"] >= 1),
        ("at", isinstance(data["at"], str) and _AT.fullmatch(data["at"])),
        ("signature", isinstance(data["signature"], str) and _HEX128.fullmatch(data["signature"])),
    )  # fmt: skip
    for field, is_good in checks:
        if not is_good:
            raise InvalidEncoding(
                f"Biên nhận: trường {field} sai dạng", f"Receipt: the field {field} is malformed"
            )
    return Receipt(
        data["session"],
        data["manifest"],
        data["ballot_hash"],
        data["tracking_code"],
        data["position"],
        data["at"],
        data["signature"],
    )


def is_signed_by(receipt: Receipt, receipt_key: str) -> bool:
    """Whether the signature holds under the public key (64 hex digits)."""
    try:
        nacl.signing.VerifyKey(bytes.fromhex(receipt_key)).verify(
            signed_message(receipt.unsigned()), bytes.fromhex(receipt.signature)
        )
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError):
        return False
    return True


def check_receipt(
    data: object,
    *,
    session: str,
    manifest: str,
    receipt_key: str | None,
    cast: Mapping[str, str],
    ballots: int,
) -> Receipt:
    """Check a receipt against a published record, in this order (ReceiptInvalid naming the
    first that fails):

    1. `format`: the receipt parses (`read_receipt`);
    2. `election`: its session and manifest hash are the record's (a receipt of another
       election, or of another manifest under the same session id);
    3. `key`: the record's manifest publishes a receipt key (version 2);
    4. `signature`: the signature holds under that key;
    5. `ballot`: its ballot hash is a cast ballot of the record, with its tracking code (the
       ballot was dropped or replaced before the close);
    6. `count`: the record holds at least `position` ballots (ballots were dropped, this one
       or others).

    `cast` maps each cast ballot's hash to its tracking code; `ballots` is their number.
    """
    try:
        receipt = read_receipt(data)
    except InvalidEncoding as exc:
        raise ReceiptInvalid("format", exc.message_vi, exc.message_en) from None
    if receipt.session != session:
        raise ReceiptInvalid(
            "election",
            f"Biên nhận của phiên khác ({receipt.session}), không phải phiên {session}",
            f"The receipt is for another election ({receipt.session}), not {session}",
        )
    if receipt.manifest != manifest:
        raise ReceiptInvalid(
            "election",
            f"Biên nhận của một cuộc bỏ phiếu khác: mã manifest {receipt.manifest[:16]}… khác "
            f"mã {manifest[:16]}… của hồ sơ này",
            f"The receipt is for another election: its manifest hash {receipt.manifest[:16]}… "
            f"is not this record's {manifest[:16]}…",
        )
    if receipt_key is None:
        raise ReceiptInvalid(
            "key",
            "Hồ sơ không công bố khóa ký biên nhận (manifest phiên bản 1)",
            "The record publishes no receipt key (a version-1 manifest)",
        )
    if not is_signed_by(receipt, receipt_key):
        raise ReceiptInvalid(
            "signature",
            "Chữ ký của biên nhận không hợp lệ với khóa trong manifest (biên nhận bị sửa hoặc giả)",
            "The receipt's signature does not hold under the manifest's key (altered or forged)",
        )
    if cast.get(receipt.ballot_hash) != receipt.tracking_code:
        raise ReceiptInvalid(
            "ballot",
            f"Phiếu {receipt.tracking_code} có biên nhận ký bởi máy chủ nhưng KHÔNG có trong hồ "
            "sơ: phiếu đã bị bỏ hoặc bị thay trước khi đóng hòm phiếu",
            f"Ballot {receipt.tracking_code} has a receipt signed by the server but is NOT in "
            "the record: it was dropped or replaced before the close",
        )
    if receipt.position > ballots:
        raise ReceiptInvalid(
            "count",
            f"Biên nhận ghi hòm phiếu đã có {receipt.position} phiếu lúc {receipt.at}, hồ sơ chỉ "
            f"có {ballots}: phiếu đã bị bỏ khỏi hòm",
            f"The receipt says the box held {receipt.position} ballots at {receipt.at}; the "
            f"record holds {ballots}: ballots were dropped",
        )
    return receipt


def cast_of_record(record: Mapping[str, Any]) -> dict[str, str]:
    """The cast ballots of a record that `verify.verify_record` accepted: hash → tracking code."""
    return {
        entry["body"]["hash"]: entry["body"]["tracking_code"]
        for entry in record["entries"]
        if entry["kind"] == "ballot"
    }
