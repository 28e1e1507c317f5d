"""The session manifest, the electronic ballot, its tracking code, and the server's cast path.

docs/crypto.md, sections 10 and 11. `accept_ballot` is the one function the application calls
to accept a cast ballot: it parses the JSON strictly, checks the session and verifies every
person's proof, and returns the ballot with its hash and tracking code, or raises BallotRejected.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tinnhiem.ballotcrypto.batch import MarkBatch
from tinnhiem.ballotcrypto.canonical import canonical_json, parse_json
from tinnhiem.ballotcrypto.elgamal import encrypt
from tinnhiem.ballotcrypto.errors import CryptoError, InvalidEncoding
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context, length_prefixed
from tinnhiem.ballotcrypto.proof_json import proof_to_dict
from tinnhiem.ballotcrypto.proofs import Rng, level_values, verify_mark
from tinnhiem.ballotcrypto.receipts import is_verify_key
from tinnhiem.ballotcrypto.tally import Ballot, PersonMark, cast_ballot, person_context
from tinnhiem.ballotcrypto.wire import (
    ciphertext_from_dict,
    fields_of,
    items,
    one_of_from_dict,
    scalar,
    text,
    whole,
)

RECORD_VERSION = "tinnhiem/election-record/1"
MANIFEST_VERSION = "tinnhiem/manifest/1"  # without a receipt key
MANIFEST_VERSION_2 = "tinnhiem/manifest/2"  # with the server's receipt key (11.2, 11.8)
BALLOT_VERSION = "tinnhiem/ballot/1"
OPENING_VERSION = "tinnhiem/opening/1"
BALLOT_HASH_TAG = b"tinnhiem/ballot-hash/1"
RATING_LEVELS = ("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp")

_MANIFEST_FIELDS = (
    "session",
    "title",
    "body",
    "date",
    "profile",
    "profile_toml",
    "persons",
    "levels",
    "max_ballots",
    "members",
    "has_paper",
    "trustees",
    "threshold",
    "trustee_names",
)
_MANIFEST_2_FIELDS = (*_MANIFEST_FIELDS, "receipt_key")
_PERSON_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_MARK_FIELDS = frozenset(("person", "ciphertext", "proof"))


# manifest -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """A person on the ballot, in ballot order: an identifier, a name, a post."""

    id: str
    name: str
    post: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything a voter, a trustee and a verifier must agree on before the vote opens.

    `profile` names a built-in rule profile; `profile_toml` holds the whole TOML text of a custom
    one (None for a built-in). `max_ballots` bounds the ballots the session can count (4.3);
    `members` is the body's membership for profiles counting on all members; `has_paper` says
    the session also counts paper ballots (a mixed session). `receipt_key` is the server's
    Ed25519 public key that signs the voters' receipts (hex; None in a version-1 manifest,
    whose voters get no receipt).
    """

    session: str
    title: str
    body: str
    date: str
    profile: str
    profile_toml: str | None
    persons: tuple[Person, ...]
    levels: tuple[str, ...]
    max_ballots: int
    members: int | None
    has_paper: bool
    trustees: int
    threshold: int
    trustee_names: tuple[str, ...]
    receipt_key: str | None = None

    def __post_init__(self) -> None:
        _check_manifest(self)

    def values(self) -> tuple[int, ...]:
        """The level values of 4.3 (for three levels 1, M, 0 with M = max_ballots + 1)."""
        return level_values(len(self.levels), self.max_ballots)

    def context(self, label: str = "") -> Context:
        return Context(self.session, RECORD_VERSION, label)

    @property
    def person_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.persons)

    def to_dict(self) -> dict[str, Any]:
        """Version 2 when the manifest carries a receipt key, else version 1."""
        fields = {
            "v": MANIFEST_VERSION_2 if self.receipt_key is not None else MANIFEST_VERSION,
            "session": self.session,
            "title": self.title,
            "body": self.body,
            "date": self.date,
            "profile": self.profile,
            "profile_toml": self.profile_toml,
            "persons": [{"id": p.id, "name": p.name, "post": p.post} for p in self.persons],
            "levels": list(self.levels),
            "max_ballots": self.max_ballots,
            "members": self.members,
            "has_paper": self.has_paper,
            "trustees": self.trustees,
            "threshold": self.threshold,
            "trustee_names": list(self.trustee_names),
        }
        if self.receipt_key is not None:
            fields["receipt_key"] = self.receipt_key
        return fields

    @classmethod
    def from_dict(cls, data: object) -> Manifest:
        """Read a "tinnhiem/manifest/1" or "/2" record (InvalidEncoding naming the field)."""
        if isinstance(data, dict) and data.get("v") == MANIFEST_VERSION_2:
            record = fields_of(data, MANIFEST_VERSION_2, _MANIFEST_2_FIELDS, "manifest")
            receipt_key: str | None = text(record["receipt_key"], "manifest.receipt_key")
        else:
            record = fields_of(data, MANIFEST_VERSION, _MANIFEST_FIELDS, "manifest")
            receipt_key = None
        persons = []
        for i, raw in enumerate(items(record["persons"], "manifest.persons")):
            where = f"manifest.persons[{i}]"
            if not isinstance(raw, dict) or set(raw) != {"id", "name", "post"}:
                raise InvalidEncoding(
                    f"{where}: cần đúng các trường id, name, post",
                    f"{where}: exactly the fields id, name, post are needed",
                )
            persons.append(
                Person(
                    text(raw["id"], f"{where}.id"),
                    text(raw["name"], f"{where}.name"),
                    text(raw["post"], f"{where}.post"),
                )
            )
        toml = record["profile_toml"]
        members = record["members"]
        paper = record["has_paper"]
        if not isinstance(paper, bool):
            raise InvalidEncoding(
                "manifest.has_paper: phải là true/false", "manifest.has_paper: must be a boolean"
            )
        try:
            return cls(
                session=text(record["session"], "manifest.session"),
                title=text(record["title"], "manifest.title"),
                body=text(record["body"], "manifest.body"),
                date=text(record["date"], "manifest.date"),
                profile=text(record["profile"], "manifest.profile"),
                profile_toml=None if toml is None else text(toml, "manifest.profile_toml"),
                persons=tuple(persons),
                levels=tuple(
                    text(label, f"manifest.levels[{i}]")
                    for i, label in enumerate(items(record["levels"], "manifest.levels"))
                ),
                max_ballots=whole(record["max_ballots"], "manifest.max_ballots", 1),
                members=None if members is None else whole(members, "manifest.members", 1),
                has_paper=paper,
                trustees=whole(record["trustees"], "manifest.trustees", 1),
                threshold=whole(record["threshold"], "manifest.threshold", 1),
                trustee_names=tuple(
                    text(name, f"manifest.trustee_names[{i}]")
                    for i, name in enumerate(
                        items(record["trustee_names"], "manifest.trustee_names")
                    )
                ),
                receipt_key=receipt_key,
            )
        except ValueError as exc:
            if isinstance(exc, CryptoError):
                raise
            raise InvalidEncoding(f"manifest: {exc}", f"manifest: {exc}") from None


