"""Approving a unit's list: the engine's quota over the unit, an explicit decision whenever a cap
is exceeded, ties flagged, the outstanding unit's cap, the national scheme's groups and
conditions, custom schemes."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for, everyone, hanoi, reviewed

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.engine import QuotaDecisionNeeded
from tinnhiem.evaluations.models import Evaluation, QuotaOutcome, UnitApproval


def soon() -> date:
    return services.today() + timedelta(days=10)


def grades(org: SimpleNamespace) -> dict[str, tuple[str, str]]:
    return {
        e.cadre.person.full_name: (e.grade, e.quota_outcome)
        for e in Evaluation.objects.filter(period=org.period).select_related("cadre__person")
    }


def approve(org: SimpleNamespace, keep: list[int] | None = None) -> UnitApproval:
    return services.unit_approve(
        actor=org.users["head"], period=org.period, unit=org.unit, keep=keep
    )


def test_within_the_cap_no_decision_is_asked(org: SimpleNamespace) -> None:
    everyone(org, 95, 85, 80, 75, 70)  # one A of five: 30 % of 5 allows 1
    with pytest.raises(InputProblem, match="không cần quyết định"):
        approve(org, keep=[org.cadres[0].pk])
    approval = approve(org)
    assert grades(org)["Nguyễn Văn An"] == ("A", QuotaOutcome.OK)
    assert approval.kept == [] and approval.quota_use[0]["allowed"] == 1


def test_an_exceeded_quota_needs_an_explicit_decision(org: SimpleNamespace) -> None:
    everyone(org, 95, 92, 80, 75, 70)  # two reach A, one place
    page = client_for(org.users["head"]).get(
        reverse("evaluations:approval", args=[org.period.pk, org.unit.pk])
    )
    text = page.content.decode()
    assert "Cần quyết định: vượt hạn mức" in text
    assert "Nguyễn Văn An" in text and "Phạm Thị Bình" in text
    with pytest.raises(QuotaDecisionNeeded, match="Nguyễn Văn An, Phạm Thị Bình"):
        approve(org)
    refused = client_for(org.users["head"]).post(
        reverse("evaluations:approval", args=[org.period.pk, org.unit.pk]),
        {"confirmed": "yes"},
        follow=True,
    )
    assert "cần quyết định rõ ai giữ loại" in refused.content.decode()
    with pytest.raises(InputProblem, match="điểm cao hơn"):
        approve(org, keep=[org.cadres[1].pk])  # 92 cannot keep A over 95
    with pytest.raises(InputProblem):
        approve(org, keep=[org.cadres[0].pk, org.cadres[1].pk])
    assert not UnitApproval.objects.exists()

    client_for(org.users["head"]).post(
        reverse("evaluations:approval", args=[org.period.pk, org.unit.pk]),
        {"decision": "1", "keep": [str(org.cadres[0].pk)], "confirmed": "yes"},
    )
    found = grades(org)
    assert found["Nguyễn Văn An"] == ("A", QuotaOutcome.KEPT_BY_DECISION)
    assert found["Phạm Thị Bình"] == ("B", QuotaOutcome.DEMOTED_BY_DECISION)
    assert found["Hoàng Văn Cường"] == ("B", QuotaOutcome.OK)
    approval = UnitApproval.objects.get()
    assert approval.kept == [org.cadres[0].pk]
    assert approval.quota_use[0] | {} == approval.quota_use[0]
    assert (approval.quota_use[0]["candidates"], approval.quota_use[0]["demoted"]) == (2, 1)
    event = AuditEvent.objects.get(action="evaluation.unit_approve")
    assert event.after["kept_by_decision"] == ["Nguyễn Văn An"]
    assert event.after["demoted"] == ["Phạm Thị Bình"]
    demoted = Evaluation.objects.get(cadre=org.cadres[1])
    assert "Hạ xuống loại B" in demoted.grade_reason_vi


def test_a_tie_at_the_cap_is_flagged_and_decided(org: SimpleNamespace) -> None:
    everyone(org, 93, 93, 80, 75, 70)  # two tied for one place
    page = client_for(org.users["head"]).get(
        reverse("evaluations:approval", args=[org.period.pk, org.unit.pk])
    )
    text = page.content.decode()
    assert text.count("bằng điểm tại ngưỡng") >= 2
    assert "Bằng điểm tại ngưỡng: cần quyết định" in text
    with pytest.raises(QuotaDecisionNeeded, match="chọn 1"):
        approve(org, keep=[])
    with pytest.raises(InputProblem, match="đúng 1"):
        approve(org, keep=[org.cadres[0].pk, org.cadres[1].pk])
    approve(org, keep=[org.cadres[1].pk])
    found = grades(org)
    assert found["Phạm Thị Bình"] == ("A", QuotaOutcome.KEPT_BY_DECISION)
    assert found["Nguyễn Văn An"] == ("B", QuotaOutcome.DEMOTED_BY_DECISION)
    kept = Evaluation.objects.get(cadre=org.cadres[1])
    assert "Giữ loại A theo quyết định" in kept.grade_reason_vi


def test_a_unit_with_outstanding_achievements_has_the_higher_cap(org: SimpleNamespace) -> None:
    structure.unit_save(
        actor=org.organiser,
        body=org.body,
        unit=org.unit,
        name=org.unit.name,
        head=org.head,
        outstanding_year=2026,
    )
    everyone(org, 95, 92, 80, 75, 70)  # 40 % of 5 allows 2
    org.unit.refresh_from_db()
    approval = approve(org)
    assert approval.is_outstanding and approval.quota_use[0]["allowed"] == 2
    assert grades(org)["Phạm Thị Bình"] == ("A", QuotaOutcome.OK)


def test_the_national_scheme_groups_and_conditions(org: SimpleNamespace) -> None:
    structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="national")
    period = structure.period_open(
        actor=org.organiser, body=org.body, year=2026, month=4, deadline=soon()
    )
    assert period.scheme_key == "national"
    scores = {"general": "29", "tasks": "66"}  # 95
    conditions = {"on_time": "yes", "beyond_share": "40%"}
    for cadre, cond in ((org.cadres[0], conditions), (org.cadres[1], {})):
        e = services.evaluation_self_assess(
            actor=org.organiser, cadre=cadre, period=period, scores=scores, conditions=cond
        )
        services.evaluation_submit(actor=org.organiser, evaluation=e)
        services.evaluation_review(
            actor=org.users["manager"],
            evaluation=e,
            scores=scores,
            conditions=cond,
        )
    for cadre in org.cadres[2:4]:
        e = services.evaluation_self_assess(
            actor=org.organiser, cadre=cadre, period=period, scores={"general": "25", "tasks": "55"}
        )
        services.evaluation_submit(actor=org.organiser, evaluation=e)
        services.evaluation_review(
            actor=org.users["manager"], evaluation=e, scores={"general": "25", "tasks": "55"}
        )
    e = services.evaluation_self_assess(
        actor=org.organiser,
        cadre=org.cadres[4],
        period=period,
        scores=scores,
        conditions=conditions,
    )
    services.evaluation_submit(actor=org.organiser, evaluation=e)
    services.evaluation_review(
        actor=org.users["head"], evaluation=e, scores=scores, conditions=conditions
    )
    # "Chuyên viên": 4 good or better, 20 % allows 0 excellent; the manager's group (none) is
    # a population of 1: 20 % of 1 allows 0 too
    with pytest.raises(QuotaDecisionNeeded):
        services.unit_approve(actor=org.users["head"], period=period, unit=org.unit)
    approval = services.unit_approve(actor=org.users["head"], period=period, unit=org.unit, keep=[])
    found = {
        e.cadre.person.full_name: (e.grade_before_quota, e.grade)
        for e in Evaluation.objects.filter(period=period).select_related("cadre__person")
    }
    assert found["Nguyễn Văn An"] == ("excellent", "good")  # conditions met, over the cap
    assert found["Phạm Thị Bình"] == ("good", "good")  # 95 points, conditions not stated
    assert {use["group"] for use in approval.quota_use} == {"Chuyên viên", ""}


def test_a_custom_scheme_is_kept_with_the_month(org: SimpleNamespace) -> None:
    toml = """
