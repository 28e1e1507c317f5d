"""The trustees' key-exchange and decryption files (docs/crypto.md, section 12).

Round 1: trustee i publishes an X25519 box key and its dealer commitments (6.1). Round 2: it
seals f_i(j) to every trustee j's box key (libsodium sealed box), so the server that carries the
files never reads a share. Round 3: trustee j opens its n shares, checks each against its dealer's
commitments and publishes h_j, or a complaint naming the dealer whose share failed. The files
of the close (partial decryptions) are in tally_files.py.

The `check_*` functions are what the server runs on every upload: strict reading (wire.py) and
every public check. They raise a CryptoError (CeremonyFileError or InvalidEncoding) whose
bilingual message names the field. `ceremony_result` gives the joint key and the h_j.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import nacl.exceptions
import nacl.public

from tinnhiem.ballotcrypto import wire
from tinnhiem.ballotcrypto.canonical import canonical_json, parse_json
from tinnhiem.ballotcrypto.election import RECORD_VERSION
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context, length_prefixed
from tinnhiem.ballotcrypto.trustees import (
    CEREMONY_LABEL,
    CeremonyParams,
    DealerCommitment,
    DealerPolynomial,
    InvalidCeremony,
    TrusteeKey,
    combine_received_shares,
    verify_commitment,
)

ROUND1_VERSION = "tinnhiem/trustee-round1/1"
ROUND2_VERSION = "tinnhiem/trustee-round2/1"
ROUND3_VERSION = "tinnhiem/trustee-round3/1"
COMPLAINT_VERSION = "tinnhiem/trustee-complaint/1"
SEALED_SHARE_VERSION = "tinnhiem/sealed-share/1"
TAG_ROUND1_SET = "tinnhiem/trustee-round1-set/1"
BOX_KEY_BYTES = 32
SEAL_OVERHEAD = 48  # crypto_box_SEALBYTES: ephemeral public key (32) and Poly1305 tag (16)

COMPLAINT_REASONS: dict[str, tuple[str, str]] = {
    "missing": ("không gửi phần chia", "sent no share"),
    "round1-mismatch": (
        "dùng một bộ tệp vòng 1 khác",
        "used another set of round-1 files",
    ),
    "unreadable": ("gửi phần chia không mở được", "sent a share that cannot be opened"),
    "misaddressed": (
        "gửi phần chia ghi sai đợt, người gửi hoặc người nhận",
        "sent a share naming another session, sender or recipient",
    ),
    "invalid": (
        "gửi phần chia không khớp cam kết",
        "sent a share that does not match its commitments",
    ),
}


class CeremonyFileError(CryptoError):
    """A trustee's file that is malformed or fails a check; `field` names where, `trustee` whom."""

    def __init__(
        self, field: str, message_vi: str, message_en: str, trustee: int | None = None
    ) -> None:
        super().__init__(f"{field}: {message_vi}", f"{field}: {message_en}")
        self.field = field  # a path in the file, not a column: after the base set field=None
        self.trustee = trustee


class ShareComplaint(InvalidCeremony):
    """Trustee `recipient` cannot accept dealer `trustee`'s share; `reason` is a COMPLAINT_REASONS key."""

    def __init__(self, dealer: int, recipient: int, reason: str) -> None:
        self.recipient = recipient
        self.reason = reason
        vi, en = COMPLAINT_REASONS[reason]
        super().__init__(dealer, f"Thành viên {dealer} {vi}", f"Trustee {dealer} {en}")


def ceremony_context(session: str) -> Context:
    """The context of the key ceremony of `session` (section 6)."""
    return Context(session, RECORD_VERSION, CEREMONY_LABEL)


def read_header(
    data: object, version: str, names: tuple[str, ...], session: str, params: CeremonyParams
) -> tuple[dict[str, Any], int, str]:
    """The record, its trustee index and a name for messages, after the common checks."""
    what = version.split("/")[1].removeprefix("trustee-")
    record = wire.fields_of(data, version, ("session", "index", *names), what)
    if wire.text(record["session"], f"{what}.session") != session:
        raise CeremonyFileError(
            f"{what}.session",
            f"tệp thuộc đợt {record['session']!r}, không phải {session!r}",
            f"the file belongs to session {record['session']!r}, not {session!r}",
        )
    index = wire.whole(record["index"], f"{what}.index", 1)
    if index > params.trustees:
        raise CeremonyFileError(
            f"{what}.index",
            f"chỉ số {index} không thuộc 1…{params.trustees}",
            f"index {index} is not in 1…{params.trustees}",
        )
    return record, index, what


