"""Write tests/vectors/ballotcrypto-1.json: test vectors shared by Python and the booth's JS.

The Python package is the reference: every value below is computed by tinnhiem.ballotcrypto
(seeded draws of docs/crypto.md section 9, so the output is deterministic). The booth's
JavaScript (js/test/vectors.test.mjs) reproduces every value byte for byte and rejects every
invalid case; tests/ballotcrypto/test_vectors.py checks that the committed file equals a fresh
generation.

Usage: .venv/bin/python tests/ballotcrypto/make_vectors.py [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from tinnhiem.ballotcrypto import election
from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.ballotcrypto.elgamal import Ciphertext, KeyPair, encrypt
from tinnhiem.ballotcrypto.group import ORDER, Point, Scalar, small_power
from tinnhiem.ballotcrypto.hashing import Context, hash_to_scalar, seeded_rng
from tinnhiem.ballotcrypto.proof_json import proof_to_dict
from tinnhiem.ballotcrypto.proofs import OneOfProof, encrypt_mark, level_values

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "ballotcrypto-1.json"
VERSION = "tinnhiem/test-vectors/ballotcrypto/1"
RECORD_VERSION = "tinnhiem/election-record/1"
SESSION = "phien-2026-07"
MAX_BALLOTS = 52

Item = dict[str, Any]


def _item(value: bytes | str | int) -> Item:
    """How a hash input is written in the vectors: its type is explicit."""
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    if isinstance(value, str):
        return {"utf8": value}
    return {"u64": str(value)}  # a decimal string: JSON readers lose integers past 2^53


def _context(ctx: Context) -> dict[str, str]:
    return {"session": ctx.session, "record_version": ctx.record_version, "label": ctx.label}


def _keypair(seed: bytes) -> KeyPair:
    secret = seeded_rng(seed)()
    return KeyPair.from_secret(secret)


def hash_cases() -> list[dict[str, Any]]:
    cases: list[tuple[str, list[bytes | str | int]]] = [
        ("tinnhiem/test/empty", []),
        ("tinnhiem/test/bytes", [b"", b"\x00", bytes(range(40))]),
        ("tinnhiem/test/unicode", ["Tín nhiệm cao", "Nguyễn Thị Lệ", "Đinh Minh Hiệp", "😀"]),
        ("tinnhiem/test/u64", [0, 1, 53, 2**64 - 1]),
        ("tinnhiem/test/mixed", ["ristretto255", 3, b"\xff" * 32, "person:17"]),
        # the length prefix keeps these two apart although their bytes concatenate equally
        ("tinnhiem/test/split", ["ab", "c"]),
        ("tinnhiem/test/split", ["a", "bc"]),
    ]
    return [
        {
            "tag": tag,
            "items": [_item(item) for item in items],
            "scalar": hash_to_scalar(tag, *items).to_bytes().hex(),
        }
        for tag, items in cases
    ]


def context_cases() -> list[dict[str, str]]:
    contexts = [
        Context(SESSION, RECORD_VERSION, "person:17"),
        Context("Kỳ họp thứ 7 · HĐND", RECORD_VERSION, "person:Nguyễn"),
        Context("", "", ""),
    ]
    return [_context(ctx) | {"encoded": ctx.encode().hex()} for ctx in contexts]


def rng_cases() -> list[dict[str, Any]]:
    out = []
    for seed in (b"tinnhiem", b"", bytes(range(32))):
        rng = seeded_rng(seed)
        out.append({"seed": seed.hex(), "draws": [rng().to_bytes().hex() for _ in range(6)]})
    return out


def encryption_cases() -> list[dict[str, Any]]:
    key = _keypair(b"vectors/key")
    rng = seeded_rng(b"vectors/encryption")
    cases = [(0, Scalar(0)), (0, rng()), (1, rng()), (53, rng()), (2**40, rng())]
    return [
        {
            "public_key": key.public.to_bytes().hex(),
            "m": m,
            "nonce": nonce.to_bytes().hex(),
            "ciphertext": encrypt(key.public, m, nonce).to_dict(),
        }
        for m, nonce in cases
    ]


def one_of_cases() -> list[dict[str, Any]]:
    key = _keypair(b"vectors/key")
    statements = [
        ((0, 1), 1),
        ((1, 53, 0), 0),
        ((1, 53, 0), 1),
        ((1, 53, 0), 2),
        ((1, 11, 121, 0), 2),
        ((1, 101, 10201, 1030301, 0), 4),
    ]
    out = []
    for number, (values, index) in enumerate(statements):
        seed = f"vectors/one-of/{number}".encode()
        ctx = Context(SESSION, RECORD_VERSION, f"person:{number}")
        ciphertext, proof, nonce = encrypt_mark(key.public, index, values, ctx, seeded_rng(seed))
        out.append(
            {
                "seed": seed.hex(),
                "public_key": key.public.to_bytes().hex(),
                "values": list(values),
                "index": index,
                "context": _context(ctx),
                "nonce": nonce.to_bytes().hex(),
                "ciphertext": ciphertext.to_dict(),
                "proof": proof_to_dict(proof),
            }
        )
    return out


def manifest(persons: list[election.Person]) -> election.Manifest:
    """A session manifest (election.py) for the vector ballots."""
    return election.Manifest(
        session=SESSION,
        title="Lấy phiếu tín nhiệm giữa nhiệm kỳ",
        body="Hội đồng nhân dân tỉnh",
        date="2026-07-10",
        profile="nq96",
        profile_toml=None,
        persons=tuple(persons),
        levels=election.RATING_LEVELS,
        max_ballots=MAX_BALLOTS,
        members=None,
        has_paper=False,
        trustees=3,
        threshold=2,
        trustee_names=("Trần Văn Kiểm", "Lê Thị Phiếu", "Võ Thư Ký"),
    )


def booth_election(manifest: election.Manifest, public_key: Point) -> dict[str, Any]:
    """What the booth's JS needs of a session (the crypto part of its booth-data)."""
    return {
        "session": manifest.session,
        "record_version": election.RECORD_VERSION,
        "persons": [{"id": p.id, "name": p.name, "post": p.post} for p in manifest.persons],
        "levels": list(manifest.levels),
        "values": list(manifest.values()),
        "public_key": public_key.to_bytes().hex(),
    }


