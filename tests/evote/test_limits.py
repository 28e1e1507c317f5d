"""The booth's limits on refused codes (evote/limits.py): a guesser is slowed, per device, per
address and per code prefix, with a back-off that doubles; the voters beside him, behind the
same address, still vote."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from tests.evote.conftest import ballot_for, print_codes

from tinnhiem.evote.limits import ADDRESS, DEVICE, PREFIX
from tinnhiem.evote.models import CastBallot, Election
from tinnhiem.evote.views import DEVICE_COOKIE

HALL = "203.0.113.7"  # the hall's one address behind NAT


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """Time for the counters and the in-memory cache's expiry alike."""
    fake = Clock()
    monkeypatch.setattr(time, "time", fake)
    yield fake


class Device:
    """A browser: the booth's page gives it its cookies (CSRF, device)."""

    def __init__(self, election: Election, address: str = HALL) -> None:
        self.client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
        page = self.client.get(f"/e/{election.public_id}/").content.decode()
        data = json.loads(page.split('id="booth-data" type="application/json">')[1].split("<")[0])
        self.token = data["csrf_token"]
        self.base = f"/e/{election.public_id}"
        self.address = address

    def post(self, what: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"{self.base}/{what}",
            json.dumps(body),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=self.token,
            REMOTE_ADDR=self.address,
        )

    def check(self, code: str) -> Any:
        return self.post("check", {"code": code})

    def forget_cookie(self) -> None:
        """What a script does to look like a new device: drop its id and have the booth's page
        issue another (an id it makes up itself is refused: `forge_cookie`)."""
        del self.client.cookies[DEVICE_COOKIE]
        self.client.get(f"{self.base}/")

    def forge_cookie(self) -> None:
        """An id of the right shape, not issued (not signed) by the server."""
        self.client.cookies[DEVICE_COOKIE] = secrets.token_urlsafe(18)


def wrong(n: int, prefix: str = "") -> str:
    """A code no slip has: n in its first group, or after a given first group."""
    raw = prefix + f"{n:012d}" if prefix else f"{n:04d}" + "0" * 12
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def test_the_booth_gives_each_device_its_own_cookie(electronic: Any) -> None:
    election, _ = electronic
    one, two = Device(election), Device(election)
    first, second = one.client.cookies[DEVICE_COOKIE], two.client.cookies[DEVICE_COOKIE]
    assert first.value != second.value
    assert first["httponly"] and first["samesite"] == "Strict" and first["path"] == "/e/"


def test_a_made_up_device_id_gets_no_allowance_of_its_own(
    electronic: Any, users: dict[str, Any], clock: Clock
) -> None:
    """Forged ids (and requests without one) count together, per address, as one device: a new
    id for every attempt buys nothing; an id the booth issued is a device of its own."""
    election, _ = electronic
    (code,) = print_codes(election, users["board1"], 1)
    guesser = Device(election)
    issued = guesser.client.cookies[DEVICE_COOKIE].value
    assert issued.count(":") == 2  # value:timestamp:signature (Django's signed cookie)
    statuses = []
    for n in range(DEVICE.allowance + 2):
        guesser.forge_cookie()
        statuses.append(guesser.check(wrong(n)).status_code)
    assert statuses == [400] * (DEVICE.allowance + 1) + [429]
    guesser.client.cookies[DEVICE_COOKIE] = issued[:-1] + ("A" if issued[-1] != "A" else "B")
    slowed = guesser.check(wrong(99))  # a tampered signature is no better
    assert slowed.status_code == 429 and "từ thiết bị này" in slowed.json()["error"]["vi"]
    voter = Device(election)  # an issued id beside him still votes
    assert voter.check(code).status_code == 200


