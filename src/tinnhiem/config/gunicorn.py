"""gunicorn's settings for tinnhiem: `gunicorn -c python:tinnhiem.config.gunicorn
tinnhiem.config.wsgi:application` (scripts/up does; docs/deployment.md).

- The access log leaves out the electronic ballot's paths (`/e/…`: the booth, its JSON
  endpoints, the bulletin board and its files). A line per `POST /e/<id>/cast` with its time
  and address is, for a remote vote, a list of who voted when, and with the receipt's time a
  way to link a voter to a ballot (docs/evote.md).
- gunicorn refuses to start several worker processes unless the counters that limit guessing
  voting codes are shared (TINNHIEM_REDIS_URL, core/counters.py): without Redis each process
  counts alone, and the limits would multiply by the number of workers. One worker with
  threads shares its process's memory and needs no Redis.
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.glogging import Logger

VOTING_PATHS = "/e/"

accesslog = "-"


class VotingPathsUnlogged(Logger):  # type: ignore[misc]
    """gunicorn's logger, without access-log lines for the electronic ballot's paths."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if str(environ.get("PATH_INFO", "")).startswith(VOTING_PATHS):
            return
        super().access(resp, req, environ, request_time)


logger_class = VotingPathsUnlogged


def shared_counters_problem(workers: int, redis_url: str) -> str | None:
    """Why this many workers cannot start, or None."""
    if workers > 1 and not redis_url:
        return (
            f"tinnhiem: {workers} tiến trình gunicorn cần TINNHIEM_REDIS_URL (bộ đếm chung giới "
            "hạn việc đoán mã bỏ phiếu); không có Redis, hãy chạy một tiến trình với nhiều luồng "
            f"(--workers 1 --threads 4). / {workers} gunicorn workers need TINNHIEM_REDIS_URL "
            "(the shared counters that limit guessing voting codes); without Redis run one "
            "worker with threads (--workers 1 --threads 4)."
        )
    return None


def on_starting(server: Any) -> None:
    problem = shared_counters_problem(
        int(server.cfg.workers), os.environ.get("TINNHIEM_REDIS_URL", "")
    )
    if problem:
        raise SystemExit(problem)
