"""The monthly evaluation workflow: the cadre's self-assessment and submission, the direct
manager's review, the unit head's approval of the unit's list (graded by the engine with its
quotas), and the administrator's reopen.

draft → submitted → reviewed → approved. Approved evaluations are read-only; the only way back
is `evaluation_reopen`, by an administrator, with a reason, audit-logged; the unit's list is then
approved again. Every service takes the acting user, checks who they are, locks the rows it
changes, runs in one transaction and writes its audit row in that transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record
from tinnhiem.core.attachments import check_attachment
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evaluations import access
from tinnhiem.evaluations.engine import (
    UnitGrading,
    check_complete,
    decide,
    parse_conditions,
    parse_facts,
    parse_scores,
    period_scheme,
    quota_use_dicts,
    unit_grading,
)
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    QuotaOutcome,
    Unit,
    UnitApproval,
)
from tinnhiem.grading import Graded, GradingResult, QuotaStatus, Scheme
from tinnhiem.grading.numbers import parse_share

SELF_EDITABLE = (EvaluationStatus.DRAFT, EvaluationStatus.REOPENED)
REVIEWABLE = (EvaluationStatus.SUBMITTED, EvaluationStatus.REVIEWED, EvaluationStatus.REOPENED)
GRADABLE = (EvaluationStatus.REVIEWED, EvaluationStatus.APPROVED)
FACTS_REASON = "facts"


class DeadlinePassed(WrongState):
    """The month's self-assessment deadline has passed and late submissions are not allowed."""


class EvaluationApproved(WrongState):
    """The evaluation is approved: read-only until an administrator reopens it."""


def today() -> date:
    return timezone.localdate()


def _locked(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update()
        .select_related("cadre__person", "cadre__unit", "period")
        .get(pk=evaluation.pk)
    )


def _require_status(
    evaluation: Evaluation, allowed: Sequence[str], action_vi: str, action_en: str
) -> None:
    if evaluation.status in allowed:
        return
    if evaluation.status == EvaluationStatus.APPROVED:
        raise EvaluationApproved(
            f"Phiếu đánh giá đã được phê duyệt: không thể {action_vi} (chỉ quản trị mở lại, "
            "có ghi lý do)",
            f"The evaluation is approved: cannot {action_en} (only an administrator reopens it, "
            "with a reason)",
        )
    raise WrongState(
        f"Không thể {action_vi} khi phiếu đánh giá ở trạng thái "
        f"'{evaluation.get_status_display()}'",
        f"Cannot {action_en} while the evaluation is '{evaluation.status}'",
    )


def _is_late(evaluation: Evaluation, period: Period) -> bool:
    """Past the deadline: refused, or accepted and flagged when the month allows late ones. A
    correction after a reopen is not late."""
    if evaluation.status == EvaluationStatus.REOPENED:
        return evaluation.is_late
    if today() <= period.deadline:
        return False
    if not period.is_late_allowed:
        raise DeadlinePassed(
            f"Đã quá hạn tự đánh giá tháng {period} ({period.deadline:%d/%m/%Y})",
            f"The self-assessment deadline of {period} has passed ({period.deadline.isoformat()})",
        )
    return True


def _snapshot(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "status": evaluation.status,
        "self_scores": evaluation.self_scores,
        "reviewed_scores": evaluation.reviewed_scores,
        "grade": evaluation.grade,
        "is_late": evaluation.is_late,
    }


def _record(actor: Any, action: str, evaluation: Evaluation, **extra: Any) -> None:
    before = extra.pop("before", None)
    record(
        actor=actor,
        action=action,
        obj=evaluation,
        body_id=evaluation.period.body_id,
        before=before,
        after=_snapshot(evaluation)
        | {"person": evaluation.cadre.person.full_name, "month": str(evaluation.period)}
        | extra,
    )


