"""The e-vote panel's ticked voters are read as ids: anything else is a bilingual 400, not a 500
(str.isdigit() lets "²" through to int(), which refuses it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.evote.trustees import Board

from tinnhiem.evote.models import Election


@pytest.mark.parametrize("action", ["letters", "invite"])
@pytest.mark.parametrize("ids", [["abc"], ["1", "²"]])
def test_ticked_voters_that_are_not_ids(
    electronic: tuple[Election, Board], users: dict[str, Any], action: str, ids: list[str]
) -> None:
    election, _ = electronic
    client = Client(raise_request_exception=False)
    client.force_login(users["organiser"])
    url = reverse("evote_panel", args=[election.session_id])
    page = client.post(url, {"action": action, "voter": ids})
    assert page.status_code == 400
    assert "Người tham gia: «" in page.content.decode()
