"""Benchmark: a programme of 25,000 tasks in 300 agencies (Hanoi's own system holds about 24,000).

Run from the project root, on PostgreSQL (the database is created and dropped):

    .venv/bin/python benchmarks/programmes_25k.py \
        --database-url postgres://postgres@127.0.0.1:5432/tn_bench_programmes --replace-database
    .venv/bin/python benchmarks/programmes_25k.py --tasks 2500 --agencies 30   # SQLite, quick

Seeded random tasks (a lead agency each, 0 to 2 co-operating ones, deadlines 2021–2025 or
"Thường xuyên", about 60 % done, some late), written as the office's CSV. Timed:

1. import: `tinnhiem programme import FILE --programme CODE` as a real process (Django's start
   included; TINNHIEM_MAX_SHEET_ROWS raised above the default 10,000 rows of a sheet), then the
   same file again (25,000 tasks compared by code, none changed);
2. the by-agency report (`programme report --format json`'s data): 30 runs at 2025-12-31,
   median and p95;
3. a quarterly snapshot (`snapshot_make`: every table frozen, hashed, chained into the audit log);
4. the period report at 2025-12-31 with its appendix (one row per task) as the office downloads
   it (`report_download`: the tables read, worded and rendered): PDF, Word and XLSX, once each.

Peers measured in the same run, on the same database: the import against the floor of a plain
`bulk_create` of the same tasks and their co-operating links (no checks, no agencies looked up,
no audit row); the report against one GROUP BY query counting tasks per lead agency (no status
rules); the PDF against the same report as a spreadsheet, and against the PDF of a fifth of the
tasks (a programme of its own: about 5x when the PDF grows linearly with the tasks). Targets:
import < 60 s, report p95 < 300 ms, snapshot < 5 s, the PDF of 5,000 tasks well under 10 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench_database import ROOT, Database, setup_django

SEED = 20221231
CODE = "01-CTr/TU"
HEADER = ["Mã", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn",
          "Ngày hoàn thành", "Lãnh đạo phụ trách"]  # fmt: skip
AS_OF = date(2025, 12, 31)


def sheet(tasks: int, agencies: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    names = [f"Sở, ban, ngành số {n:03d}" for n in range(1, agencies + 1)]
    rows = [HEADER]
    for number in range(1, tasks + 1):
        lead = names[number % agencies]
        partners = rng.sample([n for n in names[:20] if n != lead], rng.randint(0, 2))
        routine = rng.random() < 0.1
        deadline = date(2021, 1, 1) + timedelta(days=rng.randint(0, 5 * 365))
        done = ""
        if rng.random() < 0.6:
            day = deadline + timedelta(days=rng.randint(-120, 60))
            done = f"{day:%d/%m/%Y}" if day <= AS_OF else ""
        rows.append(
            [
                f"NV-{number:05d}",
                f"Nhiệm vụ số {number}: triển khai chương trình tại cơ sở",
                lead,
                "; ".join(partners),
                "Thường xuyên" if routine else f"{deadline:%d/%m/%Y}",
                done,
                "Phó Bí thư Thường trực" if number % 7 == 0 else "",
            ]
        )
    return rows


def part(rows: list[list[str]], tasks: int, workdir: Path) -> Path:
    """The sheet's first `tasks` tasks, as a file of their own."""
    file = workdir / f"tasks-{tasks}.csv"
    with file.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows[: tasks + 1])
    return file


def cli(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tinnhiem.cli", *args],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args[:2]} failed: {done.stderr}")
    return seconds


def floor_bulk(rows: list[list[str]]) -> float:
    """The peer: the same tasks written by plain bulk_create, in a programme of their own."""
    from django.db import transaction

    from tinnhiem.programmes.models import Agency, Programme, Task
    from tinnhiem.steering.sheets import read_tasks

    started = time.perf_counter()
    parsed = read_tasks(rows)
    with transaction.atomic():
        programme = Programme.objects.create(
            body=Programme.objects.get(code=CODE).body, code="FLOOR", title="floor"
        )
        agencies = {a.name: a for a in Agency.objects.filter(body=programme.body)}
        made = Task.objects.bulk_create(
            [
                Task(
                    programme=programme,
                    code=row.code,
                    title=row.title,
                    lead=agencies[row.lead],
                    deadline=row.deadline,
                    completed_on=row.completed,
                    leader=row.leader,
                )
                for row in parsed
            ],
            batch_size=2000,
        )
        links = Task.partners.through
        links.objects.bulk_create(
            [
                links(task_id=task.pk, agency_id=agencies[name].pk)
                for task, row in zip(made, parsed, strict=True)
                for name in row.partners
            ],
            batch_size=5000,
        )
    return time.perf_counter() - started


def timed(function: Any, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="postgres://… (created and dropped); else SQLite")
    parser.add_argument("--replace-database", action="store_true", help="drop it first if found")
    parser.add_argument("--tasks", type=int, default=25_000)
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tinnhiem-bench-") as tmp:
        workdir = Path(tmp)
        database = Database(args.database_url, workdir / "home")
        database.home.mkdir()
        database.create(replace=args.replace_database)
        try:
            return run(args, database, workdir)
        finally:
            database.drop()


