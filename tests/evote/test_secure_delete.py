"""SQLite forgets what the close deletes: `PRAGMA secure_delete` is set on every connection the
settings open, so a deleted row's bytes do not stay in the file (the close rewrites the ballots
to forget the order they were cast in, docs/evote.md).

Debian builds SQLite with secure delete on by default; other builds (Python's own, many
distributions) leave it off. The tests open connections as a build with the default off would,
so that they hold only if the settings set the pragma themselves."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db.backends.sqlite3 import base as sqlite_backend

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only (PostgreSQL: VACUUM FULL after the close, docs/deployment.md)",
)

MARKER = "ballot-row-3f2a91c07b44e1d2-that-must-be-forgotten"


@pytest.fixture
def default_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new SQLite connection starts with secure delete off, as on most builds."""
    connect = sqlite3.connect

    def off(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr(sqlite_backend.Database, "connect", off)


def _wrapper(path: Path) -> Any:
    """A connection opened exactly as the settings open the real database, on a file."""
    config = copy.deepcopy(settings.DATABASES["default"])
    config["NAME"] = str(path)
    wrapper = sqlite_backend.DatabaseWrapper(config, alias="secure-delete-test")
    wrapper.ensure_connection()
    return wrapper


@pytest.mark.usefixtures("default_off")
def test_every_connection_has_secure_delete_on(tmp_path: Path, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        wrapper = _wrapper(tmp_path / "pragma.sqlite3")
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA secure_delete")
                assert cursor.fetchone()[0] == 1
        finally:
            wrapper.close()


@pytest.mark.usefixtures("default_off")
def test_a_deleted_row_leaves_no_trace_in_the_file_nor_its_log(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    path = tmp_path / "forget.sqlite3"
    with django_db_blocker.unblock():
        wrapper = _wrapper(path)
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("CREATE TABLE ballot (id TEXT PRIMARY KEY, data TEXT)")
                cursor.execute("INSERT INTO ballot VALUES ('kept', 'another ballot')")
                cursor.execute("INSERT INTO ballot VALUES ('gone', %s)", [MARKER])
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                assert MARKER.encode() in path.read_bytes()
                cursor.execute("DELETE FROM ballot WHERE id = 'gone'")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as the close does
        finally:
            wrapper.close()
    files = [path, Path(f"{path}-wal")]
    assert not any(f.exists() and MARKER.encode() in f.read_bytes() for f in files)
