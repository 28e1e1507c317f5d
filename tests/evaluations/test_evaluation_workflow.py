"""The monthly workflow end to end: self-assessment with evidence, submission, the manager's
review (a changed score needs a reason), the head's approval through the grading engine,
read-only once approved, the administrator's audited reopen, deadlines."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.evaluations.conftest import client_for, everyone, hanoi

from tinnhiem.audit.models import AuditEvent
from tinnhiem.audit.verify import verify_chain
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.models import Evaluation, EvaluationStatus, UnitApproval
from tinnhiem.evaluations.services import DeadlinePassed, EvaluationApproved


def test_a_month_from_self_assessment_to_approval_through_the_pages(org: SimpleNamespace) -> None:
    cadre, period = org.cadres[0], org.period
    url = reverse("evaluations:evaluation", args=[period.pk, cadre.pk])
    me = client_for(org.users["cadre"])
    page = me.post(
        url,
        {
            "action": "submit",
            "score_discipline": "19,5",
            "score_performance": "66",
            "score_bonus": "5",
            "evidence_performance": "Hoàn thành đề án chuyển đổi số trước hạn 10 ngày.",
            "evidence_file": SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 evidence"),
        },
        follow=True,
    ).content.decode()
    assert "Đã nộp" in page
    evaluation = Evaluation.objects.get(cadre=cadre, period=period)
    assert evaluation.status == EvaluationStatus.SUBMITTED and not evaluation.is_late
    assert evaluation.self_scores == {"discipline": "19.5", "performance": "66", "bonus": "5"}
    assert evaluation.evidence_file.name.endswith(".pdf")
    assert "chuyển đổi số" in evaluation.evidence["performance"]
    assert me.get(reverse("evaluations:evidence", args=[evaluation.pk])).status_code == 200

    manager = client_for(org.users["manager"])
    manager.post(
        url,
        {
            "action": "review",
            "rscore_discipline": "19.5",
            "rscore_performance": "64",
            "rscore_bonus": "5",
            "reason_performance": "Báo cáo quý nộp chậm 2 ngày.",
            "note": "Hoàn thành tốt nhiệm vụ.",
        },
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REVIEWED
    assert evaluation.reasons == {"performance": "Báo cáo quý nộp chậm 2 ngày."}

    everyone_else = dict(zip(org.cadres[1:], (80, 75, 60, 85), strict=True))
    from tests.evaluations.conftest import reviewed

    reviewed(org, everyone_else)
    head = client_for(org.users["head"])
    approval = reverse("evaluations:approval", args=[period.pk, org.unit.pk])
    assert "88,50" in head.get(approval).content.decode()  # the engine's total, before approval
    unconfirmed = head.post(approval, follow=True).content.decode()
    assert "Chưa phê duyệt: đánh dấu ô xác nhận" in unconfirmed
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REVIEWED
    page = head.post(approval, {"confirmed": "yes"}, follow=True).content.decode()
    assert "Đã phê duyệt danh sách của đơn vị" in page
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.APPROVED
    assert evaluation.total == "88.50" and evaluation.grade == "B"
    assert "Tổng 88,50 điểm: loại B" in evaluation.grade_reason_vi
    shown = me.get(url).content.decode()
    assert (
        "88,50" in shown and "Hoàn thành tốt nhiệm vụ" in shown and "Báo cáo quý nộp chậm" in shown
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "evaluation.self_assess",
        "evaluation.submit",
        "evaluation.review",
        "evaluation.unit_approve",
    } <= actions
    assert verify_chain()[1] is None


def test_a_changed_score_without_a_reason_is_refused(org: SimpleNamespace) -> None:
    cadre = org.cadres[0]
    evaluation = services.evaluation_self_assess(
        actor=org.users["cadre"], cadre=cadre, period=org.period, scores=hanoi(85)
    )
    services.evaluation_submit(actor=org.users["cadre"], evaluation=evaluation)
    lower = hanoi(80)
    with pytest.raises(InputProblem, match="lý do"):
        services.evaluation_review(actor=org.users["manager"], evaluation=evaluation, scores=lower)
    with pytest.raises(InputProblem):
        services.evaluation_review(
            actor=org.users["manager"],
            evaluation=evaluation,
            scores=lower,
            reasons={"performance": "   "},
        )
    page = client_for(org.users["manager"]).post(
        reverse("evaluations:evaluation", args=[org.period.pk, cadre.pk]),
        {"action": "review", **{f"rscore_{k}": v for k, v in lower.items()}},
        follow=True,
    )
    assert "Cần ghi lý do thay đổi" in page.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED and not evaluation.reviewed_scores
    done = services.evaluation_review(
        actor=org.users["manager"],
        evaluation=evaluation,
        scores=lower,
        reasons={"performance": "Chưa hoàn thành báo cáo tổng kết."},
    )
    assert done.reasons == {"performance": "Chưa hoàn thành báo cáo tổng kết."}


def test_scores_are_checked_by_the_engine(org: SimpleNamespace) -> None:
    cadre = org.cadres[0]
    with pytest.raises(InputProblem, match="vượt mức tối đa"):
        services.evaluation_self_assess(
            actor=org.users["cadre"], cadre=cadre, period=org.period, scores={"discipline": "21"}
        )
    with pytest.raises(InputProblem, match="không phải là số"):
        services.evaluation_self_assess(
            actor=org.users["cadre"], cadre=cadre, period=org.period, scores={"discipline": "x"}
        )
    draft = services.evaluation_self_assess(
        actor=org.users["cadre"], cadre=cadre, period=org.period, scores={"discipline": "18"}
    )
    with pytest.raises(InputProblem, match="thiếu điểm"):
        services.evaluation_submit(actor=org.users["cadre"], evaluation=draft)


def test_an_approved_evaluation_is_read_only_and_a_reopen_is_audited(org: SimpleNamespace) -> None:
    evaluations = everyone(org, 85, 80, 75, 60, 70)
    services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit)
    first = Evaluation.objects.get(pk=evaluations[0].pk)
    assert first.status == EvaluationStatus.APPROVED
    with pytest.raises(EvaluationApproved):
        services.evaluation_self_assess(
            actor=org.users["cadre"], cadre=first.cadre, period=org.period, scores=hanoi(95)
        )
    with pytest.raises(EvaluationApproved):
        services.evaluation_review(
            actor=org.users["manager"],
            evaluation=first,
            scores=hanoi(95),
            reasons={"performance": "x", "discipline": "x"},
        )
    with pytest.raises(WrongState):
        services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit)
    page = client_for(org.users["cadre"]).get(
        reverse("evaluations:evaluation", args=[org.period.pk, first.cadre_id])
    )
    assert 'name="score_discipline"' not in page.content.decode()

    with pytest.raises(NotAllowed):
        services.evaluation_reopen(actor=org.organiser, evaluation=first, reason="Sai điểm")
    with pytest.raises(InputProblem, match="lý do"):
        services.evaluation_reopen(actor=org.admin, evaluation=first, reason=" ")
    client_for(org.admin).post(
        reverse("evaluations:evaluation", args=[org.period.pk, first.cadre_id]),
        {"action": "reopen", "reason": "Nhập nhầm điểm thưởng theo đơn khiếu nại ngày 02/4"},
    )
    first.refresh_from_db()
    assert first.status == EvaluationStatus.REOPENED and first.grade == ""
    event = AuditEvent.objects.filter(action="evaluation.reopen").get()
    assert event.actor == "admin" and event.before["grade"] == "B"
    assert event.after["reason"] == "Nhập nhầm điểm thưởng theo đơn khiếu nại ngày 02/4"
    assert not UnitApproval.objects.get(period=org.period, unit=org.unit).is_current

    with pytest.raises(WrongState, match="Nguyễn Văn An"):
        services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit)
    services.evaluation_self_assess(
        actor=org.users["cadre"], cadre=first.cadre, period=org.period, scores=hanoi(88, bonus="3")
    )
    services.evaluation_submit(actor=org.users["cadre"], evaluation=first)
    services.evaluation_review(
        actor=org.users["manager"], evaluation=first, scores=hanoi(88, bonus="3")
    )
    services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit)
    first.refresh_from_db()
    assert first.status == EvaluationStatus.APPROVED and first.total == "88.00"
    again = AuditEvent.objects.filter(action="evaluation.unit_approve").order_by("-seq").first()
    assert again is not None and again.before["grades"]["Phạm Thị Bình"] == "B"
    assert again.after["grades"]["Nguyễn Văn An"] == "B"
    assert verify_chain()[1] is None


def test_the_deadline_refuses_or_flags_late_submissions(org: SimpleNamespace) -> None:
    cadre, period = org.cadres[0], org.period
    today = services.today()
    structure.period_update(
        actor=org.organiser,
        period=period,
        deadline=today - timedelta(days=1),
        approve_by=today + timedelta(days=5),
        is_late_allowed=False,
    )
    with pytest.raises(DeadlinePassed):
        services.evaluation_self_assess(
            actor=org.users["cadre"], cadre=cadre, period=period, scores=hanoi(80)
        )
    assert not Evaluation.objects.filter(cadre=cadre).exists()
    period.refresh_from_db()
    period.is_late_allowed = True
    structure.period_update(
        actor=org.organiser,
        period=period,
        deadline=period.deadline,
        approve_by=period.approve_by,
        is_late_allowed=True,
    )
    late = services.evaluation_self_assess(
        actor=org.users["cadre"], cadre=cadre, period=period, scores=hanoi(80)
    )
    late = services.evaluation_submit(actor=org.users["cadre"], evaluation=late)
    assert late.is_late and late.status == EvaluationStatus.SUBMITTED
    page = client_for(org.organiser).get(reverse("evaluations:period", args=[period.pk]))
    text = page.content.decode()
    assert "Nộp muộn (đã ghi nhận)" in text and "Quá hạn, chưa nộp" in text


def test_nobody_reviews_their_own_evaluation(org: SimpleNamespace) -> None:
    manager_cadre = org.cadres[4]
    evaluation = services.evaluation_self_assess(
        actor=org.users["manager"], cadre=manager_cadre, period=org.period, scores=hanoi(90)
    )
    services.evaluation_submit(actor=org.users["manager"], evaluation=evaluation)
    with pytest.raises(NotAllowed):
        services.evaluation_review(
            actor=org.users["manager"], evaluation=evaluation, scores=hanoi(90)
        )
    done = services.evaluation_review(
        actor=org.users["head"], evaluation=evaluation, scores=hanoi(90)
    )
    assert done.status == EvaluationStatus.REVIEWED and done.reviewed_by == org.users["head"]