def _check_manifest(m: Manifest) -> None:
    """Refuse a manifest no ballot could be cast against (InvalidEncoding naming the field)."""
    problems: list[tuple[str, str]] = []
    if not m.session or len(m.session) > 200:
        problems.append(("session", "1–200 characters"))
    try:
        date.fromisoformat(m.date)
        is_date = len(m.date) == 10
    except ValueError:
        is_date = False
    if not is_date:
        problems.append(("date", "an ISO date YYYY-MM-DD"))
    ids = [p.id for p in m.persons]
    if not ids or len(set(ids)) != len(ids) or not all(_PERSON_ID.fullmatch(i) for i in ids):
        problems.append(("persons", "at least one person, distinct ids of [A-Za-z0-9._-]"))
    if len(m.levels) < 2:
        problems.append(("levels", "at least two levels"))
    if m.max_ballots < 1:
        problems.append(("max_ballots", "positive"))
    if m.members is not None and m.members < 1:
        problems.append(("members", "positive or null"))
    if not 1 <= m.threshold <= m.trustees:
        problems.append(("threshold", "1 ≤ threshold ≤ trustees"))
    if len(m.trustee_names) != m.trustees:
        problems.append(("trustee_names", "one name per trustee"))
    if m.receipt_key is not None and not is_verify_key(m.receipt_key):
        problems.append(("receipt_key", "an Ed25519 public key, 64 lowercase hex digits"))
    if problems:
        field, rule = problems[0]
        raise InvalidEncoding(
            f"manifest.{field}: không hợp lệ ({rule})", f"manifest.{field}: invalid ({rule})"
        )


# ballots --------------------------------------------------------------------------------------


