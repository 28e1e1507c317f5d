"""User names: ASCII letters, digits, "." "-" "_" after NFKC, wherever a user is made: the
role page, createsuperuser, the demo loaders."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tinnhiem.accounts.services import role_grant
from tinnhiem.core.errors import InputProblem

GOOD_PASSWORD = "mat-khau-du-manh-2026"
REFUSED = {
    "<script>alert(1)</script>": "<script>alert(1)</script>",
    "ad min": "ad min",
    "\u0430dmin": "\\u0430dmin",  # a Cyrillic "а": reads "admin"
    "nguyễn": "nguy\\u1ec5n",
    "admin@x": "admin@x",
}


@pytest.mark.parametrize(("name", "shown"), REFUSED.items())
def test_the_role_page_refuses_such_a_name_naming_it(
    body: Any, users: dict[str, Any], name: str, shown: str
) -> None:
    with pytest.raises(InputProblem) as refused:
        role_grant(
            actor=users["admin"], body=body, username=name, role="board", password=GOOD_PASSWORD
        )
    assert f"'{shown}'" in refused.value.message_vi and f"'{shown}'" in refused.value.message_en
    assert "a–z, A–Z" in refused.value.message_en
    assert not get_user_model().objects.filter(username=name).exists()


def test_the_refusal_keeps_what_was_typed(body: Any, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["admin"])
    page = client.post(
        reverse("people", args=[body.pk]),
        {"username": "ad min", "full_name": "Lê Văn Kiểm", "role": "observer", "password": "x"},
    ).content.decode()
    assert "không dùng được" in page and 'value="Lê Văn Kiểm"' in page
    assert '<option value="observer" selected>' in page


def test_a_full_width_name_is_normalised(body: Any, users: dict[str, Any]) -> None:
    grant = role_grant(
        actor=users["admin"],
        body=body,
        username="ｎｇｕｙｅｎｖａｎａ",
        role="board",
        password=GOOD_PASSWORD,
    )
    assert grant.user.username == "nguyenvana"


@pytest.mark.parametrize("name", ["ad min", "\u0430dmin"])
def test_createsuperuser_refuses_such_a_name(db: Any, name: str) -> None:
    with pytest.raises(CommandError) as refused:
        call_command(
            "createsuperuser", username=name, email="", interactive=False, stdout=StringIO()
        )
    assert "a–z, A–Z" in str(refused.value) or "a–z, A–Z" in str(refused.value.__cause__)
    assert not get_user_model().objects.filter(username=name).exists()
