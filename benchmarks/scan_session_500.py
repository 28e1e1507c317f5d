"""A 500-ballot session from scan files to the counting minutes, timed end to end.

    .venv/bin/python benchmarks/scan_session_500.py [--ballots 500] [--processes N]

Builds a People's Council session (nq96, 12 officials, one ballot page) in a fresh SQLite home,
prints its ballot, marks 500 copies with the test corpus (mostly clean, a few blank or several
lines, a few faint marks and two struck-through names) and scans them as four 200-dpi grey
multi-page TIFF files, as an office scanner would deliver them (generation is not timed). Then
times what the counting board waits for: `tinnhiem scan` of the four files (pages read in
parallel on every core), the board deciding every case the reader sent to review, the count
close, and the minutes (PDF and DOCX). The issue's target: under a minute on 2 cores.
The peer in the same run is a fast office scanner feeding 2 sheets per second: the time the
pile takes to go through it.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCANNER_SHEETS_PER_SECOND = 2.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=500)
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="tinnhiem-scan-bench-")
    os.environ.update(
        {
            "TINNHIEM_DEBUG": "1",
            "TINNHIEM_HOME": home,
            "DJANGO_SETTINGS_MODULE": "tinnhiem.config.settings",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from tinnhiem.cli.scan import Command as ScanCommand

    call_command("migrate", verbosity=0)
    session, users = _session()
    files = _pile(session, args.ballots)
    started = time.perf_counter()
    out = io.StringIO()
    argv = [str(session.pk), *map(str, files), "--format", "json"]
    if args.processes:
        argv += ["--processes", str(args.processes)]
    call_command(ScanCommand(), *argv, stdout=out)
    read = time.perf_counter()
    decided = _decide(session, users)
    board = time.perf_counter()
    from tinnhiem.votes import counting
    from tinnhiem.votes.printing import document

    closed = counting.count_close(actor=users[0], session=session)
    pdf, _, _ = document(closed, "minutes", "pdf")
    docx, _, _ = document(closed, "minutes", "docx")
    done = time.perf_counter()
    _report(
        args.ballots,
        read - started,
        board - read,
        done - board,
        done - started,
        decided,
        closed,
        len(pdf),
        len(docx),
    )
    return 0


def _session():  # type: ignore[no-untyped-def]
    from datetime import date

    from django.contrib.auth import get_user_model

    from tinnhiem.accounts.models import Role, RoleGrant
    from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
    from tinnhiem.votes import services

    body = Body.objects.create(
        name="Hội đồng nhân dân tỉnh Ninh Bình",
        level=BodyLevel.PROVINCE,
        kind=BodyKind.PEOPLES_COUNCIL,
        city="Ninh Bình",
    )
    users = []
    for name, role in (("bkp1", Role.BOARD), ("tochuc", Role.ORGANISER)):
        user = get_user_model().objects.create_user(username=name, password=None)
        RoleGrant.objects.create(user=user, body=body, role=role)
        users.append(user)
    session = services.session_create(
        actor=users[1],
        body=body,
        title="Lấy phiếu tín nhiệm năm 2026",
        held_on=date(2026, 12, 10),
        profile_key="nq96",
    )
    specs = [
        services.CandidateSpec(
            f"Nguyễn Văn Thành {i + 1}", f"Phó Chủ tịch Ủy ban nhân dân số {i + 1}"
        )
        for i in range(12)
    ]
    services.candidates_set(actor=users[1], session=session, specs=specs)
    services.board_set(
        actor=users[1],
        session=session,
        members=[("Trần Văn Kiểm", "head"), ("Lê Thị Thư", "secretary")],
    )
    session = services.session_open(actor=users[1], session=session)
    session = services.counting_start(actor=users[0], session=session)
    return session, users


def _pile(session, ballots: int) -> list[Path]:  # type: ignore[no-untyped-def]
    from PIL import Image
    from tests.omr import corpus

    from tinnhiem.documents.ballot_pdf import render_ballots
    from tinnhiem.omr.template import build_template
    from tinnhiem.votes.print_data import ballot_spec

    block = session.blocks.get()
    pdf, geometry = render_ballots(ballot_spec(block), 1)
    mine = corpus.Printed(
        12,
        str(session.pk),
        block.code,
        pdf,
        geometry,
        build_template(pdf, geometry, level_keys=corpus.LEVELS),
    )
    corpus.printed = lambda people, session_code=None, ballot_type="1": mine  # type: ignore[assignment,misc]
    corpus._raster.cache_clear()
    rng = np.random.default_rng(2026)
    pages = []
    print(f"generating {ballots} marked, scanned sheets (not timed) ...", file=sys.stderr)
    for index in range(ballots):
        plan = corpus.random_plan(rng, 12, mix="clean")
        if index % 100 == 7:
            plan = corpus.SheetPlan(plan.lines, name_crossed=3)
        if index % 50 == 11:
            plan = corpus.SheetPlan((corpus.LinePlan("faint", (0,)), *plan.lines[1:]))
        scan = corpus.Scan(
            angle=float(rng.uniform(-1.5, 1.5)),
            shift_mm=(float(rng.uniform(-2, 2)), float(rng.uniform(-2, 2))),
            noise=2.0,
        )
        pages.append(
            corpus.make_sheet(
                rng,
                people=12,
                session=str(session.pk),
                ballot_type=block.code,
                plan=plan,
                scan=scan,
            ).image
        )
    folder = Path(tempfile.mkdtemp(prefix="tinnhiem-pile-"))
    files = []
    for part in range(4):
        chunk = pages[part::4]
        images = [Image.fromarray(page) for page in chunk]
        path = folder / f"may-quet-{part + 1}.tif"
        images[0].save(
            path,
            format="TIFF",
            save_all=True,
            append_images=images[1:],
            dpi=(200, 200),
            compression="tiff_deflate",
        )
        files.append(path)
    return files


def _decide(session, users) -> int:  # type: ignore[no-untyped-def]
    from tinnhiem.scans import services
    from tinnhiem.scans.models import ReviewItem

    items = list(ReviewItem.objects.filter(ballot__session=session, decision=""))
    for item in items:
        decision = "valid" if item.line is None else (item.proposal or "_")
        services.review_decide(actor=users[0], item=item, decision=decision)
    return len(items)


def _report(
    ballots: int,
    scan: float,
    board: float,
    close: float,
    total: float,
    decided: int,
    closed,
    pdf: int,
    docx: int,
) -> None:  # type: ignore[no-untyped-def]
    scanner = ballots / SCANNER_SHEETS_PER_SECOND
    print(f"\n{ballots} ballots, {os.cpu_count()} cores")
    print(f"{'step':<44}{'seconds':>10}")
    print(f"{'tinnhiem scan (4 TIFF files, all cores)':<44}{scan:>10.1f}")
    print(f"{'board decides ' + str(decided) + ' cases (service calls)':<44}{board:>10.1f}")
    print(f"{'count close + minutes PDF and DOCX':<44}{close:>10.1f}")
    print(
        f"{'total, scan files to minutes':<44}{total:>10.1f}   target < 60 s: {'met' if total < 60 else 'NOT met'}"
    )
    print(
        f"{'peer: a 2 sheets/s scanner feeding the pile':<44}{scanner:>10.1f}   ratio {total / scanner:.2f}"
    )
    print(
        f"collected {closed.collected}, invalid ballots {closed.invalid_ballots}; minutes {pdf} B PDF, {docx} B DOCX"
    )


if __name__ == "__main__":
    sys.exit(main())
