"""Benchmark: a year of Hanoi monthly grading for 50,000 cadres in about 500 units.

Run from the project root:

    .venv/bin/python benchmarks/grading_50k.py
    .venv/bin/python benchmarks/grading_50k.py --people 5000 --units 50 --runs 1

Seeded random scores (half points) for 12 months, with the annual facts a real year has: some
cadres absent 3 to under 6 months, some 6 or more, some on maternity leave, some who joined late.
Timed, with `tinnhiem.grading` and the built-in `hanoi` scheme:

1. monthly: `grade()` for each of the 12 months (totals, bands, the 30 % quota per unit, ties
   flagged, a reason for every person in two languages);
2. annual: `grade_year()` (the average of the monthly totals, the annual rules, the annual quota).

The project states speed as ratios against peers measured in the same run, never as absolute
thresholds. The peers compute the same grades from the same scores:

* **naive loop**: the straightforward script a unit would write: float totals, if/elif bands,
  a dict of units, a sort per unit, ties broken silently by input order, no reasons;
* **numpy**: the same with float arrays, `np.select` for bands and a `lexsort` for the quota
  (a lower bound: vectorised, no reasons, no exactness).

Before any figure is printed, the grades before the quota must agree exactly with both peers, and
the quota outcomes must agree except where a tie straddles a cap (which the engine flags and the
peers break by order). Timings of a wrong result mean nothing.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from tinnhiem.grading import (
    AnnualFacts,
    GradingResult,
    PeriodGrade,
    PersonPeriods,
    QuotaStatus,
    ScoreLine,
    YearResult,
    grade,
    grade_year,
    load_scheme,
)

SEED = 20251214
MONTHS = 12
GRADED_ON = date(2025, 12, 14)
BANDS = ((90.0, "A"), (70.0, "B"), (50.0, "C"), (0.0, "D"))
HALVES = [Decimal(n).scaleb(0) / 2 for n in range(0, 141)]  # 0, 0.5, ... 70 as exact Decimals


@dataclass
class Person:
    name: str
    unit: str
    facts: AnnualFacts
    months: list[int]  # the months with a score (absences and late joiners have fewer)
    halves: list[tuple[int, int, int]]  # per month: discipline, performance, bonus in half points


def make_year(people: int, units: int, seed: int) -> list[Person]:
    rng = random.Random(seed)
    unit_names = [f"Đơn vị {n:03d}" for n in range(units)]
    unit_level = [rng.gauss(0, 0.8) for _ in range(units)]  # some units score higher
    result = []
    for index in range(people):
        facts, worked = _facts(rng)
        unit = index % units if index < units else rng.randrange(units)
        level = unit_level[unit] + rng.gauss(0, 1)  # some cadres are steadily better
        months = sorted(rng.sample(range(1, MONTHS + 1), worked))
        halves = [_scores(rng, level) for _ in months]
        result.append(Person(f"Cán bộ {index:05d}", unit_names[unit], facts, months, halves))
    return result


def _facts(rng: random.Random) -> tuple[AnnualFacts, int]:
    draw = rng.random()
    if draw < 0.03:  # absent 3 to under 6 months: capped at C
        absent = rng.choice([3, 4, 5])
        return AnnualFacts(months_absent=absent), MONTHS - absent
    if draw < 0.04:  # absent 6 months or more: not graded
        absent = rng.choice([6, 7, 8])
        return AnnualFacts(months_absent=absent), MONTHS - absent
    if draw < 0.06:  # maternity leave: graded on the months worked
        leave = rng.choice([6, 7, 8])
        return AnnualFacts(months_maternity=leave), MONTHS - leave
    if draw < 0.08:  # joined during the year
        in_post = rng.randint(2, 11)
        return AnnualFacts(months_in_post=in_post), in_post
    return AnnualFacts(), MONTHS


def _scores(rng: random.Random, level: float) -> tuple[int, int, int]:
    def half_points(mean: float, spread: float, top: int) -> int:
        return max(0, min(top * 2, round(rng.gauss(mean, spread) * 2)))

    return (
        half_points(18 + level, 1.5, 20),
        half_points(62 + 4 * level, 5, 70),
        half_points(4 + level, 3, 10),
    )


# ---------------------------------------------------------------- the engine


def month_lines(people: list[Person]) -> list[list[ScoreLine]]:
    by_month: dict[int, list[ScoreLine]] = defaultdict(list)
    for person in people:
        for month, (d, p, b) in zip(person.months, person.halves, strict=True):
            scores = {"discipline": HALVES[d], "performance": HALVES[p], "bonus": HALVES[b]}
            by_month[month].append(ScoreLine(name=person.name, unit=person.unit, scores=scores))
    return [by_month[month] for month in range(1, MONTHS + 1)]


def engine_months(people: list[Person]) -> list[GradingResult]:
    scheme = load_scheme("hanoi")
    return [grade(scheme, lines) for lines in month_lines(people)]


def engine_annual(people: list[Person], monthly: list[GradingResult]) -> YearResult:
    results: dict[str, list[PeriodGrade]] = defaultdict(list)
    for month_result in monthly:
        for graded in month_result.people:
            results[graded.person].append(PeriodGrade(total=graded.total, grade=graded.grade))
    year = [
        PersonPeriods(
            name=p.name, unit=p.unit, periods=tuple(results[f"{p.unit}/{p.name}"]), facts=p.facts
        )
        for p in people
    ]
    return grade_year(load_scheme("hanoi"), year, graded_on=GRADED_ON)


# ---------------------------------------------------------------- peer 1: the naive loop


def _band(total: float) -> str:
    for floor, key in BANDS:
        if total >= floor:
            return key
    return "D"


def _naive_quota(rows: list[list[Any]]) -> None:
    """rows: [name, unit, total, grade, grade before quota]; demote past 30 % of each unit,
    ties broken silently by input order."""
    units: dict[str, list[list[Any]]] = defaultdict(list)
    for row in rows:
        units[row[1]].append(row)
    for members in units.values():
        allowed = int(len(members) * 0.3)
        tops = sorted((r for r in members if r[3] == "A"), key=lambda r: -r[2])
        for row in tops[allowed:]:
            row[3] = "B"


def naive_year(people: list[Person]) -> tuple[list[list[list[Any]]], list[list[Any]]]:
    monthly: list[list[list[Any]]] = []
    history: dict[str, list[float]] = defaultdict(list)
    for month in range(1, MONTHS + 1):
        rows: list[list[Any]] = []
        for person in people:
            if month in person.months:
                d, p, b = person.halves[person.months.index(month)]
                total = d / 2 + p / 2 + b / 2
                band = _band(total)
                rows.append([person.name, person.unit, total, band, band])
        _naive_quota(rows)
        for row in rows:
            history[row[0]].append(row[2])
        monthly.append(rows)
    annual: list[list[Any]] = []
    for person in people:
        facts = person.facts
        absent = float(facts.months_absent)
        worked = float(facts.months_in_post) - absent - float(facts.months_maternity)
        totals = history[person.name]
        if absent >= 6 or (not facts.months_maternity and worked < 6) or not totals:
            continue
        average = round(sum(totals) / len(totals) + 1e-9, 2)  # what a spreadsheet does
        band = _band(average)
        if absent >= 3 and band in ("A", "B"):
            band = "C"
        annual.append([person.name, person.unit, average, band, band])
    _naive_quota(annual)
    return monthly, annual


# ---------------------------------------------------------------- peer 2: numpy


def numpy_year(arrays: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Float arrays (people × 12, NaN where no score). Returns the monthly grades after quota
    (0=A .. 3=D, -1 none) and the annual grades (-1 not graded)."""
    totals = arrays["totals"]
    unit = arrays["unit"]
    monthly = np.full(totals.shape, -1, dtype=np.int8)
    for month in range(MONTHS):
        column = totals[:, month]
        present = ~np.isnan(column)
        grades = _np_bands(column)
        grades[~present] = -1
        _np_quota(grades, column, unit, present)
        monthly[:, month] = grades
    count = (~np.isnan(totals)).sum(axis=1)
    average = np.round(np.nansum(totals, axis=1) / np.maximum(count, 1) + 1e-9, 2)
    annual = _np_bands(average)
    absent, worked, maternity = arrays["absent"], arrays["worked"], arrays["maternity"]
    graded = (absent < 6) & ((maternity > 0) | (worked >= 6)) & (count > 0)
    annual[(absent >= 3) & (annual < 2)] = 2
    annual[~graded] = -1
    _np_quota(annual, average, unit, graded)
    return monthly, annual


