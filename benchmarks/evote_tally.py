"""Tally and threshold decryption of 10,000 electronic ballots on 44 persons.

    .venv/bin/python benchmarks/evote_tally.py [--ballots 10000] [--persons 44] [--pool 200]

The ballots' ciphertexts are drawn from a pool of `--pool` distinct encrypted ballots (cycled,
with their plaintexts known), because encrypting 440,000 marks with proofs would take the run
ten minutes and the tally does not care whether two ballots are equal: it multiplies every
ballot's ciphertext per person all the same. Proofs are not verified here (the verifier's cost
is measured by electionguard_peer.py).

Times, on one process: the homomorphic tally (N × persons point additions), the partial
decryptions of 3 trustees of 5 (one Chaum–Pedersen proof per person each), and the combined
decryption (every share's proof checked, Lagrange combination, discrete log of each total by
baby-step giant-step over N·(M+1)). Checks the counts against the plaintexts. The peer in the
same run: decrypting every ballot one by one with the joint secret (what a scheme without a
homomorphic tally would have to do), timed on a sample and scaled to N ballots.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from tests.ballotcrypto.ceremony import run_ceremony

    from tinnhiem.ballotcrypto.elgamal import decrypt_point, dlog, encrypt
    from tinnhiem.ballotcrypto.hashing import Context
    from tinnhiem.ballotcrypto.proofs import level_values
    from tinnhiem.ballotcrypto.tally import PersonMark, decrypt_tally, tally, tally_share

    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--persons", type=int, default=44)
    parser.add_argument("--pool", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ceremony = run_ceremony(5, 3)
    key = ceremony.public_key
    values = level_values(3, args.ballots)
    persons = [str(p + 1) for p in range(args.persons)]
    ctx = Context("bench-tally", "tinnhiem/election-record/1")
    started = time.perf_counter()
    pool = []
    for _ in range(args.pool):
        choices = [rng.choice([0, 0, 0, 1, 1, 2]) for _ in persons]
        ballot = tuple(PersonMark(encrypt(key, values[c]), None) for c in choices)  # type: ignore[arg-type]
        pool.append((choices, ballot))
    print(f"(pool of {args.pool} ballots encrypted in {time.perf_counter() - started:.1f} s)")
    picks = [pool[n % args.pool] for n in range(args.ballots)]
    ballots = [ballot for _, ballot in picks]
    expected = [
        [sum(1 for choices, _ in picks if choices[p] == level) for level in range(3)]
        for p in range(args.persons)
    ]

    began = time.perf_counter()
    encrypted = tally(key, ballots, persons, values, ctx, verified=True)
    tally_s = time.perf_counter() - began

    began = time.perf_counter()
    shares = [tally_share(ceremony.keys[j], encrypted, ctx) for j in (1, 3, 5)]
    shares_s = time.perf_counter() - began

    began = time.perf_counter()
    counts = decrypt_tally(encrypted, shares, ceremony.verification_keys, 3, values, ctx)
    decrypt_s = time.perf_counter() - began
    if counts != expected:
        raise SystemExit("WRONG: the decrypted counts differ from the plaintexts")

    secret = ceremony.joint_secret()
    sample = ballots[:5]
    began = time.perf_counter()
    for ballot in sample:
        for mark in ballot:
            dlog(decrypt_point(secret, mark.ciphertext), max(values))
    one_by_one_s = (time.perf_counter() - began) / len(sample) * args.ballots

    total = tally_s + shares_s + decrypt_s
    print(
        json.dumps(
            {
                "ballots": args.ballots,
                "persons": args.persons,
                "tally_s": round(tally_s, 2),
                "three_trustees_shares_s": round(shares_s, 2),
                "decrypt_s": round(decrypt_s, 2),
                "total_s": round(total, 2),
                "peer_decrypt_every_ballot_s": round(one_by_one_s, 1),
                "peer_over_ours": round(one_by_one_s / total, 1),
                "counts_ok": True,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
