"""Small demo election records shared by the record, wire and verifier tests."""

from __future__ import annotations

import functools
from typing import Any

from tinnhiem.ballotcrypto.canonical import canonical_json, parse_json
from tinnhiem.ballotcrypto.election import (
    ballot_hash,
    tracking_code,
)
from tinnhiem.ballotcrypto.election_record import chain
from tinnhiem.cli.evote_simulate import DemoSettings, run_demo


@functools.cache
def record_bytes(
    voters: int = 6,
    officials: int = 3,
    trustees: int = 3,
    threshold: int = 2,
    spoil: int = 1,
    paper: int = 0,
    seed: str = "tests",
) -> bytes:
    settings = DemoSettings(voters, officials, trustees, threshold, seed, spoil, paper)
    return canonical_json(run_demo(settings))


def record(**settings: Any) -> dict[str, Any]:
    """A fresh (mutable) copy of a demo record."""
    data: dict[str, Any] = parse_json(record_bytes(**settings))
    return data


def rechain(data: dict[str, Any]) -> dict[str, Any]:
    """Recompute every prev, hash and the head, as a forger who rewrites the record would."""
    entries = chain([(e["kind"], e["body"]) for e in data["entries"]])
    data["entries"] = entries
    data["head"] = entries[-1]["hash"]
    return data


def reseal(data: dict[str, Any]) -> dict[str, Any]:
    """Recompute each ballot's hash and tracking code, re-sort the ballots, then rechain."""
    for entry in data["entries"]:
        if entry["kind"] in ("ballot", "spoiled"):
            digest = ballot_hash(entry["body"]["ballot"])
            entry["body"]["hash"] = digest
            entry["body"]["tracking_code"] = tracking_code(digest)
    entries = data["entries"]
    first = next(i for i, e in enumerate(entries) if e["kind"] == "ballot")
    last = max(i for i, e in enumerate(entries) if e["kind"] == "ballot")
    entries[first : last + 1] = sorted(entries[first : last + 1], key=lambda e: e["body"]["hash"])
    return rechain(data)


def of_kind(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in data["entries"] if e["kind"] == kind]