def run(args: argparse.Namespace, database: Database, workdir: Path) -> int:
    engine = setup_django(database)
    os.environ.setdefault("TINNHIEM_SECRET_KEY", "benchmark")
    os.environ["PYTHONPATH"] = str(ROOT / "src")
    # a sheet holds at most 10,000 rows unless the installation says more (tinnhiem.limits)
    os.environ["TINNHIEM_MAX_SHEET_ROWS"] = str(max(args.tasks + 10, 10_000))

    from django.db import connection
    from django.db.models import Count

    from tinnhiem.cli.common import cli_actor
    from tinnhiem.programmes.documents import report_download
    from tinnhiem.programmes.models import Programme, Task
    from tinnhiem.programmes.reports import agency_report_json
    from tinnhiem.programmes.snapshots import snapshot_make

    rows = sheet(args.tasks, args.agencies, args.seed)
    file = workdir / "tasks.csv"
    with file.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    first = cli(["programme", "import", str(file), "--programme", CODE])
    again = cli(["programme", "import", str(file), "--programme", CODE])
    start = cli(["--help"])
    programme = Programme.objects.get(code=CODE)
    assert Task.objects.filter(programme=programme).count() == args.tasks
    floor = floor_bulk(rows)

    def by_agency() -> None:
        agency_report_json(programme, AS_OF)

    def group_by() -> None:
        list(Task.objects.filter(programme=programme).values("lead_id").annotate(n=Count("pk")))

    by_agency()  # warm
    report = timed(by_agency, args.runs)
    peer = timed(group_by, args.runs)
    board = timed(dashboard_of(programme), args.runs)
    started = time.perf_counter()
    snapshot = snapshot_make(actor=cli_actor(), programme=programme, kind="quarter", cut_off=AS_OF)
    frozen = time.perf_counter() - started
    data = agency_report_json(programme, AS_OF)

    def download(of: Programme, fmt: str) -> float:
        return timed(
            lambda: report_download(actor=cli_actor(), programme=of, fmt=fmt, as_of=AS_OF), 1
        )[0]

    files = {fmt: download(programme, fmt) for fmt in ("pdf", "docx", "xlsx")}
    fifth = args.tasks // 5
    cli(["programme", "import", str(part(rows, fifth, workdir)), "--programme", "FIFTH"])
    fifth_pdf = download(Programme.objects.get(code="FIFTH"), "pdf")

    print(
        f"{args.tasks} tasks, {args.agencies} agencies; {engine}; Python {platform.python_version()}"
    )
    print(f"tasks at {AS_OF}: {data['total']}")
    print(f"tinnhiem start (--help, no database): {start:.2f} s")
    print(f"import, new programme (CLI process): {first:.2f} s  [target < 60 s]")
    print(f"import again, nothing changed:       {again:.2f} s")
    print(
        f"peer floor, plain bulk_create:       {floor:.2f} s  -> import / floor = {first / floor:.1f}x"
    )
    print(
        f"by-agency report: median {statistics.median(report) * 1000:.0f} ms, "
        f"p95 {p95(report) * 1000:.0f} ms  [target p95 < 300 ms]"
    )
    print(
        f"dashboard page (charts, escalations): median {statistics.median(board) * 1000:.0f} ms, "
        f"p95 {p95(board) * 1000:.0f} ms  [target p95 < 300 ms]"
    )
    print(
        f"peer GROUP BY count: median {statistics.median(peer) * 1000:.1f} ms "
        f"-> report / peer = {statistics.median(report) / statistics.median(peer):.1f}x"
    )
    print(
        f"quarterly snapshot: {frozen:.2f} s ({len(snapshot.data) / 1e6:.1f} MB JSON)  [target < 5 s]"
    )
    print(
        f"report with its appendix, PDF: {files['pdf']:.2f} s "
        f"({files['pdf'] / args.tasks * 1000:.2f} s per 1,000 tasks)  [target 5,000 tasks < 10 s]"
    )
    print(
        f"  same report, DOCX {files['docx']:.2f} s, XLSX {files['xlsx']:.2f} s "
        f"-> PDF / XLSX = {files['pdf'] / files['xlsx']:.1f}x"
    )
    print(
        f"  PDF of {fifth} tasks: {fifth_pdf:.2f} s "
        f"-> {args.tasks} / {fifth} tasks = {files['pdf'] / fifth_pdf:.1f}x  [linear: about 5x]"
    )
    connection.close()
    return 0


def dashboard_of(programme: Any) -> Any:
    """The dashboard page as the steering committee opens it (Django's test client, a
    superuser), its first request made before the timing."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    settings.DEBUG = False  # no query log: the server, not the debugger
    viewer = get_user_model().objects.create_superuser("bench-dashboard", password=None)
    client = Client(HTTP_HOST="localhost")
    client.force_login(viewer)
    url = reverse("programmes:dashboard", args=[programme.pk])

    def dashboard() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    dashboard()
    return dashboard


if __name__ == "__main__":
    sys.exit(main())
