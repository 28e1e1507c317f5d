"""What the evaluation and approval pages show: the scheme's criteria beside the cadre's and the
manager's scores, the engine's grade before the quota, and a unit's list as the engine grades
it, with the populations whose cap is exceeded. Reads only."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from tinnhiem.core.errors import DomainError
from tinnhiem.core.i18n import is_english
from tinnhiem.core.pages import message_of
from tinnhiem.evaluations import access
from tinnhiem.evaluations.engine import (
    band_label,
    period_scheme,
    quota_use_dicts,
    score_line,
    unit_grading,
)
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    Unit,
    UnitApproval,
)
from tinnhiem.evaluations.products import leader_offer, task_offer
from tinnhiem.evaluations.services import FACTS_REASON, GRADABLE, REVIEWABLE, SELF_EDITABLE
from tinnhiem.grading import GradingError, Scheme, assess
from tinnhiem.grading.numbers import show


def _value(typed: Mapping[str, str] | None, name: str, stored: Any) -> str:
    if typed is not None:
        return str(typed.get(name, ""))
    return "" if stored is None else str(stored)


def _same(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    return Decimal(a) == Decimal(b)


def evaluation_context(
    user: Any,
    period: Period,
    cadre: Cadre,
    found: Evaluation | None,
    typed: Mapping[str, str] | None,
    organizing: str = "",
) -> dict[str, Any]:
    """`organizing`: a head's capacity to organise as the assessor typed it (the leader's
    figures, `leader_offer`); only recomputes the points offered, stores nothing."""
    scheme = period_scheme(period)
    status = found.status if found else "missing"
    own = found.self_scores if found else {}
    reviewed = found.reviewed_scores if found else {}
    reasons = found.reasons if found else {}
    evidence = found.evidence if found else {}
    criteria = [
        {
            "key": c.key,
            "label": (c.label_vi, c.label_en),
            "max": c.maximum,
            "is_bonus": c.is_bonus,
            "self": _value(typed, f"score_{c.key}", own.get(c.key)),
            "evidence": _value(typed, f"evidence_{c.key}", evidence.get(c.key)),
            "reviewed": _value(typed, f"rscore_{c.key}", reviewed.get(c.key, own.get(c.key))),
            "reason": _value(typed, f"reason_{c.key}", reasons.get(c.key)),
            "is_changed": bool(reviewed) and not _same(own.get(c.key), reviewed.get(c.key)),
        }
        for c in scheme.criteria
    ]
    conditions = [
        {
            "key": c.key,
            "label": (c.label_vi, c.label_en),
            "is_flag": c.at_least is None,
            "at_least": show(c.at_least) if c.at_least is not None else "",
            "self": _value(
                typed, f"cond_{c.key}", (found.self_conditions if found else {}).get(c.key)
            ),
            "reviewed": _value(
                typed,
                f"rcond_{c.key}",
                (
                    found.reviewed_conditions
                    if found and found.reviewed_conditions
                    else (found.self_conditions if found else {})
                ).get(c.key),
            ),
            "reason": _value(typed, f"reason_{c.key}", reasons.get(c.key)),
        }
        for c in scheme.conditions
    ]
    facts = [
        {
            "key": f.key,
            "label": (f.label_vi, f.label_en),
            "checked": found is not None and f.key in found.facts,
        }
        for f in (scheme.disqualifying.facts if scheme.disqualifying else ())
    ]
    body_id = period.body_id
    can_self = access.can_self_assess(user, cadre) and status in ("missing", *SELF_EDITABLE)
    offer = task_offer(cadre, period)
    leader = leader_offer(cadre, period, offer, organizing)
    # a head's offer is the leader's points, once known: their three figures alone are not
    offered = leader.points if leader is not None else offer.points if offer else None
    if offer is not None and offered is not None and can_self and typed is None:
        _prefill(criteria, offer.criterion, offered)
    return {
        "period": period,
        "body": period.body,
        "cadre": cadre,
        "evaluation": found,
        "status": status,
        "scheme": scheme,
        "criteria": criteria,
        "conditions": conditions,
        "facts": facts,
        "facts_reason": _value(typed, f"reason_{FACTS_REASON}", reasons.get(FACTS_REASON)),
        "general_evidence": _value(typed, "evidence_general", evidence.get("general")),
        "note": _value(typed, "note", found.review_note if found else ""),
        "self_preview": _preview(scheme, found, is_reviewed=False),
        "review_preview": _preview(scheme, found, is_reviewed=True),
        "grade_label": band_label(scheme, found.grade, english=is_english()) if found else "",
        "can_self": can_self,
        "offer": offer,
        "leader": leader,
        "can_review": access.can_review(user, cadre) and status in REVIEWABLE,
        "can_reopen": access.is_administrator(user, body_id)
        and status == EvaluationStatus.APPROVED,
        "is_own": access.is_own(user, cadre),
    }


def _prefill(criteria: list[dict[str, Any]], key: str, points: Decimal) -> None:
    """The task points offered fill the own score of their criterion when none is saved yet
    (still editable: the cadre enters the score, the offer only proposes it)."""
    for criterion in criteria:
        if criterion["key"] == key and not criterion["self"]:
            criterion["self"] = str(points)
            criterion["is_offered"] = True


def _preview(scheme: Scheme, found: Evaluation | None, *, is_reviewed: bool) -> dict[str, Any]:
    """The engine's total and grade before the quota, once every score is there."""
    if found is None or not (found.reviewed_scores if is_reviewed else found.self_scores):
        return {}
    try:
        result = assess(scheme, score_line(found, scheme, is_reviewed=is_reviewed))
    except GradingError:
        return {}
    english = is_english()
    return {
        "total": result.total,
        "grade": result.grade,
        "label": band_label(scheme, result.grade, english=english),
        "notes": [note.en if english else note.vi for note in result.notes],
    }


