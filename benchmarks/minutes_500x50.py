"""Benchmark: a 500-voter, 50-official confidence vote, from double ballot entry to the minutes.

Run from the project root:

    .venv/bin/python benchmarks/minutes_500x50.py
    .venv/bin/python benchmarks/minutes_500x50.py \
        --database-url postgres://postgres@127.0.0.1:5432/tinnhiem_bench

It builds, on a fresh database (a SQLite file in a temporary TINNHIEM_HOME, or a PostgreSQL
database it creates and drops), a People's Council with 50 officials, an nq96 session, and 500
paper ballots entered twice by two board users through `counting.ballot_record` (seeded random
marks; about 1% of lines blank or with several boxes marked; 2 whole ballots invalid; one
deliberate difference between the two entries, settled by `counting.ballot_decide`). It then
closes the count and times the documents.

Speed is reported as ratios against peers measured in the same run, never against fixed
thresholds: LibreOffice converting our own minutes DOCX to PDF (what an office does today), and a
plain reportlab canvas drawing the same table text with no layout engine (a lower bound).
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench_database import Database, setup_django
from minutes_measure import RUNS, Step, libreoffice_peer, median_time, pdf_pages, plain_canvas_pdf
from minutes_pile import (
    DIFFERENCE_AT,
    INVALID_BALLOTS,
    OFFICIAL_POSTS,
    Pile,
    make_pile,
    official_names,
)

SEED = 20231207
SERVICE_BUDGET_S = 120.0  # above this projected time, ballot entry switches to sampling
SAMPLE = 50  # entries made through the service when sampling

# --------------------------------------------------------------------------------------------
# the scenario


@dataclass
class Scenario:
    session: Any
    board1: Any
    board2: Any
    block: Any
    officials: int


def build_session(rng: random.Random, officials: int, voters: int) -> Scenario:
    from django.contrib.auth import get_user_model

    from tinnhiem.accounts.models import Role, RoleGrant
    from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
    from tinnhiem.bodies.roster import RosterKind
    from tinnhiem.bodies.services import roster_import
    from tinnhiem.votes import services

    if officials > len(OFFICIAL_POSTS):
        raise SystemExit(f"At most {len(OFFICIAL_POSTS)} officials (distinct posts)")
    body = Body.objects.create(
        name="Hội đồng nhân dân tỉnh Bến Tre",
        level=BodyLevel.PROVINCE,
        kind=BodyKind.PEOPLES_COUNCIL,
        parent_name="",
        city="Bến Tre",
    )
    users = {}
    for username, role in [
        ("organiser", Role.ORGANISER),
        ("board1", Role.BOARD),
        ("board2", Role.BOARD),
    ]:
        users[username] = get_user_model().objects.create_user(username=username)
        RoleGrant.objects.create(user=users[username], body=body, role=role)
    names = official_names(rng, officials)
    rows = [f'"{name}","{post}"' for name, post in zip(names, OFFICIAL_POSTS, strict=False)]
    csv = ("Họ và tên,Chức vụ\n" + "\n".join(rows) + "\n").encode("utf-8")
    organiser = users["organiser"]
    roster_import(
        actor=organiser, body=body, kind=RosterKind.OFFICIALS, file_name="can-bo.csv", content=csv
    )
    session = services.session_create(
        actor=organiser,
        body=body,
        title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân bầu năm 2023",
        held_on=date(2023, 12, 7),
        profile_key="nq96",
        venue="Hội trường Hội đồng nhân dân tỉnh",
    )
    services.candidates_from_roster(actor=organiser, session=session)
    services.board_set(
        actor=organiser,
        session=session,
        members=[
            ("Trần Văn Kiểm", "head"),
            ("Lê Thị Phiếu", "member"),
            ("Nguyễn Hữu Đếm", "member"),
            ("Phạm Thị Bầu", "member"),
            ("Võ Thư Ký", "secretary"),
        ],
    )
    session = services.session_open(actor=organiser, session=session)
    services.figures_set(
        actor=organiser,
        session=session,
        members=voters + 12,
        summoned=voters + 8,
        present=voters + 3,
        issued=voters + 3,
    )
    session = services.counting_start(actor=users["board1"], session=session)
    return Scenario(
        session, users["board1"], users["board2"], session.blocks.get(), session.candidates.count()
    )


@dataclass
class Entry:
    through_service: int
    bulk: int
    seconds: float  # wall time of the service calls only
    queries_per_entry: float
    sampled: bool


def enter_ballots(scenario: Scenario, pile: Pile, *, force_sample: bool) -> Entry:
    """Both operators' entries. Through the service unless 1000 entries would take more than
    SERVICE_BUDGET_S: then SAMPLE entries through the service and the rest bulk-created."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from tinnhiem.votes import counting
    from tinnhiem.votes.models import BallotEntry

    def service(user: Any, operator: int, ballot: tuple[str, str]) -> None:
        marks, reason = ballot
        counting.ballot_record(
            actor=user,
            block=scenario.block,
            operator=operator,
            marks=marks,
            invalid_reason=reason,
        )

    total = len(pile.first) + len(pile.second)
    reset_queries()  # DEBUG=1 keeps at most 9000 queries; a full log miscounts
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        for ballot in pile.first[:SAMPLE]:
            service(scenario.board1, 1, ballot)
    sample_seconds = time.perf_counter() - start
    queries_per_entry = len(queries) / SAMPLE
    projected = sample_seconds / SAMPLE * total
    sampled = force_sample or projected > SERVICE_BUDGET_S
    if sampled:
        rows = [
            BallotEntry(
                session=scenario.session,
                block=scenario.block,
                operator=operator,
                number=number,
                marks=marks,
                invalid_reason=reason,
                entered_by=user,
            )
            for operator, user, ballots, first_number in [
                (1, scenario.board1, pile.first[SAMPLE:], SAMPLE + 1),
                (2, scenario.board2, pile.second, 1),
            ]
            for number, (marks, reason) in enumerate(ballots, first_number)
        ]
        BallotEntry.objects.bulk_create(rows, batch_size=500)
        return Entry(SAMPLE, len(rows), sample_seconds, queries_per_entry, True)
    start = time.perf_counter()
    for ballot in pile.first[SAMPLE:]:
        service(scenario.board1, 1, ballot)
    for ballot in pile.second:
        service(scenario.board2, 2, ballot)
    seconds = sample_seconds + time.perf_counter() - start
    return Entry(total, 0, seconds, queries_per_entry, False)


