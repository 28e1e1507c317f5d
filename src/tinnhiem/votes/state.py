"""What the session services share: the figures, the editable states, the row lock, the state
check and the audit snapshot (used by `services`, `candidates`, `counting` and the scans)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tinnhiem.core.errors import SessionClosed, WrongState
from tinnhiem.votes.models import SessionStatus, VoteSession

FIGURES = ("members", "summoned", "present", "issued", "collected", "invalid_ballots")
EDITABLE = (SessionStatus.DRAFT, SessionStatus.OPEN)


def locked(session: VoteSession) -> VoteSession:
    """The session's row, locked for this transaction."""
    return VoteSession.objects.select_for_update().get(pk=session.pk)


def require_status(
    session: VoteSession, allowed: Sequence[str], action_vi: str, action_en: str
) -> None:
    if session.status in allowed:
        return
    if session.status in (SessionStatus.CLOSED, SessionStatus.PUBLISHED):
        raise SessionClosed(
            f"Đợt lấy phiếu đã kết thúc kiểm phiếu: không thể {action_vi}",
            f"The session's count is closed: cannot {action_en}",
        )
    raise WrongState(
        f"Không thể {action_vi} khi đợt lấy phiếu ở trạng thái '{session.get_status_display()}'",
        f"Cannot {action_en} while the session is '{session.status}'",
    )


def snapshot(session: VoteSession) -> dict[str, Any]:
    return {"status": session.status, **{name: getattr(session, name) for name in FIGURES}}
