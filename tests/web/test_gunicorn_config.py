"""gunicorn as scripts/up runs it (config/gunicorn.py): no access-log line nor Django log line
for the electronic ballot's paths, the rest logged as before; several workers refused without
the shared counters (Redis), one worker with threads accepted."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _gunicorn(tmp_path: Path, port: int, *options: str, redis: str = "") -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "TINNHIEM_REDIS_URL"}
    env |= {"TINNHIEM_HOME": str(tmp_path), "TINNHIEM_SECRET_KEY": "gunicorn-test-key"}
    if redis:
        env["TINNHIEM_REDIS_URL"] = redis
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:tinnhiem.config.gunicorn",
            "tinnhiem.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--no-control-socket",
            *options,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _status(url: str, method: str = "GET") -> int:
    try:
        request = urllib.request.Request(url, method=method)  # noqa: S310 (http on loopback)
        with urllib.request.urlopen(request, timeout=5) as r:  # noqa: S310
            return int(r.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _wait_up(base: str, server: subprocess.Popen[str]) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise AssertionError(server.communicate()[1])
        try:
            _status(f"{base}/up-probe/")
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


def test_the_voting_paths_leave_no_line_in_any_log(tmp_path: Path) -> None:
    port = _free_port()
    server = _gunicorn(tmp_path, port, "--workers", "1", "--threads", "2")
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, server)
        assert _status(f"{base}/e/not-an-election/") == 404
        assert _status(f"{base}/e/not-an-election/cast", "POST") == 403  # no CSRF token
        assert _status(f"{base}/nothing-here/") == 404
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert '"GET /nothing-here/ HTTP/1.1" 404' in out  # the access log runs
    assert "Not Found: /nothing-here/" in err  # and Django's log
    assert "/e/" not in out and "/e/" not in err


def test_several_workers_need_the_shared_counters(tmp_path: Path) -> None:
    server = _gunicorn(tmp_path, _free_port(), "--workers", "2")
    try:
        _, err = server.communicate(timeout=20)
    finally:
        if server.poll() is None:  # it started: stop it, and the test fails below
            server.terminate()
            server.communicate(timeout=30)
    assert server.returncode != 0
    assert "2 gunicorn workers need TINNHIEM_REDIS_URL" in err


def test_several_workers_start_with_redis(tmp_path: Path) -> None:
    port = _free_port()
    redis = os.environ.get("TINNHIEM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    server = _gunicorn(tmp_path, port, "--workers", "2", redis=redis)
    try:
        _wait_up(f"http://127.0.0.1:{port}", server)
    finally:
        server.terminate()
        server.communicate(timeout=30)