def approval_context(period: Period, unit: Unit) -> dict[str, Any]:
    scheme = period_scheme(period)
    english = is_english()
    graded = list(
        Evaluation.objects.filter(period=period, unit=unit, status__in=GRADABLE)
        .select_related("cadre__person", "cadre__unit", "period")
        .order_by("cadre__person__full_name", "pk")
    )
    done = {e.cadre_id for e in graded}
    waiting = [
        c for c in unit.cadres.filter(is_active=True).select_related("person") if c.pk not in done
    ]
    statuses = {
        e.cadre_id: e.status for e in Evaluation.objects.filter(period=period, cadre__in=waiting)
    }
    context: dict[str, Any] = {
        "period": period,
        "body": period.body,
        "unit": unit,
        "scheme": scheme,
        "waiting": [(c, statuses.get(c.pk, "missing")) for c in waiting],
        "approval": UnitApproval.objects.filter(period=period, unit=unit).first(),
        "is_approved": bool(graded) and all(e.status == EvaluationStatus.APPROVED for e in graded),
        "approved": [e for e in graded if e.status == EvaluationStatus.APPROVED],
        "grades": {b.key: band_label(scheme, b.key, english=english) for b in scheme.bands},
    }
    if waiting or not graded or context["is_approved"]:
        return context
    try:
        grading = unit_grading(scheme, graded, unit, period)
    except DomainError as exc:
        return context | {"problem": message_of(exc)}
    names = {str(e.cadre_id): e.cadre.person.full_name for e in graded}
    people = grading.result.people
    return context | {
        "grading": grading,
        "quota_use": quota_use_dicts(grading.result),
        "rows": [
            {
                "person": p,
                "reason": p.reason_en if english else p.reason_vi,
                "is_contested": p.person in grading.contested,
            }
            for p in people
        ],
        "contests": [
            {
                "contest": contest,
                "cap": show(contest.use.cap),
                "people": [
                    {
                        "key": key,
                        "name": names[key],
                        "total": grading.result.person(key).total,
                        "is_kept": key in contest.kept_by_total,
                        "is_tied": key in contest.tied,
                    }
                    for key in contest.candidates
                ],
            }
            for contest in grading.contests
        ],
    }
