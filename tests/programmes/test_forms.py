"""The web forms of programme steering: watched cases (register, a stage, removal confirmed with
its document), targets entered by the office, a task stopped on its confirmation page. Each
keeps what was typed and marks the field it refuses, refuses a role without the permission,
changes nothing without the confirmation, and leaves its audit row."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from tests.programmes.test_views import client_of, page_text
from tests.programmes.world import World, make_world

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.programmes.models import CaseEvent, Indicator, WatchedCase


@pytest.fixture
def world(committee: Body, people: dict[str, Any], make_user: Callable[..., Any]) -> World:
    return make_world(committee, people, make_user)


def marked(text: str, name: str) -> bool:
    """The input (or select) named `name` is marked invalid."""
    tag = re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', text)
    return tag is not None and 'aria-invalid="true"' in tag.group()


def audit(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


CASE = {
    "name": "Vụ án vi phạm quy định về đấu thầu tại Sở X",
    "kind": "vu_an",
    "level": "province",
    "listed_on": "2024-03-01",
    "handling_agency": "Cơ quan CSĐT Công an thành phố",
    "damage": "12500000000",
    "recovered": "1250000000,5",
    "seized": "",
    "blockers": ["Giám định"],
    "blockers_other": "Chờ định giá lại lô đất",
    "proposal": "Tiếp tục theo dõi",
    "target_investigation_concluded": "2024-06-30",
    "target_first_instance": "2024-09-30",
}


# Watched cases


def test_internal_affairs_register_a_case_with_its_targets_and_blockers(world: World) -> None:
    client = client_of(world.users["internal"])
    response = client.post(reverse("programmes:case_new", args=[world.programme.body_id]), CASE)
    case = WatchedCase.objects.get(name=CASE["name"])
    assert response.status_code == 302 and response["Location"] == f"/programmes/cases/{case.pk}/"
    assert case.damage == Decimal("12500000000") and case.recovered == Decimal("1250000000.5")
    assert case.seized is None and case.blockers == "Giám định; Chờ định giá lại lô đất"
    assert case.listed_on == date(2024, 3, 1) and case.proposal == "Tiếp tục theo dõi"
    targets = [(e.stage, e.on, e.is_target) for e in case.events.all()]
    assert targets == [
        ("investigation_concluded", date(2024, 6, 30), True),
        ("first_instance", date(2024, 9, 30), True),
    ]
    (created,) = audit("case.create")
    assert created.object_id == str(case.pk) and created.actor == "p.internal"
    assert created.after["targets"] == {
        "investigation_concluded": "2024-06-30",
        "first_instance": "2024-09-30",
    }


def test_a_bad_amount_keeps_what_was_typed_and_marks_the_field(world: World) -> None:
    client = client_of(world.users["internal"])
    url = reverse("programmes:case_new", args=[world.programme.body_id])
    response = client.post(url, {**CASE, "damage": "12.500.000.000"})
    text = page_text(response)
    assert response.status_code == 200
    assert 'value="12.500.000.000"' in text and marked(text, "damage")
    assert "«12.500.000.000» không phải là số không âm" in text
    assert CASE["name"] in text and not marked(text, "name")
    client.cookies["django_language"] = "en"
    english = page_text(client.post(url, {**CASE, "damage": "12.500.000.000"}))
    assert "'12.500.000.000' is not a non-negative number" in english
    assert not WatchedCase.objects.filter(name=CASE["name"]).exists()
    assert audit("case.create") == []


def test_a_stage_is_recorded_counted_and_shown_on_the_cases_page(world: World) -> None:
    client = client_of(world.users["internal"])
    url = reverse("programmes:case", args=[world.case.pk])
    response = client.post(url, {"stage": "prosecution", "on": "2024-04-02", "defendants": "3"})
    assert response.status_code == 302
    (event,) = CaseEvent.objects.filter(case=world.case)
    assert (event.stage, event.on, event.defendants, event.is_target) == (
        "prosecution",
        date(2024, 4, 2),
        3,
        False,
    )
    (recorded,) = audit("case.stage")
    assert recorded.after == {"stage": "prosecution", "on": "2024-04-02", "defendants": 3}
    listing = page_text(client.get(reverse("programmes:cases", args=[world.programme.body_id])))
    assert "Khởi tố 02/04/2024 · 3 bị can/bị cáo" in listing
    assert f'href="/programmes/cases/{world.case.pk}/"' in listing


def test_a_bad_defendant_count_keeps_the_stage_typed_and_marks_the_count(world: World) -> None:
    client = client_of(world.users["internal"])
    response = client.post(
        reverse("programmes:case", args=[world.case.pk]),
        {"stage": "indictment", "on": "2024-05-01", "defendants": "ba"},
    )
    text = page_text(response)
    assert response.status_code == 200 and marked(text, "defendants") and 'value="ba"' in text
    assert '<option value="indictment" selected>' in text and not marked(text, "stage")
    assert not CaseEvent.objects.exists() and audit("case.stage") == []


def test_the_case_page_reads_through_the_service_and_is_logged(world: World) -> None:
    before = len(audit("case.read"))
    text = page_text(
        client_of(world.users["steering"]).get(reverse("programmes:case", args=[world.case.pk]))
    )
    assert "Vụ án Công ty A" in text
    reads = audit("case.read")
    assert len(reads) == before + 1 and reads[-1].object_id == str(world.case.pk)
    assert 'name="stage"' not in text  # the steering committee reads, never writes


@pytest.mark.parametrize("who", ["steering", "office", "admin", "inspection"])
def test_only_internal_affairs_write_cases(world: World, who: str) -> None:
    client = client_of(world.users[who])
    body_id = world.programme.body_id
    assert client.get(reverse("programmes:case_new", args=[body_id])).status_code == 403
    assert client.post(reverse("programmes:case_new", args=[body_id]), CASE).status_code == 403
    stage = {"stage": "prosecution", "on": "2024-04-02", "defendants": "1"}
    case_url = reverse("programmes:case", args=[world.case.pk])
    assert client.post(case_url, stage).status_code == 403
    remove_url = reverse("programmes:case_remove", args=[world.case.pk])
    removal = {"confirmed": "yes", "on": "2024-05-01", "document": "CV 12"}
    assert client.post(remove_url, removal).status_code == 403
    assert WatchedCase.objects.count() == 1 and not CaseEvent.objects.exists()
    world.case.refresh_from_db()
    assert world.case.removed_on is None
    assert audit("case.create") == audit("case.stage") == audit("case.remove") == []


def test_removal_is_confirmed_on_its_own_page_with_its_document(world: World) -> None:
    client = client_of(world.users["internal"])
    url = reverse("programmes:case_remove", args=[world.case.pk])
    page = page_text(client.get(url))
    assert "Bạn có chắc?" in page and "«Vụ án Công ty A»" in page
    assert '<input type="hidden" name="confirmed" value="yes">' in page

    unconfirmed = client.post(url, {"on": "2024-05-01", "document": "Công văn 123-CV/BCĐ"})
    assert unconfirmed.status_code == 302 and unconfirmed["Location"] == url
    world.case.refresh_from_db()
    assert world.case.removed_on is None and audit("case.remove") == []

    undocumented = client.post(url, {"confirmed": "yes", "on": "2024-05-01", "document": ""})
    assert undocumented.status_code == 200 and marked(page_text(undocumented), "document")
    world.case.refresh_from_db()
    assert world.case.removed_on is None

    done = client.post(
        url, {"confirmed": "yes", "on": "2024-05-01", "document": "Công văn 123-CV/BCĐ"}
    )
    assert done.status_code == 302
    world.case.refresh_from_db()
    assert world.case.removed_on == date(2024, 5, 1)
    assert world.case.removal_document == "Công văn 123-CV/BCĐ"
    assert world.case.removal_approved_by == world.users["internal"]
    (removed,) = audit("case.remove")
    assert removed.after == {"on": "2024-05-01", "document": "Công văn 123-CV/BCĐ"}


def test_a_removal_dated_before_the_listing_marks_the_date(world: World) -> None:
    response = client_of(world.users["internal"]).post(
        reverse("programmes:case_remove", args=[world.case.pk]),
        {"confirmed": "yes", "on": "2021-01-01", "document": "CV 1"},
    )
    text = page_text(response)
    assert marked(text, "on") and "Ngày đưa ra trước ngày đưa vào diện theo dõi" in text
    assert 'value="CV 1"' in text


# Targets


def targets_url(world: World) -> str:
    return reverse("programmes:targets", args=[world.programme.pk])


TARGET = {
    "name": "Tỷ lệ hồ sơ giải quyết đúng hạn",
    "unit": "%",
    "period": "2023",
    "plan": "97,5",
    "actual": "98,25",
    "direction": "at_least",
}


def test_the_office_adds_a_target_with_a_decimal_comma(world: World) -> None:
    client = client_of(world.users["office"])
    response = client.post(targets_url(world), {**TARGET, "owner": world.lead.pk})
    assert response.status_code == 302
    target = Indicator.objects.get(name=TARGET["name"])
    assert (target.plan, target.actual, target.year) == (Decimal("97.5"), Decimal("98.25"), 2023)
    assert target.owner == world.lead and target.direction == "at_least"
    (saved,) = audit("programme.indicator")
    assert saved.before is None and saved.after["plan"] == "97.5"
    text = page_text(client.get(targets_url(world)))
    assert "100,77" in text and "Ban Tổ chức Thành ủy" in text  # 98.25 / 97.5


def test_the_office_edits_a_target_from_its_row(world: World) -> None:
    client = client_of(world.users["office"])
    target = Indicator.objects.get()
    form = page_text(client.get(targets_url(world), {"indicator": target.pk}))
    assert 'value="9290"' in form and 'value="10100"' in form
    assert f'<input type="hidden" name="indicator" value="{target.pk}">' in form
    changed = {**TARGET, "name": target.name, "period": "2022", "plan": "9290", "actual": "9000"}
    response = client.post(targets_url(world), {**changed, "indicator": target.pk})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.actual == Decimal(9000) and Indicator.objects.count() == 1
    (saved,) = audit("programme.indicator")
    assert saved.before["actual"] == "10100.0000" and saved.after["actual"] == "9000"


def test_a_bad_number_keeps_what_was_typed_and_marks_the_field_in_both_languages(
    world: World,
) -> None:
    client = client_of(world.users["office"])
    response = client.post(targets_url(world), {**TARGET, "plan": "9.290,5"})
    text = page_text(response)
    assert response.status_code == 200
    assert 'value="9.290,5"' in text and marked(text, "plan") and not marked(text, "actual")
    assert "«9.290,5» không phải là số không âm (ví dụ 9290 hoặc 97,5" in text
    assert 'value="98,25"' in text and TARGET["name"] in text
    client.cookies["django_language"] = "en"
    english = page_text(client.post(targets_url(world), {**TARGET, "plan": "9.290,5"}))
    assert "'9.290,5' is not a non-negative number (for example 9290 or 97.5" in english
    assert Indicator.objects.count() == 1 and audit("programme.indicator") == []


def test_a_second_row_for_the_same_indicator_and_period_is_refused(world: World) -> None:
    response = client_of(world.users["office"]).post(
        targets_url(world), {**TARGET, "name": "Kết nạp đảng viên", "period": "2022"}
    )
    text = page_text(response)
    assert response.status_code == 200 and marked(text, "name")
    assert "Chỉ tiêu «Kết nạp đảng viên» của kỳ «2022» đã có" in text
    assert Indicator.objects.get().actual == Decimal(10100)
    assert audit("programme.indicator") == []


@pytest.mark.parametrize("who", ["steering", "inspection", "internal", "focal"])
def test_only_the_office_enters_targets(world: World, who: str) -> None:
    client = client_of(world.users[who])
    assert client.post(targets_url(world), TARGET).status_code == 403
    assert Indicator.objects.count() == 1 and audit("programme.indicator") == []
    if who in {"steering", "inspection"}:  # they read the page, without the form
        assert 'id="target-form"' not in page_text(client.get(targets_url(world)))


# Stopping a task


def test_the_office_stops_a_task_on_its_confirmation_page(world: World) -> None:
    client = client_of(world.users["office"])
    url = reverse("programmes:stop", args=[world.open.pk])
    task_page = page_text(client.get(reverse("programmes:task", args=[world.open.pk])))
    assert f'href="{url}"' in task_page
    page = page_text(client.get(url))
    assert "Dừng thực hiện nhiệm vụ 2 «Nhiệm vụ 2»" in page

    unconfirmed = client.post(url, {"on": "2026-01-05", "reason": "Không còn phù hợp"})
    assert unconfirmed.status_code == 302 and unconfirmed["Location"] == url
    no_reason = client.post(url, {"confirmed": "yes", "on": "2026-01-05", "reason": ""})
    assert no_reason.status_code == 200 and marked(page_text(no_reason), "reason")
    assert 'value="2026-01-05"' in page_text(no_reason)
    world.open.refresh_from_db()
    assert world.open.stopped_on is None and audit("task.stop") == []

    stopped = client.post(url, {"confirmed": "yes", "on": "2026-01-05", "reason": "Sáp nhập"})
    assert stopped.status_code == 302
    world.open.refresh_from_db()
    assert world.open.stopped_on == date(2026, 1, 5) and world.open.stop_reason == "Sáp nhập"
    (logged,) = audit("task.stop")
    assert logged.after["reason"] == "Sáp nhập" and logged.actor == "p.office"
    after = page_text(client.get(reverse("programmes:task", args=[world.open.pk])))
    assert "Sáp nhập" in after and f'href="{url}"' not in after


@pytest.mark.parametrize("who", ["steering", "inspection", "internal", "focal", "head"])
def test_only_the_office_stops_a_task(world: World, who: str) -> None:
    client = client_of(world.users[who])
    url = reverse("programmes:stop", args=[world.open.pk])
    assert client.get(url).status_code == 403
    reason = {"confirmed": "yes", "on": "2026-01-05", "reason": "Không còn phù hợp"}
    assert client.post(url, reason).status_code == 403
    world.open.refresh_from_db()
    assert world.open.stopped_on is None and audit("task.stop") == []


def test_a_stage_for_a_case_off_the_list_is_refused_and_shown(world: World) -> None:
    client = client_of(world.users["internal"])
    client.post(
        reverse("programmes:case_remove", args=[world.case.pk]),
        {"confirmed": "yes", "on": "2024-05-01", "document": "CV 7"},
    )
    response = client.post(
        reverse("programmes:case", args=[world.case.pk]),
        {"stage": "prosecution", "on": "2024-06-01", "defendants": "2"},
    )
    assert "Vụ việc đã đưa ra khỏi diện theo dõi" in page_text(response)
    assert not CaseEvent.objects.exists() and audit("case.stage") == []


def test_internal_affairs_bring_a_cases_figures_up_to_date(world: World) -> None:
    client = client_of(world.users["internal"])
    url = reverse("programmes:case_figures", args=[world.case.pk])
    page = page_text(client.get(url))
    assert "Cập nhật số liệu" in page and "«Vụ án Công ty A»" in page
    figures = {
        "handling_agency": "Cơ quan CSĐT Bộ Công an",
        "damage": "12500000000",
        "recovered": "3400000000,5",
        "seized": "",
        "blockers": "Chờ giám định",
        "proposal": "Tiếp tục theo dõi",
    }
    response = client.post(url, figures)
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.recovered == Decimal("3400000000.5")
    assert world.case.handling_agency == "Cơ quan CSĐT Bộ Công an"
    (updated,) = audit("case.update")
    assert updated.after["recovered"] == "3400000000.5" and "handling_agency" in updated.before
    again = page_text(client.get(url))  # the form shows the amounts as typed, not 3.4E+9
    assert 'value="3400000000.5"' in again and 'value="12500000000"' in again
    client.post(url, figures)  # nothing changed: no second row
    assert len(audit("case.update")) == 1
    shown = page_text(client.get(reverse("programmes:case", args=[world.case.pk])))
    assert "Chờ giám định" in shown


def test_a_bad_amount_keeps_the_figures_typed_and_marks_it(world: World) -> None:
    client = client_of(world.users["internal"])
    url = reverse("programmes:case_figures", args=[world.case.pk])
    response = client.post(url, {"recovered": "1.250.000", "proposal": "Đưa ra khỏi diện"})
    text = page_text(response)
    assert response.status_code == 200 and marked(text, "recovered")
    assert 'value="1.250.000"' in text and 'value="Đưa ra khỏi diện"' in text
    assert audit("case.update") == []


@pytest.mark.parametrize("who", ["steering", "office", "inspection"])
def test_only_internal_affairs_update_a_cases_figures(world: World, who: str) -> None:
    client = client_of(world.users[who])
    url = reverse("programmes:case_figures", args=[world.case.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"recovered": "5"}).status_code == 403
    world.case.refresh_from_db()
    assert world.case.recovered != Decimal(5) and audit("case.update") == []


def test_a_case_off_the_list_keeps_its_figures(world: World) -> None:
    from tinnhiem.programmes import cases

    internal = world.users["internal"]
    cases.case_remove(actor=internal, case=world.case, on=date(2024, 12, 1), document="CV 9")
    client = client_of(internal)
    url = reverse("programmes:case_figures", args=[world.case.pk])
    assert 'name="recovered"' not in page_text(client.get(url))
    response = client.post(url, {"recovered": "5"})
    assert "Vụ việc đã được đưa ra khỏi diện theo dõi" in page_text(response)
    assert audit("case.update") == []