PERSONS = [
    election.Person("17", "Nguyễn Thị Lệ", "Chủ tịch HĐND"),
    election.Person("23", "Phạm Quỳnh Anh", "Trưởng Ban Pháp chế"),
    election.Person("5", "Phan Văn Mãi", "Chủ tịch UBND"),
    election.Person("42", "Đinh Minh Hiệp", "Giám đốc Sở Nông nghiệp"),
]


def ballot_case() -> dict[str, Any]:
    key = _keypair(b"vectors/key")
    session = manifest(PERSONS)
    choices = [0, 2, 1, 0]
    seed = b"vectors/ballot"
    ballot, opening = election.encrypt_ballot(session, key.public, choices, seeded_rng(seed))
    digest = election.ballot_hash(ballot)
    return {
        "seed": seed.hex(),
        "manifest": session.to_dict(),
        "election": booth_election(session, key.public),
        "choices": choices,
        "ballot": ballot,
        "canonical_json": canonical_json(ballot).decode(),
        "ballot_hash": digest,
        "tracking_code": election.tracking_code(digest),
        "opening": opening,
    }


def canonical_json_cases() -> list[dict[str, Any]]:
    values: list[Any] = [
        {"b": 1, "a": [True, False, None], "c": {"é": "x", "e": "y", "Z": "z"}},
        {"text": 'Tín nhiệm "cao"\\\n\t\u0001\u007f\u2028 😀', "n": -12, "big": 2**53 - 1},
        [],
        {},
        "Đ",
    ]
    return [{"value": value, "json": canonical_json(value).decode()} for value in values]


def invalid_cases() -> dict[str, Any]:
    p = 2**255 - 19
    generator = bytearray(Point.generator().to_bytes())
    generator[31] |= 0x80
    points = [
        ("s = p: a non-canonical field element", p.to_bytes(32, "little")),
        ("s = p + 2: non-canonical", (p + 2).to_bytes(32, "little")),
        ("s = 2^255 − 1", (2**255 - 1).to_bytes(32, "little")),
        ("the generator with the top bit set", bytes(generator)),
        ("s = 1: negative (odd)", (1).to_bytes(32, "little")),
        ("RFC 9496 A.2, non-canonical", bytes.fromhex("00" + "ff" * 31)),
        ("RFC 9496 A.2, non-canonical", bytes.fromhex("f3" + "ff" * 30 + "7f")),
        ("RFC 9496 A.2, negative", bytes.fromhex("01" + "ff" * 30 + "7f")),
        (
            "RFC 9496 A.2, non-square x^2",
            bytes.fromhex("26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371"),
        ),
        ("RFC 9496 A.2, s = −1 (y = 0)", bytes.fromhex("ec" + "ff" * 30 + "7f")),
        ("31 bytes", bytes(31)),
        ("33 bytes", bytes(33)),
    ]
    scalars = [
        ("ℓ", ORDER.to_bytes(32, "little")),
        ("ℓ + 1", (ORDER + 1).to_bytes(32, "little")),
        ("2^256 − 1", bytes([0xFF]) * 32),
        ("31 bytes", bytes(31)),
    ]
    return {
        "points": [{"why": why, "hex": raw.hex()} for why, raw in points],
        "scalars": [{"why": why, "hex": raw.hex()} for why, raw in scalars],
        "proofs": tampered_proofs(),
    }