def evaluation_self_assess(
    *,
    actor: Any,
    cadre: Cadre,
    period: Period,
    scores: Mapping[str, str],
    conditions: Mapping[str, str] | None = None,
    evidence: Mapping[str, str] | None = None,
    upload: Any = None,
) -> Evaluation:
    """Save the cadre's own scores per criterion with their evidence (a text per criterion and
    a file), as a draft. Only the cadre's own (or an organiser entering it for them), before
    the deadline unless the month allows late ones (then flagged late)."""
    access.require(
        access.can_self_assess(actor, cadre),
        "Chỉ cán bộ tự đánh giá phiếu của mình",
        "Only the cadre fills in their own self-assessment",
    )
    _same_body(cadre, period)
    if upload is not None:
        check_attachment(upload, what_vi="Tệp minh chứng", what_en="evidence file")
    scheme = period_scheme(period)
    parsed = parse_scores(scheme, scores, is_complete=False)
    stated = parse_conditions(scheme, conditions or {})
    notes = {
        key: text.strip()
        for key, text in (evidence or {}).items()
        if text.strip() and key in {c.key for c in scheme.criteria} | {"general"}
    }
    with transaction.atomic():
        evaluation, _ = Evaluation.objects.get_or_create(
            cadre=cadre, period=period, defaults={"unit": cadre.unit}
        )
        evaluation = _locked(evaluation)
        _require_status(
            evaluation, SELF_EDITABLE, "sửa phần tự đánh giá", "change the self-assessment"
        )
        before = _snapshot(evaluation)
        evaluation.is_late = _is_late(evaluation, evaluation.period)  # as stored now
        evaluation.unit = cadre.unit
        evaluation.self_scores, evaluation.self_conditions = parsed, stated
        evaluation.evidence = notes
        if upload is not None:
            evaluation.evidence_file.save(upload.name, upload, save=False)
        evaluation.save()
        _record(
            actor,
            "evaluation.self_assess",
            evaluation,
            before=before,
            file=evaluation.evidence_file.name,
        )
    return evaluation


def evaluation_submit(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    """Send the self-assessment to the direct manager: every score must be there."""
    access.require(
        access.can_self_assess(actor, evaluation.cadre),
        "Chỉ cán bộ nộp phiếu tự đánh giá của mình",
        "Only the cadre submits their own self-assessment",
    )
    with transaction.atomic():
        evaluation = _locked(evaluation)
        _require_status(evaluation, SELF_EDITABLE, "nộp phiếu", "submit")
        period = evaluation.period
        check_complete(period_scheme(period), evaluation, is_reviewed=False)
        before = _snapshot(evaluation)
        evaluation.is_late = _is_late(evaluation, period)
        evaluation.unit = evaluation.cadre.unit
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.submitted_at = timezone.now()
        evaluation.save()
        _record(actor, "evaluation.submit", evaluation, before=before)
    return evaluation


def evaluation_review(
    *,
    actor: Any,
    evaluation: Evaluation,
    scores: Mapping[str, str],
    conditions: Mapping[str, str] | None = None,
    facts: Collection[str] = (),
    reasons: Mapping[str, str] | None = None,
    note: str = "",
) -> Evaluation:
    """The direct manager's scores. Every score (or condition) changed from the cadre's own
    needs a reason, and so does a disqualifying fact; the reasons are kept with the scores."""
    cadre = evaluation.cadre
    access.require(
        access.can_review(actor, cadre),
        "Chỉ người quản lý trực tiếp nhận xét, đánh giá (không tự nhận xét phiếu của mình)",
        "Only the direct manager reviews (nobody reviews their own evaluation)",
    )
    scheme = period_scheme(evaluation.period)
    reviewed = parse_scores(scheme, scores, is_complete=True)
    stated = parse_conditions(scheme, conditions or {})
    found = parse_facts(scheme, facts)
    with transaction.atomic():
        evaluation = _locked(evaluation)
        _require_status(evaluation, REVIEWABLE, "nhận xét, đánh giá", "review")
        kept_reasons = _reasons(scheme, evaluation, reviewed, stated, found, reasons or {})
        before = _snapshot(evaluation)
        evaluation.reviewed_scores, evaluation.reviewed_conditions = reviewed, stated
        evaluation.facts, evaluation.reasons = found, kept_reasons
        check_complete(scheme, evaluation, is_reviewed=True)
        evaluation.review_note = note.strip()
        evaluation.reviewed_by, evaluation.reviewed_at = actor, timezone.now()
        evaluation.unit = evaluation.cadre.unit
        evaluation.status = EvaluationStatus.REVIEWED
        evaluation.save()
        _record(actor, "evaluation.review", evaluation, before=before, reasons=kept_reasons)
    return evaluation


def _reasons(
    scheme: Scheme,
    evaluation: Evaluation,
    reviewed: Mapping[str, str],
    stated: Mapping[str, str],
    facts: Sequence[str],
    reasons: Mapping[str, str],
) -> dict[str, str]:
    """The reason for each change, by criterion or condition key; refused if one is missing."""
    needed: list[tuple[str, str, str]] = []
    for criterion in scheme.criteria:
        own, given = evaluation.self_scores.get(criterion.key), reviewed.get(criterion.key)
        if _number(own) != _number(given):
            needed.append((criterion.key, criterion.label_vi, criterion.label_en))
    for condition in scheme.conditions:
        own_text = evaluation.self_conditions.get(condition.key, "")
        if _condition(own_text) != _condition(stated.get(condition.key, "")):
            needed.append((condition.key, condition.label_vi, condition.label_en))
    if facts:
        needed.append((FACTS_REASON, "tình tiết không được xếp loại cao", "disqualifying facts"))
    kept = {}
    for key, vi, en in needed:
        reason = (reasons.get(key) or "").strip()
        if not reason:
            raise InputProblem(
                f"Cần ghi lý do thay đổi: {vi}", f"A reason is needed for the change: {en}"
            )
        kept[key] = reason
    return kept


def _number(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text))