def _np_bands(totals: np.ndarray) -> np.ndarray:
    return np.select([totals >= 90, totals >= 70, totals >= 50], [0, 1, 2], 3).astype(np.int8)


def _np_quota(
    grades: np.ndarray, totals: np.ndarray, unit: np.ndarray, present: np.ndarray
) -> None:
    sizes = np.bincount(unit[present], minlength=unit.max() + 1)
    allowed = (sizes * 3) // 10
    top = np.flatnonzero(grades == 0)
    order = top[np.lexsort((-totals[top], unit[top]))]
    units = unit[order]
    starts = np.searchsorted(units, units, side="left")
    rank = np.arange(len(order)) - starts
    grades[order[rank >= allowed[units]]] = 1


def numpy_arrays(people: list[Person]) -> dict[str, np.ndarray]:
    totals = np.full((len(people), MONTHS), np.nan)
    for row, person in enumerate(people):
        for month, (d, p, b) in zip(person.months, person.halves, strict=True):
            totals[row, month - 1] = (d + p + b) / 2
    unit_index = {name: i for i, name in enumerate(sorted({p.unit for p in people}))}
    facts = [p.facts for p in people]
    absent = np.array([float(f.months_absent) for f in facts])
    maternity = np.array([float(f.months_maternity) for f in facts])
    in_post = np.array([float(f.months_in_post) for f in facts])
    return {
        "totals": totals,
        "unit": np.array([unit_index[p.unit] for p in people]),
        "absent": absent,
        "maternity": maternity,
        "worked": in_post - absent - maternity,
    }


