"""Counters every process serving the app shares: refused requests to the booth per device,
address and code prefix (evote/limits.py), challenged ballots per code.

They live in Django's default cache: Redis when TINNHIEM_REDIS_URL is set, so that several
gunicorn workers keep one count (a limit per worker would multiply by the number of workers), and
the process's own memory otherwise (enough for one process). A limit is enforced by counting
first (`count_up`) and giving the count back (`count_down`) when the attempt turns out not to
count, so that requests running at the same time cannot all pass a check made before any of
them counted.
"""

from __future__ import annotations

import math
import time

from django.core.cache import cache


def count(key: str) -> int:
    """The counter's value; 0 if it never started or has lapsed."""
    return int(cache.get(key) or 0)


def count_up(key: str, seconds: int) -> int:
    """Add one and return the new value. A counter starts at its first count and lapses
    `seconds` later (a fixed window, not renewed by later counts)."""
    for _ in range(3):
        cache.add(key, 0, seconds)  # only if absent: never resets a running counter
        try:
            value = int(cache.incr(key))
        except ValueError:  # it lapsed between add and incr: start it again
            continue
        if value == 1:
            # the first count of a window sets its end: Redis's incr checks that the key exists
            # and then increments, so a key lapsing in between comes back without an expiry
            cache.touch(key, seconds)
        return value
    raise RuntimeError(f"counter {key!r} keeps lapsing")


def count_down(key: str) -> None:
    """Give back one count (an attempt that turned out not to count); a lapsed counter stays so."""
    try:
        value = int(cache.decr(key))
    except ValueError:  # lapsed meanwhile
        return
    if value <= 0:
        cache.delete(key)


def claim(key: str, seconds: int) -> int:
    """Hold `key` for `seconds` if nobody holds it: 0 when this call took it, otherwise the
    whole seconds until it is free. Of any number of simultaneous calls exactly one takes a
    free key (the cache's add is atomic, in Redis as in memory)."""
    until = time.time() + seconds
    if cache.add(key, until, seconds):
        return 0
    return max(1, held_for(key))


def held_for(key: str) -> int:
    """The whole seconds until a key taken by `claim` is free; 0 if it is free."""
    until = cache.get(key)
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))