class BallotFormatError(InvalidEncoding):
    """A ballot record that does not parse; `field` names where (e.g. "marks[3].proof")."""

    def __init__(self, field: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.field = field  # a path in the record, not a column: after the base set field=None


class BallotRejected(CryptoError):
    """The server refuses a cast ballot; the message says why, in Vietnamese and English."""


class OpeningMismatch(CryptoError):
    """An opening that does not re-encrypt to the ballot; `person` names the first mismatch."""

    def __init__(self, person: str | None, message_vi: str, message_en: str) -> None:
        self.person = person
        super().__init__(message_vi, message_en)


def ballot_to_dict(manifest: Manifest, ballot: Ballot) -> dict[str, Any]:
    """The "tinnhiem/ballot/1" record of section 10."""
    return {
        "v": BALLOT_VERSION,
        "session": manifest.session,
        "marks": [
            {
                "person": pid,
                "ciphertext": mark.ciphertext.to_dict(),
                "proof": proof_to_dict(mark.proof),
            }
            for pid, mark in zip(manifest.person_ids, ballot, strict=True)
        ],
    }


def read_ballot(manifest: Manifest, data: object) -> Ballot:
    """Parse a ballot record for this manifest: version, session, one mark per person in order.

    Checks encodings only (not the proofs). Raises BallotFormatError naming the field.
    """
    try:
        record = fields_of(data, BALLOT_VERSION, ("session", "marks"), "ballot")
    except InvalidEncoding as exc:
        raise BallotFormatError("ballot", exc.message_vi, exc.message_en) from None
    if record["session"] != manifest.session:
        raise BallotFormatError(
            "session",
            f"Phiếu thuộc phiên khác ({record['session']!r}), không phải {manifest.session!r}",
            f"The ballot belongs to another session ({record['session']!r}), "
            f"not {manifest.session!r}",
        )
    ids = manifest.person_ids
    marks = record["marks"]
    if not isinstance(marks, list) or len(marks) != len(ids):
        count = len(marks) if isinstance(marks, list) else "?"
        raise BallotFormatError(
            "marks",
            f"Phiếu cần {len(ids)} ô đánh dấu (một cho mỗi người), có {count}",
            f"The ballot needs {len(ids)} marks (one per person), {count} found",
        )
    k = len(manifest.levels)
    return tuple(_read_mark(raw, i, ids[i], k) for i, raw in enumerate(marks))


def _read_mark(raw: object, i: int, person: str, k: int) -> PersonMark:
    if type(raw) is not dict or raw.keys() != _MARK_FIELDS:
        where = f"marks[{i}]"
        raise BallotFormatError(
            where,
            f"{where} (người {person}): cần đúng các trường person, ciphertext, proof",
            f"{where} (person {person}): exactly the fields person, ciphertext, proof are needed",
        )
    if raw["person"] != person:
        where = f"marks[{i}]"
        raise BallotFormatError(
            f"{where}.person",
            f"{where}: cần người {person}, có {raw['person']!r} (sai thứ tự hoặc thiếu người)",
            f"{where}: person {person} expected, {raw['person']!r} found (order or missing)",
        )
    try:
        ciphertext = ciphertext_from_dict(raw["ciphertext"])
        proof = one_of_from_dict(raw["proof"], k)
    except InvalidEncoding as exc:
        raise BallotFormatError(
            f"marks[{i}]",
            f"marks[{i}] (người {person}): {exc.message_vi}",
            f"marks[{i}] (person {person}): {exc.message_en}",
        ) from None
    return PersonMark(ciphertext, proof)


def ballot_hash(data: object) -> str:
    """SHA-256(LP("tinnhiem/ballot-hash/1") ‖ LP(canonical JSON of the ballot)), hex."""
    return ballot_hash_of_json(canonical_json(data))


def ballot_hash_of_json(ballot_json: bytes) -> str:
    """`ballot_hash` of a ballot already in canonical JSON."""
    digest = hashlib.sha256(length_prefixed(BALLOT_HASH_TAG))
    digest.update(length_prefixed(ballot_json))
    return digest.hexdigest()


def tracking_code(hash_hex: str) -> str:
    """The first 8 bytes of the ballot hash, upper-case hex in four groups of four."""
    head = hash_hex[:16].upper()
    return "-".join(head[i : i + 4] for i in range(0, 16, 4))


def encrypt_ballot(
    manifest: Manifest, public_key: Point, choices: Sequence[int], rng: Rng = Scalar.random
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The reference encoder (the booth does the same): the ballot record and its opening.

    `choices[p]` is the level index chosen for the p-th person. The opening is kept by the
    voter's device and published only if the voter challenges (spoils) the ballot.
    """
    if len(choices) != len(manifest.persons):
        raise ValueError("one choice per person is needed")
    ballot, nonces = cast_ballot(
        public_key, choices, manifest.person_ids, manifest.values(), manifest.context(), rng
    )
    opening = {
        "v": OPENING_VERSION,
        "choices": list(choices),
        "nonces": [n.to_bytes().hex() for n in nonces],
    }
    return ballot_to_dict(manifest, ballot), opening


@dataclass(frozen=True, slots=True)
class AcceptedBallot:
    """A ballot the server accepted: parsed marks, its record, hash and tracking code."""

    ballot: Ballot
    data: dict[str, Any]
    hash: str
    tracking_code: str


def first_invalid_mark(manifest: Manifest, public_key: Point, ballot: Ballot) -> int | None:
    """The position of the first person whose proof fails, or None if every proof holds.

    Verifies the whole ballot as one batch (batch.py) and, only if it fails, each mark alone.
    """
    values, base = manifest.values(), manifest.context()
    contexts = [person_context(base, pid) for pid in manifest.person_ids]
    batch = MarkBatch(public_key, values)
    if all(batch.add(m.ciphertext, m.proof, ctx) for m, ctx in zip(ballot, contexts, strict=True)):
        if batch.holds():
            return None
    for i, (mark, ctx) in enumerate(zip(ballot, contexts, strict=True)):
        if not verify_mark(public_key, mark.ciphertext, mark.proof, values, ctx):
            return i
    return None  # the batch failed but every mark verifies alone: the reference decides


def accept_ballot(
    manifest: Manifest, public_key: Point, data: dict[str, Any] | str | bytes
) -> AcceptedBallot:
    """THE server's cast path: parse strictly, check the session, verify every proof.

    `data` is the ballot as received (raw JSON text or bytes are parsed strictly: duplicated
    keys and floats are refused) or an already-parsed dict. Raises BallotRejected with a
    bilingual message naming the field or the person.
    """
    try:
        record = parse_json(data) if isinstance(data, str | bytes) else data
        ballot = read_ballot(manifest, record)
    except InvalidEncoding as exc:
        raise BallotRejected(
            f"Phiếu bị từ chối: {exc.message_vi}", f"Ballot refused: {exc.message_en}"
        ) from None
    bad = first_invalid_mark(manifest, public_key, ballot)
    if bad is not None:
        person = manifest.persons[bad]
        raise BallotRejected(
            f"Phiếu bị từ chối: chứng minh của người {person.id} ({person.name}) không hợp lệ",
            f"Ballot refused: the proof for person {person.id} ({person.name}) does not verify",
        )
    digest = ballot_hash(record)
    return AcceptedBallot(ballot, record, digest, tracking_code(digest))


def read_opening(manifest: Manifest, opening: object) -> tuple[list[int], list[Scalar]]:
    """Parse a "tinnhiem/opening/1" record: one level index and one nonce per person."""
    record = fields_of(opening, OPENING_VERSION, ("choices", "nonces"), "opening")
    n, k = len(manifest.persons), len(manifest.levels)
    choices = [
        whole(c, f"opening.choices[{i}]")
        for i, c in enumerate(items(record["choices"], "opening.choices", n))
    ]
    if any(c >= k for c in choices):
        raise InvalidEncoding(
            f"opening.choices: mức phải nhỏ hơn {k}", f"opening.choices: a level must be < {k}"
        )
    nonces = [
        scalar(r, f"opening.nonces[{i}]")
        for i, r in enumerate(items(record["nonces"], "opening.nonces", n))
    ]
    return choices, nonces


def check_opening(
    manifest: Manifest, public_key: Point, ballot_data: object, opening: object
) -> list[int]:
    """The choices of a challenged ballot, after re-encrypting every mark (section 10).

    Raises OpeningMismatch naming the first person whose Enc(v_choice; nonce) differs from the
    ballot's ciphertext, BallotFormatError or InvalidEncoding for records that do not parse.
    """
    ballot = read_ballot(manifest, ballot_data)
    choices, nonces = read_opening(manifest, opening)
    values = manifest.values()
    for person, mark, choice, nonce in zip(manifest.persons, ballot, choices, nonces, strict=True):
        if encrypt(public_key, values[choice], nonce) != mark.ciphertext:
            raise OpeningMismatch(
                person.id,
                f"Mở phiếu không khớp bản mã của người {person.id} ({person.name})",
                f"The opening does not match the ciphertext of person {person.id} ({person.name})",
            )
    return choices
