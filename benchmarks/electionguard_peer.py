"""Benchmark: verifying a 500-voter, 44-person record on one core, against ElectionGuard 1.4.

Run from the project root:

    .venv/bin/python benchmarks/electionguard_peer.py
    .venv/bin/python benchmarks/electionguard_peer.py --ballots 3 --persons 44 --voters 500

Issue 4's targets: the record of 500 voters on 44 persons verifies in under 15 s on one core, and
at least 50 times faster than ElectionGuard 1.4 on the same ballot shape measured in the same run.

ElectionGuard 1.4 imports on Python 3.10, not 3.11, so its side runs in `eg_runner.py` under a
Python 3.10 in a venv of its own, outside the repository (`~/.cache/tinnhiem-bench/eg310`, or
`--cache-dir`), created and filled with `electionguard==1.4.0` from PyPI on the first run. The
interpreter is `--python310`, else `python3.10` on the PATH, else the newest pyenv 3.10. Without
one, or if the install fails, ElectionGuard is reported as skipped and the script exits 0.

Both processes are pinned to the same single CPU (`--cpu`, default 0). ElectionGuard takes
seconds per ballot, so it encrypts and verifies only `--ballots` ballots (default 5, after an
untimed warm-up) and its time for `--voters` ballots is the median per ballot times `--voters`.
Its verification is `ballot_is_valid_for_election(..., should_validate=True)`: style, hashes and
every proof of every selection and contest. See `eg_runner.py` for its election.

Our side, in this process:

* per ballot, with the pure API (`tinnhiem.ballotcrypto`): `cast_ballot` and `verify_ballot` of
  a ballot of `--persons` marks, one of three levels each: `--our-ballots` before ElectionGuard
  runs and as many after (the load of a shared machine may change meanwhile), median of all;
* the whole record: `ours_verify_seconds(voters, persons)` (marked below), which runs
  `tinnhiem evote-simulate` and times `tinnhiem verify`; until it returns a figure the whole-record
  target and ratio are reported as not measured.

Both sides are timed in wall seconds and in CPU seconds of their own process (`process_time`);
the ratios use CPU seconds. On an idle machine the two are the same (one thread on one CPU); on a
shared one the CPU seconds leave out the turns other processes take on the pinned CPU, which
would otherwise land on whichever side happened to run at a busy moment.

Before any figure is printed both verifiers must accept their own ballots and reject one whose
proof was swapped for another ballot's. Prints one JSON object per line, then a table.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from tinnhiem.ballotcrypto.elgamal import KeyPair
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import level_values
from tinnhiem.ballotcrypto.tally import Ballot, PersonMark, cast_ballot, verify_ballot

ROOT = Path(__file__).resolve().parent.parent
EG_REQUIREMENT = "electionguard==1.4.0"
EG_VERSION = "1.4.0"
RUNNER = Path(__file__).with_name("eg_runner.py")
LEVELS = 3
RECORD_VERSION = "tinnhiem/election-record/1"
TARGET_SECONDS = 15.0
TARGET_SPEEDUP = 50.0
SEED = 20251214
OUR_TIMES = ("cast_s", "cast_cpu_s", "verify_s", "verify_cpu_s")
T = TypeVar("T")


def emit(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, **fields}, ensure_ascii=False), flush=True)


def pin(cpu: int) -> list[int]:
    """Pin this process (and so every child it starts) to one CPU."""
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu if cpu in allowed else min(allowed)})
    return sorted(os.sched_getaffinity(0))


# ---------------------------------------------------------------- ours


def ours_verify_seconds(voters: int, persons: int) -> float | None:
    """CPU seconds of `tinnhiem verify` on a whole record of `voters` ballots on `persons` persons.

    The record is built with `tinnhiem evote-simulate` (5 trustees, 3 needed, 5 challenged ballots;
    not timed), then `tinnhiem verify` runs in a child process that keeps this process's
    one-CPU pin. CPU seconds, because ElectionGuard's figure is in CPU seconds too: on an idle
    machine they equal the wall seconds, and unlike them they leave out the turns other
    processes take on the same CPU. None when the record cannot be built ("not measured").
    """
    tinnhiem = str(ROOT / ".venv" / "bin" / "tinnhiem")
    with tempfile.TemporaryDirectory() as folder:
        record = str(Path(folder) / "record.json")
        demo = [tinnhiem, "evote-simulate", "--voters", str(voters), "--officials", str(persons)]
        demo += ["--trustees", "5", "--threshold", "3", "--seed", "1", "--record", record]
        try:
            subprocess.run(demo, check=True, stdout=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError):
            return None
        wall, cpu = child_seconds([tinnhiem, "verify", record])
        emit("ours_record_wall", verify_wall_s=round(wall, 2))
        return cpu


def libsodium_rates(calls: int = 4000) -> dict[str, float]:
    """CPU µs per libsodium call through `group` on this machine now, for the floor below.

    A record's verification costs, per mark, 8 point validations, 7 variable-base and 1 base
    multiplications and 9 additions (docs/crypto.md 11.6); at these rates that is the floor no
    Python tuning can go under. Measured in the same run, it tells a slow machine from a slow
    verifier when figures from different days are compared.
    """
    point = Point.base_power(Scalar.random())
    other = Point.base_power(Scalar.random())
    scalar = Scalar.random()
    encoded = point.to_bytes()
    operations = {
        "variable_base": lambda: point**scalar,
        "base": lambda: Point.base_power(scalar),
        "add": lambda: point * other,
        "validate": lambda: Point.from_bytes(encoded),
    }
    rates = {}
    for name, operation in operations.items():
        start = time.process_time()
        for _ in range(calls):
            operation()
        rates[name] = (time.process_time() - start) / calls * 1e6
    return rates


def floor_seconds(rates: dict[str, float], marks: int) -> float:
    per_mark = 8 * rates["validate"] + 7 * rates["variable_base"] + rates["base"]
    return marks * (per_mark + 9 * rates["add"]) / 1e6


def child_seconds(command: list[str]) -> tuple[float, float]:
    """Run `command` to completion; (wall seconds, CPU seconds: user + system of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def timed(function: Callable[[], T]) -> tuple[T, float, float]:
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def ours_per_ballot(ballots: int, persons: int, voters: int, seed: int) -> dict[str, list[float]]:
    """Wall and CPU seconds of `cast_ballot` and `verify_ballot` for each ballot, pure API."""
    rng = random.Random(seed)
    public = KeyPair.generate().public
    values = level_values(LEVELS, voters)
    context = Context(f"benchmark-{seed}", RECORD_VERSION)
    names = [str(p) for p in range(persons)]

    def cast() -> Ballot:
        choices = [rng.randrange(LEVELS) for _ in names]
        return cast_ballot(public, choices, names, values, context)[0]

    warm, donor = cast(), cast()
    if not verify_ballot(public, warm, names, values, context):
        raise SystemExit("our verifier rejects our own warm-up ballot")
    swapped = (PersonMark(warm[0].ciphertext, donor[0].proof), *warm[1:])
    if verify_ballot(public, swapped, names, values, context):
        raise SystemExit("our verifier accepts a ballot with a swapped proof")
    times: dict[str, list[float]] = {key: [] for key in OUR_TIMES}
    for _ in range(ballots):
        ballot, *cast_times = timed(cast)
        is_valid, *verify_times = timed(
            partial(verify_ballot, public, ballot, names, values, context)
        )
        if not is_valid:
            raise SystemExit("our verifier rejects our own ballot")
        for key, seconds in zip(OUR_TIMES, (*cast_times, *verify_times), strict=True):
            times[key].append(seconds)
    return times


def summary(runs: list[dict[str, list[float]]], persons: int) -> dict[str, Any]:
    """Medians over every timed ballot of the runs given (before and after ElectionGuard)."""
    pooled = {key: [t for run in runs for t in run[key]] for key in OUR_TIMES}
    return {
        "ballots": len(pooled["verify_cpu_s"]),
        "persons": persons,
        "proofs_per_ballot": persons,
        **{f"{key}_median": statistics.median(values) for key, values in pooled.items()},
        "verify_cpu_s_median_by_run": [statistics.median(run["verify_cpu_s"]) for run in runs],
    }


# ---------------------------------------------------------------- ElectionGuard's environment


def _is_python310(python: str) -> bool:
    probe = "import sys; print(sys.version_info[:2] == (3, 10))"
    try:
        done = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == "True"


def find_python310(explicit: str | None) -> str | None:
    """The first working 3.10 of: --python310, python3.10 on the PATH, the newest pyenv 3.10.

    A pyenv shim on the PATH may name a version it will not run, so each candidate is tried.
    """
    if explicit:
        return explicit if _is_python310(explicit) else None
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = [shutil.which("python3.10")]
    candidates += sorted(glob.glob(f"{pyenv}/versions/3.10*/bin/python3.10"), reverse=True)
    return next((c for c in candidates if c and _is_python310(c)), None)


def _has_electionguard(python: Path) -> bool:
    probe = "import importlib.metadata as m, electionguard; print(m.version('electionguard'))"
    done = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=False)
    return done.returncode == 0 and done.stdout.strip() == EG_VERSION


