"""The booth's limits on refused requests (a wrong code, mostly), so that guessing codes is slow
and one guesser cannot lock the others out (docs/evote.md, "Guessing codes").

Voters in a hall share one address behind NAT, so the address cannot be the only key. A
refusal counts in up to three dimensions, each with a free allowance in its window and then an
exponential back-off (one attempt per wait, the wait doubling up to a ceiling):

- the **device**: a random id the booth's page issues in a cookie signed by the server. A
  guesser who keeps it is slowed to an attempt every 15 minutes; the devices beside it are not
  touched. A request whose id is missing or not signed by the server (made up to look like a
  new device) is no device of its own: every such request of an address shares one count.
- the **address**: a much larger allowance, for a client that throws its cookie away at every
  attempt. It slows only devices that have not yet had a code accepted: a voter whose code was
  accepted (the booth checks it first) casts whatever the address's count.
- the **code prefix** (the first group of four characters, 20 bits): for a guesser who saw part
  of a slip and tries its rest from many devices and addresses. Also only for devices without
  an accepted code.

Counts live in core/counters.py (Redis when several processes serve the app). An attempt is
counted before it is handled and given back unless refused, so simultaneous attempts cannot
all pass; over the allowance an attempt must also take the dimension's slot, held for the
current wait, which only one request at a time can take.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from tinnhiem.core.counters import claim, count_down, count_up, held_for


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    allowance: int  # refusals in the window before the back-off starts
    window: int  # seconds from the first refusal
    first_wait: int  # seconds, doubled with every further refusal
    longest_wait: int

    def wait(self, refusals: int) -> int:
        over = refusals - self.allowance
        return 0 if over <= 0 else min(self.longest_wait, self.first_wait * 2 ** min(over - 1, 20))


DEVICE = Limit("device", allowance=10, window=3600, first_wait=2, longest_wait=900)
ADDRESS = Limit("address", allowance=200, window=600, first_wait=1, longest_wait=60)
PREFIX = Limit("prefix", allowance=20, window=600, first_wait=1, longest_wait=60)
TRUSTED_FOR = 24 * 3600

_WHY = {
    "device": ("từ thiết bị này", "from this device"),
    "address": ("từ mạng này", "from this network"),
    "prefix": ("với các mã bắt đầu như mã này", "with codes starting like this one"),
}


@dataclass(frozen=True, slots=True)
class Slowed:
    """An attempt refused for now: which dimension, and the seconds to wait."""

    limit: str
    seconds: int

    @property
    def message(self) -> tuple[str, str]:
        vi, en = _WHY[self.limit]
        return (
            f"Quá nhiều lần thử sai {vi}; hãy thử lại sau {self.seconds} giây, hoặc báo Ban "
            "kiểm phiếu",
            f"Too many refused attempts {en}; try again in {self.seconds} seconds, or ask the "
            "counting board",
        )


class Attempt:
    """One request of the booth, counted in its dimensions (enter, then leave or refuse)."""

    def __init__(
        self, election_key: str, device: str | None, address: str, prefix: str | None
    ) -> None:
        # a request without the booth's cookie counts with every other such request of its
        # address as one device, and is never trusted
        self.trusted_key = f"evote-trusted:{election_key}:{device}" if device else ""
        trusted = bool(self.trusted_key) and cache.get(self.trusted_key) is not None
        who = f"cookie:{device}" if device else f"none:{address}"
        self.keys = [(DEVICE, f"evote-refusals:device:{election_key}:{who}")]
        if not trusted:
            self.keys.append((ADDRESS, f"evote-refusals:address:{election_key}:{address}"))
            if prefix:
                self.keys.append((PREFIX, f"evote-refusals:prefix:{election_key}:{prefix}"))
        self.counted: list[str] = []

    def enter(self) -> Slowed | None:
        """Count the attempt in every dimension, or refuse it for now (nothing counted)."""
        for limit, key in self.keys:  # a dimension waiting already: no count at all
            seconds = held_for(f"{key}:slot")
            if seconds:
                return Slowed(limit.name, seconds)
        for limit, key in self.keys:
            self.counted.append(key)
            wait = limit.wait(count_up(key, limit.window))
            seconds = claim(f"{key}:slot", wait) if wait else 0
            if seconds:  # another request took the slot meanwhile
                self.leave()
                return Slowed(limit.name, seconds)
        return None

    def leave(self) -> None:
        """The attempt was not refused: give its counts back."""
        for key in self.counted:
            count_down(key)
        self.counted = []

    def accepted_code(self) -> None:
        """This device had a code accepted: the address and prefix limits no longer slow it."""
        if self.trusted_key:
            cache.set(self.trusted_key, 1, TRUSTED_FOR)
