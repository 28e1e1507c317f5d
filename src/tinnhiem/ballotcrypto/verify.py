"""The independent verifier of an election record (docs/crypto.md, 11.5).

`verify_record` checks everything, in the order of `STEPS`, and raises RecordInvalid naming the
step at the first failure: the format version; the hash chain and its head; the order of the
entry kinds; the manifest and its rule profile; the key ceremony (every dealer's proof, the joint
key and the verification keys recomputed); every cast ballot (session, proofs, hash order, no
duplicate); every challenged ballot's opening; the close counts; the tally recomputed from the
ballots; every partial decryption proved against the recomputed verification keys, at least t
trustees; the counts decrypted and equal to the result's; the result recomputed under the rule
profile. It trusts nothing in the record that it can recompute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tinnhiem.ballotcrypto.canonical import canonical_json, refuse_floats
from tinnhiem.ballotcrypto.decryption import DecryptionShare, combine, verify_partial
from tinnhiem.ballotcrypto.election import (
    RECORD_VERSION,
    Manifest,
    ballot_hash_of_json,
    check_opening,
    tracking_code,
)
from tinnhiem.ballotcrypto.election_record import (
    GENESIS,
    KINDS,
    Close,
    compute_result,
    entry_hash,
    first_difference,
    manifest_profile,
    tally_context,
)
from tinnhiem.ballotcrypto.elgamal import dlog
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.tally import (
    TallyShare,
    counts_from_total,
    total_bound,
)
from tinnhiem.ballotcrypto.trustees import CEREMONY_LABEL
from tinnhiem.ballotcrypto.verify_ballots import Job, check_ballots
from tinnhiem.ballotcrypto.wire import (
    CeremonyRecord,
    canonical_hex,
    encrypted_tally_from_dict,
    tally_share_from_dict,
)
from tinnhiem.rules import RuleError

STEPS: tuple[tuple[str, str, str], ...] = (
    ("version", "Phiên bản định dạng hồ sơ", "Record format version"),
    ("chain", "Chuỗi băm và mã đầu chuỗi", "Hash chain and head"),
    ("order", "Thứ tự các mục", "Order of the entries"),
    ("manifest", "Thông tin phiên và bộ quy tắc", "Manifest and rule profile"),
    ("ceremony", "Lễ tạo khóa (chứng minh, khóa chung, khóa kiểm tra)", "Key ceremony"),
    ("ballots", "Phiếu đã bỏ (chứng minh, thứ tự, không trùng)", "Cast ballots"),
    ("spoiled", "Phiếu bị kiểm tra (mở phiếu)", "Challenged ballots' openings"),
    ("close", "Số liệu khi đóng phiên", "Close counts"),
    ("tally", "Tổng mã hóa tính lại từ các phiếu", "Encrypted tally recomputed"),
    ("decryption", "Phần giải mã của tổ kiểm phiếu", "Trustees' partial decryptions"),
    ("counts", "Số phiếu giải mã", "Decrypted counts"),
    ("result", "Kết quả theo bộ quy tắc", "Result under the rule profile"),
)
_ORDER = re.compile(r"MCB*S*XTD+R")
_LETTER = dict(zip(KINDS, "MCBSXTDR", strict=True))


class RecordInvalid(CryptoError):
    """The first check of `verify_record` that fails; `step` is one of the keys of STEPS."""

    def __init__(self, step: str, message_vi: str, message_en: str) -> None:
        self.step = step
        super().__init__(message_vi, message_en)


@dataclass(frozen=True)
class VerifiedRecord:
    """What a valid record establishes."""

    manifest: Manifest
    head: str
    ballots: int
    spoiled: int
    trustees: tuple[int, ...]
    counts: list[list[int]]
    result: dict[str, Any]
    steps: tuple[str, ...]


def verify_record(data: object, jobs: int = 1) -> VerifiedRecord:
    """Check a parsed record (see the module docstring); RecordInvalid at the first failure.

    `jobs` > 1 checks the ballots' proofs in that many processes; the outcome is the same.
    """
    verifier = _Verifier(data, jobs)
    for step, _, _ in STEPS:
        try:
            getattr(verifier, f"_{step}")()
        except RecordInvalid:
            raise
        except (CryptoError, RuleError) as exc:
            raise RecordInvalid(step, exc.message_vi, exc.message_en) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise RecordInvalid(
                step, f"Dữ liệu sai dạng: {exc}", f"Malformed data: {exc}"
            ) from None
    return verifier.verified()


def _fail(step: str, vi: str, en: str) -> RecordInvalid:
    return RecordInvalid(step, vi, en)


def _body_fields(body: object, names: set[str], step: str, where: str) -> dict[str, Any]:
    if not isinstance(body, dict) or set(body) != names:
        raise _fail(
            step,
            f"{where}: cần đúng các trường {sorted(names)}",
            f"{where}: exactly the fields {sorted(names)} are needed",
        )
    return body


class _Verifier:
    def __init__(self, data: object, jobs: int = 1) -> None:
        self.data = data
        self.jobs = jobs
        self.entries: list[dict[str, Any]] = []
        self.head = ""

    def _of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.entries if e["kind"] == kind]

    def _indexed(self, kind: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, e) for i, e in enumerate(self.entries) if e["kind"] == kind]

    # 1 -- 3: format, chain, order -------------------------------------------------------------

    def _version(self) -> None:
        data = self.data
        if not isinstance(data, dict) or data.get("v") != RECORD_VERSION:
            version = data.get("v") if isinstance(data, dict) else None
            raise _fail(
                "version",
                f"Không phải hồ sơ {RECORD_VERSION} (v = {version!r})",
                f"Not a {RECORD_VERSION} record (v = {version!r})",
            )
        if set(data) != {"v", "entries", "head"} or not isinstance(data["entries"], list):
            raise _fail(
                "version", "Hồ sơ cần đúng v, entries, head", "A record needs v, entries, head"
            )
        for i, entry in enumerate(data["entries"]):
            if not isinstance(entry, dict) or set(entry) != {"kind", "body", "prev", "hash"}:
                raise _fail(
                    "version",
                    f"Mục {i}: cần đúng kind, body, prev, hash",
                    f"Entry {i}: exactly kind, body, prev, hash are needed",
                )
            if entry["kind"] not in KINDS or not isinstance(entry["body"], dict):
                raise _fail(
                    "version",
                    f"Mục {i}: loại {entry['kind']!r} không biết hoặc nội dung không phải đối tượng",
                    f"Entry {i}: unknown kind {entry['kind']!r} or a body that is not an object",
                )
            canonical_hex(entry["prev"], f"entries[{i}].prev")
            canonical_hex(entry["hash"], f"entries[{i}].hash")
        canonical_hex(data["head"], "head")
        refuse_floats(data)
        self.entries = data["entries"]
        self.head = data["head"]

    def _body_json(self, i: int, entry: dict[str, Any]) -> bytes:
        """Canonical JSON of an entry's body; a cast ballot's own JSON is kept for its hash."""
        body = entry["body"]
        if (
            entry["kind"] == "ballot"
            and set(body) == {"ballot", "hash", "tracking_code"}
            and isinstance(body["hash"], str)
            and isinstance(body["tracking_code"], str)
        ):
            ballot = self.ballot_json[i] = canonical_json(body["ballot"], floats_checked=True)
            return b"".join(
                (
                    b'{"ballot":',
                    ballot,
                    b',"hash":',
                    canonical_json(body["hash"], floats_checked=True),
                    b',"tracking_code":',
                    canonical_json(body["tracking_code"], floats_checked=True),
                    b"}",
                )
            )
        return canonical_json(body, floats_checked=True)

    def _chain(self) -> None:
        prev = GENESIS
        self.ballot_json: dict[int, bytes] = {}
        for i, entry in enumerate(self.entries):
            if entry["prev"] != prev.hex():
                raise _fail(
                    "chain",
                    f"Mục {i} ({entry['kind']}): prev không phải mã băm của mục trước",
                    f"Entry {i} ({entry['kind']}): prev is not the previous entry's hash",
                )
            prev = entry_hash(prev, entry["kind"], self._body_json(i, entry))
            if entry["hash"] != prev.hex():
                raise _fail(
                    "chain",
                    f"Mục {i} ({entry['kind']}): mã băm không khớp nội dung (đã bị sửa?)",
                    f"Entry {i} ({entry['kind']}): the hash does not match the content (altered?)",
                )
        if self.head != prev.hex():
            raise _fail(
                "chain",
                "Mã đầu chuỗi (head) không phải mã băm của mục cuối",
                "The head is not the hash of the last entry",
            )

    def _order(self) -> None:
        kinds = "".join(_LETTER[e["kind"]] for e in self.entries)
        if not _ORDER.fullmatch(kinds):
            raise _fail(
                "order",
                "Thứ tự mục phải là: manifest, ceremony, ballot…, spoiled…, close, tally, "
                f"decryption…, result (có: {kinds})",
                "Entries must be: manifest, ceremony, ballot…, spoiled…, close, tally, "
                f"decryption…, result (found: {kinds})",
            )

    # 4 -- 5: manifest and ceremony ------------------------------------------------------------

    def _manifest(self) -> None:
        self.manifest = Manifest.from_dict(self.entries[0]["body"])
        manifest_profile(self.manifest)
        self.values = self.manifest.values()

    def _ceremony(self) -> None:
        m = self.manifest
        published = CeremonyRecord.from_dict(self.entries[1]["body"])
        if (published.params.trustees, published.params.threshold) != (m.trustees, m.threshold):
            raise _fail(
                "ceremony",
                "Số thành viên hoặc ngưỡng của lễ tạo khóa khác thông tin phiên",
                "The ceremony's trustees or threshold differ from the manifest",
            )
        indices = [c.index for c in published.commitments]
        if indices != list(range(1, m.trustees + 1)):
            raise _fail(
                "ceremony",
                f"Cam kết phải của thành viên 1 … {m.trustees}, theo thứ tự (có {indices})",
                f"Commitments must be from trustees 1 … {m.trustees} in order (found {indices})",
            )
        recomputed = CeremonyRecord.compute(
            published.commitments, published.params, m.context(CEREMONY_LABEL)
        )
        if recomputed.public_key != published.public_key:
            raise _fail(
                "ceremony",
                "Khóa công khai chung không bằng tích các cam kết",
                "The joint public key is not the product of the commitments",
            )
        for j, (mine, theirs) in enumerate(
            zip(recomputed.verification_keys, published.verification_keys, strict=True), start=1
        ):
            if mine != theirs:
                raise _fail(
                    "ceremony",
                    f"Khóa kiểm tra của thành viên {j} không khớp các cam kết",
                    f"The verification key of trustee {j} does not match the commitments",
                )
        self.ceremony = recomputed
        self.public_key = recomputed.public_key

    # 6 -- 8: ballots, spoiled ballots, close --------------------------------------------------

    def _ballot_body(self, i: int, names: set[str], step: str, where: tuple[str, str]) -> str:
        """The ballot's hash, recomputed; its stated hash and tracking code must match."""
        fields = _body_fields(self.entries[i]["body"], names, step, where[1])
        ballot_json = self.ballot_json.get(i)
        if ballot_json is None:
            ballot_json = canonical_json(fields["ballot"], floats_checked=True)
        digest = ballot_hash_of_json(ballot_json)
        if fields["hash"] != digest or fields["tracking_code"] != tracking_code(digest):
            raise _fail(
                step,
                f"{where[0]}: mã băm hoặc mã theo dõi không khớp phiếu",
                f"{where[1]}: the hash or tracking code does not match the ballot",
            )
        return digest

    def _ballots(self) -> None:
        """Hashes and their order here, in ballot order; the proofs in `verify_ballots`.

        A hash or order failure is held until the proofs of the ballots before it are checked:
        a bad proof on an earlier ballot is the first failure, as it would be one at a time.
        """
        previous = ""
        self.cast_hashes: set[str] = set()
        jobs: list[Job] = []
        held: Exception | None = None
        for b, (i, entry) in enumerate(self._indexed("ballot")):
            try:
                digest = self._cast_hash(b, i, previous)
            except (CryptoError, ValueError, TypeError, KeyError) as exc:
                held = exc
                break
            previous = digest
            self.cast_hashes.add(digest)
            where = (
                f"Phiếu {b} ({tracking_code(digest)})",
                f"Ballot {b} ({tracking_code(digest)})",
            )
            jobs.append(Job(b, entry["body"]["ballot"], where))
        totals, failure = check_ballots(self.manifest, self.public_key, jobs, self.jobs)
        if failure is not None:
            raise _fail("ballots", failure.message_vi, failure.message_en)
        if held is not None:
            raise held
        self.totals = totals
        self.ballot_count = len(self.cast_hashes)

    def _cast_hash(self, b: int, i: int, previous: str) -> str:
        names = {"ballot", "hash", "tracking_code"}
        digest = self._ballot_body(i, names, "ballots", (f"Phiếu {b}", f"Ballot {b}"))
        if digest <= previous:
            code = tracking_code(digest)
            raise _fail(
                "ballots",
                f"Phiếu {b} ({code}): không theo thứ tự mã băm, hoặc trùng phiếu trước",
                f"Ballot {b} ({code}): out of hash order, or a duplicate of the previous one",
            )
        return digest

    def _spoiled(self) -> None:
        previous = ""
        spoiled = self._indexed("spoiled")
        for s, (i, entry) in enumerate(spoiled):
            where, where_en = f"Phiếu kiểm tra {s}", f"Challenged ballot {s}"
            names = {"ballot", "hash", "tracking_code", "opening"}
            digest = self._ballot_body(i, names, "spoiled", (where, where_en))
            if digest <= previous or digest in self.cast_hashes:
                raise _fail(
                    "spoiled",
                    f"{where}: không theo thứ tự mã băm, trùng, hoặc cũng là phiếu đã bỏ",
                    f"{where_en}: out of hash order, a duplicate, or also a cast ballot",
                )
            previous = digest
            try:
                check_opening(
                    self.manifest,
                    self.public_key,
                    entry["body"]["ballot"],
                    entry["body"]["opening"],
                )
            except CryptoError as exc:
                raise _fail(
                    "spoiled", f"{where}: {exc.message_vi}", f"{where_en}: {exc.message_en}"
                ) from None
        self.spoiled_count = len(spoiled)

    def _close(self) -> None:
        close = Close.from_dict(self._of("close")[0]["body"])
        for what in close.problems(self.manifest, self.ballot_count, self.spoiled_count):
            raise _fail(
                "close", f"Số liệu đóng phiên sai: {what}", f"Inconsistent close counts: {what}"
            )
        self.close = close

    # 9 -- 12: tally, decryption, counts, result -----------------------------------------------

    def _tally(self) -> None:
        close_entry = self._of("close")[0]
        body = _body_fields(self._of("tally")[0]["body"], {"board", "tally"}, "tally", "tally")
        if body["board"] != close_entry["hash"]:
            raise _fail(
                "tally",
                "Tổng không gắn với mã băm của bảng khi đóng phiên",
                "The tally is not bound to the board's hash at close",
            )
        encrypted = encrypted_tally_from_dict(body["tally"], len(self.manifest.persons))
        if encrypted.ballots != self.ballot_count:
            raise _fail(
                "tally",
                f"Tổng ghi {encrypted.ballots} phiếu, trên bảng có {self.ballot_count}",
                f"The tally states {encrypted.ballots} ballots, the board has {self.ballot_count}",
            )
        for person, mine, theirs in zip(
            self.manifest.persons, self.totals, encrypted.totals, strict=True
        ):
            if mine != theirs:
                raise _fail(
                    "tally",
                    f"Tổng mã hóa của người {person.id} không bằng tích các phiếu",
                    f"The encrypted total of person {person.id} is not the product of the ballots",
                )
        self.context = tally_context(self.manifest, close_entry["hash"])

    def _decryption(self) -> None:
        m = self.manifest
        keys = self.ceremony.verification_key_map()
        shares: list[TallyShare] = []
        for entry in self._of("decryption"):
            share = tally_share_from_dict(entry["body"], len(m.persons), "decryption")
            if share.trustee not in keys or (shares and share.trustee <= shares[-1].trustee):
                raise _fail(
                    "decryption",
                    f"Thành viên {share.trustee}: chỉ số lạ, trùng hoặc sai thứ tự",
                    f"Trustee {share.trustee}: unknown, duplicated or out of order",
                )
            for person, part, total in zip(m.persons, share.shares, self.totals, strict=True):
                if not verify_partial(part, keys[share.trustee], total, self.context):
                    raise _fail(
                        "decryption",
                        f"Chứng minh giải mã của thành viên {share.trustee} cho người {person.id} sai",
                        f"Trustee {share.trustee}'s decryption proof for person {person.id} fails",
                    )
            shares.append(share)
        if len(shares) < m.threshold:
            raise _fail(
                "decryption",
                f"Cần ít nhất {m.threshold} thành viên giải mã, chỉ có {len(shares)}",
                f"At least {m.threshold} trustees must decrypt, only {len(shares)} did",
            )
        self.shares = shares

    def _counts(self) -> None:
        m = self.manifest
        bound = total_bound(self.ballot_count, self.values)
        result = self._of("result")[0]["body"]
        listed = result.get("persons")
        if not isinstance(listed, list) or len(listed) != len(m.persons):
            raise _fail(
                "counts",
                "Kết quả cần một dòng cho mỗi người",
                "The result needs one line per person",
            )
        keys = manifest_profile(m).level_keys
        self.counts: list[list[int]] = []
        for p, person in enumerate(m.persons):
            parts: dict[int, DecryptionShare] = {s.trustee: s.shares[p] for s in self.shares}
            point = self.totals[p].beta / combine({i: d.share for i, d in parts.items()})
            counts = counts_from_total(dlog(point, bound), self.ballot_count, self.values)
            stated = listed[p].get("electronic") if isinstance(listed[p], dict) else None
            if stated != dict(zip(keys, counts, strict=True)):
                raise _fail(
                    "counts",
                    f"Số phiếu điện tử của người {person.id} trong kết quả khác số giải mã {counts}",
                    f"The electronic counts of person {person.id} differ from the decrypted {counts}",
                )
            self.counts.append(counts)

    def _result(self) -> None:
        stated = self._of("result")[0]["body"]
        expected = compute_result(self.manifest, self.counts, self.close)
        if stated != expected:
            where = first_difference(stated, expected)
            raise _fail(
                "result",
                f"Kết quả khác kết quả tính lại theo bộ quy tắc, tại {where}",
                f"The result differs from the one recomputed under the rule profile, at {where}",
            )
        self.result = expected

    def verified(self) -> VerifiedRecord:
        return VerifiedRecord(
            manifest=self.manifest,
            head=self.head,
            ballots=self.ballot_count,
            spoiled=self.spoiled_count,
            trustees=tuple(s.trustee for s in self.shares),
            counts=self.counts,
            result=self.result,
            steps=tuple(step for step, _, _ in STEPS),
        )


__all__: Sequence[str] = ("STEPS", "RecordInvalid", "VerifiedRecord", "verify_record")