def eg_environment(python310: str | None, cache: Path) -> tuple[Path | None, str]:
    """The venv's python with ElectionGuard 1.4 importable, creating it if needed; or why not."""
    if python310 is None:
        return None, "no Python 3.10 interpreter (python3.10 on the PATH, pyenv, --python310)"
    venv = cache / "eg310"
    python = venv / "bin" / "python"
    if python.exists() and _has_electionguard(python):
        return python, f"cached in {venv}"
    cache.mkdir(parents=True, exist_ok=True)
    log = cache / "eg310-install.log"
    steps = [
        [python310, "-m", "venv", "--clear", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", EG_REQUIREMENT],
    ]
    emit(
        "eg_install", python310=python310, venv=str(venv), requirement=EG_REQUIREMENT, log=str(log)
    )
    with log.open("w") as out:
        for step in steps:
            try:
                done = subprocess.run(step, stdout=out, stderr=subprocess.STDOUT, timeout=900)
            except (OSError, subprocess.TimeoutExpired) as error:
                return None, f"{' '.join(step[:3])} failed: {error}"
            if done.returncode != 0:
                return None, f"{' '.join(step[:3])} exited {done.returncode}; see {log}"
    if not _has_electionguard(python):
        return None, f"electionguard {EG_VERSION} does not import after the install; see {log}"
    return python, f"installed in {venv}"


def run_electionguard(python: Path, args: argparse.Namespace, cpu: int) -> dict[str, Any]:
    """Run eg_runner.py under 3.10 on the same CPU; echo its JSON lines, return them by event.

    Its stderr (ElectionGuard's warnings, e.g. for the swapped proof) goes to a log file.
    """
    command = [
        str(python),
        str(RUNNER),
        *("--ballots", str(args.ballots), "--persons", str(args.persons)),
        *("--seed", str(args.seed), "--cpu", str(cpu)),
    ]
    stderr_log = args.cache_dir / "eg_runner.stderr.log"
    events: dict[str, Any] = {}
    with (
        stderr_log.open("w") as err,
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True) as done,
    ):
        assert done.stdout is not None
        for line in done.stdout:  # echoed as they come: a run takes minutes
            if line.startswith("{"):
                record = json.loads(line)
                events[record["event"]] = record
                print(line, end="", flush=True)
    if done.returncode != 0 or "eg_result" not in events:
        tail = stderr_log.read_text(errors="replace").strip().splitlines()[-5:]
        raise SystemExit(f"eg_runner.py failed ({done.returncode}): {' / '.join(tail)}")
    return events


