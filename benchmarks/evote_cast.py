"""500 voters casting electronic ballots within a minute, against gunicorn on PostgreSQL.

    .venv/bin/python benchmarks/evote_cast.py [--voters 500] [--officials 44] [--workers 3]
        [--clients 16] [--seconds 60] [--database-url postgres://postgres@127.0.0.1:5432/tinnhiem_bench_cast]

Sets up a People's Council session with `--officials` persons (the National Assembly's 2023
vote had 44), runs the trustees' ceremony (3 trustees, 2 needed) through the app's services,
prints `--voters` codes (read back from the slips' PDF) and encrypts one random ballot per
voter with the reference encoder (not timed; the booth's own encryption is timed by
booth_encrypt.py). Then serves the app with gunicorn (`--workers` processes) on a fresh
PostgreSQL database and, from `--clients` threads on loopback, sends the casts at a bounded
rate spread over `--seconds` — each voter's browser: GET the booth (CSRF cookie), POST check,
POST cast. Each code is also replayed once with another ballot after the run.

Reports p50/p95/max latency of the cast (the server parses, verifies every proof of the
ballot and spends the code in one transaction) and, as the peer in the same run, of the
`check` request (a code lookup, no cryptography); checks that the database holds exactly one
ballot per code with the hashes the voters were given, and that every replay was refused.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench_database import Database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tinnhiem_bench_cast"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=500)
    parser.add_argument("--officials", type=int, default=44)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="tinnhiem-cast-bench-")
    env = {
        "TINNHIEM_HOME": home,
        "TINNHIEM_SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "tinnhiem.config.settings",
    }
    os.environ.update(env)
    Database(args.database_url, Path(home)).create(replace=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    election, codes = _election(args.officials, args.voters)
    ballots = _encrypt_all(election, args.voters)
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "tinnhiem.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env={**os.environ, **env},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_up(base)
        report = _load(base, str(election.public_id), codes, ballots, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _check(election, report)
    _print(report, args)
    return 0


def _election(officials: int, voters: int) -> tuple[Any, list[str]]:
    from django.contrib.auth import get_user_model
    from tests.evote.conftest import print_codes, run_ceremony

    from tinnhiem.accounts.models import Role, RoleGrant
    from tinnhiem.bodies.models import Body, BodyKind, BodyLevel, Voter
    from tinnhiem.bodies.roster import RosterKind
    from tinnhiem.bodies.services import roster_import
    from tinnhiem.evote import services as evote
    from tinnhiem.votes import services
    from tinnhiem.votes.models import Channel

    body = Body.objects.create(
        name="Quốc hội", level=BodyLevel.CENTRAL, kind=BodyKind.PEOPLES_COUNCIL, city="Hà Nội"
    )
    users = {}
    for name, role in (("organiser", Role.ORGANISER), ("board", Role.BOARD)):
        users[name] = get_user_model().objects.create_user(username=name, password="x" * 12)
        RoleGrant.objects.create(user=users[name], body=body, role=role)
    rows = "\n".join(f'"Đại biểu {n + 1}","Chức vụ {n + 1}"' for n in range(officials))
    roster_import(
        actor=users["organiser"],
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=f"Họ và tên,Chức vụ\n{rows}\n".encode(),
    )
    Voter.objects.bulk_create(Voter(body=body, full_name=f"Cử tri {n}") for n in range(voters))
    session = services.session_create(
        actor=users["organiser"],
        body=body,
        title="Lấy phiếu tín nhiệm (đo tốc độ bỏ phiếu điện tử)",
        held_on=date(2026, 11, 29),
        profile_key="nq96",
        channel=Channel.ELECTRONIC,
        members=voters,
    )
    services.candidates_from_roster(actor=users["organiser"], session=session)
    session = services.session_open(actor=users["organiser"], session=session)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B", "C"], threshold=2
    )
    run_ceremony(election, users["board"])
    election.refresh_from_db()
    return election, print_codes(election, users["board"], voters)


def _encrypt_one(job: tuple[dict[str, Any], str, int]) -> dict[str, Any]:
    from tinnhiem.ballotcrypto import election as pure
    from tinnhiem.ballotcrypto.group import Point

    manifest_data, key, seed = job
    manifest = pure.Manifest.from_dict(manifest_data)
    rng = random.Random(seed)
    choices = [rng.choice([0, 0, 0, 1, 1, 2]) for _ in manifest.persons]
    return pure.encrypt_ballot(manifest, Point.from_bytes(bytes.fromhex(key)), choices)[0]


def _encrypt_all(election: Any, voters: int) -> list[dict[str, Any]]:
    jobs = [(election.manifest, election.public_key, n) for n in range(2 * voters)]
    started = time.perf_counter()
    with Pool() as pool:
        ballots = pool.map(_encrypt_one, jobs, chunksize=8)
    print(f"(encrypted {len(ballots)} ballots in {time.perf_counter() - started:.1f} s, not timed)")
    return ballots


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_up(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)  # noqa: S310 (http on loopback)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


class Voter:
    """One browser: its own cookies (the CSRF cookie from the booth page)."""

    def __init__(self, base: str, public_id: str) -> None:
        self.base, self.public_id = base, public_id
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{base}/e/{public_id}/", timeout=30).read()
        self.token = next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, action: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], float]:
        request = urllib.request.Request(  # noqa: S310 (http on loopback)
            f"{self.base}/e/{self.public_id}/{action}",
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.token,
                "Referer": f"{self.base}/e/{self.public_id}/",
            },
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, payload = response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            status, payload = error.code, json.loads(error.read() or b"{}")
        return status, payload, time.perf_counter() - started


def _load(
    base: str,
    public_id: str,
    codes: list[str],
    ballots: list[dict[str, Any]],
    clients: int,
    seconds: float,
) -> dict[str, Any]:
    interval = seconds / len(codes)
    start = time.perf_counter() + 0.5
    lock = threading.Lock()
    out: dict[str, Any] = {"cast": [], "check": [], "hashes": {}, "refused": [], "replays": []}

    def vote(n: int) -> None:
        delay = start + n * interval - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        voter = Voter(base, public_id)
        status, _, checked = voter.post("check", {"code": codes[n]})
        status2, payload, took = voter.post("cast", {"code": codes[n], "ballot": ballots[n]})
        with lock:
            out["check"].append(checked)
            if status2 == 200:
                out["cast"].append(took)
                out["hashes"][codes[n]] = payload["ballot_hash"]
            else:
                out["refused"].append((n, status, status2, payload))

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(vote, range(len(codes))))
    out["wall"] = time.perf_counter() - began

    def replay(n: int) -> None:
        voter = Voter(base, public_id)
        status, _payload, _ = voter.post(
            "cast", {"code": codes[n], "ballot": ballots[len(codes) + n]}
        )
        with lock:
            out["replays"].append(status)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(replay, range(min(len(codes), 25))))
    return out


def _check(election: Any, report: dict[str, Any]) -> None:
    from tinnhiem.evote.models import CastBallot, Credential, CredentialStatus

    stored = sorted(
        CastBallot.objects.filter(election=election).values_list("ballot_hash", flat=True)
    )
    given = sorted(report["hashes"].values())
    used = Credential.objects.filter(election=election, status=CredentialStatus.USED).count()
    report["lost"] = len(set(given) - set(stored))
    report["double"] = len(stored) - len(set(stored)) + len(set(stored) - set(given))
    report["stored"] = len(stored)
    report["used"] = used
    if report["refused"]:
        print("refused casts:", report["refused"][:5])
    if report["lost"] or report["double"] or any(s == 200 for s in report["replays"]):
        raise SystemExit(f"WRONG: lost {report['lost']}, double {report['double']}")


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def _print(report: dict[str, Any], args: argparse.Namespace) -> None:
    cast = _quantiles(report["cast"])
    check = _quantiles(report["check"])
    summary = {
        "voters": args.voters,
        "officials": args.officials,
        "workers": args.workers,
        "clients": args.clients,
        "wall_seconds": round(report["wall"], 1),
        "cast_ms": {
            "p50": round(cast[0] * 1e3),
            "p95": round(cast[1] * 1e3),
            "max": round(cast[2] * 1e3),
        },
        "check_ms": {
            "p50": round(check[0] * 1e3),
            "p95": round(check[1] * 1e3),
            "max": round(check[2] * 1e3),
        },
        "cast_p95_over_check_p95": round(cast[1] / check[1], 1),
        "ballots_stored": report["stored"],
        "codes_used": report["used"],
        "lost": report["lost"],
        "double": report["double"],
        "replays_refused": sum(1 for s in report["replays"] if s != 200),
        "replays": len(report["replays"]),
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    raise SystemExit(main())
