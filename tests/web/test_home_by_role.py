"""Users whose only part is the monthly evaluation land on a home page with their own work; the
demo's cadre, manager and unit head are three persons, each with something to do."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tinnhiem.audit.models import AuditEvent
from tinnhiem.cli.demo import Command as DemoCommand
from tinnhiem.evaluations.models import Cadre, Evaluation, Period, PersonUser, Unit


@pytest.fixture
def demo(db: Any) -> None:
    call_command(DemoCommand(), "--only", "council", "--only", "evaluations", stdout=StringIO())


def home_of(username: str) -> str:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.get(reverse("home")).content.decode()


def person_of(username: str) -> Any:
    return PersonUser.objects.get(user__username=username).person


def test_the_demo_cadre_finds_their_own_month_to_fill_in(demo: None) -> None:
    page = home_of("canbo")
    assert "Bạn chưa được phân quyền" not in page
    assert "Tự đánh giá hằng tháng" in page and "Chưa tự đánh giá" in page
    cadre = Cadre.objects.get(person=person_of("canbo"))
    assert not Evaluation.objects.filter(cadre=cadre, period__in=Period.objects.all()[:1])
    latest = Period.objects.filter(body=cadre.person.body).first()
    assert reverse("evaluations:evaluation", args=[latest.pk, cadre.pk]) in page


def test_the_demo_manager_is_not_the_unit_head_and_has_a_review_waiting(demo: None) -> None:
    manager, head = person_of("quanly"), person_of("thutruong")
    assert manager != head
    assert not Unit.objects.filter(head=manager).exists()
    reports = Cadre.objects.filter(manager=manager)
    assert person_of("canbo") in [c.person for c in reports]
    page = home_of("quanly")
    assert "Phiếu chờ tôi nhận xét, đánh giá (1)" in page
    waiting = Evaluation.objects.get(cadre__manager=manager, status="submitted")
    assert waiting.cadre.person.full_name in page
    client = Client()
    client.force_login(PersonUser.objects.get(person=manager).user)
    form = client.get(reverse("evaluations:evaluation", args=[waiting.period_id, waiting.cadre_id]))
    assert form.status_code == 200 and 'id="rscore_performance"' in form.content.decode()


def test_the_demo_unit_head_finds_the_units_list_to_approve(demo: None) -> None:
    page = home_of("thutruong")
    unit = Unit.objects.get(head=person_of("thutruong"))
    assert "Danh sách của đơn vị chờ phê duyệt" in page and unit.name in page


def test_no_review_or_approval_of_the_demo_is_signed_by_the_command_line(demo: None) -> None:
    reviewed = Evaluation.objects.exclude(reviewed_by=None)
    assert reviewed.exists()
    assert not reviewed.filter(reviewed_by__username="cli").exists()
    assert not Evaluation.objects.filter(approved_by__username="cli").exists()
    for evaluation in reviewed.select_related("cadre", "reviewed_by"):
        linked = PersonUser.objects.get(user=evaluation.reviewed_by).person_id
        assert linked == evaluation.cadre.manager_id
    signers = set(
        AuditEvent.objects.filter(
            action__in=["evaluation.review", "evaluation.unit_approve"]
        ).values_list("actor", flat=True)
    )
    assert "cli" not in signers and {"quanly", "thutruong", "lanhdao"} <= signers


def test_a_user_with_a_role_in_a_body_still_sees_the_bodies(demo: None) -> None:
    page = home_of("tochuc")
    assert "Các cơ quan" in page and "Việc của tôi" not in page
