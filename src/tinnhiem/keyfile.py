"""A random key kept in a file of the home ($TINNHIEM_HOME), made on first use.

Used for the site's secret key (`config/settings.py`, when TINNHIEM_SECRET_KEY is not set) and
the audit chain's key (`audit/keys.py`). The file is written whole (mode 0600) under a draft
name and then linked into place, so two processes starting together end up with the same key:
the first link wins and the other reads it. Pure: no Django.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def read_or_create(path: Path) -> str:
    """The key in `path` (its text without surrounding blanks), made first if the file is missing.
    An OSError (the home not writable, the file not readable) is the caller's to report."""
    if not path.exists():
        _create(path)
    return path.read_text(encoding="utf-8").strip()


def create(path: Path) -> str:
    """Make the key file unless another process made it first; the key that is in it."""
    _create(path)
    return path.read_text(encoding="utf-8").strip()


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(secrets.token_hex(32) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
    finally:
        draft.unlink(missing_ok=True)
