"""The quota decision of a quarter's or a year's approval: when the engine's result exceeds a
cap (or leaves a tie at it), the approver names exactly who keeps the top grade; the rule
(higher totals first) is checked, so that a stale or careless decision never changes a grade
quietly. Shared by the quarterly, annual and body-wide gradings; the monthly one is in
`engine.decide`. Also the admin's reopen of an approval, which is the same for quarters and
years."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, TypeVar

from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evaluations import access
from tinnhiem.evaluations.engine import QuotaDecisionNeeded, quota_contests
from tinnhiem.evaluations.models import QuotaOutcome
from tinnhiem.grading import Graded, GradingResult, QuotaStatus, Scheme

T = TypeVar("T")


class GradesApproved(WrongState):
    """The quarter's or year's grades are approved: read-only until an administrator reopens."""


def decided(
    scheme: Scheme,
    grade: Callable[[Collection[str]], T],
    result_of: Callable[[T], GradingResult],
    keep: Collection[int | str] | None,
    *,
    what: tuple[str, str],
) -> T:
    """`grade(decisions)` with the approver's decision where a cap is exceeded. `keep` (cadre
    ids) must name exactly those who keep the top grade; None while no decision was taken."""
    first = grade(())
    result = result_of(first)
    contests = quota_contests(scheme, result)
    contested = {key for contest in contests for key in contest.candidates}
    names = {p.person: p.name for p in result.people}
    if not contests:
        if keep:
            raise InputProblem(
                "Không có hạn mức nào bị vượt: không cần quyết định giữ loại",
                "No quota is exceeded: no decision on who keeps the grade is needed",
            )
        return first
    if keep is None:
        listed = ", ".join(names[key] for key in sorted(contested, key=names.__getitem__))
        raise QuotaDecisionNeeded(
            f"Vượt hạn mức xếp loại {what[0]} ({listed}): cần quyết định rõ ai giữ loại cao nhất",
            f"The {what[1]} quota is exceeded ({listed}): decide who keeps the top grade",
        )
    chosen = {str(key) for key in keep}
    if chosen - contested:
        raise InputProblem(
            "Người được chọn không thuộc diện xét hạn mức",
            "Someone chosen is not among those the quota decides",
        )
    tied = {key for contest in contests for key in contest.tied}
    final = grade(sorted(chosen & tied))
    kept = {
        p.person
        for p in result_of(final).people
        if p.person in contested and p.grade == p.grade_before_quota
    }
    if kept != chosen:
        shown = ", ".join(sorted(names[key] for key in kept)) or "—"
        raise InputProblem(
            "Quyết định chưa đúng quy tắc hạn mức (giữ người điểm cao hơn trước): "
            f"theo điểm, giữ loại: {shown}",
            "The decision does not fit the quota rule (higher averages keep the grade first): "
            f"by the averages, the grade is kept by: {shown}",
        )
    return final


def outcome_of(person: Graded, keep: Collection[int | str] | None) -> str:
    """How the quota step left the person, as stored: a decision, the rule, or untouched."""
    chosen = {str(key) for key in keep or ()}
    if keep is not None and person.grade_before_quota != person.grade:
        return QuotaOutcome.DEMOTED_BY_DECISION
    if person.person in chosen:
        return QuotaOutcome.KEPT_BY_DECISION
    if person.quota is QuotaStatus.DEMOTED:
        return QuotaOutcome.DEMOTED
    return QuotaOutcome.OK


def require_reopen(actor: Any, body_id: int, reason: str) -> str:
    """Only an administrator reopens approved grades, and always with a reason."""
    access.require(
        access.is_administrator(actor, body_id),
        "Chỉ quản trị mở lại kết quả đã phê duyệt",
        "Only an administrator reopens approved grades",
    )
    if not reason.strip():
        raise InputProblem("Cần ghi lý do mở lại", "A reason for reopening is required")
    return reason.strip()


def names_kept(saved: Collection[Any]) -> list[str]:
    return sorted(
        g.cadre.person.full_name for g in saved if g.quota_outcome == QuotaOutcome.KEPT_BY_DECISION
    )
