"""Errors of the ballot cryptography. Each carries a Vietnamese and an English message."""

from __future__ import annotations


class CryptoError(ValueError):
    """Base of every error the ballot cryptography raises."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.message_vi} / {self.message_en}"


class InvalidEncoding(CryptoError):
    """Bytes that are not a canonical ristretto255 point or scalar, or a malformed record."""


class InvalidKey(CryptoError):
    """A public key that must not be used (the identity)."""


class InvalidChoice(CryptoError):
    """A plaintext outside what the proof covers (not 0 or 1, a level out of range)."""


class DlogOutOfRange(CryptoError):
    """The decrypted total is not g^m for any m up to the bound: the count must stop."""