# round 1 --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Round1:
    """Trustee `index`'s X25519 box key and verified dealer commitments."""

    index: int
    box_public_key: bytes
    commitment: DealerCommitment


def round1_to_dict(
    session: str, box_public_key: bytes, commitment: DealerCommitment
) -> dict[str, Any]:
    return {
        "v": ROUND1_VERSION,
        "session": session,
        "index": commitment.index,
        "box_public_key": box_public_key.hex(),
        "commitment": wire.commitment_to_dict(commitment),
    }


def _box_key(value: object, field: str) -> bytes:
    """32 bytes of canonical hex that libsodium accepts as a recipient (no low-order point)."""
    key = wire.canonical_hex(value, field)
    try:
        nacl.public.SealedBox(nacl.public.PublicKey(key)).encrypt(b"")
    except nacl.exceptions.CryptoError:
        raise CeremonyFileError(
            field, "không phải khóa X25519 dùng được", "not a usable X25519 key"
        ) from None
    return key


def check_round1(session: str, params: CeremonyParams, data: object) -> Round1:
    """Read a round-1 file and verify its dealer's commitments and Schnorr proof (6.2)."""
    record, index, what = read_header(
        data, ROUND1_VERSION, ("box_public_key", "commitment"), session, params
    )
    box = _box_key(record["box_public_key"], f"{what}.box_public_key")
    commitment = wire.commitment_from_dict(
        record["commitment"], params.threshold, f"{what}.commitment"
    )
    if commitment.index != index:
        raise CeremonyFileError(
            f"{what}.commitment.trustee",
            f"cam kết của thành viên {commitment.index} trong tệp của thành viên {index}",
            f"the commitments of trustee {commitment.index} in trustee {index}'s file",
        )
    if not verify_commitment(commitment, params, ceremony_context(session)):
        raise CeremonyFileError(
            f"{what}.commitment.proof",
            f"cam kết của thành viên {index} không hợp lệ",
            f"the commitments of trustee {index} do not verify",
            index,
        )
    return Round1(index, box, commitment)


def check_round1s(
    session: str, params: CeremonyParams, round1s: Sequence[object]
) -> dict[int, Round1]:
    """Every round-1 file checked, exactly one for each trustee 1 … n, box keys distinct."""
    checked: dict[int, Round1] = {}
    for data in round1s:
        round1 = check_round1(session, params, data)
        if round1.index in checked:
            raise CeremonyFileError(
                "round1.index",
                f"hai tệp vòng 1 của thành viên {round1.index}",
                f"two round-1 files of trustee {round1.index}",
                round1.index,
            )
        checked[round1.index] = round1
    missing = sorted(set(range(1, params.trustees + 1)) - set(checked))
    if missing:
        raise CeremonyFileError(
            "round1",
            f"thiếu tệp vòng 1 của thành viên {missing}",
            f"round-1 files of {missing} missing",
        )
    if len({r.box_public_key for r in checked.values()}) != len(checked):
        raise CeremonyFileError(
            "round1.box_public_key",
            "hai thành viên dùng cùng khóa hộp",
            "two trustees share a box key",
        )
    return dict(sorted(checked.items()))


def round1_set_hash(session: str, round1s: Mapping[int, Round1]) -> str:
    """SHA-256(LP(tag) ‖ LP(canonical JSON of the list of round-1 records by index)), hex."""
    records = [
        round1_to_dict(session, round1s[i].box_public_key, round1s[i].commitment)
        for i in sorted(round1s)
    ]
    digest = hashlib.sha256(length_prefixed(TAG_ROUND1_SET.encode()))
    digest.update(length_prefixed(canonical_json(records)))
    return digest.hexdigest()


def fingerprint(round1_hash: str) -> str:
    """The first 128 bits of the round-1 set hash, upper-case, in groups of four: what the
    trustees read to each other out of band, so that the server cannot show them different
    box keys (a man in the middle) without being noticed."""
    head = round1_hash[:32].upper()
    return "-".join(head[k : k + 4] for k in range(0, 32, 4))


def ceremony_result(
    session: str, params: CeremonyParams, round1s: Sequence[object]
) -> tuple[Point, dict[int, Point]]:
    """The joint public key h and every trustee's verification key h_j (6.3)."""
    record = ceremony_record(session, params, round1s)
    return record.public_key, record.verification_key_map()


