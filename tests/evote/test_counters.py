"""The e-vote's limits count in one place for every worker process (core/counters.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.cache import cache, caches
from django.test import override_settings

from tinnhiem.core.counters import claim, count, count_down, count_up, held_for

REDIS_URL = os.environ.get("TINNHIEM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]
COUNT_IN_A_CHILD = """
import django, sys
django.setup()
from tinnhiem.core.counters import count_up
for _ in range(int(sys.argv[2])):
    count_up(sys.argv[1], 60)
"""


@pytest.fixture
def redis_cache() -> Iterator[str]:
    """Django's default cache on the test Redis (scripts/test starts one); the Redis URL."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"no Redis at {REDIS_URL}: scripts/test starts one (redis-server)")
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    with override_settings(CACHES={"default": {**backend, "KEY_PREFIX": "tinnhiem"}}):
        yield REDIS_URL


def test_a_counter_starts_at_one_and_counts_up() -> None:
    key = f"test:{uuid.uuid4()}"
    assert count(key) == 0
    assert [count_up(key, 60) for _ in range(3)] == [1, 2, 3]
    assert count(key) == 3


def test_a_counter_lapses_after_its_window_from_the_first_count() -> None:
    key = f"test:{uuid.uuid4()}"
    count_up(key, 1)
    count_up(key, 60)  # a later count does not renew the window
    time.sleep(1.2)
    assert count(key) == 0
    assert count_up(key, 60) == 1


def test_a_counter_given_back_to_zero_is_gone() -> None:
    key = f"test:{uuid.uuid4()}"
    count_up(key, 60)
    count_up(key, 60)
    count_down(key)
    assert count(key) == 1
    count_down(key)
    assert count(key) == 0 and cache.get(key) is None
    count_down(key)  # a lapsed counter stays lapsed
    assert cache.get(key) is None


def test_a_counter_that_lapses_inside_redis_incr_gets_its_window_back(
    redis_cache: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redis's incr checks the key exists, then increments: a key lapsing in between comes back
    at 1 without an expiry. The first count sets the window again."""
    key = f"test:{uuid.uuid4()}"
    raw = redis.Redis.from_url(redis_cache)
    full_key = cache.make_and_validate_key(key)

    def lapse_then_increment(name: str, delta: int = 1) -> int:
        raw.delete(full_key)  # lapsed just after the existence check
        return int(raw.incrby(full_key, delta))

    monkeypatch.setattr(caches["default"], "incr", lapse_then_increment)
    assert count_up(key, 60) == 1
    assert 0 < raw.ttl(full_key) <= 60
    raw.delete(full_key)


def test_worker_processes_share_one_count_through_redis(redis_cache: str) -> None:
    """Four processes counting at once, as gunicorn's workers would: no count is lost."""
    key = f"test:{uuid.uuid4()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tinnhiem.config.test_settings",
        "TINNHIEM_REDIS_URL": redis_cache,
    }
    children = [
        subprocess.Popen([sys.executable, "-c", COUNT_IN_A_CHILD, key, "150"], env=env, cwd=ROOT)
        for _ in range(4)
    ]
    assert [child.wait(timeout=120) for child in children] == [0, 0, 0, 0]
    assert count(key) == 600  # this process reads what the four wrote
    assert count_up(key, 60) == 601
    cache.delete(key)


CLAIM_IN_A_CHILD = """
import django, sys
django.setup()
from tinnhiem.core.counters import claim
print(sum(claim(sys.argv[1], 60) == 0 for _ in range(50)))
"""


def test_a_slot_is_taken_by_one_process_only_through_redis(redis_cache: str) -> None:
    """The back-off's slot (evote/limits.py): of four processes trying at once, one takes it."""
    key = f"test:{uuid.uuid4()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tinnhiem.config.test_settings",
        "TINNHIEM_REDIS_URL": redis_cache,
    }
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIM_IN_A_CHILD, key],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    taken = [int(child.communicate(timeout=120)[0]) for child in children]
    assert sum(taken) == 1
    assert 55 <= held_for(key) <= 60 and claim(key, 60) >= 55
    cache.delete(key)


def test_a_slot_frees_when_its_wait_is_over() -> None:
    key = f"test:{uuid.uuid4()}"
    assert claim(key, 1) == 0
    assert claim(key, 1) == 1 and held_for(key) == 1
    time.sleep(1.1)
    assert held_for(key) == 0 and claim(key, 5) == 0
