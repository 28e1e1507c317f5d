"""Version-tagged JSON form of the proofs (docs/crypto.md, section 5).

A record is {"v": <version tag>, <field>: <hex>, ...}: points as 32-byte canonical encodings,
scalars as 32-byte little-endian. Reading refuses another version tag, a missing or extra
field, and any point or scalar that does not decode canonically.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.proofs import ChaumPedersenProof, DisjunctiveProof, OneLevelProof

VERSIONS: dict[type[Any], str] = {
    ChaumPedersenProof: "tinnhiem/chaum-pedersen/1",
    DisjunctiveProof: "tinnhiem/disjunctive-01/1",
    OneLevelProof: "tinnhiem/one-level/1",
}

ProofT = TypeVar("ProofT", ChaumPedersenProof, DisjunctiveProof, OneLevelProof)


def proof_to_dict(proof: ChaumPedersenProof | DisjunctiveProof | OneLevelProof) -> dict[str, str]:
    """The version-tagged record of a proof."""
    record = {"v": VERSIONS[type(proof)]}
    for field in dataclasses.fields(proof):
        value: Point | Scalar = getattr(proof, field.name)
        record[field.name] = value.to_bytes().hex()
    return record


def proof_from_dict(kind: type[ProofT], data: dict[str, str]) -> ProofT:
    """Read a proof of `kind`, validating its version tag, its fields and every encoding."""
    fields = dataclasses.fields(kind)
    if data.get("v") != VERSIONS[kind]:
        raise InvalidEncoding(
            f"Phiên bản chứng minh không được hỗ trợ: {data.get('v')!r}",
            f"Unsupported proof version: {data.get('v')!r}",
        )
    if set(data) != {"v"} | {field.name for field in fields}:
        raise InvalidEncoding("Các trường của chứng minh sai", "Wrong fields in a proof record")
    # the decoders are chosen by the declared field type, so the keyword types match
    values: dict[str, Any] = {f.name: _decode(str(f.type), data[f.name]) for f in fields}
    return kind(**values)


def _decode(kind: str, text: str) -> Point | Scalar:
    try:
        raw = bytes.fromhex(text)
    except (TypeError, ValueError):
        raise InvalidEncoding("Trường không phải chuỗi hex", "A field is not hex") from None
    return Point.from_bytes(raw) if kind == "Point" else Scalar.from_bytes(raw)
