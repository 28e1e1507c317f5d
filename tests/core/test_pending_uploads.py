"""A previewed file is saved only by the preview that showed it, on its own body: a roster
previewed on one body cannot be confirmed on another (or as the other list), and a second
preview makes the first one's page stale. The rosters and the member register share the way."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tests.conftest import officials_csv

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.bodies.models import Body, Holding
from tinnhiem.members.models import MemberRecord

STALE = "Bản xem trước này không còn hiệu lực"


@pytest.fixture
def organiser(body: Body, other_body: Body, users: dict[str, Any]) -> Client:
    """An organiser of both bodies."""
    RoleGrant.objects.create(user=users["organiser"], body=other_body, role=Role.ORGANISER)
    RoleGrant.objects.create(user=users["organiser"], body=other_body, role=Role.ADMINISTRATOR)
    client = Client()
    client.force_login(users["organiser"])
    return client


def preview_roster(client: Client, body: Body, content: bytes, kind: str = "officials") -> str:
    upload = SimpleUploadedFile("ds.csv", content)
    page = client.post(reverse("roster_upload", args=[body.pk, kind]), {"file": upload})
    assert page.status_code == 200
    return str(page.context.get("token", ""))


def confirm_roster(client: Client, body: Body, token: str, kind: str = "officials") -> str:
    url = reverse("roster_confirm", args=[body.pk, kind])
    return str(client.post(url, {"preview": token}, follow=True).content.decode())


def names(body: Body) -> list[str]:
    holdings = Holding.objects.filter(post__body=body, is_current=True)
    return sorted(holdings.values_list("person__full_name", flat=True))


def test_a_roster_previewed_on_one_body_is_not_saved_on_another(
    organiser: Client, body: Body, other_body: Body
) -> None:
    token = preview_roster(organiser, body, officials_csv([("Nguyễn Văn An", "Chủ tịch")]))
    assert STALE in confirm_roster(organiser, other_body, token)
    assert STALE in confirm_roster(organiser, body, token, kind="voters")
    assert names(other_body) == [] and not body.voters.exists()
    assert "Đã lưu danh sách" in confirm_roster(organiser, body, token)  # its own page still can
    assert names(body) == ["Nguyễn Văn An"]
    assert STALE in confirm_roster(organiser, body, token)  # once


def test_a_second_preview_makes_the_first_stale(organiser: Client, body: Body) -> None:
    first = preview_roster(organiser, body, officials_csv([("Nguyễn Văn An", "Chủ tịch")]))
    second = preview_roster(organiser, body, officials_csv([("Trần Thị Bình", "Phó Chủ tịch")]))
    assert STALE in confirm_roster(organiser, body, first)
    assert STALE in confirm_roster(organiser, body, "")
    assert names(body) == []
    confirm_roster(organiser, body, second)
    assert names(body) == ["Trần Thị Bình"]


def test_the_officials_and_voters_previews_are_held_apart(organiser: Client, body: Body) -> None:
    officials = preview_roster(organiser, body, officials_csv([("Nguyễn Văn An", "Chủ tịch")]))
    voters_csv = "Họ và tên,Chức vụ, đơn vị\nLê Văn Cử,Đại biểu\n".encode()
    voters = preview_roster(organiser, body, voters_csv, kind="voters")
    confirm_roster(organiser, body, officials)
    confirm_roster(organiser, body, voters, kind="voters")
    assert names(body) == ["Nguyễn Văn An"]
    assert list(body.voters.values_list("full_name", flat=True)) == ["Lê Văn Cử"]


def test_a_file_with_errors_is_not_held(organiser: Client, body: Body) -> None:
    token = preview_roster(organiser, body, officials_csv([("", "Chủ tịch")]))
    assert token == ""
    assert STALE in confirm_roster(organiser, body, token)


def test_an_unknown_roster_kind_is_not_found(organiser: Client, body: Body) -> None:
    upload = SimpleUploadedFile("ds.csv", officials_csv())
    page = organiser.post(reverse("roster_upload", args=[body.pk, "nobody"]), {"file": upload})
    assert page.status_code == 404


def register_csv(name: str) -> bytes:
    return f"Họ và tên đang dùng,Giới tính,Ngày vào Đảng,Chi bộ\n{name},Nam,19/05/2015,Chi bộ 1\n".encode()


def preview_register(client: Client, body: Body, content: bytes) -> str:
    upload = SimpleUploadedFile("so.csv", content)
    page = client.post(reverse("members:import", args=[body.pk]), {"file": upload})
    return str(page.context.get("token", ""))


def confirm_register(client: Client, body: Body, token: str) -> str:
    url = reverse("members:import_confirm", args=[body.pk])
    return str(client.post(url, {"preview": token}, follow=True).content.decode())


def test_the_member_register_import_is_tied_the_same_way(
    organiser: Client, body: Body, other_body: Body
) -> None:
    first = preview_register(organiser, body, register_csv("Đỗ Văn Tâm"))
    assert STALE in confirm_register(organiser, other_body, first)
    second = preview_register(organiser, body, register_csv("Phạm Văn Hai"))
    assert STALE in confirm_register(organiser, body, first)
    assert not MemberRecord.objects.exists()
    confirm_register(organiser, body, second)
    assert list(MemberRecord.objects.values_list("full_name", "body")) == [
        ("Phạm Văn Hai", body.pk)
    ]
