"""One-time voting codes: 16 characters of Crockford's base32 (80 bits), shown in four groups.

The server keeps only HMAC-SHA-256(key, election id ‖ code) with a key derived from the
deployment's secret, so a copy of the database does not give the codes, and a code guessed
online has a chance of about 2^-80 × the number of slips.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 16
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str | None:
    """The code as printed ("XXXX-XXXX-XXXX-XXXX") from what a voter typed, or None."""
    cleaned = "".join(_READ_AS.get(ch, ch) for ch in code.upper() if ch not in " -\t\n")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return "-".join(cleaned[i : i + 4] for i in range(0, LENGTH, 4))


def code_hash(election_id: str, code: str) -> str:
    key = hashlib.sha256(b"tinnhiem/credential-key/1" + settings.SECRET_KEY.encode()).digest()
    message = f"tinnhiem/credential/1|{election_id}|{code}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
