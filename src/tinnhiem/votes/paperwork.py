"""What the minutes and the results report print beside the counts: their numbers and symbols,
the count's start and end, the copies of the minutes and the recipients ("Nơi nhận").

The count's start and end are recorded by `counting_start` and `count_close` when blank; the
office may correct them, and give the numbers when the papers are signed, in any state of the
session: they change what is printed, never what was counted.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.state import locked

PAPERWORK = (
    "minutes_number",
    "report_number",
    "count_started_at",
    "count_ended_at",
    "copies",
    "recipients",
)
NUMBER_LENGTH = 40
MOST_COPIES = 99


def session_paperwork_set(*, actor: Any, session: VoteSession, **changes: Any) -> VoteSession:
    """Set the given ones of the documents' numbers (`minutes_number`, `report_number`), the
    count's start and end (`count_started_at`, `count_ended_at`), the copies and the
    recipients; the others keep what the session holds."""
    permissions.require(actor, session.body_id, permissions.PUBLISH)
    unknown = set(changes) - set(PAPERWORK)
    if unknown:
        raise InputProblem(
            f"Không có trường {sorted(unknown)}", f"Unknown fields {sorted(unknown)}"
        )
    if not changes:
        return session
    for name in ("minutes_number", "report_number"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    if "recipients" in changes:
        lines = (changes["recipients"] or "").strip().splitlines()
        changes["recipients"] = "\n".join(line.strip() for line in lines)
    with transaction.atomic():
        session = locked(session)
        before = paperwork_of(session)
        _check(before | changes)
        for name, value in changes.items():
            setattr(session, name, value)
        session.save(update_fields=list(PAPERWORK))
        record(
            actor=actor,
            action="session.paperwork_set",
            obj=session,
            body_id=session.body_id,
            before=before,
            after=paperwork_of(session),
        )
    return session


def paperwork_of(session: VoteSession) -> dict[str, Any]:
    return {name: getattr(session, name) for name in PAPERWORK}


def _check(values: dict[str, Any]) -> None:
    for name, vi, en in (
        ("minutes_number", "Số biên bản", "The minutes' number"),
        ("report_number", "Số báo cáo", "The report's number"),
    ):
        if len(values[name]) > NUMBER_LENGTH:
            raise InputProblem(
                f"{vi} dài quá {NUMBER_LENGTH} ký tự", f"{en} is over {NUMBER_LENGTH} characters"
            )
    copies = values["copies"]
    if copies is not None and not 1 <= copies <= MOST_COPIES:
        raise InputProblem(
            f"Số bản biên bản phải từ 1 đến {MOST_COPIES}",
            f"The copies of the minutes are between 1 and {MOST_COPIES}",
        )
    start, end = values["count_started_at"], values["count_ended_at"]
    if start is not None and end is not None and end < start:
        raise InputProblem(
            "Giờ kết thúc kiểm phiếu trước giờ bắt đầu",
            "The count ends before it starts",
        )


def mark_count_started(session: VoteSession) -> None:
    """The count's start, now, unless the office gave it (saved by the caller's transaction)."""
    if session.count_started_at is None:
        session.count_started_at = timezone.now()
        session.save(update_fields=["count_started_at"])


def mark_count_ended(session: VoteSession) -> None:
    """The count's end, now, unless the office gave it; saved with the closed session."""
    if session.count_ended_at is None:
        session.count_ended_at = timezone.now()