def test_a_guesser_is_slowed_and_the_voter_beside_him_votes(
    electronic: Any, users: dict[str, Any], clock: Clock
) -> None:
    election, _ = electronic
    (code,) = print_codes(election, users["board1"], 1)
    guesser, voter = Device(election), Device(election)
    statuses = [guesser.check(wrong(n)).status_code for n in range(DEVICE.allowance + 2)]
    assert statuses == [400] * (DEVICE.allowance + 1) + [429]
    slowed = guesser.check(wrong(99))
    assert slowed["Retry-After"] == "2" and "từ thiết bị này" in slowed.json()["error"]["vi"]
    # same address, another device: its valid code is accepted and it casts
    assert voter.check(code).status_code == 200
    cast = voter.post("cast", {"code": code, "ballot": ballot_for(election, [0, 1, 2, 0])[0]})
    assert cast.status_code == 200 and CastBallot.objects.count() == 1
    # the guesser's waits double: 2 s, then 4 s, then 8 s …
    clock.advance(2)
    assert guesser.check(wrong(100)).status_code == 400
    assert guesser.check(wrong(101))["Retry-After"] == "4"
    clock.advance(4)
    assert guesser.check(wrong(102)).status_code == 400
    assert guesser.check(wrong(103))["Retry-After"] == "8"
    # a valid code does not lift the device's wait
    clock.advance(8)
    (other,) = print_codes(election, users["board1"], 1)
    assert guesser.check(other).status_code == 200
    assert guesser.check(other).status_code == 429


def test_a_guesser_throwing_his_cookie_away_is_slowed_by_his_address(
    electronic: Any, users: dict[str, Any], clock: Clock
) -> None:
    election, _ = electronic
    first, second = print_codes(election, users["board1"], 2)
    voter = Device(election)
    assert voter.check(first).status_code == 200  # had its code accepted before the attack
    guesser = Device(election)
    for n in range(ADDRESS.allowance + 1):
        guesser.forget_cookie()
        assert guesser.check(wrong(n)).status_code == 400
    guesser.forget_cookie()
    slowed = guesser.check(wrong(9999))
    assert slowed.status_code == 429 and "từ mạng này" in slowed.json()["error"]["vi"]
    # the voter whose code was accepted casts; another network is not slowed at all
    cast = voter.post("cast", {"code": first, "ballot": ballot_for(election, [0, 0, 0, 0])[0]})
    assert cast.status_code == 200, cast.content.decode()
    elsewhere = Device(election, address="198.51.100.20")
    assert elsewhere.check(wrong(1)).status_code == 400
    answer = elsewhere.check(second)
    assert answer.status_code == 200, answer.content.decode()
    # a newcomer of the hall waits at most a minute, then votes
    newcomer = Device(election)
    assert int(newcomer.check(second)["Retry-After"]) <= ADDRESS.longest_wait
    clock.advance(ADDRESS.longest_wait)
    assert newcomer.check(second).status_code == 200


def test_guessing_the_rest_of_a_code_is_slowed_whatever_the_device_and_address(
    electronic: Any, users: dict[str, Any], clock: Clock
) -> None:
    election, _ = electronic
    (code,) = print_codes(election, users["board1"], 1)
    seen = code[:4]  # glimpsed on a neighbour's slip
    for n in range(PREFIX.allowance + 1):
        botnet = Device(election, address=f"192.0.2.{n + 1}")
        assert botnet.check(wrong(n, seen)).status_code == 400
    botnet = Device(election, address="192.0.2.200")
    slowed = botnet.check(wrong(5000, seen))
    assert slowed.status_code == 429 and "mã bắt đầu" in slowed.json()["error"]["vi"]
    other = "Z" if seen[0] != "Z" else "Y"
    assert botnet.check(wrong(5001, other + seen[1:])).status_code == 400  # other prefixes
    clock.advance(PREFIX.first_wait)
    assert Device(election, address="192.0.2.201").check(code).status_code == 200


def test_a_refusal_is_counted_once_when_attempts_arrive_together(
    electronic: Any, clock: Clock
) -> None:
    """Over the allowance, one attempt per wait: the slot is taken by one request only."""
    from tinnhiem.evote.limits import Attempt

    election, _ = electronic
    key = str(election.public_id)
    for _ in range(DEVICE.allowance):
        assert Attempt(key, "d" * 24, HALL, None).enter() is None
    together = [Attempt(key, "d" * 24, HALL, None) for _ in range(5)]
    outcomes = [attempt.enter() for attempt in together]
    assert outcomes[0] is None and all(o is not None and o.limit == "device" for o in outcomes[1:])
