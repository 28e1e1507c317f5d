"""Who sees and does what in the monthly evaluation: the cadre their own, the manager their
reports, the unit head their unit, the body's administrators and organisers everything, an
outsider nothing (a 404, as for another body's sessions)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from tests.evaluations.conftest import client_for, hanoi, reviewed

from tinnhiem.core.errors import NotAllowed
from tinnhiem.evaluations import services
from tinnhiem.evaluations.models import Evaluation

WHO = ["cadre", "cadre2", "manager", "head", "admin", "organiser", "outsider"]
PAGES = {
    "own evaluation": {"cadre", "manager", "head", "admin", "organiser"},
    "profile": {"cadre", "manager", "head", "admin", "organiser"},
    "profile.pdf": {"cadre", "manager", "head", "admin", "organiser"},
    "month": {"cadre", "cadre2", "manager", "head", "admin", "organiser"},
    "body": {"cadre", "cadre2", "manager", "head", "admin", "organiser"},
    "approval": {"head", "admin", "organiser"},
    "unit dashboard": {"head", "admin", "organiser"},
    "body dashboard": {"admin", "organiser"},
    "setup": {"admin", "organiser"},
}


def urls(org: SimpleNamespace) -> dict[str, str]:
    cadre, period = org.cadres[0], org.period
    return {
        "own evaluation": reverse("evaluations:evaluation", args=[period.pk, cadre.pk]),
        "profile": reverse("evaluations:profile", args=[cadre.pk]),
        "profile.pdf": reverse("evaluations:profile_pdf", args=[cadre.pk]),
        "month": reverse("evaluations:period", args=[period.pk]),
        "body": reverse("evaluations:body", args=[org.body.pk]),
        "approval": reverse("evaluations:approval", args=[period.pk, org.unit.pk]),
        "unit dashboard": reverse("evaluations:unit_dashboard", args=[org.unit.pk]),
        "body dashboard": reverse("evaluations:dashboard", args=[org.body.pk]),
        "setup": reverse("evaluations:setup", args=[org.body.pk]),
    }


@pytest.mark.parametrize("who", WHO)
def test_page_access_matrix(org: SimpleNamespace, who: str) -> None:
    services.evaluation_self_assess(
        actor=org.organiser, cadre=org.cadres[0], period=org.period, scores=hanoi(85)
    )
    client = client_for(org.users[who])
    for page, url in urls(org).items():
        status = client.get(url).status_code
        expected = 200 if who in PAGES[page] else 404
        assert status == expected, (page, who, status)
    assert client.get(reverse("evaluations:index")).status_code == 200


def test_a_cadre_sees_only_their_own_on_the_month_page(org: SimpleNamespace) -> None:
    page = client_for(org.users["cadre"]).get(reverse("evaluations:period", args=[org.period.pk]))
    text = page.content.decode()
    assert "Nguyễn Văn An" in text and "Phạm Thị Bình" not in text
    page = client_for(org.users["manager"]).get(reverse("evaluations:period", args=[org.period.pk]))
    assert "Phạm Thị Bình" in page.content.decode()


def test_a_body_role_without_evaluation_rights_sees_nothing(
    org: SimpleNamespace, users: dict[str, Any]
) -> None:
    for name in ("observer", "board1"):
        client = client_for(users[name])
        for url in urls(org).values():
            assert client.get(url).status_code == 404, (name, url)


def _can(action: Callable[[], Any]) -> bool:
    try:
        action()
    except NotAllowed:
        return False
    return True


ACTIONS = {
    "self-assess": {"cadre", "admin", "organiser"},
    "review": {"manager", "admin", "organiser"},
    "approve": {"head", "admin", "organiser"},
    "reopen": {"admin"},
}


@pytest.mark.parametrize("who", WHO)
def test_action_matrix(org: SimpleNamespace, who: str) -> None:
    user, cadre, period = org.users[who], org.cadres[0], org.period
    assert _can(
        lambda: services.evaluation_self_assess(
            actor=user, cadre=cadre, period=period, scores=hanoi(85)
        )
    ) == (who in ACTIONS["self-assess"])
    draft = services.evaluation_self_assess(
        actor=org.organiser, cadre=cadre, period=period, scores=hanoi(85)
    )
    services.evaluation_submit(actor=org.organiser, evaluation=draft)
    assert _can(
        lambda: services.evaluation_review(actor=user, evaluation=draft, scores=hanoi(85))
    ) == (who in ACTIONS["review"])
    reviewed(org, {c: 70 for c in org.cadres[1:]})  # the other four, by their managers
    if who not in ACTIONS["review"]:
        services.evaluation_review(actor=org.users["manager"], evaluation=draft, scores=hanoi(85))
    assert _can(lambda: services.unit_approve(actor=user, period=period, unit=org.unit)) == (
        who in ACTIONS["approve"]
    )
    if who not in ACTIONS["approve"]:
        services.unit_approve(actor=org.users["head"], period=period, unit=org.unit)
    approved = Evaluation.objects.get(pk=draft.pk)
    assert _can(
        lambda: services.evaluation_reopen(actor=user, evaluation=approved, reason="Sửa sai sót")
    ) == (who in ACTIONS["reopen"])


def test_a_manager_cannot_reach_another_units_cadre_by_url(
    org: SimpleNamespace, make_user: Callable[..., Any]
) -> None:
    from tinnhiem.bodies.models import Person
    from tinnhiem.evaluations import structure

    other_head = Person.objects.create(body=org.body, full_name="Võ Văn Khác")
    other = structure.unit_save(
        actor=org.organiser, body=org.body, name="Phòng Pháp chế", head=other_head
    )
    stranger = Person.objects.create(body=org.body, full_name="Bùi Thị Xa")
    far = structure.cadre_save(actor=org.organiser, person=stranger, unit=other, manager=other_head)
    client = client_for(org.users["manager"])
    assert client.get(reverse("evaluations:profile", args=[far.pk])).status_code == 404
    assert (
        client.get(reverse("evaluations:evaluation", args=[org.period.pk, far.pk])).status_code
        == 404
    )
    head = client_for(org.users["head"])
    assert (
        head.get(reverse("evaluations:approval", args=[org.period.pk, other.pk])).status_code == 404
    )
    assert head.get(reverse("evaluations:unit_dashboard", args=[other.pk])).status_code == 404


def test_forms_need_the_csrf_token(org: SimpleNamespace) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(org.users["cadre"])
    url = reverse("evaluations:evaluation", args=[org.period.pk, org.cadres[0].pk])
    assert client.post(url, {"action": "save", "score_discipline": "20"}).status_code == 403
