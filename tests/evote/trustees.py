"""The counting board's trustees, simulated with the same pure functions `tinnhiem trustee`
runs on each trustee's own device: each deals, seals shares to the others, opens its own, and
later decrypts the tally. Only the public files cross to the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import nacl.public

from tinnhiem.ballotcrypto import ceremony_files as cf
from tinnhiem.ballotcrypto import tally_files
from tinnhiem.ballotcrypto.trustees import CeremonyParams, DealerPolynomial, TrusteeKey, deal


@dataclass
class Device:
    index: int
    box: nacl.public.PrivateKey
    polynomial: DealerPolynomial
    round1: dict[str, Any]
    key: TrusteeKey | None = None
    files: dict[str, Any] = field(default_factory=dict)


class Board:
    """n trustees of one session (`session` is the election's public id)."""

    def __init__(self, session: str, trustees: int, threshold: int) -> None:
        self.session = session
        self.params = CeremonyParams(trustees, threshold)
        self.devices: dict[int, Device] = {}
        for index in range(1, trustees + 1):
            box = nacl.public.PrivateKey.generate()
            polynomial, commitment = deal(index, self.params, cf.ceremony_context(session))
            round1 = cf.round1_to_dict(session, bytes(box.public_key), commitment)
            self.devices[index] = Device(index, box, polynomial, round1)

    def round1(self, index: int) -> dict[str, Any]:
        return self.devices[index].round1

    def round2(self, index: int, round1s: list[Any]) -> dict[str, Any]:
        checked = cf.check_round1s(self.session, self.params, round1s)
        return cf.round2_to_dict(self.session, self.devices[index].polynomial, checked)

    def round3(self, index: int, round1s: list[Any], round2s: list[Any]) -> dict[str, Any]:
        device = self.devices[index]
        checked = cf.check_round1s(self.session, self.params, round1s)
        opened = {r["index"]: cf.read_round2(self.session, self.params, r) for r in round2s}
        device.key = cf.open_shares(
            self.session, self.params, index, bytes(device.box), checked, opened
        )
        return cf.round3_to_dict(self.session, device.key)

    def decrypt(self, index: int, tally_request: Any) -> dict[str, Any]:
        device = self.devices[index]
        assert device.key is not None
        encrypted, context = tally_files.read_tally_request(self.session, tally_request)
        return tally_files.decryption_to_dict(self.session, device.key, encrypted, context)
