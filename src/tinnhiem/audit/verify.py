"""The verifier: walks the chain and names the first row that does not hold."""

from __future__ import annotations

from dataclasses import dataclass

from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.services import GENESIS, event_hash, hashed_fields


@dataclass(frozen=True)
class Finding:
    seq: int
    problem: str  # "edited", "deleted", "out_of_order"
    message_vi: str
    message_en: str


def verify_chain() -> tuple[int, Finding | None]:
    """(rows checked, first finding or None)."""
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq or event.prev_hash != prev_hash:
            return checked, _chain_break(event, expected_seq, prev_hash)
        if event_hash(hashed_fields(event)) != event.hash:
            return checked, Finding(
                event.seq,
                "edited",
                f"Dòng nhật ký #{event.seq} đã bị sửa (mã băm không khớp nội dung)",
                f"Audit row #{event.seq} was edited (its hash does not match its content)",
            )
        expected_seq, prev_hash, checked = event.seq + 1, event.hash, checked + 1
    return checked, None


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