def _condition(text: str) -> object:
    share = parse_share(text) if text not in ("yes", "no", "") else None
    return share if share is not None else (text or "no")


def unit_approve(
    *, actor: Any, period: Period, unit: Unit, keep: Collection[int | str] | None = None
) -> UnitApproval:
    """Approve a unit's list for the month: the engine grades everyone reviewed, with the
    scheme's quotas over the unit. Where a cap is exceeded or a tie is flagged, `keep` must
    name exactly who keeps the top grade (the engine refuses a tie's choice of the wrong size;
    a name against the order of totals is refused too). Every cadre of the unit must have been
    reviewed."""
    access.require(
        access.can_approve(actor, unit),
        "Chỉ thủ trưởng đơn vị phê duyệt danh sách của đơn vị",
        "Only the unit head approves the unit's list",
    )
    if unit.body_id != period.body_id:
        raise InputProblem("Đơn vị không thuộc cơ quan này", "The unit is not of this body")
    scheme = period_scheme(period)
    with transaction.atomic():
        Period.objects.select_for_update().get(pk=period.pk)  # one approval at a time
        graded = _graded(period, unit)
        grading = unit_grading(scheme, graded, unit, period)
        chosen = None if keep is None else {str(key) for key in keep}
        result = decide(grading, graded, unit, period, chosen)
        before = {e.cadre.person.full_name: e.grade for e in graded if e.grade}
        stamp = timezone.now()
        for evaluation in graded:
            _settle(evaluation, result.person(str(evaluation.cadre_id)), grading, actor, stamp)
        approval = UnitApproval.renew(
            {"period": period, "unit": unit},
            actor,
            kept=(int(key) for key in chosen or ()),
            quota_use=quota_use_dicts(result),
            is_outstanding=grading.is_outstanding,
            at=stamp,
        )
        record(
            actor=actor,
            action="evaluation.unit_approve",
            obj=approval,
            body_id=period.body_id,
            before={"grades": before} if before else None,
            after=_approval_after(unit, period, result, grading, chosen),
        )
    return approval


def _graded(period: Period, unit: Unit) -> list[Evaluation]:
    evaluations = list(
        Evaluation.objects.select_for_update()
        .filter(period=period, unit=unit, status__in=GRADABLE)
        .select_related("cadre__person", "cadre__unit", "period")
        .order_by("cadre__person__full_name", "pk")
    )
    done = {e.cadre_id for e in evaluations}
    waiting = [
        c.person.full_name
        for c in unit.cadres.filter(is_active=True).select_related("person")
        if c.pk not in done
    ]
    if waiting:
        raise WrongState(
            f"Chưa thể phê duyệt: chưa có nhận xét, đánh giá của người quản lý cho "
            f"{', '.join(waiting)}",
            f"Cannot approve yet: not reviewed by the manager: {', '.join(waiting)}",
        )
    if not evaluations:
        raise InputProblem("Đơn vị chưa có ai để phê duyệt", "The unit has nobody to approve")
    if all(e.status == EvaluationStatus.APPROVED for e in evaluations):
        raise WrongState(
            "Danh sách của đơn vị tháng này đã được phê duyệt",
            "The unit's list for this month is already approved",
        )
    return evaluations


