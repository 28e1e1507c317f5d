"""Log-in time: 50 log-ins through the WSGI app (Django's test client: the log-in page's POST
with its CSRF token, the middleware, django-axes, the session), p50 and p95, and the peers of the
same run as ratios: one bare Argon2id hash at the chosen parameters (the floor), Django's
default Argon2 parameters (what the app used before), and a log-in under Django's default
PBKDF2 hasher.

    .venv/bin/python benchmarks/login.py [--runs 50] [--profile]

`--profile` prints cProfile's top functions of ten log-ins (where the time goes). A fresh SQLite
database in a temporary TINNHIEM_HOME; nothing else is touched."""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_database import Database, setup_django

PASSWORD = "Ngay-hop-thu-17-2026"  # noqa: S105 - a throwaway account in a temporary database


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def log_in_once(username: str) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    page = client.get("/login/")
    token = page.cookies["csrftoken"].value
    answer = client.post(
        "/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        REMOTE_ADDR="127.0.0.1",
    )
    if answer.status_code != 302:
        raise SystemExit(f"log-in of {username} failed: {answer.status_code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="tinnhiem-login-"))
    os.environ.setdefault("TINNHIEM_SECRET_KEY", "benchmark-only-" + "x" * 40)
    engine = setup_django(Database(url=None, home=home))
    from argon2 import PasswordHasher
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher
    from django.test.utils import override_settings

    from tinnhiem.accounts.hashers import Argon2idHasher

    users = get_user_model()
    users.objects.create_user(username="vanphong", password=PASSWORD)
    log_in_once("vanphong")  # warm-up (imports, templates)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [log_in_once("vanphong") for _ in range(10)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(8)
    ours = timed(lambda: log_in_once("vanphong"), args.runs)
    chosen = Argon2idHasher()
    bare = PasswordHasher(chosen.time_cost, chosen.memory_cost, chosen.parallelism)
    floor = timed(lambda: bare.hash(PASSWORD), args.runs)
    default = Argon2PasswordHasher()
    old = PasswordHasher(default.time_cost, default.memory_cost, default.parallelism)
    before = timed(lambda: old.hash(PASSWORD), max(5, args.runs // 5))
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        users.objects.create_user(username="pbkdf2", password=PASSWORD)
        log_in_once("pbkdf2")
        pbkdf2 = timed(lambda: log_in_once("pbkdf2"), args.runs)
    p50, p95 = statistics.median(ours), percentile(ours, 0.95)
    print(f"{engine}, {os.cpu_count()} CPUs, {args.runs} log-ins")
    print(
        f"Argon2id m={chosen.memory_cost} KiB t={chosen.time_cost} p={chosen.parallelism} "
        f"(OWASP's minimum: m=19456 KiB t=2 p=1)"
    )
    rows = [
        ("tinnhiem log-in (GET + POST)", ours),
        ("peer: one bare Argon2id hash, same parameters", floor),
        (
            f"peer: one Argon2 hash at Django's default (m={default.memory_cost} KiB, "
            f"t={default.time_cost}, p={default.parallelism})",
            before,
        ),
        (f"peer: log-in under Django's PBKDF2 ({PBKDF2PasswordHasher.iterations} it.)", pbkdf2),
    ]
    for name, times in rows:
        print(
            f"{name:<75} p50 {statistics.median(times) * 1000:7.1f} ms  "
            f"p95 {percentile(times, 0.95) * 1000:7.1f} ms  "
            f"ratio to ours (p50) {statistics.median(times) / p50:5.2f}"
        )
    print(f"p95 under 0.5 s: {'yes' if p95 < 0.5 else 'NO'}")
    return 0 if p95 < 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
