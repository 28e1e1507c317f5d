"""Benchmark: reading scanned paper ballots (tinnhiem.omr) on one core and on all cores.

Run from the project root:

    .venv/bin/python benchmarks/omr_throughput.py [--sheets 500] [--dpi 200] [--people 25]
                                                  [--processes N] [--repeat 2]
                                                  [--layout 2] [--seed 20231207]

It prints a ballot of `--people` officials with the real renderer (25 officials take two A4
pages: 17 lines, then 8, each page headed and stamped), generates at least `--sheets` marked and scanned
pages with tests/omr/corpus.py (a realistic mix: mostly clean X and ticks in pen or pencil,
some filled boxes, about 3 % blank and 2 % several-box lines, a few faint marks; turned,
shifted, folded, streaked, JPEG'd and noisy at the rates of `corpus.random_scan`) as grey
images in memory (not timed), then times `read_page` on one process and `read_pages` on every
core. It reports sheets per second per core, misread marks (must be 0), the share of clean
sheets sent to review, and ratios against the target (20 sheets/s/core) and against the feeder
of a fast office scanner (under 2 sheets/s: 60 to 120 pages a minute for departmental ADF
scanners), then the fills seen per kind of mark: the figures tinnhiem/omr/thresholds.py quotes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.omr import corpus  # noqa: E402

from tinnhiem.documents.data import LATEST_BALLOT_LAYOUT  # noqa: E402
from tinnhiem.omr import LineState, read_page, read_pages  # noqa: E402
from tinnhiem.omr.parallel import available_cores  # noqa: E402

SEED = 20231207
TARGET_PER_CORE = 20.0  # sheets per second per core
SCANNER = 2.0  # sheets per second: a fast office scanner's feeder
KEEP = "review"  # as the app reads: aligned pages kept only for those the board must see
MIX = {"level": 0.945, "blank": 0.03, "several": 0.02, "faint": 0.005}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=500)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--people", type=int, default=25)
    parser.add_argument("--processes", type=int, default=available_cores())
    parser.add_argument("--repeat", type=int, default=2, help="timing passes; the best counts")
    parser.add_argument(
        "--layout", type=int, default=LATEST_BALLOT_LAYOUT, help="the ballot layout (1 or 2)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="the sheets' first seed")
    args = parser.parse_args()
    printed = corpus.printed(args.people, layout=args.layout)
    pages = printed.pages
    print(
        f"Ballot: {args.people} officials on {pages} page(s), layout {args.layout}; "
        f"{args.dpi} dpi grey scans; seed {args.seed}"
    )
    started = time.perf_counter()
    sheets = generate(
        args.sheets, args.people, args.dpi, args.processes, layout=args.layout, seed=args.seed
    )
    print(f"Generated {len(sheets)} sheets in {time.perf_counter() - started:.1f} s (not timed)")
    templates = printed.templates()
    images = [sheet.image for sheet in sheets]

    cv2.setNumThreads(1)  # one process, one core: OpenCV's own threads would hide the cost
    for image in images[:3]:
        read_page(image, templates, expected_session=corpus.SESSION)  # warm caches
    one, many = 0.0, 0.0
    for _ in range(args.repeat):  # best of n: a shared machine only ever slows a run down
        started = time.perf_counter()
        sequential = [
            read_page(i, templates, expected_session=corpus.SESSION, keep_aligned=KEEP)
            for i in images
        ]
        one = max(one, len(images) / (time.perf_counter() - started))
        started = time.perf_counter()
        pooled = read_pages(
            images,
            templates,
            expected_session=corpus.SESSION,
            processes=args.processes,
            keep_aligned=KEEP,
        )
        many = max(many, len(images) / (time.perf_counter() - started))
        assert all(a.same_as(b) for a, b in zip(sequential, pooled, strict=True)), "pool differs"
    print(f"Load average while timing: {os.getloadavg()[0]:.1f} (other processes slow both)")

    report(sheets, sequential, one, many, args.processes)


def generate(
    count: int, people: int, dpi: int, processes: int, *, layout: int, seed: int
) -> list[corpus.Sheet]:
    """Whole ballots (every page), in scan order, until `count` pages."""
    ballots = -(-count // corpus.printed(people, layout=layout).pages)
    jobs = [(seed + n, people, dpi, layout) for n in range(ballots)]
    with ProcessPoolExecutor(processes) as pool:
        return [sheet for ballot in pool.map(_ballot, jobs, chunksize=4) for sheet in ballot]


def _ballot(job: tuple[int, int, int, int]) -> list[corpus.Sheet]:
    seed, people, dpi, layout = job
    rng = np.random.default_rng(seed)
    printed = corpus.printed(people, layout=layout)
    sheets = []
    for page, geometry in enumerate(printed.geometry.pages):
        lines = tuple(corpus.random_line(rng, _pick(rng)) for _ in range(len(geometry.lines)))
        plan = corpus.SheetPlan(lines)
        scan = corpus.random_scan(rng)
        sheets.append(
            corpus.make_sheet(
                rng, people=people, page=page, dpi=dpi, plan=plan, scan=scan, layout=layout
            )
        )
    return sheets


def _pick(rng: np.random.Generator) -> str:
    return str(rng.choice(list(MIX), p=list(MIX.values())))


def report(
    sheets: list[corpus.Sheet], readings: list[Any], one: float, many: float, processes: int
) -> None:
    misread, clean, clean_review, review_lines, lines = 0, 0, 0, 0, 0
    fills: dict[str, list[float]] = defaultdict(list)
    for sheet, reading in zip(sheets, readings, strict=True):
        if reading.refused is not None:  # a refused page goes to the board: not a misread
            clean_review += int(_is_clean(sheet))
            clean += int(_is_clean(sheet))
            continue
        for (official, state, level), line, plan in zip(
            sheet.truth, reading.lines, sheet.plan.lines, strict=True
        ):
            assert line.official == official
            lines += 1
            review_lines += line.state is LineState.REVIEW
            if line.state is not LineState.REVIEW and (line.state, line.level) != (state, level):
                misread += 1
            _collect(fills, plan, line.fills)
        if _is_clean(sheet):
            clean += 1
            clean_review += int(reading.needs_review)
    per_core_one = one
    per_core_many = many / processes
    seconds = [r.seconds * 1000 for r in readings]
    print()
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    print(f"Read time per page: median {statistics.median(seconds):.1f} ms")
    print(f"1 process:   {one:6.1f} sheets/s = {per_core_one:5.1f} sheets/s/core")
    print(f"{processes} processes: {many:6.1f} sheets/s = {per_core_many:5.1f} sheets/s/core")
    print(f"Misread marks: {misread} of {lines} lines (must be 0)")
    print(f"Lines sent to review: {review_lines} ({review_lines / max(1, lines):.2%})")
    share = clean_review / max(1, clean)
    print(f"Clean sheets sent to review: {clean_review} of {clean} ({share:.2%}, target <= 1 %)")
    print(
        f"Against the target of {TARGET_PER_CORE:.0f} sheets/s/core: "
        f"x{per_core_one / TARGET_PER_CORE:.2f} (1 process), "
        f"x{per_core_many / TARGET_PER_CORE:.2f} ({processes} processes)"
    )
    print(
        f"Against a fast office scanner (under {SCANNER:.0f} sheets/s): one core reads "
        f"x{one / SCANNER:.1f} as fast as it feeds; {processes} cores x{many / SCANNER:.1f}"
    )
    print()
    print("Fills seen (share of the box interior inked), per kind of mark:")
    for key in sorted(fills):
        values = np.array(fills[key])
        print(
            f"  {key:28s} n={len(values):5d}  min {values.min():.3f}  "
            f"p1 {np.percentile(values, 1):.3f}  median {np.median(values):.3f}  "
            f"max {values.max():.3f}"
        )


def _is_clean(sheet: corpus.Sheet) -> bool:
    return not sheet.flags and all(p.state is not LineState.REVIEW for p in sheet.plan.lines)


def _collect(
    fills: dict[str, list[float]], plan: corpus.LinePlan, measured: dict[str, float]
) -> None:
    for index, level in enumerate(corpus.LEVELS):
        value = measured[level]
        if plan.kind in ("level", "several") and index in plan.boxes:
            fills[f"{plan.style} {plan.tool}"].append(value)
        elif plan.kind == "faint" and index == plan.boxes[0]:
            fills["faint"].append(value)
        elif plan.kind in ("level", "several", "blank"):
            fills["empty"].append(value)


if __name__ == "__main__":
    main()
