"""The election record: every public fact of an electronic session, hash-chained (11.3).

{"v": "tinnhiem/election-record/1", "entries": [{"kind", "body", "prev", "hash"}, ...], "head"}

hash_i = SHA-256(LP("tinnhiem/election-record/1/entry") ‖ LP(prev_i) ‖ LP(kind_i) ‖
LP(canonical JSON of body_i)), prev_0 = 32 zero bytes, prev_i = hash_{i-1}, head = last hash.
Entries in order: manifest, ceremony, ballot (sorted by ballot hash), spoiled (sorted by hash),
close, tally, decryption (one per trustee, ascending), result. The Django application and the
demo both build records through `build_board` and `build_record`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.ballotcrypto.election import (
    RECORD_VERSION,
    AcceptedBallot,
    Manifest,
    ballot_hash,
    check_opening,
    tracking_code,
)
from tinnhiem.ballotcrypto.elgamal import add_all
from tinnhiem.ballotcrypto.errors import CryptoError, InvalidEncoding
from tinnhiem.ballotcrypto.hashing import Context, length_prefixed
from tinnhiem.ballotcrypto.tally import EncryptedTally, TallyShare, decrypt_tally
from tinnhiem.ballotcrypto.wire import (
    CeremonyRecord,
    encrypted_tally_to_dict,
    fields_of,
    items,
    tally_share_to_dict,
    text,
    whole,
)
from tinnhiem.rules import (
    BUILTIN_KEYS,
    CountLine,
    Profile,
    SessionFigures,
    load_profile,
    parse_profile,
)
from tinnhiem.rules import tally as rules_tally

ENTRY_TAG = b"tinnhiem/election-record/1/entry"
CLOSE_VERSION = "tinnhiem/close/1"
RESULT_VERSION = "tinnhiem/result/1"
GENESIS = bytes(32)
KINDS = ("manifest", "ceremony", "ballot", "spoiled", "close", "tally", "decryption", "result")


class RecordError(CryptoError):
    """A record cannot be built from these parts (a duplicate ballot, a bad opening, ...)."""


# chain ----------------------------------------------------------------------------------------


def entry_hash(prev: bytes, kind: str, body_json: bytes) -> bytes:
    """SHA-256(LP(tag) ‖ LP(prev) ‖ LP(kind) ‖ LP(canonical JSON of the body))."""
    digest = hashlib.sha256(length_prefixed(ENTRY_TAG))
    digest.update(length_prefixed(prev))
    digest.update(length_prefixed(kind.encode("utf-8")))
    digest.update(length_prefixed(body_json))
    return digest.digest()


def manifest_hash(manifest: dict[str, Any]) -> str:
    """The record's first entry hash, the manifest's (chained from 32 zero bytes): what a
    voter's receipt binds (receipts.py), so a verifier reads it off the record."""
    return entry_hash(GENESIS, "manifest", canonical_json(manifest)).hex()


def chain(
    parts: Sequence[tuple[str, dict[str, Any]]], prev: bytes = GENESIS
) -> list[dict[str, Any]]:
    """Entries {kind, body, prev, hash} for (kind, body) pairs, chained from `prev`."""
    entries = []
    for kind, body in parts:
        digest = entry_hash(prev, kind, canonical_json(body))
        entries.append({"kind": kind, "body": body, "prev": prev.hex(), "hash": digest.hex()})
        prev = digest
    return entries


# close ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaperPerson:
    """One person's paper counts: by level key, and ballots invalid for this person."""

    person: str
    counts: dict[str, int]
    invalid: int


@dataclass(frozen=True, slots=True)
class PaperChannel:
    """A mixed session's paper ballots: issued, collected and the counts per person."""

    issued: int
    collected: int
    persons: tuple[PaperPerson, ...]


