"""The counting-board trustee's state file: its secrets between the steps of `tinnhiem trustee`.

The file holds the X25519 box secret key and the dealer polynomial until the trustee has its key
share, then only the key share x_i (the rest is erased). It is created with mode 0600 and never
overwritten by `init`; later steps replace it atomically. With a passphrase it is sealed by
SecretBox (XSalsa20-Poly1305) under a key derived by Argon2id (libsodium's crypto_pwhash).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from tinnhiem.ballotcrypto import wire
from tinnhiem.ballotcrypto.canonical import parse_json
from tinnhiem.ballotcrypto.elgamal import KeyPair
from tinnhiem.ballotcrypto.errors import CryptoError, InvalidEncoding
from tinnhiem.ballotcrypto.group import Scalar
from tinnhiem.ballotcrypto.trustees import CeremonyParams, DealerPolynomial, TrusteeKey

STATE_VERSION = "tinnhiem/trustee-state/1"
LOCKED_VERSION = "tinnhiem/trustee-state-locked/1"
KDF_NAME = "argon2id13"
_ARGON = nacl.pwhash.argon2id
OPSLIMIT = _ARGON.OPSLIMIT_MODERATE  # about 1 s and 256 MiB: the file is attacked offline
MEMLIMIT = _ARGON.MEMLIMIT_MODERATE
_FIELDS = (
    "session",
    "trustees",
    "threshold",
    "index",
    "box_secret_key",
    "polynomial",
    "round1",
    "key_share",
    "decrypted",
)


class StateError(CryptoError):
    """A state file that cannot be read, unlocked or written (bilingual message)."""


@dataclass(frozen=True)
class Lock:
    """The passphrase-derived key and the parameters stored next to the sealed state."""

    key: bytes = field(repr=False)
    salt: bytes
    opslimit: int
    memlimit: int

    @classmethod
    def derive(
        cls,
        passphrase: bytes,
        salt: bytes | None = None,
        opslimit: int | None = None,
        memlimit: int | None = None,
    ) -> Lock:
        """Argon2id(passphrase, salt) → a SecretBox key; a new random salt when none is given."""
        salt = nacl.utils.random(_ARGON.SALTBYTES) if salt is None else salt
        opslimit = OPSLIMIT if opslimit is None else opslimit
        memlimit = MEMLIMIT if memlimit is None else memlimit
        key = _ARGON.kdf(
            nacl.secret.SecretBox.KEY_SIZE, passphrase, salt, opslimit=opslimit, memlimit=memlimit
        )
        return cls(key, salt, opslimit, memlimit)


@dataclass(frozen=True)
class TrusteeState:
    """Trustee `index`'s secrets and the public facts it needs between steps."""

    session: str
    params: CeremonyParams
    index: int
    box_secret_key: bytes | None = field(repr=False)
    polynomial: DealerPolynomial | None = field(repr=False)
    round1: dict[str, Any]
    key_share: Scalar | None = field(default=None, repr=False)
    decrypted: tuple[str, ...] = ()

    @property
    def key(self) -> TrusteeKey | None:
        if self.key_share is None:
            return None
        return TrusteeKey(self.index, KeyPair.from_secret(self.key_share))

    def with_key(self, key: TrusteeKey) -> TrusteeState:
        """The state once the key share is known: the box key and the polynomial are erased."""
        return replace(self, box_secret_key=None, polynomial=None, key_share=key.keypair.secret)

    def with_decrypted(self, tally_hash: str) -> TrusteeState:
        if tally_hash in self.decrypted:
            return self
        return replace(self, decrypted=(*self.decrypted, tally_hash))

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": STATE_VERSION,
            "session": self.session,
            "trustees": self.params.trustees,
            "threshold": self.params.threshold,
            "index": self.index,
            "box_secret_key": None if self.box_secret_key is None else self.box_secret_key.hex(),
            "polynomial": None
            if self.polynomial is None
            else [wire.hex_of(a) for a in self.polynomial.coefficients],
            "round1": self.round1,
            "key_share": None if self.key_share is None else wire.hex_of(self.key_share),
            "decrypted": list(self.decrypted),
        }

    @classmethod
    def from_dict(cls, data: object) -> TrusteeState:
        record = wire.fields_of(data, STATE_VERSION, _FIELDS, "state")
        n = wire.whole(record["trustees"], "state.trustees", 1)
        t = wire.whole(record["threshold"], "state.threshold", 1)
        index = wire.whole(record["index"], "state.index", 1)
        if not t <= n or index > n:
            raise InvalidEncoding("state: n, t hoặc chỉ số sai", "state: bad n, t or index")
        box = record["box_secret_key"]
        coefficients = record["polynomial"]
        share = record["key_share"]
        return cls(
            session=wire.text(record["session"], "state.session"),
            params=CeremonyParams(n, t),
            index=index,
            box_secret_key=None if box is None else wire.canonical_hex(box, "state.box_secret_key"),
            polynomial=None
            if coefficients is None
            else DealerPolynomial(
                index,
                tuple(
                    wire.scalar(a, f"state.polynomial[{k}]")
                    for k, a in enumerate(wire.items(coefficients, "state.polynomial", t))
                ),
            ),
            round1=record["round1"],
            key_share=None if share is None else wire.scalar(share, "state.key_share"),
            decrypted=tuple(
                wire.text(h, "state.decrypted")
                for h in wire.items(record["decrypted"], "state.decrypted")
            ),
        )


