"""The command line run as a user runs it: a real process of `python -m tinnhiem.cli` against
$TINNHIEM_HOME (SQLite) or, when the suite runs on PostgreSQL, a fresh database of its own on the
same server."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def run(
    args: list[str],
    env: dict[str, str],
    expect: int = 0,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "tinnhiem.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == expect, (args, done.stdout, done.stderr)
    return done


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of a command line with a database of its own, migrated, for one module."""
    home = tmp_path_factory.mktemp("home")
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ |= {
        "TINNHIEM_HOME": str(home),
        "TINNHIEM_SECRET_KEY": "cli-tests",
        "PYTHONIOENCODING": "utf-8",
    }
    server = os.environ.get("DATABASE_URL", "")
    name = f"tinnhiem_cli_{uuid.uuid4().hex[:8]}"
    if server.startswith("postgres"):
        import psycopg

        admin = server.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        environ["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
    run(["manage", "migrate", "-v0"], environ)
    yield environ
    if server.startswith("postgres"):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