@dataclass(frozen=True, slots=True)
class Close:
    """What the session states at close: credentials and, for a mixed session, paper counts.

    `ballots` and `spoiled` are the numbers of cast and challenged ballots on the board.
    """

    credentials_issued: int
    credentials_used: int
    credentials_voided: int
    ballots: int
    spoiled: int
    paper: PaperChannel | None = None

    def to_dict(self) -> dict[str, Any]:
        paper = self.paper
        return {
            "v": CLOSE_VERSION,
            "credentials": {
                "issued": self.credentials_issued,
                "used": self.credentials_used,
                "voided": self.credentials_voided,
            },
            "ballots": self.ballots,
            "spoiled": self.spoiled,
            "paper": None
            if paper is None
            else {
                "issued": paper.issued,
                "collected": paper.collected,
                "persons": [
                    {"person": p.person, "counts": dict(p.counts), "invalid": p.invalid}
                    for p in paper.persons
                ],
            },
        }

    def problems(self, manifest: Manifest, ballots: int, spoiled: int) -> list[str]:
        """What does not hold among the close, the manifest and the board (11.5, step 8).

        `ballots` and `spoiled` are the numbers of ballots on the board. The verifier refuses a
        record with any problem, and `build_board` refuses to build one.
        """
        m, paper = manifest, self.paper
        checks = [
            (self.ballots != ballots, f"ballots = {self.ballots} ≠ {ballots} on the board"),
            (self.spoiled != spoiled, f"spoiled = {self.spoiled} ≠ {spoiled}"),
            (
                self.credentials_used != ballots,
                f"credentials used = {self.credentials_used} ≠ {ballots}",
            ),
            (
                self.credentials_voided > self.credentials_issued
                or self.credentials_used > self.credentials_issued - self.credentials_voided,
                "credentials: used ≤ issued − voided",
            ),
            (ballots > m.max_ballots, f"{ballots} > max_ballots {m.max_ballots}"),
            ((paper is not None) != m.has_paper, "paper ⇔ manifest.has_paper"),
        ]
        if paper is not None:
            keys = set(manifest_profile(m).level_keys)
            checks += [
                (
                    [p.person for p in paper.persons] != list(m.person_ids),
                    "paper: one line per person, in order",
                ),
                (
                    any(set(p.counts) != keys for p in paper.persons),
                    f"paper: counts by exactly the level keys {sorted(keys)}",
                ),
                (paper.collected > paper.issued, "paper: collected ≤ issued"),
            ]
        return [what for failed, what in checks if failed]

    @classmethod
    def from_dict(cls, data: object) -> Close:
        record = fields_of(
            data, CLOSE_VERSION, ("credentials", "ballots", "spoiled", "paper"), "close"
        )
        cred = record["credentials"]
        if not isinstance(cred, dict) or set(cred) != {"issued", "used", "voided"}:
            raise InvalidEncoding(
                "close.credentials: cần issued, used, voided",
                "close.credentials: issued, used, voided are needed",
            )
        paper = record["paper"]
        return cls(
            whole(cred["issued"], "close.credentials.issued"),
            whole(cred["used"], "close.credentials.used"),
            whole(cred["voided"], "close.credentials.voided"),
            whole(record["ballots"], "close.ballots"),
            whole(record["spoiled"], "close.spoiled"),
            None if paper is None else _paper_from_dict(paper),
        )


def _paper_from_dict(data: object) -> PaperChannel:
    if not isinstance(data, dict) or set(data) != {"issued", "collected", "persons"}:
        raise InvalidEncoding(
            "close.paper: cần issued, collected, persons",
            "close.paper: issued, collected, persons are needed",
        )
    persons = []
    for i, raw in enumerate(items(data["persons"], "close.paper.persons")):
        where = f"close.paper.persons[{i}]"
        if not isinstance(raw, dict) or set(raw) != {"person", "counts", "invalid"}:
            raise InvalidEncoding(
                f"{where}: cần person, counts, invalid", f"{where}: person, counts, invalid needed"
            )
        counts = raw["counts"]
        if not isinstance(counts, dict):
            raise InvalidEncoding(f"{where}.counts: phải là đối tượng", f"{where}.counts: object")
        persons.append(
            PaperPerson(
                text(raw["person"], f"{where}.person"),
                {text(k, where): whole(v, f"{where}.counts.{k}") for k, v in counts.items()},
                whole(raw["invalid"], f"{where}.invalid"),
            )
        )
    return PaperChannel(
        whole(data["issued"], "close.paper.issued"),
        whole(data["collected"], "close.paper.collected"),
        tuple(persons),
    )


# result ---------------------------------------------------------------------------------------


