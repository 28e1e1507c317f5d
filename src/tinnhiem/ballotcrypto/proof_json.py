"""Version-tagged JSON form of the proofs (docs/crypto.md, section 5).

A record is {"v": <version tag>, <field>: <hex or list of hex>, ...}: points as 32-byte
canonical encodings, scalars as 32-byte little-endian. Reading refuses another version tag, a
missing or extra field, lists of unequal length, and any point or scalar that does not decode
canonically.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.proofs import ChaumPedersenProof, OneOfProof

VERSIONS: dict[type[Any], str] = {
    ChaumPedersenProof: "tinnhiem/chaum-pedersen/1",
    OneOfProof: "tinnhiem/one-of/1",
}

ProofT = TypeVar("ProofT", ChaumPedersenProof, OneOfProof)
_MAX_BRANCHES = 64


def proof_to_dict(proof: ChaumPedersenProof | OneOfProof) -> dict[str, Any]:
    """The version-tagged record of a proof."""
    record: dict[str, Any] = {"v": VERSIONS[type(proof)]}
    for field in dataclasses.fields(proof):
        value: Point | Scalar | tuple[Point | Scalar, ...] = getattr(proof, field.name)
        if isinstance(value, tuple):
            record[field.name] = [item.to_bytes().hex() for item in value]
        else:
            record[field.name] = value.to_bytes().hex()
    return record


def proof_from_dict(kind: type[ProofT], data: object) -> ProofT:
    """Read a proof of `kind`, validating its version tag, its fields and every encoding."""
    if not isinstance(data, dict):
        raise InvalidEncoding("Chứng minh phải là một đối tượng", "A proof must be an object")
    fields = dataclasses.fields(kind)
    if data.get("v") != VERSIONS[kind]:
        raise InvalidEncoding(
            f"Phiên bản chứng minh không được hỗ trợ: {data.get('v')!r}",
            f"Unsupported proof version: {data.get('v')!r}",
        )
    if set(data) != {"v"} | {field.name for field in fields}:
        raise InvalidEncoding("Các trường của chứng minh sai", "Wrong fields in a proof record")
    values: dict[str, Any] = {}
    lengths = set()
    for field in fields:
        declared = str(field.type)
        raw = data[field.name]
        if declared.startswith("tuple["):
            if not isinstance(raw, list) or not 0 < len(raw) <= _MAX_BRANCHES:
                raise InvalidEncoding(
                    f"Trường {field.name} phải là danh sách", f"Field {field.name} must be a list"
                )
            element = "Point" if "Point" in declared else "Scalar"
            values[field.name] = tuple(_decode(element, item) for item in raw)
            lengths.add(len(raw))
        else:
            values[field.name] = _decode(declared, raw)
    if len(lengths) > 1:
        raise InvalidEncoding(
            "Các danh sách của chứng minh dài khác nhau", "The lists of a proof differ in length"
        )
    return kind(**values)


def _decode(kind: str, text: object) -> Point | Scalar:
    try:
        raw = bytes.fromhex(text) if isinstance(text, str) else None
    except ValueError:
        raw = None
    if raw is None:
        raise InvalidEncoding("Trường không phải chuỗi hex", "A field is not hex")
    return Point.from_bytes(raw) if kind == "Point" else Scalar.from_bytes(raw)
