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
    DisjunctiveProof,
    OneLevelProof,
    encrypt_choice,
    verify_choice,
)

__all__ = [
    "GENERATOR",
    "ORDER",
    "ChaumPedersenProof",
    "Ciphertext",
    "Context",
    "CryptoError",
    "DisjunctiveProof",
    "DlogOutOfRange",
    "InvalidChoice",
    "InvalidEncoding",
    "InvalidKey",
    "KeyPair",
    "OneLevelProof",
    "Point",
    "Scalar",
    "add_all",
    "decrypt_point",
    "dlog",
    "encrypt",
    "encrypt_choice",
    "hash_to_scalar",
    "verify_choice",
]