def manifest_profile(manifest: Manifest) -> Profile:
    """The manifest's rule profile: its TOML text if custom, else a built-in one by key.

    A record never names a file: an unknown key without TOML text is refused. The profile's
    levels must be the manifest's, in order (RecordError otherwise).
    """
    if manifest.profile_toml is not None:
        profile = parse_profile(manifest.profile_toml, source="manifest.profile_toml")
    elif manifest.profile in BUILTIN_KEYS:
        profile = load_profile(manifest.profile)
    else:
        raise RecordError(
            f"Bộ quy tắc {manifest.profile!r} không có sẵn và không kèm nội dung TOML",
            f"Rule profile {manifest.profile!r} is not built in and has no TOML text",
        )
    if profile.key != manifest.profile:
        raise RecordError(
            f"Bộ quy tắc trong TOML là {profile.key!r}, không phải {manifest.profile!r}",
            f"The TOML profile is {profile.key!r}, not {manifest.profile!r}",
        )
    labels = tuple(level.label_vi for level in profile.levels)
    if labels != manifest.levels:
        raise RecordError(
            f"Các mức của phiếu {list(manifest.levels)} khác bộ quy tắc {list(labels)}",
            f"The ballot's levels {list(manifest.levels)} differ from the profile's {list(labels)}",
        )
    return profile


def compute_result(
    manifest: Manifest, electronic_counts: Sequence[Sequence[int]], close: Close
) -> dict[str, Any]:
    """The result entry: electronic, paper and combined counts, percentages and bands per person.

    Uses the pure rules engine under the manifest's profile. Ballots issued are the live
    credentials (issued − voided) plus paper ballots issued; collected are the electronic
    ballots cast plus paper ballots collected; a person's invalid count is the paper one (an
    electronic ballot marks every person). Raises RuleError or RecordError.
    """
    profile = manifest_profile(manifest)
    keys = profile.level_keys
    paper = close.paper
    if paper is not None and [p.person for p in paper.persons] != list(manifest.person_ids):
        raise RecordError(
            "Số phiếu giấy phải có đúng một dòng cho mỗi người, theo thứ tự của phiếu",
            "The paper counts need exactly one line per person, in ballot order",
        )
    lines, parts = [], []
    for p, person in enumerate(manifest.persons):
        electronic = dict(zip(keys, electronic_counts[p], strict=True))
        on_paper = paper.persons[p] if paper is not None else None
        combined = {k: electronic[k] + (on_paper.counts.get(k, 0) if on_paper else 0) for k in keys}
        if on_paper is not None and set(on_paper.counts) - set(keys):
            raise RecordError(
                f"Mức lạ trong số phiếu giấy của {person.id}",
                f"Unknown level in the paper counts of {person.id}",
            )
        lines.append(
            CountLine(
                name=person.name,
                position=person.post,
                counts=combined,
                invalid=on_paper.invalid if on_paper else 0,
            )
        )
        parts.append(
            (
                person,
                electronic,
                None
                if on_paper is None
                else {**{k: on_paper.counts.get(k, 0) for k in keys}, "invalid": on_paper.invalid},
            )
        )
    issued = close.credentials_issued - close.credentials_voided + (paper.issued if paper else 0)
    collected = close.ballots + (paper.collected if paper else 0)
    figures = SessionFigures(members=manifest.members, issued=issued, collected=collected)
    result = rules_tally(profile, figures, lines).to_dict()
    persons = []
    for (person, electronic, paper_part), official in zip(
        parts, result.pop("officials"), strict=True
    ):
        official.pop("name")
        official.pop("position")
        counts = {k: official.pop(k) for k in keys}
        persons.append(
            {
                "person": person.id,
                "name": person.name,
                "post": person.post,
                "electronic": electronic,
                "paper": paper_part,
                "counts": counts,
                **official,
            }
        )
    return {"v": RESULT_VERSION, **result, "persons": persons}


# building -------------------------------------------------------------------------------------


def first_difference(stated: object, expected: object, path: str = "result") -> str:
    """The path of the first field where two JSON values differ."""
    if isinstance(stated, dict) and isinstance(expected, dict):
        for key in sorted(set(stated) | set(expected)):
            if stated.get(key, ...) != expected.get(key, ...):
                return first_difference(stated.get(key), expected.get(key), f"{path}.{key}")
    if isinstance(stated, list) and isinstance(expected, list) and len(stated) == len(expected):
        for i, (a, b) in enumerate(zip(stated, expected, strict=True)):
            if a != b:
                return first_difference(a, b, f"{path}[{i}]")
    return path


