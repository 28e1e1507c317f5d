"""Logging filters of the settings' LOGGING.

Django logs every 4xx answer at WARNING ("Bad Request: /e/<id>/check", "Too Many Requests: …")
and `runserver` logs every request: for the electronic ballot's paths that is an access log of
refused codes and casts with their times. Those records are dropped; errors (5xx) are kept, so
that a failure can still be found, and they carry no address.
"""

from __future__ import annotations

import logging

VOTING_PATHS = "/e/"


def _path(record: logging.LogRecord) -> str:
    request = getattr(record, "request", None)
    path = getattr(request, "path_info", None)
    if isinstance(path, str):
        return path
    # runserver's records carry the socket, and the request line as the first argument
    args = record.args if isinstance(record.args, tuple) else ()
    if args and isinstance(args[0], str):
        parts = args[0].split(" ")
        return parts[1] if len(parts) > 1 else ""
    return ""


class VotingPathsUnlogged(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or not _path(record).startswith(VOTING_PATHS)
