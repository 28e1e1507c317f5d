"""Benchmark: a province's party-member register (form 7-HSĐV) of 500,000 members on PostgreSQL.

Run from the project root (PostgreSQL at 127.0.0.1:5432, a database of its own, dropped after):

    .venv/bin/python benchmarks/register_500k.py
    .venv/bin/python benchmarks/register_500k.py --members 50000 --cells 200   # a district
    .venv/bin/python benchmarks/register_500k.py --skip-export   # the export takes the longest

What a province's office does, timed through the same services and pages its staff use:

1. **import with the preview**: the register arrives as the districts' files (9,999 rows and the header each,
   the default `TINNHIEM_MAX_SHEET_ROWS`); each file is previewed (`member_import_preview`, every
   row checked against the register so far) and saved (`member_import`, which checks it again
   and inserts all or nothing). Target: the whole register under 10 minutes.
2. **search and filters**: the register page (`/members/bodies/ID/`) as an administrator, through
   Django's test client: name searches with and without accents (the beginnings of the name's
   words, `members/search.py`), by party cell (picked by id, or typed: a province's 2,000 cells
   are too many for a list), by status.
   Target: p95 under 150 ms.
3. **the quarterly reconciliation** (`register_report`) over every cell: under 30 s.
4. **the export**, streamed (`member_export_to` into a file): its time, and how much the
   process's resident memory grew while writing it (sampled from /proc: tracemalloc would slow
   the export several times), against the size of the file.

Peers in the same run, as the project states speed: the import against a bare `bulk_create` of
the same records (the database's floor), each page against the bare query it shows (the rows of
the page and the count), the reconciliation against reading the same events into Python.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_database import Database, setup_django

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân Thu Hồng Bảo Gia Anh".split()
GIVEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hòa Hùng Hương Khánh Lan Linh Long Mai Nam Nga Ngân "
    "Phong Phúc Quân Quỳnh Sơn Tâm Thảo Thắng Trang Trung Tuấn Vân Việt Yến"
).split()
HEADERS = [
    "STT",
    "Họ và tên đang dùng",
    "Giới tính",
    "Dân tộc",
    "Ngày sinh",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Số lý lịch",
    "Số căn cước công dân",
    "Chi bộ",
    "Ngày chuyển đi",
    "Chuyển đi đến",
]


def name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def register_files(members: int, cells: int, per_file: int, seed: int) -> list[bytes]:
    """The districts' CSV files: unique identifiers, a few members transferred out."""
    rng = random.Random(seed)
    files = []
    for start in range(0, members, per_file):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for n in range(start, min(start + per_file, members)):
            admitted = date(1975, 1, 1) + timedelta(days=rng.randrange(17000))
            born = admitted - timedelta(days=366 * rng.randint(19, 40))
            out_on = admitted + timedelta(days=400) if n % 50 == 0 else None
            writer.writerow(
                [
                    n - start + 1,
                    name(rng),
                    rng.choice(["Nam", "Nữ"]),
                    "Kinh",
                    born.strftime("%d/%m/%Y"),
                    admitted.strftime("%d/%m/%Y"),
                    (admitted + timedelta(days=366)).strftime("%d/%m/%Y"),
                    f"{n:08d}",
                    f"{n:06d}HN" if n < 1_000_000 else "",
                    f"001{n:09d}",
                    f"Chi bộ số {n * cells // members + 1}",
                    out_on.strftime("%d/%m/%Y") if out_on else "",
                    "Đảng bộ tỉnh khác" if out_on else "",
                ]
            )
        files.append(out.getvalue().encode("utf-8"))
    return files


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/tinnhiem_bench_register"
    )
    parser.add_argument("--members", type=int, default=500_000)
    parser.add_argument("--cells", type=int, default=2_000)
    parser.add_argument("--per-file", type=int, default=9_999)  # and the header: 10,000
    parser.add_argument("--searches", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--replace-database", action="store_true")
    parser.add_argument("--skip-export", action="store_true", help="stop after the reconciliation")
    args = parser.parse_args()

    database = Database(args.database_url, Path(tempfile.mkdtemp(prefix="tinnhiem-bench-")))
    database.create(replace=args.replace_database)
    try:
        server = setup_django(database)
        run(args, server)
    finally:
        database.drop()


def run(args: argparse.Namespace, server: str) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client

    from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
    from tinnhiem.members import exchange
    from tinnhiem.members.models import MemberRecord
    from tinnhiem.members.reconcile import Quarter

    settings.DEBUG = False  # no query log: a benchmark of the server, not of the debugger
    print(f"{server}; {args.members:,} members in {args.cells:,} cells")
    admin = get_user_model().objects.create_superuser("bench", password=None)
    body = Body.objects.create(
        name="Đảng bộ tỉnh (benchmark)", level=BodyLevel.PROVINCE, kind=BodyKind.PARTY_COMMITTEE
    )
    files = register_files(args.members, args.cells, args.per_file, args.seed)

    # 1. import with the preview, file by file
    previews, saves = [], []
    for index, content in enumerate(files, start=1):
        file_name = f"quan-huyen-{index}.csv"
        seconds, preview = timed(
            lambda c=content, f=file_name: exchange.member_import_preview(
                body=body, file_name=f, content=c
            )
        )
        assert not preview.has_errors, [p.message_en for p in preview.problems][:3] + [
            p.message_en for r in preview.rows for p in r.problems
        ][:3]
        previews.append(seconds)
        seconds, _ = timed(
            lambda c=content, f=file_name: exchange.member_import(
                actor=admin, body=body, file_name=f, content=c
            )
        )
        saves.append(seconds)
    imported = sum(previews) + sum(saves)
    assert MemberRecord.objects.filter(body=body).count() == args.members
    floor = bulk_floor(files[0], body)
    per_row = imported / args.members
    print(
        f"import: {imported:.1f} s for {len(files)} files (preview {sum(previews):.1f} s, save "
        f"{sum(saves):.1f} s; last file {previews[-1] + saves[-1]:.2f} s); {per_row * 1e3:.2f} ms "
        f"a member; bare bulk_create {floor * 1e3:.3f} ms a member: {per_row / floor:.1f}x"
    )

    # 2. the register page: searches and filters
    if connection.vendor == "postgresql":
        # what autovacuum does within a minute of the import (PostgreSQL 13+ vacuums a table
        # after inserts too): statistics, and the visibility map that lets the page's count be
        # read from an index alone; without it the first page counts 500,000 rows in the heap
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) members_memberrecord")
            cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    url = f"/members/bodies/{body.pk}/"
    rng = random.Random(args.seed + 1)
    unit_ids = list(body.org_units.values_list("pk", flat=True))
    queries: list[tuple[str, dict[str, str]]] = []
    for _ in range(args.searches):
        full = name(rng)
        queries += [
            ("first page", {}),
            ("name with accents", {"q": full.split(" ", 1)[1]}),
            ("name without accents", {"q": _plain(full.rsplit(" ", 1)[1]).lower()}),
            ("party cell", {"unit": str(rng.choice(unit_ids))}),
            ("cell typed", {"cell": f"chi bo so {rng.randint(1, args.cells)}"}),
            ("status", {"status": "transferred_out"}),
            ("cell and name", {"unit": str(rng.choice(unit_ids)), "q": rng.choice(GIVEN)}),
        ]
    client.get(url, {"q": "warm"})
    pages: dict[str, list[float]] = {}
    bare: dict[str, list[float]] = {}
    for kind, params in queries:
        seconds, response = timed(lambda p=params: client.get(url, p))
        assert response.status_code == 200, response.status_code
        pages.setdefault(kind, []).append(seconds)
        bare.setdefault(kind, []).append(timed(lambda p=params: bare_query(body, p))[0])
    every = [s for samples in pages.values() for s in samples]
    print(f"register page, {len(every)} requests: p50 {percentile(every, .5) * 1e3:.0f} ms, "
          f"p95 {percentile(every, .95) * 1e3:.0f} ms")  # fmt: skip
    for kind, samples in pages.items():
        p95, floor95 = percentile(samples, 0.95), percentile(bare[kind], 0.95)
        print(f"  {kind:22} p95 {p95 * 1e3:6.0f} ms; bare query p95 {floor95 * 1e3:6.0f} ms: "
              f"{p95 / floor95:.1f}x")  # fmt: skip

    # 3. the quarterly reconciliation
    quarter = Quarter.of(date(2024, 6, 30))
    seconds, (_, total) = timed(
        lambda: exchange.register_report(actor=admin, body=body, quarter=quarter)
    )
    floor = timed(lambda: _read_events(body))[0]
    print(f"reconciliation {quarter.label_en}: {seconds:.1f} s (end {total.as_row()[-1]:,}); "
          f"reading the events alone {floor:.1f} s: {seconds / floor:.1f}x")  # fmt: skip

    # 4. the export, streamed into a file
    if args.skip_export:
        return
    with tempfile.TemporaryFile() as out, ResidentPeak() as memory:
        with transaction.atomic():
            seconds, count = timed(
                lambda: exchange.member_export_to(actor=admin, body=body, out=out)
            )
        size = out.tell()
    print(f"export: {count:,} members in {seconds:.1f} s, {size / 2**20:.0f} MB of XLSX; the "
          f"process grew by {memory.growth / 2**20:.0f} MB while writing it "
          f"({memory.growth / size:.2f} of the file)")  # fmt: skip