def tally_context(manifest: Manifest, board_hash: str) -> Context:
    """The context trustees decrypt under: the session and the board's hash at close (7, 11.3)."""
    return Context(f"{manifest.session}/board:{board_hash}", RECORD_VERSION, "tally")


@dataclass(frozen=True)
class Board:
    """A record up to its tally entry: what the trustees decrypt, and under which context."""

    manifest: Manifest
    ceremony: CeremonyRecord
    close: Close
    entries: list[dict[str, Any]] = field(repr=False)
    encrypted: EncryptedTally
    context: Context


def _ballot_body(data: dict[str, Any], digest: str) -> dict[str, Any]:
    return {"ballot": data, "hash": digest, "tracking_code": tracking_code(digest)}


def build_board(
    manifest: Manifest,
    ceremony: CeremonyRecord,
    ballots: Sequence[AcceptedBallot],
    spoiled: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    close: Close,
) -> Board:
    """Chain manifest, ceremony, cast ballots, spoiled ballots, close and the encrypted tally.

    `ballots` went through `accept_ballot`; `spoiled` are (ballot, opening) pairs, each opening
    checked here. Both lists are sorted by ballot hash, an order that reveals nothing about
    who cast what or when. The tally is the product of the cast ballots' ciphertexts.
    """
    problems = close.problems(manifest, len(ballots), len(spoiled))
    if problems:
        raise RecordError(
            f"Số liệu đóng phiên không khớp bảng: {problems[0]}",
            f"The close counts do not match the board: {problems[0]}",
        )
    cast = sorted(ballots, key=lambda b: b.hash)
    hashes = [b.hash for b in cast]
    if len(set(hashes)) != len(hashes):
        raise RecordError("Có phiếu trùng nhau", "A ballot appears twice")
    opened = []
    for data, opening in spoiled:
        check_opening(manifest, ceremony.public_key, data, opening)
        opened.append((ballot_hash(data), data, opening))
    opened.sort(key=lambda item: item[0])
    if set(hashes) & {h for h, _, _ in opened}:
        raise RecordError(
            "Một phiếu vừa được bỏ vừa được mở để kiểm tra",
            "A ballot is both cast and opened by a challenge",
        )
    parts: list[tuple[str, dict[str, Any]]] = [
        ("manifest", manifest.to_dict()),
        ("ceremony", ceremony.to_dict()),
        *(("ballot", _ballot_body(b.data, b.hash)) for b in cast),
        *(("spoiled", {**_ballot_body(d, h), "opening": o}) for h, d, o in opened),
        ("close", close.to_dict()),
    ]
    entries = chain(parts)
    board_hash = entries[-1]["hash"]
    encrypted = EncryptedTally(
        tuple(
            add_all([b.ballot[p].ciphertext for b in cast]) for p in range(len(manifest.persons))
        ),
        len(cast),
    )
    tally_body = {"board": board_hash, "tally": encrypted_tally_to_dict(encrypted)}
    entries += chain([("tally", tally_body)], bytes.fromhex(board_hash))
    return Board(manifest, ceremony, close, entries, encrypted, tally_context(manifest, board_hash))


def build_record(board: Board, shares: Sequence[TallyShare]) -> dict[str, Any]:
    """The whole record: the board, one decryption entry per trustee, and the result.

    Every share is verified and at least t are needed (decrypt_tally raises otherwise); the
    counts are decrypted and the result computed by `compute_result`.
    """
    ordered = sorted(shares, key=lambda s: s.trustee)
    counts = decrypt_tally(
        board.encrypted,
        ordered,
        board.ceremony.verification_key_map(),
        board.ceremony.params.threshold,
        board.manifest.values(),
        board.context,
    )
    result = compute_result(board.manifest, counts, board.close)
    parts = [("decryption", tally_share_to_dict(s)) for s in ordered]
    entries = board.entries + chain(
        [*parts, ("result", result)], bytes.fromhex(board.entries[-1]["hash"])
    )
    return {"v": RECORD_VERSION, "entries": entries, "head": entries[-1]["hash"]}
