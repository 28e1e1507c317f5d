"""The server's side of the voters' signed receipts (docs/crypto.md, 11.8; docs/evote.md).

The election's Ed25519 signing key is never stored: its seed is derived, when needed, from the
deployment's secret key and the election's id, as the voting codes' HMAC key is, under its own
domain tag:

    seed = HMAC-SHA-256(SHA-256("tinnhiem/receipt-key/1" ‖ SECRET_KEY),
                        "tinnhiem/receipt-seed/1|" ‖ election id)

So a copy of the database cannot sign receipts, whoever holds TINNHIEM_SECRET_KEY can (for
every election of the deployment), and changing that key during a vote changes the election's
key: the cast is then refused rather than signed with a key the manifest does not publish.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import nacl.signing
from django.conf import settings

from tinnhiem.ballotcrypto import receipts as pure
from tinnhiem.ballotcrypto.election_record import manifest_hash
from tinnhiem.core.errors import WrongState
from tinnhiem.evote.models import CastBallot, Election


def signing_key(election_id: str) -> nacl.signing.SigningKey:
    key = hashlib.sha256(b"tinnhiem/receipt-key/1" + settings.SECRET_KEY.encode()).digest()
    message = f"tinnhiem/receipt-seed/1|{election_id}".encode()
    return pure.signing_key(hmac.new(key, message, hashlib.sha256).digest())


def public_key(election_id: str) -> str:
    """The hex public key the manifest publishes."""
    return pure.verify_key_hex(signing_key(election_id))


@dataclass(frozen=True)
class Signer:
    """The election's receipt key, checked against the manifest before a ballot is cast."""

    election_id: str
    session: str
    manifest: str  # the manifest's hash, which the receipt binds
    key: nacl.signing.SigningKey

    def sign(self, ballot: CastBallot, position: int, at: datetime) -> dict[str, Any]:
        return pure.sign_receipt(
            self.key,
            session=self.session,
            manifest=self.manifest,
            ballot_hash=ballot.ballot_hash,
            tracking_code=ballot.tracking_code,
            position=position,
            at=at,
        ).to_dict()


def signer_of(election: Election) -> Signer | None:
    """None for an election whose manifest has no receipt key (version 1: no receipts)."""
    published = election.manifest.get("receipt_key")
    if published is None:
        return None
    election_id = str(election.public_id)
    key = signing_key(election_id)
    if pure.verify_key_hex(key) != published:
        raise WrongState(
            "Khóa bí mật của máy chủ đã đổi từ khi tạo phiếu điện tử: không ký được biên nhận; "
            "phiếu chưa được bỏ. Báo quản trị (TINNHIEM_SECRET_KEY).",
            "The server's secret key changed since the electronic ballot was set up: receipts "
            "cannot be signed; the ballot was not cast. Tell the administrator "
            "(TINNHIEM_SECRET_KEY).",
        )
    manifest = manifest_hash(election.manifest)
    return Signer(election_id, str(election.manifest["session"]), manifest, key)