def ceremony_record(
    session: str, params: CeremonyParams, round1s: Sequence[object]
) -> wire.CeremonyRecord:
    """The published ceremony ("tinnhiem/ceremony/1") computed from the n round-1 files."""
    checked = check_round1s(session, params, round1s)
    commitments = [r.commitment for r in checked.values()]
    return wire.CeremonyRecord.compute(commitments, params, ceremony_context(session))


# round 2 --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Round2:
    """Dealer `index`'s sealed shares by recipient and the round-1 set it dealt against."""

    index: int
    round1_hash: str
    sealed: dict[int, bytes]


def _share_plaintext(session: str, dealer: int, recipient: int, share_hex: str) -> bytes:
    return canonical_json(
        {
            "v": SEALED_SHARE_VERSION,
            "session": session,
            "from": dealer,
            "to": recipient,
            "share": share_hex,
        }
    )


def seal_share(
    session: str, dealer: int, recipient: int, share: Scalar, box_public_key: bytes
) -> bytes:
    """crypto_box_seal of the canonical JSON {v, session, from, to, share} to the recipient."""
    plaintext = _share_plaintext(session, dealer, recipient, share.to_bytes().hex())
    return bytes(nacl.public.SealedBox(nacl.public.PublicKey(box_public_key)).encrypt(plaintext))


def round2_to_dict(
    session: str, polynomial: DealerPolynomial, round1s: Mapping[int, Round1]
) -> dict[str, Any]:
    """Dealer's round-2 file: f(j) sealed to every trustee j (itself included)."""
    shares = {
        str(j): base64.b64encode(
            seal_share(session, polynomial.index, j, polynomial.share_for(j), r.box_public_key)
        ).decode("ascii")
        for j, r in sorted(round1s.items())
    }
    return {
        "v": ROUND2_VERSION,
        "session": session,
        "index": polynomial.index,
        "round1_hash": round1_set_hash(session, round1s),
        "shares": shares,
    }


def check_round2(
    session: str, params: CeremonyParams, round1s: Sequence[object], data: object
) -> Round2:
    """Structure only (the server cannot open the shares): one sealed box of the exact length
    for every trustee 1 … n, and the dealer used the same round-1 files as the server."""
    round2 = read_round2(session, params, data)
    if round2.round1_hash != round1_set_hash(session, check_round1s(session, params, round1s)):
        raise CeremonyFileError(
            "round2.round1_hash",
            "thành viên đã dùng một bộ tệp vòng 1 khác",
            "the trustee used another set of round-1 files",
            round2.index,
        )
    return round2


def read_round2(session: str, params: CeremonyParams, data: object) -> Round2:
    """A round-2 file's structure, without comparing its round-1 hash (open_shares does)."""
    record, index, what = read_header(
        data, ROUND2_VERSION, ("round1_hash", "shares"), session, params
    )
    round1_hash = wire.canonical_hex(record["round1_hash"], f"{what}.round1_hash").hex()
    return Round2(
        index, round1_hash, _sealed_shares(session, params, index, record["shares"], what)
    )


def _sealed_shares(
    session: str, params: CeremonyParams, dealer: int, raw: object, what: str
) -> dict[int, bytes]:
    names = [str(j) for j in range(1, params.trustees + 1)]
    if not isinstance(raw, dict) or sorted(raw) != sorted(names):
        raise CeremonyFileError(
            f"{what}.shares",
            f"cần đúng một phần chia cho mỗi thành viên {names}",
            f"exactly one share for each trustee {names} is needed",
            dealer,
        )
    sealed: dict[int, bytes] = {}
    for j in range(1, params.trustees + 1):
        field = f"{what}.shares.{j}"
        box = _strict_base64(raw[str(j)], field)
        length = SEAL_OVERHEAD + len(_share_plaintext(session, dealer, j, "0" * 64))
        if len(box) != length:
            raise CeremonyFileError(
                field, f"hộp niêm phong phải dài {length} byte", f"a sealed box of {length} bytes"
            )
        sealed[j] = box
    return sealed


def _strict_base64(value: object, field: str) -> bytes:
    try:
        if isinstance(value, str):
            raw = base64.b64decode(value, validate=True)
            if base64.b64encode(raw).decode("ascii") == value:
                return raw
    except (binascii.Error, ValueError):
        pass
    raise CeremonyFileError(field, "không phải base64 chuẩn", "not canonical base64")