# ---------------------------------------------------------------- agreement and timing


def check_agreement(
    monthly: list[GradingResult], year: YearResult, naive: Any, numpy_out: Any
) -> dict[str, int]:
    """Grades before the quota must match exactly; after it, each peer's count of A per unit
    must lie between the engine's kept and kept + flagged. Returns figures for the report."""
    naive_monthly, naive_annual = naive
    np_monthly, np_annual = numpy_out
    flagged = 0
    for month, result in enumerate(monthly):
        flagged += _check_period(result, naive_monthly[month], f"month {month + 1}")
        assert sum(r[3] == "A" for r in naive_monthly[month]) == (np_monthly[:, month] == 0).sum()
    _check_period(year.graded, naive_annual, "year")
    assert len(year.graded.people) == len(naive_annual) == int((np_annual >= 0).sum())
    assert sum(r[3] == "A" for r in naive_annual) == int((np_annual == 0).sum())
    people = year.graded.people
    return {
        "flagged_monthly": flagged,
        "graded_year": len(people),
        "not_graded_year": len(year.not_graded),
        "a_year": sum(1 for p in people if p.grade == "A"),
        "flagged_year": sum(1 for p in people if p.quota is QuotaStatus.FLAGGED),
        "demoted_year": sum(1 for p in people if p.quota is QuotaStatus.DEMOTED),
    }


def _check_period(result: GradingResult, rows: list[list[Any]], where: str) -> int:
    before = Counter(p.grade_before_quota for p in result.people)
    assert before == Counter(row[4] for row in rows), f"{where}: grades before quota differ"
    kept = Counter(p.unit for p in result.people if p.grade == "A" and p.quota is QuotaStatus.OK)
    held = Counter(p.unit for p in result.people if p.quota is QuotaStatus.FLAGGED)
    peer = Counter(row[1] for row in rows if row[3] == "A")
    for unit in set(kept) | set(peer) | set(held):
        assert kept[unit] <= peer[unit] <= kept[unit] + held[unit], (where, unit)
    return sum(held.values())


def timed(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median of `runs` calls. The collector is run before and paused during each call, as
    `timeit` does, so that one contender's garbage is not collected on another's clock."""
    times = []
    result = None
    for _ in range(runs):
        result = None
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the median is reported")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    people = make_year(args.people, args.units, args.seed)
    arrays = numpy_arrays(people)
    person_months = sum(len(p.months) for p in people)
    print(
        f"generated {len(people):,} cadres, {args.units} units, {person_months:,} people-months "
        f"in {time.perf_counter() - start:.1f} s (seed {args.seed}, untimed)"
    )

    months_s, monthly = timed(lambda: engine_months(people), args.runs)
    annual_s, year = timed(lambda: engine_annual(people, monthly), args.runs)
    naive_s, naive = timed(lambda: naive_year(people), args.runs)
    numpy_s, numpy_out = timed(lambda: numpy_year(arrays), args.runs)
    figures = check_agreement(monthly, year, naive, numpy_out)

    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"{platform.machine()}, median of {args.runs} run(s)\n"
    )
    rows = [
        ("engine: the year (sum of the two below)", months_s + annual_s),
        ("  12 × grade() (monthly, quotas, reasons)", months_s),
        ("  grade_year() (annual rules, annual quota)", annual_s),
        ("peer: naive float loop (the year)", naive_s),
        ("peer: numpy float arrays (the year)", numpy_s),
    ]
    print(
        f"| {'step':46} | {'median s':>9} | {'people-months/s':>15} | {'÷ naive':>8} | {'÷ numpy':>8} |"
    )
    print(f"|{'-' * 48}|{'-' * 10}:|{'-' * 16}:|{'-' * 9}:|{'-' * 9}:|")
    for label, seconds in rows:
        rate = person_months / seconds
        print(
            f"| {label:46} | {seconds:9.3f} | {rate:15,.0f} | {seconds / naive_s:7.2f}× | "
            f"{seconds / numpy_s:7.1f}× |"
        )
    print()
    print(
        f"agreement: grades before quota identical to both peers in all 12 months; quota outcomes "
        f"identical except {figures['flagged_monthly']:,} monthly ties flagged by the engine "
        f"(the peers broke them by input order)"
    )
    print(
        f"year: {figures['graded_year']:,} graded ({figures['a_year']:,} A), "
        f"{figures['not_graded_year']:,} not graded; the annual quota demoted "
        f"{figures['demoted_year']:,} and flagged {figures['flagged_year']:,}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
