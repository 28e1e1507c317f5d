"""The year at the annual level: the national scheme's extra conditions and disqualifying facts
stated per cadre, stored and applied with their reason; approved years read-only until an
administrator reopens them with a reason; the whole body graded in one step, each unit's quota
within its own population, with a report of the units not ready."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for, everyone, reviewed
from tests.evaluations.national import MET, month_of, national_unit

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Person
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.evaluations import annual, bodywide, services, structure
from tinnhiem.evaluations.annual import YearStatement
from tinnhiem.evaluations.decisions import GradesApproved
from tinnhiem.evaluations.engine import QuotaDecisionNeeded
from tinnhiem.evaluations.models import QuotaOutcome, YearApproval, YearFacts, YearGrade

ON_TIME = date(2026, 12, 1)


def by_name(saved: list[YearGrade]) -> dict[str, YearGrade]:
    return {g.cadre.person.full_name: g for g in saved}


def test_the_years_conditions_and_facts_are_stated_stored_and_applied(
    org: SimpleNamespace,
) -> None:
    nat = national_unit(org)
    month_of(org, nat, 4, 96, 80, 80, 75, 72, 70)
    # "Chuyên viên": five graded good or better, 20 % of 5 = 1 place, for Một alone
    one, *_, six = nat.cadres
    statements = {
        one.pk: YearStatement(conditions=MET),
        six.pk: YearStatement(facts=("corruption",), facts_reason="Kết luận thanh tra số 5"),
    }
    saved = by_name(
        annual.year_grade(
            actor=org.users["head"],
            unit=nat.unit,
            year=2026,
            statements=statements,
            graded_on=ON_TIME,
        )
    )
    assert saved["Lý Văn Một"].grade == "excellent"
    sau = saved["Hà Văn Sáu"]
    assert (sau.grade_before_quota, sau.grade) == ("not_completed", "not_completed")
    assert "tham nhũng" in sau.reason_vi and "corruption" in sau.reason_en
    assert saved["Ngô Văn Ba"].grade == "good"
    facts = YearFacts.objects.get(cadre=six, year=2026)
    assert facts.facts == ["corruption"] and facts.facts_reason == "Kết luận thanh tra số 5"
    assert YearFacts.objects.get(cadre=one, year=2026).conditions == MET
    event = AuditEvent.objects.filter(action="evaluation.year_facts").order_by("pk").last()
    assert event is not None and event.after["facts"] == ["corruption"]


def test_without_the_years_conditions_the_top_grade_is_not_reached(org: SimpleNamespace) -> None:
    nat = national_unit(org)
    month_of(org, nat, 4, 96, 80, 80, 75, 72, 70)
    saved = by_name(
        annual.year_grade(actor=org.users["head"], unit=nat.unit, year=2026, graded_on=ON_TIME)
    )
    assert saved["Lý Văn Một"].grade == "good"
    assert "Chưa đủ điều kiện loại excellent" in saved["Lý Văn Một"].reason_vi


def test_a_fact_needs_its_basis_and_must_be_the_schemes(org: SimpleNamespace) -> None:
    nat = national_unit(org)
    month_of(org, nat, 4, 96, 80, 80, 75, 72, 70)
    cadre = nat.cadres[0]
    with pytest.raises(InputProblem, match="Cần ghi căn cứ"):
        annual.year_facts_save(
            actor=org.users["head"],
            cadre=cadre,
            year=2026,
            statement=YearStatement(facts=("discipline",)),
        )
    with pytest.raises(InputProblem, match="Không có tình tiết 'gambling'"):
        annual.year_facts_save(
            actor=org.users["head"],
            cadre=cadre,
            year=2026,
            statement=YearStatement(facts=("gambling",), facts_reason="x"),
        )
    with pytest.raises(NotAllowed):
        annual.year_facts_save(
            actor=org.users["manager"], cadre=cadre, year=2026, statement=YearStatement()
        )
    assert not YearFacts.objects.exists()


def test_the_year_page_has_the_statements_for_the_national_scheme(org: SimpleNamespace) -> None:
    nat = national_unit(org)
    month_of(org, nat, 4, 96, 80, 80, 75, 72, 70)
    one, two = nat.cadres[0], nat.cadres[5]
    head = client_for(org.users["head"])
    url = reverse("evaluations:year", args=[nat.unit.pk, 2026])
    text = head.get(url).content.decode()
    assert f'name="cond_on_time_{one.pk}"' in text and f'name="fact_{two.pk}"' in text
    assert "Điều kiện loại cao nhất và tình tiết trong năm" in text
    form = {f"cond_on_time_{one.pk}": "yes", f"cond_beyond_share_{one.pk}": "40%"}
    form |= {f"fact_{two.pk}": "degradation", f"facts_reason_{two.pk}": "Kết luận số 7"}
    text = head.post(url, form, follow=True).content.decode()
    assert "Đã xếp loại năm của đơn vị" in text
    assert YearGrade.objects.get(cadre=one).grade == "excellent"
    assert YearGrade.objects.get(cadre=two).grade == "not_completed"
    assert "Đã phê duyệt xếp loại năm" in text  # read-only from now on
    assert "Mở lại xếp loại năm" not in text  # the head does not reopen
    admin = client_for(org.admin)
    text = admin.post(url, {"action": "reopen", "reason": "Sai tình tiết"}, follow=True)
    assert "Đã mở lại xếp loại năm" in text.content.decode()
    assert "Sai tình tiết" in text.content.decode()


def test_an_approved_year_is_reopened_only_by_an_administrator_with_a_reason(
    org: SimpleNamespace,
) -> None:
    everyone(org, 95, 85, 80, 75, 70)
    services.unit_approve(actor=org.users["head"], period=org.period, unit=org.unit)
    annual.year_grade(actor=org.users["head"], unit=org.unit, year=2026, graded_on=ON_TIME)
    with pytest.raises(GradesApproved):
        annual.year_facts_save(actor=org.users["head"], cadre=org.cadres[0], year=2026)
    for who in ("head", "organiser"):
        with pytest.raises(NotAllowed):
            annual.year_reopen(actor=org.users[who], unit=org.unit, year=2026, reason="x")
    with pytest.raises(InputProblem, match="Cần ghi lý do"):
        annual.year_reopen(actor=org.admin, unit=org.unit, year=2026, reason="")
    annual.year_reopen(actor=org.admin, unit=org.unit, year=2026, reason="Thiếu nghỉ ốm")
    event = AuditEvent.objects.get(action="evaluation.year_reopen")
    assert event.after == {"unit": "Phòng Tổng hợp", "year": 2026, "reason": "Thiếu nghỉ ốm"}
    assert event.before["grades"]["Nguyễn Văn An"] == "A"
    with pytest.raises(WrongState, match="Chỉ mở lại được xếp loại năm đã phê duyệt"):
        annual.year_reopen(actor=org.admin, unit=org.unit, year=2026, reason="x")
    annual.year_grade(actor=org.users["head"], unit=org.unit, year=2026, graded_on=ON_TIME)
    assert YearApproval.objects.get(unit=org.unit, year=2026).is_current


@pytest.fixture
def two_units(org: SimpleNamespace) -> SimpleNamespace:
    """A second unit under Hanoi, with outstanding achievements in 2026 (a 40 % cap): three
    cadres at 91, 90 and 60 in March."""
    head = Person.objects.create(body=org.body, full_name="Võ Văn Pháp")
    unit = structure.unit_save(
        actor=org.organiser, body=org.body, name="Phòng Pháp chế", head=head, outstanding_year=2026
    )
    cadres = [
        structure.cadre_save(
            actor=org.organiser,
            person=Person.objects.create(body=org.body, full_name=name),
            unit=unit,
            manager=org.manager,
        )
        for name in ("Bùi Văn Chín", "Cao Thị Mười", "Đinh Văn Mốt")
    ]
    reviewed(org, dict(zip(cadres, (91, 90, 60), strict=True)))
    everyone(org, 95, 92, 80, 75, 70)
    services.unit_approve(
        actor=org.organiser, period=org.period, unit=org.unit, keep=[org.cadres[0].pk]
    )
    return SimpleNamespace(unit=unit, cadres=cadres)


def approve_second(org: SimpleNamespace, units: SimpleNamespace) -> None:
    services.unit_approve(
        actor=org.organiser, period=org.period, unit=units.unit, keep=[units.cadres[0].pk]
    )


def test_the_body_is_graded_in_one_step_each_unit_within_its_quota(
    org: SimpleNamespace, two_units: SimpleNamespace
) -> None:
    approve_second(org, two_units)
    with pytest.raises(QuotaDecisionNeeded, match="Nguyễn Văn An"):
        bodywide.body_year_grade(actor=org.organiser, body=org.body, year=2026)
    # Phòng Tổng hợp: 30 % of 5 = 1 place for 95 and 92; Phòng Pháp chế (outstanding): 40 % of
    # 3 = 1 place for 91 and 90
    keep = [org.cadres[0].pk, two_units.cadres[0].pk]
    saved = bodywide.body_year_grade(
        actor=org.organiser, body=org.body, year=2026, keep=keep, graded_on=ON_TIME
    )
    first, second = by_name(saved["Phòng Tổng hợp"]), by_name(saved["Phòng Pháp chế"])
    assert first["Nguyễn Văn An"].grade == "A" and first["Phạm Thị Bình"].grade == "B"
    assert second["Bùi Văn Chín"].quota_outcome == QuotaOutcome.KEPT_BY_DECISION
    assert (second["Cao Thị Mười"].grade_before_quota, second["Cao Thị Mười"].grade) == ("A", "B")
    approval = YearApproval.objects.get(unit=two_units.unit, year=2026)
    assert approval.is_body_wide and approval.is_outstanding
    assert (approval.quota_use[0]["base"], approval.quota_use[0]["allowed"]) == (3, 1)
    events = AuditEvent.objects.filter(action="evaluation.year_grade")
    assert events.count() == 2 and all(e.after["body_wide"] for e in events)


def test_a_unit_not_ready_stops_the_whole_step_and_is_named(
    org: SimpleNamespace, two_units: SimpleNamespace
) -> None:
    with pytest.raises(WrongState, match=r"Phòng Pháp chế: Chưa thể xếp loại năm.*Bùi Văn Chín"):
        bodywide.body_year_grade(actor=org.organiser, body=org.body, year=2026, keep=[])
    assert not YearGrade.objects.exists() and not YearApproval.objects.exists()
    found = bodywide.body_year(org.body, 2026)
    states = {s.unit.name: s.state for s in found.units}
    assert states == {"Phòng Tổng hợp": "ready", "Phòng Pháp chế": "not_ready"}


def test_units_already_approved_are_left_as_they_are(
    org: SimpleNamespace, two_units: SimpleNamespace
) -> None:
    approve_second(org, two_units)
    annual.year_grade(
        actor=org.users["head"],
        unit=org.unit,
        year=2026,
        keep=[org.cadres[0].pk],
        graded_on=ON_TIME,
    )
    saved = bodywide.body_year_grade(
        actor=org.organiser, body=org.body, year=2026, keep=[two_units.cadres[0].pk]
    )
    assert list(saved) == ["Phòng Pháp chế"]
    assert not YearApproval.objects.get(unit=org.unit).is_body_wide
    with pytest.raises(InputProblem, match="Không còn đơn vị nào"):
        bodywide.body_year_grade(actor=org.organiser, body=org.body, year=2026)


def test_only_organisers_grade_the_whole_body(
    org: SimpleNamespace, two_units: SimpleNamespace
) -> None:
    approve_second(org, two_units)
    for who in ("head", "manager", "cadre", "outsider"):
        with pytest.raises(NotAllowed):
            bodywide.body_year_grade(actor=org.users[who], body=org.body, year=2026)
    url = reverse("evaluations:body_year", args=[org.body.pk, 2026])
    assert client_for(org.users["head"]).get(url).status_code == 404
    assert client_for(org.users["head"]).post(url, {}).status_code == 404
    page = client_for(org.organiser).get(url).content.decode()
    assert "Sẵn sàng" in page and "Cần quyết định: vượt hạn mức" in page
    form = {"decision": "1", "keep": [str(org.cadres[0].pk), str(two_units.cadres[0].pk)]}
    text = client_for(org.admin).post(url, form, follow=True).content.decode()
    assert "Đã xếp loại năm toàn cơ quan" in text
    assert YearApproval.objects.filter(is_body_wide=True).count() == 2


def test_a_unit_without_any_approved_month_is_not_ready(
    org: SimpleNamespace, two_units: SimpleNamespace
) -> None:
    approve_second(org, two_units)
    empty = structure.unit_save(actor=org.organiser, body=org.body, name="Phòng Mới")
    structure.cadre_save(
        actor=org.organiser, person=Person.objects.create(body=org.body, full_name="X"), unit=empty
    )
    states = {s.unit.name: s for s in bodywide.body_year(org.body, 2026).units}
    assert states["Phòng Mới"].state == "not_ready"
    assert states["Phòng Mới"].reason_vi == "Chưa có tháng nào của năm 2026 được phê duyệt"
    with pytest.raises(WrongState, match="Phòng Mới: Chưa có tháng nào"):
        bodywide.body_year_grade(actor=org.organiser, body=org.body, year=2026, keep=[])
