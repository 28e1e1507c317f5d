"""`tinnhiem evote-simulate`: a whole electronic confidence vote, end to end, without a database.

A manifest (Vietnamese names and posts, profile nq96), the trustees' key ceremony (every trustee
deals, every share is verified, the keys combined), voters casting random ballots through the
reference encoder and the server's `accept_ballot`, a few challenged ballots opened and a few
credentials voided, t trustees decrypting, and the election record written to a file. With
--seed every draw comes from `seeded_rng(seed)`: the same seed gives the same file, byte for byte.
Pure: the ballot cryptography and the rules engine only, no Django.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.ballotcrypto.election import (
    RATING_LEVELS,
    AcceptedBallot,
    Manifest,
    Person,
    accept_ballot,
    encrypt_ballot,
)
from tinnhiem.ballotcrypto.election_record import (
    Close,
    PaperChannel,
    PaperPerson,
    build_board,
    build_record,
)
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.group import Scalar
from tinnhiem.ballotcrypto.hashing import seeded_rng
from tinnhiem.ballotcrypto.proofs import Rng
from tinnhiem.ballotcrypto.tally import tally_share
from tinnhiem.ballotcrypto.trustees import (
    CEREMONY_LABEL,
    CeremonyParams,
    TrusteeKey,
    combine_received_shares,
    deal,
)
from tinnhiem.ballotcrypto.wire import CeremonyRecord

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hồng")
GIVEN = (
    *("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long"),
    *("Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn"),
)
POSTS = (
    "Chủ tịch Hội đồng nhân dân tỉnh",
    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
    "Trưởng Ban Pháp chế",
    "Trưởng Ban Kinh tế - Ngân sách",
    "Trưởng Ban Văn hóa - Xã hội",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    "Ủy viên Ủy ban nhân dân tỉnh",
    "Giám đốc Sở Tài chính",
    "Giám đốc Sở Y tế",
    "Giám đốc Sở Giáo dục và Đào tạo",
    "Chánh Thanh tra tỉnh",
)


@dataclass(frozen=True)
class DemoSettings:
    voters: int
    officials: int
    trustees: int
    threshold: int
    seed: str | None = None
    spoil: int = 0
    paper: int = 0


def person_name(i: int) -> str:
    return " ".join(
        (SURNAMES[i % len(SURNAMES)], MIDDLE[i * 7 % len(MIDDLE)], GIVEN[i * 5 % len(GIVEN)])
    )


def demo_manifest(settings: DemoSettings) -> Manifest:
    """A provincial People's Council rating its officials under nq96."""
    persons = tuple(
        Person(f"p{i + 1:02d}", person_name(i), POSTS[i % len(POSTS)])
        for i in range(settings.officials)
    )
    members = settings.voters + settings.paper
    return Manifest(
        session=f"demo-evote-{settings.seed or 'random'}",
        title="Lấy phiếu tín nhiệm (minh họa bỏ phiếu điện tử)",
        body="Hội đồng nhân dân tỉnh Minh Họa",
        date="2026-11-20",
        profile="nq96",
        profile_toml=None,
        persons=persons,
        levels=RATING_LEVELS,
        max_ballots=members,
        members=members,
        has_paper=settings.paper > 0,
        trustees=settings.trustees,
        threshold=settings.threshold,
        trustee_names=tuple(person_name(100 + j) for j in range(settings.trustees)),
    )


def run_ceremony(manifest: Manifest, rng: Rng) -> tuple[CeremonyRecord, dict[int, TrusteeKey]]:
    """Every trustee deals; every trustee verifies the shares it receives and combines them."""
    params = CeremonyParams(manifest.trustees, manifest.threshold)
    context = manifest.context(CEREMONY_LABEL)
    dealt = [deal(i, params, context, rng) for i in range(1, params.trustees + 1)]
    commitments = [commitment for _, commitment in dealt]
    keys = {
        j: combine_received_shares(
            j, {p.index: p.share_for(j) for p, _ in dealt}, commitments, params, context
        )
        for j in range(1, params.trustees + 1)
    }
    return CeremonyRecord.compute(commitments, params, context), keys


def _choices(chooser: random.Random, persons: int) -> list[int]:
    """Mostly confidence; every seventh official from the fourth draws mostly low confidence."""
    weights = [(5, 4, 1) if p % 7 != 3 else (1, 2, 7) for p in range(persons)]
    return [chooser.choices((0, 1, 2), w)[0] for w in weights]


