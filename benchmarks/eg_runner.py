"""The ElectionGuard 1.4 side of `electionguard_peer.py`; runs under Python 3.10 in its own venv.

Not meant to be run by hand (but it can be, with the venv's python):

    ~/.cache/tinnhiem-bench/eg310/bin/python benchmarks/eg_runner.py --ballots 5 --persons 44

It imports only `electionguard` (never tinnhiem, which needs 3.11) and uses ElectionGuard's own
objects and functions throughout:

1. a manifest with our ballot shape: one contest per person, each with the three levels
   "tín nhiệm cao", "tín nhiệm", "tín nhiệm thấp" as selections, `one_of_m`, one vote allowed
   (ElectionGuard adds one placeholder selection per contest, so a contest holds exactly one 1);
2. a full key ceremony (`Guardian`, `KeyCeremonyMediator`: announce, backups, backup
   verifications) and the joint key, then `make_ciphertext_election_context`;
3. `EncryptionMediator.encrypt` on seeded random ballots (timed: encryption and proofs). As
   shipped, ElectionGuard logs several INFO lines per selection and builds each with
   `inspect.stack()`, whatever the log level: a quarter to a third of its encryption time. Each
   timed ballot is followed by one more encrypted with `ElectionGuardLog.info` made a no-op,
   reported apart as "encrypt without logging" (verification logs nothing unless a check fails);
4. `ballot_is_valid_for_election(..., should_validate=True)` on each (timed): the check a
   `BallotBox` makes before casting: the ballot style, every contest's and selection's hash and
   every proof (a disjunctive Chaum-Pedersen proof per selection, placeholders included, and a
   constant Chaum-Pedersen proof per contest).

Before the timed ballots one ballot is encrypted and verified untimed (a warm-up), and a copy of it
with one selection's proof swapped for another ballot's must be rejected: timings of a verifier
that accepts anything mean nothing.

Each step is timed in wall seconds and in CPU seconds of this process (`process_time`). Prints
one JSON object per line on stdout; the last has "event": "eg_result".
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from importlib.metadata import version
from typing import TypeVar

from electionguard.ballot import (
    CiphertextBallot,
    PlaintextBallot,
    PlaintextBallotContest,
    PlaintextBallotSelection,
)
from electionguard.ballot_validator import ballot_is_valid_for_election
from electionguard.constants import get_large_prime, get_small_prime
from electionguard.election import make_ciphertext_election_context
from electionguard.encrypt import EncryptionDevice, EncryptionMediator, generate_device_uuid
from electionguard.guardian import Guardian
from electionguard.key_ceremony import CeremonyDetails
from electionguard.key_ceremony_mediator import KeyCeremonyMediator
from electionguard.logs import ElectionGuardLog, log_add_handler, log_handlers, log_remove_handler
from electionguard.manifest import (
    BallotStyle,
    Candidate,
    ContestDescription,
    ElectionType,
    GeopoliticalUnit,
    InternalManifest,
    InternationalizedText,
    Language,
    Manifest,
    ReportingUnitType,
    SelectionDescription,
    SpecVersion,
    VoteVariationType,
)

T = TypeVar("T")
R = TypeVar("R")
LEVELS = (("cao", "tín nhiệm cao"), ("vua", "tín nhiệm"), ("thap", "tín nhiệm thấp"))
UNIT = "hoi-dong"
STYLE = "phieu-tin-nhiem"


def emit(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}, ensure_ascii=False), flush=True)


def make_manifest(persons: int) -> Manifest:
    """One contest per person, the three levels as its selections, exactly one vote."""
    candidates = [
        Candidate(f"muc-{key}", InternationalizedText([Language(text, "vi")]))
        for key, text in LEVELS
    ]
    contests = []
    for p in range(persons):
        selections = [
            SelectionDescription(f"nguoi-{p:03d}-{key}", level, f"muc-{key}")
            for level, (key, _) in enumerate(LEVELS)
        ]
        contests.append(
            ContestDescription(
                object_id=f"nguoi-{p:03d}",
                sequence_order=p,
                electoral_district_id=UNIT,
                vote_variation=VoteVariationType.one_of_m,
                number_elected=1,
                votes_allowed=1,
                name=f"Người được lấy phiếu {p + 1}",
                ballot_selections=selections,
            )
        )
    # timezone.utc, not datetime.UTC: this file runs on Python 3.10
    now = datetime.now(timezone.utc)  # noqa: UP017
    return Manifest(
        election_scope_id="tinnhiem-benchmark",
        spec_version=SpecVersion.EG1_0,
        type=ElectionType.other,
        start_date=now,
        end_date=now,
        geopolitical_units=[GeopoliticalUnit(UNIT, "Hội đồng nhân dân", ReportingUnitType.unknown)],
        parties=[],
        candidates=candidates,
        contests=contests,
        ballot_styles=[BallotStyle(STYLE, geopolitical_unit_ids=[UNIT])],
    )


def key_ceremony(guardians: int, quorum: int) -> tuple[object, object]:
    """ElectionGuard's key ceremony through its mediator; returns (joint key, commitment hash)."""
    details = CeremonyDetails(guardians, quorum)
    members = [Guardian.from_nonce(str(i + 1), i + 1, guardians, quorum) for i in range(guardians)]
    mediator = KeyCeremonyMediator("mediator", details)
    for guardian in members:
        mediator.announce(guardian.share_key())
    for guardian in members:
        for key in mediator.share_announced(guardian.id) or []:
            guardian.save_guardian_key(key)
    for guardian in members:
        guardian.generate_election_partial_key_backups()
        mediator.receive_backups(guardian.share_election_partial_key_backups())
    for guardian in members:
        for backup in mediator.share_backups(guardian.id) or []:
            guardian.save_election_partial_key_backup(backup)
    for guardian in members:
        verifications = [
            guardian.verify_election_partial_key_backup(other.id)
            for other in members
            if other.id != guardian.id
        ]
        mediator.receive_backup_verifications([v for v in verifications if v is not None])
    joint = mediator.publish_joint_key()
    if joint is None:
        raise SystemExit("ElectionGuard key ceremony did not produce a joint key")
    return joint.joint_public_key, joint.commitment_hash