def open_shares(
    session: str,
    params: CeremonyParams,
    index: int,
    box_secret_key: bytes,
    round1s: Mapping[int, Round1],
    round2s: Mapping[int, Round2],
) -> TrusteeKey:
    """Trustee `index` opens the share every dealer sealed to it, checks it and sums them (6.3).

    Raises ShareComplaint naming the first dealer whose share is missing, dealt against another
    round-1 set, unopenable, addressed to another session or pair, or off its commitments.
    """
    expected_hash = round1_set_hash(session, round1s)
    received: dict[int, Scalar] = {}
    for dealer in range(1, params.trustees + 1):
        round2 = round2s.get(dealer)
        if round2 is None or index not in round2.sealed:
            raise ShareComplaint(dealer, index, "missing")
        if round2.round1_hash != expected_hash:
            raise ShareComplaint(dealer, index, "round1-mismatch")
        received[dealer] = _open_share(session, dealer, index, box_secret_key, round2.sealed[index])
    commitments = [r.commitment for r in round1s.values()]
    try:
        return combine_received_shares(
            index, received, commitments, params, ceremony_context(session)
        )
    except InvalidCeremony as exc:
        raise ShareComplaint(exc.trustee, index, "invalid") from None


def _open_share(session: str, dealer: int, recipient: int, secret: bytes, sealed: bytes) -> Scalar:
    try:
        plaintext = nacl.public.SealedBox(nacl.public.PrivateKey(secret)).decrypt(sealed)
        data = parse_json(plaintext)
        record = wire.fields_of(data, SEALED_SHARE_VERSION, ("session", "from", "to", "share"), "")
        share = wire.scalar(record["share"], "share")
    except (nacl.exceptions.CryptoError, UnicodeDecodeError, ValueError):
        # InvalidEncoding is a ValueError; json.JSONDecodeError too.
        raise ShareComplaint(dealer, recipient, "unreadable") from None
    addressed = (record["session"], record["from"], record["to"])
    if addressed != (session, dealer, recipient) or not all(type(x) is int for x in addressed[1:]):
        raise ShareComplaint(dealer, recipient, "misaddressed")
    return share


# round 3 and complaints -----------------------------------------------------------------------


def round3_to_dict(session: str, key: TrusteeKey) -> dict[str, Any]:
    return {
        "v": ROUND3_VERSION,
        "session": session,
        "index": key.index,
        "verification_key": wire.hex_of(key.verification_key),
    }


def check_round3(
    session: str, params: CeremonyParams, round1s: Sequence[object], data: object
) -> Point:
    """The trustee's h_j must equal the one recomputed from all commitments (6.3)."""
    record, index, what = read_header(data, ROUND3_VERSION, ("verification_key",), session, params)
    claimed = wire.point(record["verification_key"], f"{what}.verification_key")
    _, keys = ceremony_result(session, params, round1s)
    if claimed != keys[index]:
        raise CeremonyFileError(
            f"{what}.verification_key",
            f"khóa kiểm tra của thành viên {index} không khớp cam kết",
            f"the verification key of trustee {index} does not match the commitments",
            index,
        )
    return claimed


@dataclass(frozen=True, slots=True)
class Complaint:
    """Trustee `index` could not accept dealer `dealer`'s share: the ceremony must restart."""

    index: int
    dealer: int
    reason: str

    @property
    def message(self) -> str:
        vi, en = COMPLAINT_REASONS[self.reason]
        return (
            f"Thành viên {self.index} khiếu nại: thành viên {self.dealer} {vi} / "
            f"Trustee {self.index} complains: trustee {self.dealer} {en}"
        )


def complaint_to_dict(session: str, complaint: ShareComplaint) -> dict[str, Any]:
    return {
        "v": COMPLAINT_VERSION,
        "session": session,
        "index": complaint.recipient,
        "dealer": complaint.trustee,
        "reason": complaint.reason,
    }


def check_complaint(session: str, params: CeremonyParams, data: object) -> Complaint:
    """Read a complaint (it cannot be verified: sealed boxes do not authenticate the sender)."""
    record, index, what = read_header(
        data, COMPLAINT_VERSION, ("dealer", "reason"), session, params
    )
    dealer = wire.whole(record["dealer"], f"{what}.dealer", 1)
    if dealer > params.trustees:
        raise CeremonyFileError(f"{what}.dealer", "chỉ số ngoài khoảng", "index out of range")
    if record["reason"] not in COMPLAINT_REASONS:
        raise CeremonyFileError(
            f"{what}.reason", "lý do lạ", f"unknown reason {record['reason']!r}"
        )
    return Complaint(index, dealer, record["reason"])
