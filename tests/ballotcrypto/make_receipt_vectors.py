"""Write tests/vectors/receipt-2.json: signed receipts shared by Python and the booth's JS.

The Python package signs (receipts.py, Ed25519 through libsodium; signatures are deterministic,
so the file is too) and checks every case; the JavaScript (js/test/receipt.test.mjs) must reach
the same outcome on every case: valid, or the same failing step. tests/ballotcrypto/
test_receipts_shared.py checks that the committed file equals a fresh generation.

Usage: .venv/bin/python tests/ballotcrypto/make_receipt_vectors.py [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinnhiem.ballotcrypto.election import tracking_code
from tinnhiem.ballotcrypto.group import ORDER
from tinnhiem.ballotcrypto.receipts import (
    ReceiptInvalid,
    check_receipt,
    sign_receipt,
    signed_message,
    signing_key,
    verify_key_hex,
)

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "receipt-2.json"
VERSION = "tinnhiem/test-vectors/receipt/2"
SESSION = "7d1c1f9e-3b0a-4c55-9a61-0f5e2b8c4d11"
MANIFEST = hashlib.sha256(b"tinnhiem/test-vectors/manifest").hexdigest()
KEY = signing_key(hashlib.sha256(b"tinnhiem/test-vectors/receipt-key").digest())
OTHER = signing_key(hashlib.sha256(b"tinnhiem/test-vectors/another-key").digest())
AT = datetime(2026, 7, 10, 2, 15, 30, tzinfo=UTC)


def _hash(n: int) -> str:
    return hashlib.sha256(f"ballot {n}".encode()).hexdigest()


CAST = {_hash(n): tracking_code(_hash(n)) for n in range(1, 6)}  # five ballots on the board


def _receipt(
    key: Any = KEY, n: int = 3, position: int = 4, session: str = SESSION, manifest: str = MANIFEST
) -> Any:
    digest = _hash(n)
    return sign_receipt(
        key,
        session=session,
        manifest=manifest,
        ballot_hash=digest,
        tracking_code=tracking_code(digest),
        position=position,
        at=AT,
    ).to_dict()


def _malleable(signature: str) -> str:
    """R ‖ (S + ℓ): the same equation, a non-canonical S that strict verifiers refuse."""
    raw = bytes.fromhex(signature)
    s_plus_l = int.from_bytes(raw[32:], "little") + ORDER
    return (raw[:32] + s_plus_l.to_bytes(32, "little")).hex()


def cases() -> list[dict[str, Any]]:
    good = _receipt()
    return [
        {"name": "valid", "receipt": good},
        {"name": "valid, the last ballot in", "receipt": _receipt(n=5, position=5)},
        {"name": "an extra field", "receipt": {**good, "note": "x"}},
        {"name": "position zero", "receipt": {**good, "position": 0}},
        {"name": "a capital in the hash", "receipt": {**good, "ballot_hash": good["ballot_hash"].upper()}},
        {"name": "another election", "receipt": _receipt(session="another-election")},
        {"name": "another manifest, the same session", "receipt": _receipt(manifest="0" * 64)},
        {"name": "position altered", "receipt": {**good, "position": 2}},
        {"name": "time altered", "receipt": {**good, "at": "2026-07-10T02:15:31Z"}},
        {"name": "signed by another key", "receipt": _receipt(key=OTHER)},
        {"name": "the same signature with S + ℓ", "receipt": {**good, "signature": _malleable(good["signature"])}},
        {"name": "ballot not on the board", "receipt": _receipt(n=9, position=2)},
        {"name": "more ballots seen than the board holds", "receipt": _receipt(n=2, position=6)},
    ]  # fmt: skip


def outcome(receipt: Any) -> str:
    try:
        check_receipt(
            receipt,
            session=SESSION,
            manifest=MANIFEST,
            receipt_key=verify_key_hex(KEY),
            cast=CAST,
            ballots=len(CAST),
        )
    except ReceiptInvalid as exc:
        return exc.step
    return "valid"


def generate() -> dict[str, Any]:
    good = _receipt()
    unsigned = {k: v for k, v in good.items() if k != "signature"}
    return {
        "v": VERSION,
        "about": "Receipts of docs/crypto.md 11.8, checked against a closed board of five "
        "ballots; `expected` is `valid` or the first failing step.",
        "session": SESSION,
        "manifest": MANIFEST,
        "receipt_key": verify_key_hex(KEY),
        "board": [[digest, code] for digest, code in CAST.items()],
        "message": {"unsigned": unsigned, "hex": signed_message(unsigned).hex()},
        "cases": [case | {"expected": outcome(case["receipt"])} for case in cases()],
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
    VECTORS.write_text(text, "utf-8")
    print(f"wrote {VECTORS} (sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