def read_state(path: Path, passphrase: bytes | None) -> tuple[TrusteeState, Lock | None]:
    """Read (and unlock) the state; the lock is returned so that the state is saved under it."""
    data = parse_json(path.read_bytes())
    if isinstance(data, dict) and data.get("v") == LOCKED_VERSION:
        if passphrase is None:
            raise StateError(
                "tệp trạng thái được khóa bằng mật khẩu: cần --passphrase-env",
                "the state file is locked with a passphrase: --passphrase-env is needed",
            )
        lock, plaintext = _unlock(data, passphrase)
        return TrusteeState.from_dict(parse_json(plaintext)), lock
    if passphrase is not None:
        raise StateError(
            "tệp trạng thái không được khóa; bỏ --passphrase-env",
            "the state file is not locked; leave out --passphrase-env",
        )
    return TrusteeState.from_dict(data), None


def _unlock(data: dict[str, Any], passphrase: bytes) -> tuple[Lock, bytes]:
    names = ("kdf", "salt", "opslimit", "memlimit", "box")
    record = wire.fields_of(data, LOCKED_VERSION, names, "state")
    opslimit = wire.whole(record["opslimit"], "state.opslimit", _ARGON.OPSLIMIT_MIN)
    memlimit = wire.whole(record["memlimit"], "state.memlimit", _ARGON.MEMLIMIT_MIN)
    salt_hex = wire.text(record["salt"], "state.salt")
    if (
        record["kdf"] != KDF_NAME
        or opslimit > _ARGON.OPSLIMIT_SENSITIVE
        or memlimit > _ARGON.MEMLIMIT_SENSITIVE
        or len(salt_hex) != 2 * _ARGON.SALTBYTES
    ):
        raise InvalidEncoding("state: tham số Argon2id sai", "state: bad Argon2id parameters")
    lock = Lock.derive(passphrase, bytes.fromhex(salt_hex), opslimit, memlimit)
    try:
        sealed = base64.b64decode(wire.text(record["box"], "state.box"), validate=True)
        return lock, nacl.secret.SecretBox(lock.key).decrypt(sealed)
    except (nacl.exceptions.CryptoError, ValueError):
        raise StateError(
            "sai mật khẩu hoặc tệp trạng thái bị hỏng",
            "wrong passphrase or damaged state file",
        ) from None


def _serialise(state: TrusteeState, lock: Lock | None) -> bytes:
    plain = json.dumps(state.to_dict(), ensure_ascii=False, indent=2).encode()
    if lock is None:
        return plain + b"\n"
    box = nacl.secret.SecretBox(lock.key).encrypt(plain)
    locked = {
        "v": LOCKED_VERSION,
        "kdf": KDF_NAME,
        "salt": lock.salt.hex(),
        "opslimit": lock.opslimit,
        "memlimit": lock.memlimit,
        "box": base64.b64encode(bytes(box)).decode("ascii"),
    }
    return json.dumps(locked, indent=2).encode() + b"\n"


def create_exclusive(path: Path, content: bytes, mode: int = 0o600) -> None:
    """Write a new file; refuse (FileExistsError) if anything is already at `path`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def create_state(path: Path, state: TrusteeState, lock: Lock | None) -> None:
    """The first state file, mode 0600; an existing file is never overwritten."""
    create_exclusive(path, _serialise(state, lock))


def replace_state(path: Path, state: TrusteeState, lock: Lock | None) -> None:
    """Replace the state atomically through a new 0600 file in the same folder."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    create_exclusive(temporary, _serialise(state, lock))
    os.replace(temporary, path)
