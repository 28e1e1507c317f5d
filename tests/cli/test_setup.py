"""The command line right after `scripts/up`, or in a home never used: it reads (or makes) the
home's secret key, sets up a new embedded database itself, and says in one line what to do where
it must not act (a named database not migrated, a home it cannot write). Never a traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

SETUP_LINE = "setting up the database in"


def run(args: list[str], home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TINNHIEM_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environ |= {"TINNHIEM_HOME": str(home), "PYTHONIOENCODING": "utf-8", **extra}
    return subprocess.run(
        [sys.executable, "-m", "tinnhiem.cli", *args],
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )


def test_a_new_home_is_set_up_by_the_first_command_with_its_own_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run(["audit", "verify"], home)
    assert first.returncode == 0, first.stderr
    assert "Audit log intact: 0 rows" in first.stdout
    assert first.stderr.count(SETUP_LINE) == 1 and "Traceback" not in first.stderr
    key = home / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) == 64

    again = run(["audit", "verify"], home)
    assert again.returncode == 0 and SETUP_LINE not in again.stderr
    assert len(key.read_text().strip()) == 64  # the same file, not made anew


def test_the_key_scripts_up_wrote_is_the_one_the_commands_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "secret_key").write_text("a-key-written-by-scripts-up-" + "x" * 40 + "\n")
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    done = run(["manage", "shell", "-c", code], home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "a-key-written-by-scripts-up-" + "x" * 40


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through the file modes")
def test_a_home_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "locked"
    home.mkdir(mode=0o500)
    done = run(["audit", "verify"], home)
    assert done.returncode == 2
    assert "Cannot read or create the secret key" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unreadable_key_file_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "secret_key").mkdir(parents=True)  # a directory where the key file should be
    done = run(["audit", "verify"], home)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("tinnhiem audit: Không đọc hoặc tạo được khoá bí mật")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_help_needs_no_set_up(tmp_path: Path) -> None:
    done = run(["session", "--help"], tmp_path / "home")
    assert done.returncode == 0 and "tinnhiem session" in done.stdout
    assert SETUP_LINE not in done.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a named database: the suite on PostgreSQL",
)
def test_a_named_database_not_migrated_says_which_command(tmp_path: Path) -> None:
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"tinnhiem_empty_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        done = run(["audit", "verify"], tmp_path, DATABASE_URL=f"{server}/{name}")
        assert done.returncode == 2
        assert done.stderr.strip().endswith("run `tinnhiem manage migrate`")
        assert len(done.stderr.strip().splitlines()) == 1
        missing = run(["audit", "verify"], tmp_path, DATABASE_URL=f"{server}/{name}_none")
        assert missing.returncode == 2 and "cannot open the database" in missing.stderr
        assert "Traceback" not in missing.stderr
    finally:
        with psycopg.connect(server + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
