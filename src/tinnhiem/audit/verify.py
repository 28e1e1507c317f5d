"""The verifier: walks the chain and names the first row that does not hold, then checks the
anchors (a row's seq and hash written down outside the database) against it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tinnhiem.audit import keys
from tinnhiem.audit.chain import GENESIS, VERSION, expected_hash
from tinnhiem.audit.models import AuditEvent

_ANCHOR = re.compile(r"#?(\d{1,18}):([0-9a-fA-F]{64})")


@dataclass(frozen=True)
class Finding:
    seq: int
    # "edited", "deleted", "out_of_order", "time_backwards", "downgraded", "unknown_key",
    # "key_reused", "anchor_missing", "anchor_mismatch"
    problem: str
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class Anchor:
    """A row's seq and hash, printed in minutes and on published results."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """SEQ:HASH (64 hex digits); ValueError otherwise."""
        found = _ANCHOR.fullmatch(text.strip())
        if found is None:
            raise ValueError(text)
        return cls(int(found.group(1)), found.group(2).lower())

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


def anchor_of(*, action: str, obj: Any) -> Anchor | None:
    """The last row that recorded `action` on `obj`: the head of the log when it was written
    (the service writes it last, in its transaction, under the appenders' lock)."""
    event = (
        AuditEvent.objects.filter(
            action=action, object_type=type(obj).__name__, object_id=str(obj.pk)
        )
        .order_by("-seq")
        .only("seq", "hash")
        .first()
    )
    return Anchor(event.seq, event.hash) if event is not None else None


@dataclass
class _Walk:
    expected_seq: int = 1
    prev: AuditEvent | None = None
    checked: int = 0
    left_keys: frozenset[str] = frozenset()  # keys the chain has moved on from


def verify_chain(*, anchors: Sequence[Anchor] = ()) -> tuple[int, Finding | None]:
    """(rows checked, first finding or None). Without a key there is no verifying at all
    (AuditKeyProblem): a keyless walk would pass rows that anyone with the database can forge."""
    known = keys.verifying_keys()
    if not known and AuditEvent.objects.exists():
        raise keys.AuditKeyProblem(
            "Máy này không có khoá nhật ký nên không kiểm tra được nhật ký: đặt TINNHIEM_AUDIT_KEY "
            "(hoặc TINNHIEM_HOME có tệp audit_key) như máy chủ đã ghi",
            "This process has no audit key, so the audit log cannot be verified: set "
            "TINNHIEM_AUDIT_KEY (or the TINNHIEM_HOME that holds audit_key) as the server that "
            "wrote it has",
        )
    pending = {anchor.seq: anchor for anchor in anchors}
    walk = _Walk()
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        finding = _check(event, walk, known) or _check_anchor(event, pending.pop(event.seq, None))
        if finding is not None:
            return walk.checked, finding
        if walk.prev is not None and walk.prev.key_id != event.key_id:
            walk.left_keys |= {walk.prev.key_id}
        walk.expected_seq, walk.prev, walk.checked = event.seq + 1, event, walk.checked + 1
    for anchor in sorted(pending.values(), key=lambda a: a.seq):
        return walk.checked, Finding(
            anchor.seq,
            "anchor_missing",
            f"Mốc {anchor} không có trong nhật ký (dòng cuối là #{walk.expected_seq - 1}): "
            "các dòng cuối đã bị xoá",
            f"Anchor {anchor} is not in the log (the last row is #{walk.expected_seq - 1}): "
            "the last rows were deleted",
        )
    return walk.checked, None


def _check(event: AuditEvent, walk: _Walk, known: dict[str, keys.AuditKey]) -> Finding | None:
    prev_hash = walk.prev.hash if walk.prev is not None else GENESIS
    if event.seq != walk.expected_seq or event.prev_hash != prev_hash:
        return _chain_break(event, walk.expected_seq, prev_hash)
    if walk.prev is not None and event.version < walk.prev.version:
        return _finding(
            event,
            "downgraded",
            "không có khoá (phiên bản cũ) nhưng lại đứng sau dòng có khoá",
            "is keyless (an older version) yet follows a keyed row",
        )
    if event.version >= 2 and event.version == VERSION and event.key_id not in known:
        return _finding(
            event,
            "unknown_key",
            f"được ký bằng khoá {event.key_id} mà máy này không có (TINNHIEM_AUDIT_KEY, "
            "TINNHIEM_AUDIT_RETIRED_KEYS)",
            f"is keyed with key {event.key_id}, which this process does not have "
            "(TINNHIEM_AUDIT_KEY, TINNHIEM_AUDIT_RETIRED_KEYS)",
        )
    if expected_hash(event, known) != event.hash:
        return _finding(
            event,
            "edited",
            "đã bị sửa hoặc giả mạo (mã băm không khớp nội dung)",
            "was edited or forged (its hash does not match its content)",
        )
    if event.version >= 2 and event.key_id in walk.left_keys:
        return _finding(
            event,
            "key_reused",
            f"dùng lại khoá {event.key_id} đã được thay trước đó",
            f"uses key {event.key_id} again after it was replaced",
        )
    if event.version >= 2 and walk.prev is not None and event.at < walk.prev.at:
        return _finding(
            event,
            "time_backwards",
            f"có thời điểm trước dòng #{walk.prev.seq}",
            f"is dated before row #{walk.prev.seq}",
        )
    return None


def _check_anchor(event: AuditEvent, anchor: Anchor | None) -> Finding | None:
    if anchor is None or event.hash.lower() == anchor.hash:
        return None
    return Finding(
        event.seq,
        "anchor_mismatch",
        f"Dòng nhật ký #{event.seq} không khớp mốc {anchor}: các dòng từ đó đã bị viết lại",
        f"Audit row #{event.seq} does not match anchor {anchor}: the rows from there on were "
        "rewritten",
    )


def _finding(event: AuditEvent, problem: str, vi: str, en: str) -> Finding:
    return Finding(
        event.seq, problem, f"Dòng nhật ký #{event.seq} {vi}", f"Audit row #{event.seq} {en}"
    )


def _chain_break(event: AuditEvent, expected_seq: int, prev_hash: str) -> Finding:
    if event.seq > expected_seq and event.prev_hash != prev_hash:
        return Finding(
            expected_seq,
            "deleted",
            f"Dòng nhật ký #{expected_seq} đã bị xoá (dòng tiếp theo là #{event.seq})",
            f"Audit row #{expected_seq} was deleted (the next row is #{event.seq})",
        )
    return Finding(
        event.seq,
        "out_of_order",
        f"Dòng nhật ký #{event.seq} được chèn sai thứ tự (không nối tiếp dòng trước)",
        f"Audit row #{event.seq} was inserted out of order (it does not follow the previous row)",
    )
