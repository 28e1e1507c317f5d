"""A log-in lasts a working day (TINNHIEM_SESSION_HOURS, 8 by default), not Django's two weeks,
and its cookie ends with the browser."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.conftest import PASSWORD


def test_a_log_in_ends_after_eight_hours_and_with_the_browser(users: dict[str, Any]) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "observer", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    left = Session.objects.get().expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < left <= timedelta(hours=8)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("home")).status_code == 302  # back to the log-in page