def plaintext_ballot(index: int, persons: int, rng: random.Random) -> PlaintextBallot:
    contests = []
    for p in range(persons):
        key = LEVELS[rng.randrange(len(LEVELS))][0]
        selection = PlaintextBallotSelection(f"nguoi-{p:03d}-{key}", 1)
        contests.append(PlaintextBallotContest(f"nguoi-{p:03d}", [selection]))
    return PlaintextBallot(f"phieu-{index:04d}", STYLE, contests)


def proof_counts(ballot: CiphertextBallot) -> tuple[int, int]:
    selections = sum(len(contest.ballot_selections) for contest in ballot.contests)
    return selections, len(ballot.contests)


def tampered(ballot: CiphertextBallot, donor: CiphertextBallot) -> CiphertextBallot:
    """`ballot` with its first selection's proof taken from the same selection of `donor`."""
    forged = copy.deepcopy(ballot)
    forged.contests[0].ballot_selections[0].proof = donor.contests[0].ballot_selections[0].proof
    return forged


def quiet_console() -> None:
    """ElectionGuard logs INFO to stdout, which carries our JSON lines: warnings go to stderr."""
    for handler in list(log_handlers()):
        log_remove_handler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    log_add_handler(handler)


TIMES = (
    "encrypt_s",
    "encrypt_cpu_s",
    "verify_s",
    "verify_cpu_s",
    "encrypt_without_logging_s",
    "encrypt_without_logging_cpu_s",
)


def timed(function: Callable[[T], R], argument: T) -> tuple[R, float, float]:
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU time
    leaves out the time the pinned CPU spent on other processes."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(argument)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def pin(cpu: int | None) -> list[int]:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=5, help="timed ballots (default 5)")
    parser.add_argument("--persons", type=int, default=44, help="contests per ballot (default 44)")
    parser.add_argument("--guardians", type=int, default=3)
    parser.add_argument("--quorum", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20251214)
    parser.add_argument("--cpu", type=int, default=None, help="pin this process to one CPU")
    args = parser.parse_args()
    cpus = pin(args.cpu)
    quiet_console()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    manifest = make_manifest(args.persons)
    if not manifest.is_valid():
        raise SystemExit("ElectionGuard rejects the manifest")
    internal = InternalManifest(manifest)
    joint_key, commitment_hash = key_ceremony(args.guardians, args.quorum)
    context = make_ciphertext_election_context(
        args.guardians, args.quorum, joint_key, commitment_hash, manifest.crypto_hash()
    )
    device = EncryptionDevice(generate_device_uuid(), 1, 1, "benchmark")
    mediator = EncryptionMediator(internal, context, device)
    emit(
        "eg_setup",
        electionguard=version("electionguard"),
        gmpy2=version("gmpy2"),
        python=platform.python_version(),
        cpus=cpus,
        p_bits=int(get_large_prime()).bit_length(),
        q_bits=int(get_small_prime()).bit_length(),
        guardians=args.guardians,
        quorum=args.quorum,
        persons=args.persons,
        setup_s=round(time.perf_counter() - started, 3),
    )

    def encrypt(index: int) -> CiphertextBallot:
        encrypted = mediator.encrypt(plaintext_ballot(index, args.persons, rng))
        if encrypted is None:
            raise SystemExit(f"ElectionGuard could not encrypt ballot {index}")
        return encrypted

    def verify(ballot: CiphertextBallot) -> bool:
        return bool(ballot_is_valid_for_election(ballot, internal, context, should_validate=True))

    warm, donor = encrypt(0), encrypt(1)
    if not verify(warm):
        raise SystemExit("ElectionGuard rejects its own warm-up ballot")
    if verify(tampered(warm, donor)):
        raise SystemExit("ElectionGuard accepts a ballot with a swapped proof")
    selections, contests = proof_counts(warm)
    emit("eg_checks", warm_up="accepted", swapped_proof="rejected")

    shipped_info = ElectionGuardLog.info
    times: dict[str, list[float]] = {key: [] for key in TIMES}
    for index in range(2, 2 + args.ballots):
        ballot, *encrypt_times = timed(encrypt, index)
        is_valid, *verify_times = timed(verify, ballot)
        if not is_valid:
            raise SystemExit(f"ElectionGuard rejects its own ballot {index}")
        ElectionGuardLog.info = lambda self, message, *a, **k: None
        _, *quiet_times = timed(encrypt, 1000 + index)
        ElectionGuardLog.info = shipped_info
        figures = dict(zip(TIMES, (*encrypt_times, *verify_times, *quiet_times), strict=True))
        for key, seconds in figures.items():
            times[key].append(seconds)
        emit("eg_ballot", index=index, **{key: round(t, 4) for key, t in figures.items()})

    emit(
        "eg_result",
        ballots=args.ballots,
        persons=args.persons,
        selection_proofs_per_ballot=selections,
        contest_proofs_per_ballot=contests,
        **{f"{key}_median": statistics.median(values) for key, values in times.items()},
        verify_cpu_min_s=min(times["verify_cpu_s"]),
        verify_cpu_max_s=max(times["verify_cpu_s"]),
    )


if __name__ == "__main__":
    main()
