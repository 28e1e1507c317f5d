"""The formal annual grading of a unit: the annual rules at their edges (under 6 months worked,
absent 3 to under 6 months, maternity leave), the annual quota with an explicit decision, the
15 December deadline, storage, the audit log and the profile page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for, everyone, reviewed

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.evaluations import annual, services
from tinnhiem.evaluations.decisions import GradesApproved
from tinnhiem.evaluations.engine import QuotaDecisionNeeded
from tinnhiem.evaluations.models import QuotaOutcome, YearFacts, YearGrade, YearStatus
from tinnhiem.grading import AnnualFacts

ON_TIME = date(2026, 12, 1)


def approved_month(org: SimpleNamespace, *totals: int, keep: list[int] | None = None) -> None:
    everyone(org, *totals)
    services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit, keep=keep)


def grade(
    org: SimpleNamespace,
    facts: dict[int, AnnualFacts] | None = None,
    *,
    keep: list[int] | None = None,
    on: date = ON_TIME,
) -> dict[str, YearGrade]:
    saved = annual.year_grade(
        actor=org.users["head"], unit=org.unit, year=2026, facts=facts, keep=keep, graded_on=on
    )
    return {g.cadre.person.full_name: g for g in saved}


def test_the_year_is_graded_stored_and_audit_logged(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    result = grade(org)
    an = result["Nguyễn Văn An"]
    assert (an.status, an.grade, an.total, an.months) == (YearStatus.GRADED, "A", "95.00", 1)
    assert an.quota_outcome == QuotaOutcome.OK and not an.is_late
    assert {g.grade for g in result.values()} == {"A", "B"}
    assert YearGrade.objects.filter(year=2026).count() == 5
    event = AuditEvent.objects.get(action="evaluation.year_grade")
    assert event.after["grades"]["Nguyễn Văn An"] == "A" and event.after["late"] is False
    # approved: read-only until an administrator reopens it with a reason
    with pytest.raises(GradesApproved, match="đã được phê duyệt"):
        grade(org, {org.cadres[0].pk: AnnualFacts(months_absent=3)})
    annual.year_reopen(actor=org.admin, unit=org.unit, year=2026, reason="Sai số tháng nghỉ")
    # graded again: replaced, the earlier grades kept in the audit log
    grade(org, {org.cadres[0].pk: AnnualFacts(months_absent=3)})
    assert YearGrade.objects.get(cadre=org.cadres[0], year=2026).grade == "C"
    again = AuditEvent.objects.filter(action="evaluation.year_grade").order_by("pk").last()
    assert again is not None and again.before == {"grades": event.after["grades"]}


def test_under_six_months_worked_is_not_graded(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    result = grade(
        org,
        {
            org.cadres[0].pk: AnnualFacts(months_in_post=Decimal("5.5")),
            org.cadres[1].pk: AnnualFacts(months_in_post=6),
        },
    )
    an = result["Nguyễn Văn An"]
    assert (an.status, an.grade, an.total) == (YearStatus.NOT_GRADED, "", "")
    assert "dưới 6 tháng" in an.reason_vi and "under 6" in an.reason_en
    assert result["Phạm Thị Bình"].grade == "B"  # exactly 6 months: graded


@pytest.mark.parametrize(
    ("absent", "expected"),
    [("2.9", "A"), ("3", "C"), ("5.9", "C"), ("6", "")],
)
def test_absence_caps_the_grade_at_completed(
    org: SimpleNamespace, absent: str, expected: str
) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    an = grade(org, {org.cadres[0].pk: AnnualFacts(months_absent=Decimal(absent))})["Nguyễn Văn An"]
    assert an.grade == expected
    if expected == "C":
        assert "không cao hơn loại C" in an.reason_vi
    if expected == "":
        assert an.status == YearStatus.NOT_GRADED and "từ 6 tháng trở lên" in an.reason_vi


def test_maternity_leave_is_graded_on_the_time_worked(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    result = grade(
        org,
        {
            org.cadres[0].pk: AnnualFacts(months_maternity=8),  # 4 months worked: still graded
            org.cadres[1].pk: AnnualFacts(months_absent=8),  # sick 8 months: not graded
        },
    )
    an = result["Nguyễn Văn An"]
    assert an.grade == "A" and "Nghỉ thai sản 8 tháng" in an.reason_vi
    assert result["Phạm Thị Bình"].status == YearStatus.NOT_GRADED


def test_facts_that_do_not_add_up_are_refused(org: SimpleNamespace) -> None:
    with pytest.raises(InputProblem, match="Số tháng không hợp lệ"):
        annual.year_facts_save(
            actor=org.users["head"], cadre=org.cadres[0], year=2026, months_absent=13
        )
    assert not YearFacts.objects.exists()


def test_the_annual_quota_needs_an_explicit_decision(org: SimpleNamespace) -> None:
    # the month: An 95 keeps A, Bình 92 goes down to B by the monthly quota; the year's average
    # of Bình is still 92, so both reach A for the year and the annual quota decides again
    approved_month(org, 95, 92, 80, 75, 70, keep=[org.cadres[0].pk])
    with pytest.raises(QuotaDecisionNeeded, match="Nguyễn Văn An, Phạm Thị Bình"):
        grade(org)
    with pytest.raises(InputProblem, match="theo điểm, giữ loại: Nguyễn Văn An"):
        grade(org, keep=[org.cadres[1].pk])
    assert not YearGrade.objects.exists()
    result = grade(org, keep=[org.cadres[0].pk])
    an, binh = result["Nguyễn Văn An"], result["Phạm Thị Bình"]
    assert (an.grade, an.quota_outcome) == ("A", QuotaOutcome.KEPT_BY_DECISION)
    assert (binh.grade_before_quota, binh.grade) == ("A", "B")
    assert binh.quota_outcome == QuotaOutcome.DEMOTED_BY_DECISION
    event = AuditEvent.objects.get(action="evaluation.year_grade")
    assert event.after["kept_by_decision"] == ["Nguyễn Văn An"]


def test_within_the_annual_quota_no_decision_is_taken(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    with pytest.raises(InputProblem, match="không cần quyết định"):
        grade(org, keep=[org.cadres[0].pk])


def test_graded_on_or_after_15_december_is_flagged_late(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    assert not grade(org, on=date(2026, 12, 14))["Nguyễn Văn An"].is_late
    annual.year_reopen(actor=org.admin, unit=org.unit, year=2026, reason="Chấm lại")
    an = grade(org, on=date(2026, 12, 15))["Nguyễn Văn An"]
    assert an.is_late and an.grade == "A" and "15/12/2026" in an.reason_vi


def test_only_the_unit_head_grades_and_only_approved_months(org: SimpleNamespace) -> None:
    reviewed(org, {org.cadres[0]: 95})
    with pytest.raises(NotAllowed):
        annual.year_grade(actor=org.users["manager"], unit=org.unit, year=2026)
    with pytest.raises(WrongState, match="còn tháng chưa phê duyệt: Nguyễn Văn An"):
        grade(org)
    with pytest.raises(InputProblem, match="chưa có tháng"):
        annual.year_grade(actor=org.users["head"], unit=org.unit, year=2025)


def test_the_profile_shows_the_annual_grade(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    grade(org, {org.cadres[1].pk: AnnualFacts(months_in_post=4)}, on=date(2026, 12, 20))
    cadre = client_for(org.users["cadre"])
    text = cadre.get(reverse("evaluations:profile", args=[org.cadres[0].pk])).content.decode()
    assert "Xếp loại năm chính thức" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text and "Sau hạn 15/12" in text
    head = client_for(org.users["head"])
    text = head.get(reverse("evaluations:profile", args=[org.cadres[1].pk])).content.decode()
    assert "Không xếp loại" in text and "dưới 6 tháng" in text


def test_the_quarter_is_graded_from_its_approved_months(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)  # March: the first quarter
    result = annual.quarter_grades(org.unit, 2026, 1)
    by_name = {p.name: p for p in result.people}
    assert (by_name["Nguyễn Văn An"].grade, str(by_name["Nguyễn Văn An"].total)) == ("A", "95.00")
    assert len(by_name) == 5
    with pytest.raises(InputProblem, match="chưa có tháng nào được phê duyệt"):
        annual.quarter_grades(org.unit, 2026, 2)
    with pytest.raises(InputProblem, match="Quý từ 1 đến 4"):
        annual.quarter_grades(org.unit, 2026, 5)


def year_url(org: SimpleNamespace) -> str:
    return reverse("evaluations:year", args=[org.unit.pk, 2026])


def months_form(org: SimpleNamespace, **changed: str) -> dict[str, str]:
    data = {}
    for cadre in org.cadres:
        data |= {f"in_post_{cadre.pk}": "12", f"absent_{cadre.pk}": "0"}
        data |= {f"maternity_{cadre.pk}": "0"}
    return data | changed


def test_the_year_page_asks_the_decision_and_grades(org: SimpleNamespace) -> None:
    approved_month(org, 95, 92, 80, 75, 70, keep=[org.cadres[0].pk])
    head = client_for(org.users["head"])
    text = head.get(year_url(org)).content.decode()
    assert "Cần quyết định: vượt hạn mức năm" in text
    assert f'id="keep-{org.cadres[0].pk}" name="keep" value="{org.cadres[0].pk}" checked' in text
    assert "Quý 1" in text
    # months that are not numbers are refused, nothing stored
    bad = months_form(org, **{f"absent_{org.cadres[2].pk}": "ba"})
    text = head.post(year_url(org), bad, follow=True).content.decode()
    assert "&#x27;ba&#x27; không phải là số tháng" in text or "'ba' không phải là số tháng" in text
    assert not YearGrade.objects.exists()
    # the head keeps An, and records four months of sick leave for Cường
    form = months_form(org, **{f"absent_{org.cadres[2].pk}": "4,5"})
    form |= {"decision": "1", "keep": str(org.cadres[0].pk)}
    text = head.post(year_url(org), form, follow=True).content.decode()
    assert "Đã xếp loại năm của đơn vị" in text
    stored = {
        g.cadre.person.full_name: g for g in YearGrade.objects.select_related("cadre__person")
    }
    assert stored["Nguyễn Văn An"].quota_outcome == QuotaOutcome.KEPT_BY_DECISION
    assert stored["Phạm Thị Bình"].grade == "B"
    assert stored["Hoàng Văn Cường"].grade == "C"  # 80 points, absent 4.5 months
    facts = YearFacts.objects.get(cadre=org.cadres[2], year=2026)
    assert facts.months_absent == Decimal("4.5")
    dashboard = head.get(reverse("evaluations:unit_dashboard", args=[org.unit.pk]), {"year": 2026})
    text = dashboard.content.decode()
    assert "Xếp loại năm chính thức" in text and "Loại A: <strong>1</strong>" in text


def test_the_year_page_is_the_heads(org: SimpleNamespace) -> None:
    assert client_for(org.users["manager"]).get(year_url(org)).status_code == 404
    assert client_for(org.users["cadre"]).post(year_url(org), {}).status_code == 404
    assert client_for(org.users["head"]).get(year_url(org)).status_code == 200


def test_months_are_saved_all_or_none(org: SimpleNamespace) -> None:
    approved_month(org, 95, 85, 80, 75, 70)
    with pytest.raises(InputProblem, match="Số tháng không hợp lệ"):
        grade(
            org,
            {
                org.cadres[0].pk: AnnualFacts(months_absent=3),
                org.cadres[1].pk: AnnualFacts(months_in_post=4, months_absent=5),
            },
        )
    assert not YearFacts.objects.exists() and not YearGrade.objects.exists()