key = "xa-phu-luu"
title_vi = "Xã Phú Lưu: đánh giá hằng tháng"
periods = ["monthly"]
[[criteria]]
key = "tasks"
label_vi = "Nhiệm vụ"
max = 100
[[bands]]
key = "tot"
label_vi = "Tốt"
at_least = 80
[[bands]]
key = "dat"
label_vi = "Đạt"
at_least = 0
[[quotas]]
band = "tot"
cap = "50%"
"""
    structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="custom", scheme_toml=toml)
    period = structure.period_open(
        actor=org.organiser, body=org.body, year=2026, month=5, deadline=soon()
    )
    structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="hanoi")
    assert period.scheme_key == "xa-phu-luu" and "Phú Lưu" in period.scheme_toml
    totals = dict(zip(org.cadres, ("90", "85", "60", "50", "70"), strict=True))
    for cadre, total in totals.items():
        e = services.evaluation_self_assess(
            actor=org.organiser, cadre=cadre, period=period, scores={"tasks": total}
        )
        services.evaluation_submit(actor=org.organiser, evaluation=e)
        reviewer = org.users["head"] if cadre == org.cadres[4] else org.users["manager"]
        services.evaluation_review(actor=reviewer, evaluation=e, scores={"tasks": total})
    services.unit_approve(actor=org.users["head"], period=period, unit=org.unit)
    assert set(Evaluation.objects.filter(period=period).values_list("grade", flat=True)) == {
        "tot",
        "dat",
    }


def test_schemes_that_do_not_score_months_are_refused(org: SimpleNamespace) -> None:
    with pytest.raises(InputProblem, match="party-member"):
        structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="party-member")
    with pytest.raises(InputProblem, match="TOML"):
        structure.scheme_set(
            actor=org.organiser, body=org.body, scheme_key="custom", scheme_toml="key = "
        )
    with pytest.raises(InputProblem):
        structure.scheme_set(actor=org.organiser, body=org.body, scheme_key="/etc/passwd.toml")


def test_reviewed_scores_not_the_own_ones_are_graded(org: SimpleNamespace) -> None:
    reviewed(org, {c: 80 for c in org.cadres})
    first = Evaluation.objects.get(cadre=org.cadres[0])
    services.evaluation_review(
        actor=org.users["manager"],
        evaluation=first,
        scores=hanoi(60),
        reasons={"performance": "Không hoàn thành hai nhiệm vụ trọng tâm."},
    )
    approve(org)
    first.refresh_from_db()
    assert first.grade == "C" and first.self_scores == hanoi(80)
