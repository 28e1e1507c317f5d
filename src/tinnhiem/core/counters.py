"""Counters every process serving the app shares: refused voting codes per address, challenged
ballots per code.

They live in Django's default cache: Redis when TINNHIEM_REDIS_URL is set, so that several
gunicorn workers keep one count (a limit per worker would multiply by the number of workers), and
the process's own memory otherwise (enough for one process). `count_up` is atomic in both.
"""

from __future__ import annotations

from django.core.cache import cache


def count(key: str) -> int:
    """The counter's value; 0 if it never started or has lapsed."""
    return int(cache.get(key) or 0)


def count_up(key: str, seconds: int) -> int:
    """Add one and return the new value. A counter starts at the first count and lapses
    `seconds` later (a fixed window, not renewed by later counts)."""
    for _ in range(3):
        cache.add(key, 0, seconds)  # only if absent: never resets a running counter
        try:
            return int(cache.incr(key))
        except ValueError:  # it lapsed between add and incr: start it again
            continue
    raise RuntimeError(f"counter {key!r} keeps lapsing")
