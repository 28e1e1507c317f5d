"""Frozen period reports (chốt số liệu).

At a cut-off date the office freezes every table of the period (`tables.period_tables`) as
canonical JSON; its SHA-256 goes into the audit log in the same transaction (so the chain, and
any anchor printed after it, vouches for it), and the standing agency signs it off. Reviews,
reports and same-period comparisons read snapshots only: the "29/34" published at the end of
2022 is reproduced from the snapshot of that day, whatever was confirmed since.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record
from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.programmes import access
from tinnhiem.programmes.models import Programme, Snapshot, SnapshotKind
from tinnhiem.programmes.tables import period_tables

LABELS = {
    SnapshotKind.MONTH: ("Tháng {m}/{y}", "Month {m}/{y}"),
    SnapshotKind.QUARTER: ("Quý {q}/{y}", "Quarter {q} {y}"),
    SnapshotKind.HALF: ("6 tháng đầu năm {y}", "First half of {y}"),
    SnapshotKind.NINE_MONTHS: ("9 tháng năm {y}", "Nine months of {y}"),
    SnapshotKind.YEAR: ("Năm {y}", "Year {y}"),
    SnapshotKind.MID_TERM: ("Sơ kết giữa nhiệm kỳ ({y})", "Mid-term review ({y})"),
    SnapshotKind.TERM: ("Tổng kết nhiệm kỳ ({y})", "End-of-term review ({y})"),
}


def period_start(programme: Programme, kind: str, cut_off: date) -> date:
    """Where the period that ends at `cut_off` begins: its month, quarter, year (the half and
    nine months count from 1 January), or the programme's term."""
    if kind == SnapshotKind.MONTH:
        return cut_off.replace(day=1)
    if kind == SnapshotKind.QUARTER:
        return date(cut_off.year, 3 * ((cut_off.month - 1) // 3) + 1, 1)
    if kind in (SnapshotKind.HALF, SnapshotKind.NINE_MONTHS, SnapshotKind.YEAR):
        return date(cut_off.year, 1, 1)
    if kind in (SnapshotKind.MID_TERM, SnapshotKind.TERM):
        first = programme.term_start or (programme.issued_on.year if programme.issued_on else None)
        return date(first, 1, 1) if first else date(cut_off.year, 1, 1)
    raise InputProblem(f"Kỳ '{kind}' không có", f"Unknown period kind '{kind}'")


def label_of(kind: str, cut_off: date) -> str:
    vi, _ = LABELS[SnapshotKind(kind)]
    return vi.format(m=cut_off.month, y=cut_off.year, q=(cut_off.month - 1) // 3 + 1)


def digest(data: dict[str, Any]) -> tuple[str, str]:
    """The canonical JSON text of the tables and its SHA-256 (hex)."""
    text = canonical_json(data).decode("utf-8")
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_freezable(programme: Programme, kind: str, cut_off: date) -> None:
    """Refuse a period that cannot be frozen: an unknown kind or a cut-off date in the future
    (InputProblem: about the input), or a period frozen already (WrongState). The freeze form
    asks this before its confirmation page; `snapshot_make` asks again under the lock."""
    if kind not in SnapshotKind.values:
        raise InputProblem(f"Kỳ '{kind}' không có", f"Unknown period kind '{kind}'")
    if cut_off > timezone.localdate():  # a snapshot records what was
        raise InputProblem(
            "Không chốt số liệu cho một ngày chưa đến", "A cut-off date cannot be in the future"
        )
    if Snapshot.objects.filter(programme=programme, kind=kind, cut_off=cut_off).exists():
        raise WrongState(
            "Kỳ này đã chốt số liệu; số liệu đã chốt không sửa được",
            "This period is frozen already; frozen figures cannot change",
        )


def snapshot_make(*, actor: Any, programme: Programme, kind: str, cut_off: date) -> Snapshot:
    """Freeze the period's tables at `cut_off`."""
    access.require(actor, programme.body_id, access.REGISTER)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        check_freezable(programme, kind, cut_off)
        start = period_start(programme, kind, cut_off)
        text, sha256 = digest(period_tables(programme, start=start, cut_off=cut_off))
        snapshot = Snapshot.objects.create(
            programme=programme,
            kind=kind,
            cut_off=cut_off,
            label=label_of(kind, cut_off),
            data=text,
            sha256=sha256,
            made_by=actor,
            made_at=timezone.now(),
        )
        event = record(
            actor=actor,
            action="snapshot.freeze",
            obj=snapshot,
            body_id=programme.body_id,
            after={"programme": programme.code, "kind": kind, "cut_off": cut_off, "sha256": sha256},
        )
        snapshot.audit_seq = event.seq
        snapshot.save(update_fields=["audit_seq"])
    return snapshot


def snapshot_sign(*, actor: Any, snapshot: Snapshot) -> Snapshot:
    """The standing agency's sign-off (once)."""
    access.require(actor, snapshot.programme.body_id, access.REGISTER)
    with transaction.atomic():
        snapshot = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
        if snapshot.signed_at is not None:
            raise WrongState("Số liệu kỳ này đã được ký duyệt", "This snapshot is signed already")
        check(snapshot)
        snapshot.signed_by = actor
        snapshot.signed_at = timezone.now()
        snapshot.save(update_fields=["signed_by", "signed_at"])
        record(
            actor=actor,
            action="snapshot.sign",
            obj=snapshot,
            body_id=snapshot.programme.body_id,
            after={"sha256": snapshot.sha256},
        )
    return snapshot


def check(snapshot: Snapshot) -> dict[str, Any]:
    """The frozen tables, read back only if they still hash to what was recorded."""
    if hashlib.sha256(snapshot.data.encode("utf-8")).hexdigest() != snapshot.sha256:
        raise WrongState(
            f"Số liệu đã chốt '{snapshot.label}' bị thay đổi (mã băm không khớp)",
            f"The frozen figures '{snapshot.label}' were altered (the hash does not match)",
        )
    data: dict[str, Any] = json.loads(snapshot.data)
    return data


def same_period_last_year(snapshot: Snapshot) -> Snapshot | None:
    """The snapshot of the same kind a year earlier (a cut-off within a week of the same day)."""
    try:
        target = snapshot.cut_off.replace(year=snapshot.cut_off.year - 1)
    except ValueError:  # 29 February
        target = snapshot.cut_off.replace(year=snapshot.cut_off.year - 1, day=28)
    return (
        Snapshot.objects.filter(
            programme=snapshot.programme,
            kind=snapshot.kind,
            cut_off__range=(target - timedelta(days=7), target + timedelta(days=7)),
        )
        .order_by("cut_off")
        .first()
    )
