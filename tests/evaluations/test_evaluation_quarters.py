"""Stored quarterly grades under the national scheme: derived from the approved months by the
average, the quarter's conditions and facts read from the months, the quarterly quota (20 % of
those graded good or better in the unit and group of similar posts) with an explicit decision,
read-only once approved, reopened only by an administrator with a reason, audit-logged."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for, everyone
from tests.evaluations.national import (
    MET,
    approve_month,
    month_of,
    national_unit,
    open_month,
    reviewed_national,
)

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.evaluations import quarterly, services
from tinnhiem.evaluations.decisions import GradesApproved
from tinnhiem.evaluations.engine import QuotaDecisionNeeded
from tinnhiem.evaluations.models import QuarterApproval, QuarterGrade, QuotaOutcome


@pytest.fixture
def nat(org: SimpleNamespace) -> SimpleNamespace:
    return national_unit(org)


def approve(org: SimpleNamespace, nat: SimpleNamespace, keep: list[int] | None) -> None:
    quarterly.quarter_approve(
        actor=org.users["head"], unit=nat.unit, year=2026, quarter=2, keep=keep
    )


def stored(nat: SimpleNamespace) -> dict[str, QuarterGrade]:
    grades = QuarterGrade.objects.filter(unit=nat.unit, year=2026, quarter=2)
    return {g.cadre.person.full_name: g for g in grades.select_related("cadre__person")}


def test_the_quarter_quota_is_20_percent_of_good_or_better_per_group(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    # "Chuyên viên": 5 graded good or better, 20 % of 5 = 1 place for 3 excellent (96, 93, 91);
    # "Lãnh đạo": 1 graded good or better, 20 % of 1 = 0 places for 1 excellent (95)
    month_of(org, nat, 4, 96, 93, 91, 85, 72, 95)
    one, two, _three, *_, _six = nat.cadres
    with pytest.raises(QuotaDecisionNeeded, match="Lý Văn Một"):
        approve(org, nat, None)
    with pytest.raises(InputProblem, match="theo điểm, giữ loại: Lý Văn Một"):
        approve(org, nat, [two.pk])
    assert not QuarterGrade.objects.exists()
    approve(org, nat, [one.pk])
    grades = stored(nat)
    assert (grades["Lý Văn Một"].grade, grades["Lý Văn Một"].total) == ("excellent", "96.00")
    assert grades["Lý Văn Một"].quota_outcome == QuotaOutcome.KEPT_BY_DECISION
    assert (grades["Mai Thị Hai"].grade_before_quota, grades["Mai Thị Hai"].grade) == (
        "excellent",
        "good",
    )
    assert grades["Hà Văn Sáu"].grade == "good"  # alone in the group: no place at all
    assert "20%" in grades["Hà Văn Sáu"].reason_vi
    approval = QuarterApproval.objects.get(unit=nat.unit, quarter=2)
    uses = {use["group"]: use for use in approval.quota_use}
    assert (uses["Chuyên viên"]["base"], uses["Chuyên viên"]["allowed"]) == (5, 1)
    assert (uses["Lãnh đạo"]["base"], uses["Lãnh đạo"]["allowed"]) == (1, 0)
    event = AuditEvent.objects.get(action="evaluation.quarter_approve")
    assert event.after["kept_by_decision"] == ["Lý Văn Một"]
    assert event.after["grades"]["Ngô Văn Ba"] == "good"


def test_a_tie_at_the_quarter_cap_is_the_heads_choice(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    period = open_month(org, 4)
    one, two, *_rest = nat.cadres
    reviewed_national(org, period, dict(zip(nat.cadres, [93, 93, 80, 80, 75, 75], strict=True)))
    services.unit_approve(actor=org.users["head"], period=period, unit=nat.unit, keep=[two.pk])
    with pytest.raises(QuotaDecisionNeeded):
        approve(org, nat, None)
    with pytest.raises(InputProblem, match=r"chọn đúng 1, đã chọn 2|theo điểm"):
        approve(org, nat, [one.pk, two.pk])
    approve(org, nat, [two.pk])  # either may keep it: the head chose Hai
    grades = stored(nat)
    assert grades["Mai Thị Hai"].grade == "excellent"
    assert grades["Lý Văn Một"].quota_outcome == QuotaOutcome.DEMOTED_BY_DECISION


def test_the_quarter_reads_conditions_and_facts_from_its_months(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    april, may = open_month(org, 4), open_month(org, 5)
    one, two, _three, _four, _five, _six = nat.cadres
    totals = dict(zip(nat.cadres, [96, 70, 70, 70, 70, 70], strict=True))
    reviewed_national(org, april, totals)
    approve_month(org, nat, april)
    late = {one: {"on_time": "no", "beyond_share": "35%"}}
    reviewed_national(org, may, totals, conditions=late, facts={two: ["discipline"]})
    approve_month(org, nat, may)
    approve(org, nat, None)
    grades = stored(nat)
    an = grades["Lý Văn Một"]
    assert (an.total, an.grade, an.conditions["on_time"]) == ("96.00", "good", "no")
    assert "Chưa đủ điều kiện loại excellent" in an.reason_vi
    hai = grades["Mai Thị Hai"]
    assert hai.grade == "not_completed" and hai.facts == ["discipline"]
    assert "kỷ luật" in hai.reason_vi and "disciplinary" in hai.reason_en


def test_a_quarter_waits_for_its_months_and_a_monthly_scheme_has_none(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    period = open_month(org, 4)
    reviewed_national(org, period, {nat.cadres[0]: 95})
    with pytest.raises(WrongState, match="còn tháng chưa phê duyệt: Hà Văn Sáu \\(04/2026\\)"):
        approve(org, nat, None)
    everyone(org, 95, 85, 80, 75, 70)  # March, Hanoi: monthly only
    services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit)
    with pytest.raises(InputProblem, match="không xếp loại theo quý"):
        quarterly.quarter_approve(
            actor=org.users["head"], unit=org.unit, year=2026, quarter=1, keep=None
        )


def test_an_approved_quarter_is_read_only_until_an_administrator_reopens_it(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    month_of(org, nat, 4, 80, 80, 75, 75, 70, 70)
    approve(org, nat, None)
    with pytest.raises(GradesApproved, match="chỉ quản trị mở lại"):
        approve(org, nat, None)
    for who in ("head", "organiser", "manager"):
        with pytest.raises(NotAllowed):
            quarterly.quarter_reopen(
                actor=org.users[who], unit=nat.unit, year=2026, quarter=2, reason="Sai"
            )
    with pytest.raises(InputProblem, match="Cần ghi lý do"):
        quarterly.quarter_reopen(actor=org.admin, unit=nat.unit, year=2026, quarter=2, reason=" ")
    quarterly.quarter_reopen(
        actor=org.admin, unit=nat.unit, year=2026, quarter=2, reason="Nhập nhầm điểm tháng 4"
    )
    event = AuditEvent.objects.get(action="evaluation.quarter_reopen")
    assert event.after["reason"] == "Nhập nhầm điểm tháng 4"
    assert event.before["grades"]["Lý Văn Một"] == "good"
    with pytest.raises(WrongState, match="Chỉ mở lại được quý đã phê duyệt"):
        quarterly.quarter_reopen(actor=org.admin, unit=nat.unit, year=2026, quarter=2, reason="x")
    approve(org, nat, None)  # approved again
    assert QuarterApproval.objects.get(unit=nat.unit, quarter=2).is_current


def quarter_url(nat: SimpleNamespace) -> str:
    return reverse("evaluations:quarter", args=[nat.unit.pk, 2026, 2])


def test_the_quarter_page_asks_the_decision_approves_and_reopens(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    month_of(org, nat, 4, 96, 93, 91, 85, 72, 95)
    head = client_for(org.users["head"])
    text = head.get(quarter_url(nat)).content.decode()
    assert "Cần quyết định: vượt hạn mức" in text and "Lý Văn Một" in text
    one = nat.cadres[0]
    assert f'id="keep-{one.pk}" name="keep" value="{one.pk}" checked' in text
    text = head.post(quarter_url(nat), {"decision": "1", "keep": [str(one.pk)]}, follow=True)
    assert "Đã phê duyệt xếp loại quý" in text.content.decode()
    text = head.get(quarter_url(nat)).content.decode()
    assert "Kết quả quý đã phê duyệt" in text and "Mở lại xếp loại quý" not in text
    admin = client_for(org.admin)
    page = admin.post(quarter_url(nat), {"action": "reopen", "reason": "Sai"}, follow=True)
    assert "Đã mở lại xếp loại quý" in page.content.decode()
    assert not QuarterApproval.objects.get(unit=nat.unit).is_current


@pytest.mark.parametrize(
    ("who", "status"),
    [("head", 200), ("organiser", 200), ("admin", 200), ("manager", 404), ("cadre", 404)],
)
def test_quarter_page_access(org: SimpleNamespace, nat: SimpleNamespace, who: str, status: int):
    assert client_for(org.users[who]).get(quarter_url(nat)).status_code == status
    if status == 404:
        client_for(org.users[who]).post(quarter_url(nat), {"decision": "1"})
        assert not QuarterApproval.objects.exists()


def test_only_the_head_or_organisers_approve_a_quarter(
    org: SimpleNamespace, nat: SimpleNamespace
) -> None:
    month_of(org, nat, 4, 80, 80, 75, 75, 70, 70)
    for who in ("manager", "cadre", "outsider"):
        with pytest.raises(NotAllowed):
            quarterly.quarter_approve(
                actor=org.users[who], unit=nat.unit, year=2026, quarter=2, keep=None
            )
    assert MET  # the conditions stated in these months
    quarterly.quarter_approve(actor=org.organiser, unit=nat.unit, year=2026, quarter=2)