def _paper(chooser: random.Random, manifest: Manifest, count: int) -> PaperChannel | None:
    """A mixed session's paper ballots, counted per person (a few invalid for that person)."""
    if count == 0:
        return None
    persons = []
    for p, person in enumerate(manifest.persons):
        weights = (5, 4, 1, 1) if p % 7 != 3 else (1, 2, 7, 1)
        tallies = [0, 0, 0, 0]
        for _ in range(count):
            tallies[chooser.choices((0, 1, 2, 3), weights)[0]] += 1
        counts = {"high": tallies[0], "confidence": tallies[1], "low": tallies[2]}
        persons.append(PaperPerson(person.id, counts, tallies[3]))
    return PaperChannel(issued=count, collected=count, persons=tuple(persons))


def run_demo(settings: DemoSettings) -> dict[str, Any]:
    """The election record of a complete demo session."""
    rng: Rng = seeded_rng(settings.seed.encode()) if settings.seed is not None else Scalar.random
    chooser = random.Random(settings.seed)  # which boxes the demo voters tick; not a secret
    manifest = demo_manifest(settings)
    ceremony, keys = run_ceremony(manifest, rng)
    cast: list[AcceptedBallot] = []
    spoiled = []
    for voter in range(settings.voters):
        if voter < settings.spoil:
            challenged = encrypt_ballot(
                manifest, ceremony.public_key, _choices(chooser, len(manifest.persons)), rng
            )
            spoiled.append(challenged)  # the voter checks it, then votes again
        ballot, _opening = encrypt_ballot(
            manifest, ceremony.public_key, _choices(chooser, len(manifest.persons)), rng
        )
        cast.append(accept_ballot(manifest, ceremony.public_key, ballot))
    voided = 1 + settings.voters // 50
    close = Close(
        credentials_issued=settings.voters + voided,
        credentials_used=settings.voters,
        credentials_voided=voided,
        ballots=len(cast),
        spoiled=len(spoiled),
        paper=_paper(chooser, manifest, settings.paper),
    )
    board = build_board(manifest, ceremony, cast, spoiled, close)
    shares = [
        tally_share(keys[j], board.encrypted, board.context, rng)
        for j in range(1, settings.threshold + 1)
    ]
    return build_record(board, shares)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tinnhiem evote-simulate",
        description="Một phiên bỏ phiếu điện tử minh họa, ghi hồ sơ bầu cử / "
        "a demo electronic session, written as an election record",
    )
    parser.add_argument("--voters", type=int, default=20, metavar="N")
    parser.add_argument("--officials", type=int, default=5, metavar="M")
    parser.add_argument("--trustees", type=int, default=3, metavar="n")
    parser.add_argument("--threshold", type=int, default=2, metavar="t")
    parser.add_argument("--seed", help="mầm ngẫu nhiên (tất định) / deterministic seed")
    parser.add_argument("--spoil", type=int, default=0, metavar="K", help="phiếu bị kiểm tra")
    parser.add_argument("--paper", type=int, default=0, metavar="P", help="phiếu giấy (hỗn hợp)")
    parser.add_argument("--record", type=Path, required=True, metavar="FILE.json")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    settings = DemoSettings(
        args.voters,
        args.officials,
        args.trustees,
        args.threshold,
        args.seed,
        args.spoil,
        args.paper,
    )
    problem = _check(settings)
    if problem:
        print(f"tinnhiem evote-simulate: {problem}", file=sys.stderr)
        return 2
    try:
        record = run_demo(settings)
    except (CryptoError, ValueError) as exc:
        print(f"tinnhiem evote-simulate: {exc}", file=sys.stderr)
        return 1
    args.record.write_bytes(canonical_json(record) + b"\n")
    print(
        f"Đã ghi hồ sơ / record written: {args.record} "
        f"({settings.voters} cử tri / voters, {settings.officials} người / persons, "
        f"{settings.threshold}-of-{settings.trustees})"
    )
    return 0


def _check(s: DemoSettings) -> str | None:
    if s.voters < 1 or s.officials < 1:
        return "cần ít nhất 1 cử tri và 1 người / at least one voter and one official"
    if not 1 <= s.threshold <= s.trustees:
        return "cần 1 ≤ threshold ≤ trustees / need 1 <= threshold <= trustees"
    if not 0 <= s.spoil <= s.voters or s.paper < 0:
        return "cần 0 ≤ spoil ≤ voters, paper ≥ 0 / need 0 <= spoil <= voters, paper >= 0"
    return None
