"""The trustees' files at the close (docs/crypto.md, section 12.5).

The server publishes the encrypted tally and the decryption context ("tinnhiem/trustee-tally/1");
each trustee answers with its partial decryption of every total ("tinnhiem/trustee-decryption/1"),
bound to that tally by its hash. `check_decryption` is what the server runs on each upload.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from tinnhiem.ballotcrypto import wire
from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.ballotcrypto.ceremony_files import CeremonyFileError, read_header
from tinnhiem.ballotcrypto.decryption import verify_partial
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context, length_prefixed
from tinnhiem.ballotcrypto.proofs import Rng
from tinnhiem.ballotcrypto.tally import EncryptedTally, TallyShare, tally_share
from tinnhiem.ballotcrypto.trustees import CeremonyParams, TrusteeKey

TALLY_REQUEST_VERSION = "tinnhiem/trustee-tally/1"
DECRYPTION_VERSION = "tinnhiem/trustee-decryption/1"
TAG_TALLY_HASH = "tinnhiem/tally-hash/1"


def tally_hash(encrypted: EncryptedTally) -> str:
    """SHA-256(LP(tag) ‖ LP(canonical JSON of the "tinnhiem/encrypted-tally/1" record)), hex."""
    digest = hashlib.sha256(length_prefixed(TAG_TALLY_HASH.encode()))
    digest.update(length_prefixed(canonical_json(wire.encrypted_tally_to_dict(encrypted))))
    return digest.hexdigest()


def tally_request_to_dict(
    session: str, encrypted: EncryptedTally, context: Context
) -> dict[str, Any]:
    """What the server publishes at the close for the trustees to decrypt."""
    return {
        "v": TALLY_REQUEST_VERSION,
        "session": session,
        "context": {"session": context.session, "record_version": context.record_version},
        "encrypted_tally": wire.encrypted_tally_to_dict(encrypted),
        "tally_hash": tally_hash(encrypted),
    }


def read_tally_request(session: str, data: object) -> tuple[EncryptedTally, Context]:
    """The encrypted tally and the decryption context of a "tinnhiem/trustee-tally/1" file."""
    what = "tally"
    names = ("session", "context", "encrypted_tally", "tally_hash")
    record = wire.fields_of(data, TALLY_REQUEST_VERSION, names, what)
    if record["session"] != session:
        raise CeremonyFileError(
            f"{what}.session",
            f"thuộc đợt {record['session']!r}",
            f"for session {record['session']!r}",
        )
    raw = record["context"]
    if not isinstance(raw, dict) or sorted(raw) != ["record_version", "session"]:
        raise InvalidEncoding(
            f"{what}.context: cần session và record_version",
            f"{what}.context: session and record_version are needed",
        )
    context = Context(
        wire.text(raw["session"], f"{what}.context.session"),
        wire.text(raw["record_version"], f"{what}.context.record_version"),
    )
    encrypted = wire.encrypted_tally_from_dict(
        record["encrypted_tally"], what=f"{what}.encrypted_tally"
    )
    if record["tally_hash"] != tally_hash(encrypted):
        raise CeremonyFileError(
            f"{what}.tally_hash", "không khớp kết quả mã hóa", "does not match the tally"
        )
    return encrypted, context


def decryption_to_dict(
    session: str,
    key: TrusteeKey,
    encrypted: EncryptedTally,
    context: Context,
    rng: Rng = Scalar.random,
) -> dict[str, Any]:
    """Trustee's decryption file: D = A^{x_i} for every total with its proof (section 7)."""
    return {
        "v": DECRYPTION_VERSION,
        "session": session,
        "index": key.index,
        "tally_hash": tally_hash(encrypted),
        "share": wire.tally_share_to_dict(tally_share(key, encrypted, context, rng)),
    }


def check_decryption(
    session: str,
    params: CeremonyParams,
    verification_keys: Mapping[int, Point],
    encrypted: EncryptedTally,
    context: Context,
    data: object,
) -> TallyShare:
    """Read a trustee's decryption file: it must name this tally's hash, hold one share per
    total, and every Chaum–Pedersen proof must hold against the trustee's h_i under `context`."""
    record, index, what = read_header(
        data, DECRYPTION_VERSION, ("tally_hash", "share"), session, params
    )
    if record["tally_hash"] != tally_hash(encrypted):
        raise CeremonyFileError(
            f"{what}.tally_hash",
            "phần giải mã dành cho một kết quả mã hóa khác",
            "the shares are for another encrypted tally",
            index,
        )
    share = wire.tally_share_from_dict(record["share"], len(encrypted.totals), f"{what}.share")
    if share.trustee != index:
        raise CeremonyFileError(
            f"{what}.share.trustee", "chỉ số khác với tệp", "another index than the file's", index
        )
    key = verification_keys.get(index)
    if key is None:
        raise CeremonyFileError(f"{what}.index", "không có khóa kiểm tra", "no verification key")
    for p, (entry, total) in enumerate(zip(share.shares, encrypted.totals, strict=True)):
        if not verify_partial(entry, key, total, context):
            raise CeremonyFileError(
                f"{what}.share.shares[{p}].proof",
                f"chứng minh giải mã của thành viên {index} không hợp lệ",
                f"the decryption proof of trustee {index} does not verify",
                index,
            )
    return share