def _settle(
    evaluation: Evaluation, graded: Graded, grading: UnitGrading, actor: Any, stamp: Any
) -> None:
    evaluation.total = "" if graded.total is None else str(graded.total)
    evaluation.grade_before_quota = graded.grade_before_quota
    evaluation.grade = graded.grade
    evaluation.quota_outcome = _outcome(graded, grading.contested)
    evaluation.grade_reason_vi, evaluation.grade_reason_en = graded.reason_vi, graded.reason_en
    evaluation.status = EvaluationStatus.APPROVED
    evaluation.approved_by, evaluation.approved_at = actor, stamp
    evaluation.save()


def _outcome(graded: Graded, contested: frozenset[str]) -> str:
    if graded.person in contested:
        is_kept = graded.grade == graded.grade_before_quota
        return QuotaOutcome.KEPT_BY_DECISION if is_kept else QuotaOutcome.DEMOTED_BY_DECISION
    return QuotaOutcome.DEMOTED if graded.quota is QuotaStatus.DEMOTED else QuotaOutcome.OK


def _approval_after(
    unit: Unit,
    period: Period,
    result: GradingResult,
    grading: UnitGrading,
    chosen: set[str] | None,
) -> dict[str, Any]:
    names = {p.person: p.name for p in result.people}
    return {
        "unit": unit.name,
        "month": str(period),
        "scheme": result.scheme.key,
        "grades": {p.name: p.grade for p in result.people},
        "kept_by_decision": sorted(names[key] for key in (chosen or ()) if key in names),
        "demoted": sorted(p.name for p in result.people if p.grade != p.grade_before_quota),
        "outstanding": grading.is_outstanding,
        "quota_use": quota_use_dicts(result),
    }


def evaluation_reopen(*, actor: Any, evaluation: Evaluation, reason: str) -> Evaluation:
    """The only way to correct an approved evaluation: an administrator, with a reason. The
    cadre and the manager can then correct it, and the unit's list is approved again (the
    quota is re-applied over the unit; the audit row of that approval lists every grade)."""
    access.require(
        access.is_administrator(actor, evaluation.period.body_id),
        "Chỉ quản trị mở lại phiếu đã phê duyệt",
        "Only an administrator reopens an approved evaluation",
    )
    if not reason.strip():
        raise InputProblem("Cần ghi lý do mở lại", "A reason for reopening is required")
    with transaction.atomic():
        evaluation = _locked(evaluation)
        if evaluation.status != EvaluationStatus.APPROVED:
            raise WrongState(
                "Chỉ mở lại được phiếu đã phê duyệt", "Only an approved evaluation is reopened"
            )
        before = _snapshot(evaluation) | {"total": evaluation.total}
        evaluation.status = EvaluationStatus.REOPENED
        evaluation.total = ""
        evaluation.grade = evaluation.grade_before_quota = ""
        evaluation.quota_outcome = QuotaOutcome.NONE
        evaluation.grade_reason_vi = evaluation.grade_reason_en = ""
        evaluation.approved_by, evaluation.approved_at = None, None
        evaluation.save()
        UnitApproval.objects.filter(period=evaluation.period, unit=evaluation.unit).update(
            is_current=False
        )
        _record(actor, "evaluation.reopen", evaluation, before=before, reason=reason.strip())
    return evaluation


def _same_body(cadre: Cadre, period: Period) -> None:
    if cadre.person.body_id != period.body_id:
        raise InputProblem("Cán bộ không thuộc cơ quan này", "The cadre is not of this body")
    if not cadre.is_active:
        raise WrongState(
            "Cán bộ này hiện không thuộc diện đánh giá", "This cadre is not evaluated at present"
        )