def settle_difference(scenario: Scenario, pile: Pile) -> int:
    from tinnhiem.votes import counting

    differences = counting.differences(scenario.block)
    numbers = [d.number for d in differences]
    if numbers != [DIFFERENCE_AT]:
        raise SystemExit(f"Expected one difference at ballot {DIFFERENCE_AT}, got {numbers}")
    marks, reason = pile.first[DIFFERENCE_AT - 1]
    counting.ballot_decide(
        actor=scenario.board1,
        block=scenario.block,
        number=DIFFERENCE_AT,
        marks=marks,
        invalid_reason=reason,
    )
    return len(differences)


def check_result(session: Any, pile: Pile, voters: int) -> None:
    """The closed count must be exactly the generated one, or the timings mean nothing."""
    from tinnhiem.votes.results import session_result

    session.refresh_from_db()
    if session.collected != voters or session.invalid_ballots != len(INVALID_BALLOTS):
        raise SystemExit(
            f"Closed with collected={session.collected} invalid={session.invalid_ballots}"
        )
    people = session_result(session).people
    for index, (person, expected) in enumerate(zip(people, pile.expected, strict=True), 1):
        got = dict(person.counts) | {"invalid": person.invalid}
        if got != expected:
            raise SystemExit(
                f"Official {index} ({person.name}): counted {got}, expected {expected}"
            )