class ResidentPeak:
    """The most the process's resident memory grew above where it started, sampled every
    0.2 s from /proc (Linux): unlike tracemalloc, it does not slow the code it watches."""

    def __enter__(self) -> ResidentPeak:
        self.start = self.peak = _resident()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()
        return self

    def _watch(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, _resident())

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()
        self.peak = max(self.peak, _resident())

    @property
    def growth(self) -> int:
        return self.peak - self.start


def _resident() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def bulk_floor(content: bytes, body: Any) -> float:
    """Seconds a member for the same rows inserted with one bare bulk_create (rolled back)."""
    from django.db import transaction

    from tinnhiem.members.models import MemberRecord

    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))[1:]
    unit = body.org_units.first()
    start = time.perf_counter()
    with transaction.atomic():
        MemberRecord.objects.bulk_create(
            [
                MemberRecord(
                    body=body,
                    unit=unit,
                    full_name=row[1],
                    search_name=row[1].lower(),
                    sex="male",
                    admitted_on=date(2000, 1, 1),
                )
                for row in rows
            ],
            batch_size=2000,
        )
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds / len(rows)


def bare_query(body: Any, params: dict[str, str]) -> None:
    """The rows of one page and the count, with the page's filters, and nothing else."""
    from tinnhiem.members import search
    from tinnhiem.members.models import MemberRecord

    records = MemberRecord.objects.filter(body=body).order_by("pk")
    if "q" in params:
        records = search.by_name(records, params["q"])
    if "unit" in params:
        records = records.filter(unit_id=int(params["unit"]))
    if "cell" in params:
        records = records.filter(unit__in=search.cells_named(body.org_units.all(), params["cell"]))
    if "status" in params:
        records = records.filter(status=params["status"])
    list(records.select_related("unit")[:50])
    records.count()


def _read_events(body: Any) -> int:
    from tinnhiem.members.models import MemberEvent

    events = MemberEvent.objects.filter(record__body=body)
    return sum(1 for _ in events.values_list("record_id", "happened_on", "kind").iterator(5000))


def _plain(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


if __name__ == "__main__":
    main()
