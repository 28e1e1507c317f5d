"""Version-tagged JSON of the ceremony, the decryption shares and the tally (docs/crypto.md, 11.1).

Every object is {"v": <tag>, <fields>...}. Reading refuses an unknown tag, a missing or an extra
field, a boolean or negative where a count is expected, and any hex that is not the canonical
lowercase encoding of a valid point or a scalar below ℓ. Reading checks encodings only; whether
the proofs hold is the verifier's job (`verify.py`) or the caller's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tinnhiem.ballotcrypto.decryption import DecryptionShare
from tinnhiem.ballotcrypto.elgamal import CIPHERTEXT_VERSION, Ciphertext
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proof_json import VERSIONS, proof_to_dict
from tinnhiem.ballotcrypto.proofs import ChaumPedersenProof, OneOfProof
from tinnhiem.ballotcrypto.tally import EncryptedTally, TallyShare
from tinnhiem.ballotcrypto.trustees import (
    CeremonyParams,
    DealerCommitment,
    SchnorrProof,
    joint_public_key,
    verification_key,
)

SCHNORR_VERSION = "tinnhiem/schnorr/1"
DEALER_VERSION = "tinnhiem/dealer-commitment/1"
CEREMONY_VERSION = "tinnhiem/ceremony/1"
SHARE_VERSION = "tinnhiem/decryption-share/1"
TALLY_SHARE_VERSION = "tinnhiem/tally-share/1"
ENCRYPTED_TALLY_VERSION = "tinnhiem/encrypted-tally/1"

DecodedT = TypeVar("DecodedT", Point, Scalar)
_MAX_LIST = 100_000


def _bad(vi: str, en: str) -> InvalidEncoding:
    return InvalidEncoding(vi, en)


@functools.cache
def _field_set(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset((*names, "v"))


def fields_of(data: object, version: str, names: Sequence[str], what: str) -> dict[str, Any]:
    """`data` as a dict tagged `version` with exactly the fields `names` (and "v")."""
    if not isinstance(data, dict):
        raise _bad(f"{what}: phải là một đối tượng JSON", f"{what}: must be a JSON object")
    if data.get("v") != version:
        raise _bad(
            f"{what}: phiên bản {data.get('v')!r} không được hỗ trợ (cần {version})",
            f"{what}: unsupported version {data.get('v')!r} (expected {version})",
        )
    if data.keys() != _field_set(tuple(names)):
        missing = sorted(set(names) - set(data))
        extra = sorted(set(data) - set(names) - {"v"})
        raise _bad(
            f"{what}: thiếu trường {missing}, thừa trường {extra}",
            f"{what}: missing fields {missing}, extra fields {extra}",
        )
    return data


def whole(value: object, what: str, minimum: int = 0) -> int:
    """A JSON integer ≥ minimum (booleans, floats and strings refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad(
            f"{what}: phải là số nguyên ≥ {minimum}", f"{what}: must be an integer ≥ {minimum}"
        )
    return value


def text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _bad(f"{what}: phải là chuỗi", f"{what}: must be a string")
    return value


def items(value: object, what: str, length: int | None = None) -> list[Any]:
    """A JSON list, of exactly `length` items when given."""
    if type(value) is list and len(value) == length:
        return value
    if not isinstance(value, list) or len(value) > _MAX_LIST:
        raise _bad(f"{what}: phải là danh sách", f"{what}: must be a list")
    if length is not None and len(value) != length:
        raise _bad(
            f"{what}: cần {length} phần tử, có {len(value)}",
            f"{what}: {length} items expected, {len(value)} found",
        )
    return value


def canonical_hex(value: object, what: str) -> bytes:
    """32 bytes written as 64 lowercase hex digits (the only accepted spelling)."""
    raw = _hex32(value)
    if raw is None:
        raise _bad(
            f"{what}: phải là 64 chữ số hex viết thường",
            f"{what}: must be 64 lowercase hex digits",
        )
    return raw


def _hex32(value: object) -> bytes | None:
    """The 32 bytes written as 64 lowercase hex digits; None for any other spelling."""
    if type(value) is not str or len(value) != 64:
        return None
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        return None
    return raw if raw.hex() == value else None  # refuses capitals and spaces


def point(value: object, what: str) -> Point:
    return decode_all([value], Point.from_bytes, what)[0]


def scalar(value: object, what: str) -> Scalar:
    return decode_all([value], Scalar.from_bytes, what)[0]


def decode_all(
    values: Sequence[object], decode: Callable[[bytes], DecodedT], what: str
) -> tuple[DecodedT, ...]:
    """Decode canonical hex strings with `decode` (the name of a bad one is built on failure)."""
    decoded = []
    for value in values:
        raw = _hex32(value)
        if raw is None:
            raise _bad(
                f"{_name(what, values, value)}: phải là 64 chữ số hex viết thường",
                f"{_name(what, values, value)}: must be 64 lowercase hex digits",
            )
        try:
            decoded.append(decode(raw))
        except InvalidEncoding as exc:
            name = _name(what, values, value)
            raise _bad(f"{name}: {exc.message_vi}", f"{name}: {exc.message_en}") from None
    return tuple(decoded)


def _name(what: str, values: Sequence[object], value: object) -> str:
    return what if len(values) == 1 else f"{what}[{list(values).index(value)}]"


def hex_of(value: Point | Scalar) -> str:
    return value.to_bytes().hex()


# ciphertexts and proofs -----------------------------------------------------------------------


def ciphertext_from_dict(data: object, what: str = "ciphertext") -> Ciphertext:
    """A "tinnhiem/ciphertext/1" record, strictly (Ciphertext.from_dict tolerates extra fields)."""
    record = fields_of(data, CIPHERTEXT_VERSION, ("alpha", "beta"), what)
    alpha, beta = decode_all((record["alpha"], record["beta"]), Point.from_bytes, what)
    return Ciphertext(alpha, beta)


def chaum_pedersen_from_dict(data: object, what: str = "proof") -> ChaumPedersenProof:
    """A "tinnhiem/chaum-pedersen/1" record: a, b points and z a scalar, canonical hex."""
    record = fields_of(data, VERSIONS[ChaumPedersenProof], ("a", "b", "z"), what)
    return ChaumPedersenProof(
        point(record["a"], f"{what}.a"),
        point(record["b"], f"{what}.b"),
        scalar(record["z"], f"{what}.z"),
    )


def one_of_from_dict(data: object, branches: int, what: str = "proof") -> OneOfProof:
    """A "tinnhiem/one-of/1" record with lists a, b (points), c, z (scalars) of `branches` each."""
    record = fields_of(data, VERSIONS[OneOfProof], ("a", "b", "c", "z"), what)
    a, b, c, z = (items(record[name], f"{what}.{name}", branches) for name in "abcz")
    return OneOfProof(
        decode_all(a, Point.from_bytes, f"{what}.a"),
        decode_all(b, Point.from_bytes, f"{what}.b"),
        decode_all(c, Scalar.from_bytes, f"{what}.c"),
        decode_all(z, Scalar.from_bytes, f"{what}.z"),
    )


# key ceremony ---------------------------------------------------------------------------------


def schnorr_to_dict(proof: SchnorrProof) -> dict[str, str]:
    return {"v": SCHNORR_VERSION, "r": hex_of(proof.r), "z": hex_of(proof.z)}


def schnorr_from_dict(data: object, what: str = "proof") -> SchnorrProof:
    record = fields_of(data, SCHNORR_VERSION, ("r", "z"), what)
    return SchnorrProof(point(record["r"], f"{what}.r"), scalar(record["z"], f"{what}.z"))


def commitment_to_dict(commitment: DealerCommitment) -> dict[str, Any]:
    return {
        "v": DEALER_VERSION,
        "trustee": commitment.index,
        "coefficients": [hex_of(c) for c in commitment.coefficients],
        "proof": schnorr_to_dict(commitment.proof),
    }


def commitment_from_dict(
    data: object, threshold: int | None = None, what: str = "commitment"
) -> DealerCommitment:
    """A dealer's record; with `threshold`, exactly that many coefficients are required."""
    record = fields_of(data, DEALER_VERSION, ("trustee", "coefficients", "proof"), what)
    index = whole(record["trustee"], f"{what}.trustee", 1)
    raw = items(record["coefficients"], f"{what}.coefficients", threshold)
    if not raw:
        raise _bad(f"{what}: không có hệ số nào", f"{what}: no coefficients")
    coefficients = tuple(point(c, f"{what}.coefficients[{k}]") for k, c in enumerate(raw))
    return DealerCommitment(
        index, coefficients, schnorr_from_dict(record["proof"], f"{what}.proof")
    )


@dataclass(frozen=True, slots=True)
class CeremonyRecord:
    """What a ceremony publishes: n, t, every dealer's commitments, h and every h_j (6.3)."""

    params: CeremonyParams
    commitments: tuple[DealerCommitment, ...]
    public_key: Point
    verification_keys: tuple[Point, ...]

    @classmethod
    def compute(
        cls, commitments: Sequence[DealerCommitment], params: CeremonyParams, context: Context
    ) -> CeremonyRecord:
        """Verify every dealer (InvalidCeremony otherwise) and derive h and h_1 … h_n."""
        ordered = sorted(commitments, key=lambda c: c.index)
        public_key = joint_public_key(ordered, params, context)
        keys = tuple(
            verification_key(j, ordered, params, context) for j in range(1, params.trustees + 1)
        )
        return cls(params, tuple(ordered), public_key, keys)

    def verification_key_map(self) -> dict[int, Point]:
        return {j: key for j, key in enumerate(self.verification_keys, start=1)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": CEREMONY_VERSION,
            "trustees": self.params.trustees,
            "threshold": self.params.threshold,
            "commitments": [commitment_to_dict(c) for c in self.commitments],
            "public_key": hex_of(self.public_key),
            "verification_keys": [hex_of(k) for k in self.verification_keys],
        }

    @classmethod
    def from_dict(cls, data: object, what: str = "ceremony") -> CeremonyRecord:
        """Decode (no proof is checked here): n ≥ t ≥ 1, n commitments, n verification keys."""
        names = ("trustees", "threshold", "commitments", "public_key", "verification_keys")
        record = fields_of(data, CEREMONY_VERSION, names, what)
        n = whole(record["trustees"], f"{what}.trustees", 1)
        t = whole(record["threshold"], f"{what}.threshold", 1)
        if t > n:
            raise _bad(f"{what}: ngưỡng lớn hơn số thành viên", f"{what}: threshold exceeds n")
        raw = items(record["commitments"], f"{what}.commitments", n)
        commitments = tuple(
            commitment_from_dict(c, t, f"{what}.commitments[{i}]") for i, c in enumerate(raw)
        )
        keys = items(record["verification_keys"], f"{what}.verification_keys", n)
        return cls(
            CeremonyParams(n, t),
            commitments,
            point(record["public_key"], f"{what}.public_key"),
            tuple(point(k, f"{what}.verification_keys[{i}]") for i, k in enumerate(keys)),
        )


# decryption -----------------------------------------------------------------------------------


def share_to_dict(share: DecryptionShare) -> dict[str, Any]:
    return {
        "v": SHARE_VERSION,
        "trustee": share.trustee,
        "share": hex_of(share.share),
        "proof": proof_to_dict(share.proof),
    }


def share_from_dict(data: object, what: str = "share") -> DecryptionShare:
    record = fields_of(data, SHARE_VERSION, ("trustee", "share", "proof"), what)
    return DecryptionShare(
        whole(record["trustee"], f"{what}.trustee", 1),
        point(record["share"], f"{what}.share"),
        chaum_pedersen_from_dict(record["proof"], f"{what}.proof"),
    )


def tally_share_to_dict(tally_share: TallyShare) -> dict[str, Any]:
    return {
        "v": TALLY_SHARE_VERSION,
        "trustee": tally_share.trustee,
        "shares": [share_to_dict(s) for s in tally_share.shares],
    }


def tally_share_from_dict(
    data: object, persons: int | None = None, what: str = "tally share"
) -> TallyShare:
    """One share per person (exactly `persons` when given), each carrying the same trustee."""
    record = fields_of(data, TALLY_SHARE_VERSION, ("trustee", "shares"), what)
    trustee = whole(record["trustee"], f"{what}.trustee", 1)
    raw = items(record["shares"], f"{what}.shares", persons)
    shares = tuple(share_from_dict(s, f"{what}.shares[{p}]") for p, s in enumerate(raw))
    if any(s.trustee != trustee for s in shares):
        raise _bad(
            f"{what}: phần giải mã mang chỉ số thành viên khác {trustee}",
            f"{what}: a share carries a trustee index other than {trustee}",
        )
    return TallyShare(trustee, shares)


def encrypted_tally_to_dict(encrypted: EncryptedTally) -> dict[str, Any]:
    return {
        "v": ENCRYPTED_TALLY_VERSION,
        "ballots": encrypted.ballots,
        "totals": [total.to_dict() for total in encrypted.totals],
    }


def encrypted_tally_from_dict(
    data: object, persons: int | None = None, what: str = "tally"
) -> EncryptedTally:
    record = fields_of(data, ENCRYPTED_TALLY_VERSION, ("ballots", "totals"), what)
    raw = items(record["totals"], f"{what}.totals", persons)
    return EncryptedTally(
        tuple(ciphertext_from_dict(t, f"{what}.totals[{p}]") for p, t in enumerate(raw)),
        whole(record["ballots"], f"{what}.ballots"),
    )
