"""The proofs of the cast ballots (step 6 of docs/crypto.md 11.5), in one process or several.

The verifier reads the ballots' hashes and their order itself (cheap); this module checks the
marks, the expensive part, and multiplies the ciphertexts into each person's total. With
`jobs > 1` the ballots are cut into contiguous runs checked in worker processes (the standard
library's `concurrent.futures`); each run stops at its first failing ballot. Either way the
failure reported is the one of the lowest ballot and the totals are the same, so the outcome
never depends on `jobs`.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tinnhiem.ballotcrypto.election import Manifest, first_invalid_mark, read_ballot
from tinnhiem.ballotcrypto.elgamal import Ciphertext
from tinnhiem.ballotcrypto.errors import CryptoError, InvalidEncoding
from tinnhiem.ballotcrypto.group import Point
from tinnhiem.ballotcrypto.tally import Ballot

RUNS_PER_JOB = 4  # shorter runs even out the workers' loads


@dataclass(frozen=True)
class Job:
    """One ballot to check: its number on the board, its JSON and how to name it (vi, en)."""

    number: int
    data: Any
    where: tuple[str, str]


@dataclass(frozen=True)
class Failure:
    """The first ballot of a run whose marks fail, with the message naming it."""

    number: int
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class RunResult:
    """Each person's product of the run's ciphertexts (up to its failure), as encodings."""

    alphas: tuple[bytes, ...]
    betas: tuple[bytes, ...]
    failure: Failure | None


def check_ballots(
    manifest: Manifest, public_key: Point, jobs: Sequence[Job], processes: int = 1
) -> tuple[tuple[Ciphertext, ...], Failure | None]:
    """Every person's total over `jobs` and the first failing ballot (None if all hold)."""
    count = len(manifest.persons)
    if processes <= 1 or len(jobs) < 2:
        results = [check_run(manifest.to_dict(), public_key.to_bytes(), jobs)]
    else:
        size = -(-len(jobs) // (processes * RUNS_PER_JOB))
        runs = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        # spawn: fresh interpreters that import only this package, whatever the caller holds
        # (threads, open connections); never more workers than runs
        context = multiprocessing.get_context("spawn")
        workers = min(processes, len(runs))
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            results = list(
                pool.map(
                    check_run,
                    [manifest.to_dict()] * len(runs),
                    [public_key.to_bytes()] * len(runs),
                    runs,
                )
            )
    failures = [r.failure for r in results if r.failure is not None]
    alphas = [Point.identity()] * count
    betas = [Point.identity()] * count
    for result in results:
        for p in range(count):
            alphas[p] = alphas[p] * Point(result.alphas[p])
            betas[p] = betas[p] * Point(result.betas[p])
    first = min(failures, key=lambda f: f.number) if failures else None
    return tuple(Ciphertext(a, b) for a, b in zip(alphas, betas, strict=True)), first


def check_run(manifest_data: dict[str, Any], public_key: bytes, jobs: Sequence[Job]) -> RunResult:
    """Check a run of ballots in order, stopping at the first that fails (a worker's task)."""
    manifest = Manifest.from_dict(manifest_data)
    key = Point.from_bytes(public_key)
    count = len(manifest.persons)
    alphas = [Point.identity()] * count
    betas = [Point.identity()] * count
    for job in jobs:
        marks = _check(manifest, key, job)
        if isinstance(marks, Failure):
            return _result(alphas, betas, marks)
        for p, mark in enumerate(marks):
            alphas[p] = alphas[p] * mark.ciphertext.alpha
            betas[p] = betas[p] * mark.ciphertext.beta
    return _result(alphas, betas, None)


def _result(alphas: list[Point], betas: list[Point], failure: Failure | None) -> RunResult:
    return RunResult(
        tuple(a.to_bytes() for a in alphas), tuple(b.to_bytes() for b in betas), failure
    )


def _check(manifest: Manifest, public_key: Point, job: Job) -> Ballot | Failure:
    """The ballot's marks once every proof holds, else the failure naming it.

    Every error is returned as a Failure with the text `verify_record` would give it, so that no
    exception has to cross from a worker process and the first failure is the same whatever the
    number of processes.
    """
    where = job.where
    try:
        marks = read_ballot(manifest, job.data)
        bad = first_invalid_mark(manifest, public_key, marks)
    except InvalidEncoding as exc:  # only read_ballot decodes: named with the ballot
        return Failure(job.number, f"{where[0]}: {exc.message_vi}", f"{where[1]}: {exc.message_en}")
    except CryptoError as exc:
        return Failure(job.number, exc.message_vi, exc.message_en)
    except (ValueError, TypeError, KeyError) as exc:
        return Failure(job.number, f"Dữ liệu sai dạng: {exc}", f"Malformed data: {exc}")
    if bad is None:
        return marks
    person = manifest.persons[bad].id
    return Failure(
        job.number,
        f"{where[0]}: chứng minh của người {person} không hợp lệ",
        f"{where[1]}: the proof for person {person} does not verify",
    )
