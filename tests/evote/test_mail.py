"""No voting code in a log: invitations are e-mailed only through a backend that delivers. The
console and file backends (which write each body, code included, to the server's output or a
file) and the default (which discards) are refused, on the page and by the service; the tests'
in-memory backend still sends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from tinnhiem.bodies.models import Voter
from tinnhiem.core.errors import DomainError
from tinnhiem.core.mail import NOT_DELIVERING
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import Credential

CONSOLE = "django.core.mail.backends.console.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"


def _invite(election: Any, actor: Any) -> int:
    voter = Voter.objects.filter(body=election.session.body).order_by("pk").first()
    assert voter is not None
    return evote.invitations_send(
        actor=actor,
        election=election,
        booth_url="https://example.org/e/x/",
        voters=[voter],
        emails={voter.pk: "a@example.org"},
    )


@pytest.mark.parametrize("backend", [CONSOLE, FILES])
def test_invitations_are_refused_unless_mail_is_delivered(
    electronic: Any,
    users: dict[str, Any],
    backend: str,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    election, _ = electronic
    with (
        override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=str(tmp_path)),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(DomainError, match="No mail server is configured"),
    ):
        _invite(election, users["organiser"])
    out, err = capfd.readouterr()
    assert "#code=" not in out + err and "Kính gửi" not in out + err
    assert not list(tmp_path.iterdir())  # nothing written by the file backend either
    assert not Credential.objects.exists()  # no code made for a mail that is not sent


def test_the_in_memory_backend_of_the_tests_still_sends(
    electronic: Any, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    election, _ = electronic
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(election, users["organiser"]) == 1
    assert len(mail.outbox) == 1 and "#code=" in mail.outbox[0].body


def test_the_panel_says_so_and_refuses_in_both_languages(
    electronic: Any, users: dict[str, Any], capfd: pytest.CaptureFixture[str]
) -> None:
    election, _ = electronic
    client = Client()
    client.force_login(users["organiser"])
    url = f"/sessions/{election.session_id}/evote/"
    voter = Voter.objects.filter(body=election.session.body).order_by("pk").first()
    assert voter is not None
    with override_settings(EMAIL_BACKEND=CONSOLE):
        page = client.get(url).content.decode()
        assert 'id="mail-off"' in page and "Chưa cấu hình máy chủ thư" in page
        answer = client.post(
            url,
            {"action": "invite", "voter": [voter.pk], f"email-{voter.pk}": "a@example.org"},
            follow=True,
        )
        assert "Chưa cấu hình máy chủ thư" in answer.content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get(url).content.decode()
        assert "No mail server is configured, so invitations cannot be e-mailed" in page
        answer = client.post(
            url,
            {"action": "invite", "voter": [voter.pk], f"email-{voter.pk}": "a@example.org"},
            follow=True,
        )
        assert "No mail server is configured (TINNHIEM_EMAIL_BACKEND" in answer.content.decode()
    assert "#code=" not in "".join(capfd.readouterr())
    assert not Credential.objects.exists()
    page = client.get(url).content.decode()  # the tests' backend delivers: the button is there
    assert 'id="mail-off"' not in page


def test_a_fresh_install_prints_no_mail() -> None:
    """The default backend, read from the settings with no TINNHIEM_EMAIL_BACKEND set."""
    env = {k: v for k, v in os.environ.items() if k != "TINNHIEM_EMAIL_BACKEND"}
    env |= {"TINNHIEM_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "tinnhiem.config.settings"}
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    backend = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert backend in NOT_DELIVERING and backend not in (CONSOLE, FILES)