# ---------------------------------------------------------------- the report


def _cell(seconds: float | None, digits: int) -> str:
    return "—" if seconds is None else f"{seconds:.{digits}f}"


def _times(figures: dict[str, Any] | None, key: str) -> tuple[float | None, float | None]:
    if figures is None:
        return None, None
    return figures[f"{key}_s_median"], figures[f"{key}_cpu_s_median"]


def report(
    args: argparse.Namespace,
    eg: dict[str, Any] | None,
    ours: dict[str, Any],
    record_cpu_s: float | None,
    rates: dict[str, float],
) -> None:
    n = args.voters
    floor = floor_seconds(rates, n * args.persons)
    eg_verify = _times(eg, "verify")[1]
    eg_total = eg_verify * n if eg_verify is not None else None
    our_verify = ours["verify_cpu_s_median"]
    emit(
        "result",
        voters=n,
        persons=args.persons,
        basis="CPU seconds on one pinned CPU",
        eg_verify_per_ballot_s=eg_verify,
        eg_verify_extrapolated_s=eg_total,
        eg_encrypt_per_ballot_s=_times(eg, "encrypt")[1],
        ours_verify_per_ballot_s=our_verify,
        ours_ballot_proofs_extrapolated_s=our_verify * n,
        ours_record_verify_s=record_cpu_s,
        libsodium_floor_s=floor,
        speedup_per_ballot=eg_verify / our_verify if eg_verify is not None else None,
        speedup_record=eg_total / record_cpu_s if eg_total and record_cpu_s else None,
        target_record_s=TARGET_SECONDS,
        target_speedup=TARGET_SPEEDUP,
    )
    rows = [
        ("ElectionGuard 1.4: encrypt", _times(eg, "encrypt"), False),
        ("ElectionGuard 1.4: encrypt, logging off", _times(eg, "encrypt_without_logging"), False),
        ("ElectionGuard 1.4: verify", _times(eg, "verify"), True),
        ("ours: `cast_ballot`", _times(ours, "cast"), False),
        ("ours: `verify_ballot` (ballot proofs only)", _times(ours, "verify"), True),
    ]
    print()
    print(f"{n} voters × {args.persons} persons × {LEVELS} levels, one CPU; medians per ballot")
    print()
    print(f"| step | wall s | CPU s | CPU s × {n} | EG verify ÷ this (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, (wall, cpu), is_verify in rows:
        total = cpu * n if cpu is not None else None
        ratio = f"{eg_verify / cpu:.0f}×" if is_verify and eg_verify and cpu else "—"
        print(f"| {name} | {_cell(wall, 4)} | {_cell(cpu, 4)} | {_cell(total, 1)} | {ratio} |")
    whole = _cell(record_cpu_s, 2) if record_cpu_s is not None else "not measured"
    ratio = f"{eg_total / record_cpu_s:.0f}×" if eg_total and record_cpu_s else "—"
    print(f"| ours: `tinnhiem verify`, whole record | — | — | {whole} | {ratio} |")
    print()
    print(
        "libsodium on this machine, CPU µs per call: "
        + ", ".join(f"{name} {us:.1f}" for name, us in rates.items())
        + f"; floor of the record's {n * args.persons} marks at these rates: {floor:.2f} s"
    )
    if record_cpu_s is None:
        print(
            f"targets: whole record under {TARGET_SECONDS:.0f} s and ≥ {TARGET_SPEEDUP:.0f}× "
            "ElectionGuard: not measured (ours_verify_seconds returned nothing)"
        )
        return
    print(
        f"target: whole record under {TARGET_SECONDS:.0f} s: {record_cpu_s:.2f} s, "
        f"meets={record_cpu_s < TARGET_SECONDS}"
    )
    if eg_total is not None:
        speedup = eg_total / record_cpu_s
        print(
            f"target: ≥ {TARGET_SPEEDUP:.0f}× ElectionGuard: {speedup:.0f}×, "
            f"meets={speedup >= TARGET_SPEEDUP}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=5, help="ElectionGuard ballots timed")
    parser.add_argument("--persons", type=int, default=44)
    parser.add_argument("--voters", type=int, default=500, help="ballots in the record")
    parser.add_argument("--our-ballots", type=int, default=20, help="our ballots timed")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cpu", type=int, default=0, help="the one CPU both sides run on")
    parser.add_argument("--python310", help="a Python 3.10 interpreter for ElectionGuard")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "tinnhiem-bench",
        help="where ElectionGuard's venv lives (default ~/.cache/tinnhiem-bench)",
    )
    parser.add_argument("--skip-eg", action="store_true", help="our side only")
    args = parser.parse_args()
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    cpus = pin(args.cpu)
    emit("setup", python=platform.python_version(), machine=platform.machine(), cpus=cpus)

    # ours before and after ElectionGuard, pooled: the machine's load may change in between
    runs = [ours_per_ballot(args.our_ballots, args.persons, args.voters, args.seed)]
    emit("ours_ballot", run="before", **summary(runs, args.persons))

    eg: dict[str, Any] | None = None
    if args.skip_eg:
        emit("eg_skipped", reason="--skip-eg")
    else:
        python, how = eg_environment(find_python310(args.python310), args.cache_dir)
        if python is None:
            emit("eg_skipped", reason=how)
            print(f"ElectionGuard 1.4 skipped: {how}", file=sys.stderr)
        else:
            emit("eg_environment", python=str(python), how=how)
            eg = run_electionguard(python, args, cpus[0])["eg_result"]

    runs.append(ours_per_ballot(args.our_ballots, args.persons, args.voters, args.seed + 1))
    emit("ours_ballot", run="after", **summary(runs[1:], args.persons))
    ours = summary(runs, args.persons)

    # LEAD: the whole-record figure; None until ours_verify_seconds is filled in.
    record_cpu_s = ours_verify_seconds(args.voters, args.persons)
    if record_cpu_s is not None:
        emit("ours_record", voters=args.voters, persons=args.persons, verify_cpu_s=record_cpu_s)
    rates = libsodium_rates()
    emit("libsodium_rates", us_per_call=rates)
    report(args, eg, ours, record_cpu_s, rates)


if __name__ == "__main__":
    main()
