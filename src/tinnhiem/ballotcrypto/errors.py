"""Errors of the ballot cryptography. Each carries a Vietnamese and an English message
(`tinnhiem.bilingual.BilingualError`)."""

from __future__ import annotations

from tinnhiem.bilingual import BilingualError


class CryptoError(BilingualError, ValueError):
    """Base of every error the ballot cryptography raises."""


class InvalidEncoding(CryptoError):
    """Bytes that are not a canonical ristretto255 point or scalar, or a malformed record."""


class InvalidKey(CryptoError):
    """A public key that must not be used (the identity)."""


class InvalidChoice(CryptoError):
    """A plaintext outside what the proof covers (not 0 or 1, a level out of range)."""


class DlogOutOfRange(CryptoError):
    """The decrypted total is not g^m for any m up to the bound: the count must stop."""
