"""Ballot cryptography: pure Python, no Django. Group, ElGamal, hashing, proofs.

The specification is docs/crypto.md; every equation and hashed input there is implemented here.
"""

from tinnhiem.ballotcrypto.elgamal import (
    Ciphertext,
    KeyPair,
    add_all,
    decrypt_point,
    dlog,
    encrypt,
)
from tinnhiem.ballotcrypto.errors import (
    CryptoError,
    DlogOutOfRange,
    InvalidChoice,
    InvalidEncoding,
    InvalidKey,
)
from tinnhiem.ballotcrypto.group import GENERATOR, ORDER, Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context, hash_to_scalar
from tinnhiem.ballotcrypto.proofs import (
    ChaumPedersenProof,
    OneOfProof,
    encrypt_mark,
    level_values,
    verify_mark,
)

__all__ = [
    "GENERATOR",
    "ORDER",
    "ChaumPedersenProof",
    "Ciphertext",
    "Context",
    "CryptoError",
    "DlogOutOfRange",
    "InvalidChoice",
    "InvalidEncoding",
    "InvalidKey",
    "KeyPair",
    "OneOfProof",
    "Point",
    "Scalar",
    "add_all",
    "decrypt_point",
    "dlog",
    "encrypt",
    "encrypt_mark",
    "hash_to_scalar",
    "level_values",
    "verify_mark",
]