def tampered_proofs() -> list[dict[str, Any]]:
    """Statements with proofs that must not verify: each changes one thing of a valid one."""
    key = _keypair(b"vectors/key")
    values = level_values(3, MAX_BALLOTS)
    ctx = Context(SESSION, RECORD_VERSION, "person:17")
    ciphertext, proof, _ = encrypt_mark(key.public, 1, values, ctx, seeded_rng(b"vectors/tamper"))
    good = {
        "public_key": key.public.to_bytes().hex(),
        "values": list(values),
        "context": _context(ctx),
        "ciphertext": ciphertext.to_dict(),
        "proof": proof_to_dict(proof),
    }
    assert proof.verify(key.public, ciphertext, values, ctx)

    def bump(scalar: Scalar) -> Scalar:
        return scalar + Scalar(1)

    other_key = _keypair(b"vectors/other-key").public
    shifted = Ciphertext(ciphertext.alpha, ciphertext.beta * small_power(1))
    outside, out_proof, _ = encrypt_mark(key.public, 0, (7, 8), ctx, seeded_rng(b"vectors/out"))
    forged_c = OneOfProof(proof.a, proof.b, (bump(proof.c[0]), *proof.c[1:]), proof.z)
    forged_z = OneOfProof(proof.a, proof.b, proof.c, (*proof.z[:2], bump(proof.z[2])))
    swapped = OneOfProof(proof.a[::-1], proof.b[::-1], proof.c[::-1], proof.z[::-1])
    # c_0 + 1 and c_1 − 1 keep the sum: only the branch equations catch it
    balanced = OneOfProof(
        proof.a, proof.b, (bump(proof.c[0]), proof.c[1] - Scalar(1), proof.c[2]), proof.z
    )
    cases: list[tuple[str, dict[str, Any]]] = [
        ("c_0 changed", {"proof": proof_to_dict(forged_c)}),
        ("z_2 changed", {"proof": proof_to_dict(forged_z)}),
        ("c_0 + 1 and c_1 − 1 (sum kept)", {"proof": proof_to_dict(balanced)}),
        ("branches reversed", {"proof": proof_to_dict(swapped)}),
        (
            "another person's context",
            {"context": _context(Context(SESSION, ctx.record_version, "person:23"))},
        ),
        (
            "another session",
            {"context": _context(Context("phien-khac", ctx.record_version, ctx.label))},
        ),
        ("another public key", {"public_key": other_key.to_bytes().hex()}),
        ("beta multiplied by g", {"ciphertext": shifted.to_dict()}),
        ("values reordered", {"values": [values[1], values[0], values[2]]}),
        (
            "a value outside the list",
            {"ciphertext": outside.to_dict(), "proof": proof_to_dict(out_proof), "values": [7, 9]},
        ),
        (
            "one branch dropped",
            {"proof": _drop_branch(proof_to_dict(proof)), "values": list(values[:2])},
        ),
    ]
    out = []
    for why, change in cases:
        case = good | change | {"why": why}
        out.append(case)
    return [{"why": "the valid proof (control)", "valid": True, **good}] + [
        {**case, "valid": False} for case in out
    ]


def _drop_branch(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value[:2] if isinstance(value, list) else value for key, value in record.items()}


def generate() -> dict[str, Any]:
    return {
        "v": VERSION,
        "about": (
            "Shared by tinnhiem.ballotcrypto (the reference, tests/ballotcrypto/make_vectors.py) "
            "and the booth's JavaScript (js/test/vectors.test.mjs); docs/crypto.md sections 3, "
            "4.2, 4.3, 9 and 10. Hash items are typed: utf8, hex (bytes) or u64."
        ),
        "hash_to_scalar": hash_cases(),
        "context": context_cases(),
        "seeded_rng": rng_cases(),
        "encryption": encryption_cases(),
        "one_of": one_of_cases(),
        "ballot": ballot_case(),
        "canonical_json": canonical_json_cases(),
        "invalid": invalid_cases(),
    }


def render(vectors: dict[str, Any]) -> str:
    return json.dumps(vectors, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = render(generate())
    if args.check:
        same = VECTORS.exists() and VECTORS.read_text("utf-8") == text
        print("up to date" if same else f"{VECTORS} differs from a fresh generation")
        return 0 if same else 1
    VECTORS.parent.mkdir(parents=True, exist_ok=True)
    VECTORS.write_text(text, "utf-8")
    print(f"wrote {VECTORS} (sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