# --------------------------------------------------------------------------------------------
# the report


def ratio(step: Step, peer: Step | None) -> str:
    if peer is None or peer.seconds <= 0 or not step.compare:
        return "—"
    return f"{step.seconds / peer.seconds:.3f}×"


def print_table(steps: list[Step], peers: list[Step | None], figures: dict[str, str]) -> None:
    libre, canvas = peers
    head = f"{'step':<38} {'median s':>10} {'runs':>5} {'÷ LibreOffice':>14} {'÷ plain canvas':>15}"
    print(head)
    print("-" * len(head))
    for step in steps:
        print(
            f"{step.name:<38} {step.seconds:>10.4f} {step.runs:>5} "
            f"{ratio(step, libre):>14} {ratio(step, canvas):>15}"
            + (f"   {step.note}" if step.note else "")
        )
    print()
    print("A ratio is our median time divided by the peer's: 0.05× means 20 times faster than")
    print("the peer, 3.0× means three times slower. LibreOffice is what an office does today")
    print("(type in Word, export PDF); the plain canvas is a lower bound with no layout engine.")
    print()
    print("Figures")
    print("-------")
    for key, value in figures.items():
        print(f"{key:<42} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="postgres://… (created and dropped); else SQLite")
    parser.add_argument("--replace-database", action="store_true", help="drop it first if found")
    parser.add_argument("--voters", type=int, default=500)
    parser.add_argument("--officials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--sample-entry",
        action="store_true",
        help=f"enter only {SAMPLE} ballots through the service, bulk-create the rest",
    )
    parser.add_argument("--keep", metavar="DIR", help="write the documents to this directory")
    args = parser.parse_args(argv)
    if args.voters <= max(INVALID_BALLOTS) or args.voters < DIFFERENCE_AT:
        parser.error(f"--voters must be more than {max(INVALID_BALLOTS)}")

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
    started = time.perf_counter()
    engine = setup_django(database)
    migrate_seconds = time.perf_counter() - started

    import django
    import docx
    import reportlab
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from tinnhiem.votes import counting, printing
    from tinnhiem.votes.profiles import session_profile
    from tinnhiem.votes.results import results_report

    rng = random.Random(args.seed)
    start = time.perf_counter()
    scenario = build_session(rng, args.officials, args.voters)
    setup_seconds = time.perf_counter() - start
    levels = session_profile(scenario.session).level_keys
    pile = make_pile(rng, args.voters, scenario.officials, levels)

    entry = enter_ballots(scenario, pile, force_sample=args.sample_entry)
    differences = settle_difference(scenario, pile)
    session = scenario.session

    steps: list[Step] = []
    seconds, runs, (lines, _) = median_time(lambda: counting.lines_from_ballots(session, levels))
    steps.append(
        Step("count: lines_from_ballots", seconds, RUNS, "the derivation, read only", runs)
    )
    reset_queries()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as close_queries:
        session = counting.count_close(actor=scenario.board1, session=session)
    close_seconds = time.perf_counter() - start
    steps.append(
        Step("count_close (one real close)", close_seconds, 1, f"{len(close_queries)} queries")
    )
    check_result(session, pile, args.voters)

    def render(kind: str, fmt: str) -> Callable[[], bytes]:
        return lambda: printing.document(session, kind, fmt)[0]

    documents: dict[str, bytes] = {}
    cold: dict[str, float] = {}
    for label, kind, fmt in [
        ("minutes PDF", "minutes", "pdf"),
        ("minutes DOCX", "minutes", "docx"),
        ("results XLSX", "results", "xlsx"),
    ]:
        start = time.perf_counter()
        render(kind, fmt)()  # first call: imports, font registration
        cold[label] = time.perf_counter() - start
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            seconds, runs, content = median_time(render(kind, fmt))
        documents[label] = content
        note = f"{len(queries) // RUNS} queries per render"
        steps.append(Step(label, seconds, RUNS, note, runs))

    seconds, runs, report = median_time(lambda: results_report(session))
    steps.append(Step("  of which: report data (DB + tally)", seconds, RUNS, "", runs))

    peak: dict[str, int] = {}
    for label, kind, fmt in [
        ("minutes PDF", "minutes", "pdf"),
        ("minutes DOCX", "minutes", "docx"),
    ]:
        tracemalloc.start()
        tracemalloc.reset_peak()
        render(kind, fmt)()
        peak[label] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

    libre, libre_figures = libreoffice_peer(documents["minutes DOCX"], workdir)
    plain_canvas_pdf(report)
    seconds, runs, plain = median_time(lambda: plain_canvas_pdf(report))
    canvas = Step("peer: plain reportlab canvas", seconds, RUNS, "same table text, no layout", runs)
    steps += [s for s in (libre, canvas) if s is not None]

    per_entry = entry.seconds / entry.through_service
    steps.append(
        Step(
            "ballot entry, per entry (service)",
            per_entry,
            entry.through_service,
            f"{1 / per_entry:.0f} entries/s",
            compare=False,
        )
    )

    if args.keep:
        keep = Path(args.keep)
        keep.mkdir(parents=True, exist_ok=True)
        for label, content in documents.items():
            name = label.replace(" ", "-").lower()
            (keep / f"{name}.{label.split()[-1].lower()}").write_bytes(content)
        (keep / "plain-canvas.pdf").write_bytes(plain)

    pdf = documents["minutes PDF"]
    entry_text = (
        f"{entry.through_service} entries through counting.ballot_record in {entry.seconds:.1f} s"
    )
    if entry.sampled:
        entry_text += f" (SAMPLED: the other {entry.bulk} were bulk-created, no audit rows)"
    figures = {
        "database": engine,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "versions": f"Django {django.get_version()}, reportlab {reportlab.Version}, "
        f"python-docx {getattr(docx, '__version__', '?')}",
        "migrate + session set-up": f"{migrate_seconds:.1f} s + {setup_seconds:.1f} s",
        "officials × voters": f"{scenario.officials} × {args.voters} ({len(lines)} count lines)",
        "ballots invalid / differences decided": f"{len(INVALID_BALLOTS)} / {differences}",
        "lines blank / several marked": f"{pile.blank_lines} / {pile.several_lines} "
        f"of {scenario.officials * (args.voters - len(INVALID_BALLOTS))}",
        "ballot entry": entry_text,
        "ballot entry rate": f"{1 / per_entry:.1f} entries/s, "
        f"{entry.queries_per_entry:.1f} queries per entry",
        "result check": "closed counts equal the generated ballots",
        "minutes PDF": f"{len(pdf):,} bytes, {pdf_pages(pdf)} pages",
        "minutes DOCX": f"{len(documents['minutes DOCX']):,} bytes",
        "results XLSX": f"{len(documents['results XLSX']):,} bytes",
        "plain canvas PDF": f"{len(plain):,} bytes, {pdf_pages(plain)} pages",
        "first (cold) render PDF / DOCX / XLSX": " / ".join(f"{v:.3f} s" for v in cold.values()),
        "peak Python memory, minutes PDF": f"{peak['minutes PDF'] / 2**20:.1f} MiB (tracemalloc)",
        "peak Python memory, minutes DOCX": f"{peak['minutes DOCX'] / 2**20:.1f} MiB (tracemalloc)",
        **libre_figures,
        "all runs (s)": "; ".join(
            f"{s.name.strip()}: " + ", ".join(f"{t:.3f}" for t in s.all_runs)
            for s in steps
            if s.all_runs and s.name in {"minutes PDF", "peer: LibreOffice DOCX→PDF"}
        ),
    }
    print()
    print(f"tinnhiem benchmark: minutes of {args.voters} ballots × {scenario.officials} officials")
    print()
    print_table(steps, [libre, canvas], figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
