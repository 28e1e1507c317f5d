"""Granting a role, or linking a log-in to a person, tells a body's administrator nothing about
user names outside their bodies: the same answer, the same fields required, the same audit rows
on their page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from tests.conftest import PASSWORD

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Person
from tinnhiem.core.errors import InputProblem
from tinnhiem.evaluations.models import PersonUser
from tinnhiem.evaluations.structure import person_link

NEW_PASSWORD = "mat-khau-du-manh-2026"


def admin_client(users: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(users["admin"])
    return client


def grant(client: Client, body: Any, username: str, password: str = "") -> str:
    page = client.post(
        reverse("people", args=[body.pk]),
        {"username": username, "role": "observer", "password": password, "full_name": "X"},
        follow=True,
    )
    return page.content.decode()


def answer(page: str) -> str:
    """The message the page gave, without the list of grants (which shows the outcome)."""
    return page.split('<div class="messages"', 1)[1].split("</div>", 1)[0]


def body_rows(body: Any) -> list[tuple[str, Any]]:
    rows = AuditEvent.objects.filter(body_id=body.pk, action="role.grant").order_by("-seq")
    return [(row.action, row.after["role"]) for row in rows[:1]]


def test_no_password_gets_the_same_answer_for_a_taken_and_a_free_name(
    body: Any, users: dict[str, Any]
) -> None:
    client = admin_client(users)
    taken = answer(grant(client, body, "stranger"))  # exists, in no body of this administrator
    free = answer(grant(client, body, "nobody-here"))
    assert taken == free and "Nhập mật khẩu" in taken
    assert not RoleGrant.objects.filter(user__username="stranger").exists()


def test_a_taken_and_a_free_name_with_a_password_get_the_same_answer_and_rows(
    body: Any, users: dict[str, Any]
) -> None:
    client = admin_client(users)
    taken = grant(client, body, "stranger", NEW_PASSWORD)
    taken_rows = body_rows(body)
    free = grant(client, body, "newcomer", NEW_PASSWORD)
    assert answer(taken) == answer(free) and "Đã phân quyền" in answer(free)
    assert taken_rows == body_rows(body)
    stranger = get_user_model().objects.get(username="stranger")
    assert stranger.check_password(PASSWORD)  # an existing account keeps its own password
    assert get_user_model().objects.get(username="newcomer").check_password(NEW_PASSWORD)
    site_rows = AuditEvent.objects.filter(body_id=None).values_list("action", flat=True)
    assert {"user.existing", "user.create"} <= set(site_rows)
    assert NEW_PASSWORD not in str(list(AuditEvent.objects.values()))


def test_a_weak_password_is_refused_for_a_taken_name_too(body: Any, users: dict[str, Any]) -> None:
    client = admin_client(users)
    taken = answer(grant(client, body, "stranger", "Tinnhiem2026"))
    free = answer(grant(client, body, "nobody-here", "Tinnhiem2026"))
    assert taken == free and "Mật khẩu chưa đủ mạnh" in taken


def test_someone_already_in_the_administrators_body_needs_no_password(
    body: Any, users: dict[str, Any]
) -> None:
    client = admin_client(users)
    page = grant(client, body, "board1")
    assert "Đã phân quyền" in answer(page)
    assert RoleGrant.objects.filter(user=users["board1"], role="observer").exists()


@pytest.mark.parametrize("typed", ["Stranger", "STRANGER"])
def test_a_name_differing_only_in_case_is_the_same_account(
    body: Any, users: dict[str, Any], typed: str
) -> None:
    grant(admin_client(users), body, typed, NEW_PASSWORD)
    assert RoleGrant.objects.filter(user=users["stranger"], body=body).exists()
    assert not get_user_model().objects.filter(username=typed).exists()


def link_answer(actor: Any, person: Person, username: str) -> tuple[str, str]:
    with pytest.raises(InputProblem) as refused:
        person_link(actor=actor, person=person, username=username)
    return (
        refused.value.message_vi.replace(username, "NAME"),
        refused.value.message_en.replace(username, "NAME"),
    )


def test_linking_a_log_in_answers_alike_for_a_stranger_and_no_one(
    body: Any, users: dict[str, Any]
) -> None:
    person = Person.objects.create(body=body, full_name="Nguyễn Văn Cán")
    admin = users["admin"]
    assert link_answer(admin, person, "stranger") == link_answer(admin, person, "nobody-here")
    vi, en = link_answer(admin, person, "stranger")
    assert "Không có người dùng 'NAME' trong các cơ quan bạn quản trị" in vi
    assert "No user 'NAME' among the users of the bodies you administer" in en
    assert not PersonUser.objects.exists()  # the stranger was not linked either
    person_link(actor=admin, person=person, username="observer")  # a user of this body
    assert PersonUser.objects.get(person=person).user == users["observer"]


def test_the_link_page_answers_alike_for_a_stranger_and_no_one(
    body: Any, users: dict[str, Any]
) -> None:
    person = Person.objects.create(body=body, full_name="Nguyễn Văn Cán")
    client = admin_client(users)
    pages = [
        client.post(
            reverse("evaluations:setup", args=[body.pk]),
            {"action": "link", "person": person.pk, "username": name},
            follow=True,
        ).content.decode()
        for name in ("stranger", "nobody-here")
    ]
    said = [
        answer(page).replace(name, "NAME")
        for page, name in zip(pages, ("stranger", "nobody-here"), strict=True)
    ]
    assert said[0] == said[1] and "Không có người dùng" in said[0]
