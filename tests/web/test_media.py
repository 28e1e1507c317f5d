"""Uploads live under MEDIA_ROOT and nothing serves that folder: not the URLs, not WhiteNoise
(static files only), not gunicorn. Self-assessment reports go back through a view that checks
access, as downloads, and are held to the same types and size as evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse
from tests.web.pages import patterns

from tinnhiem.core.errors import InputProblem
from tinnhiem.votes.candidates import candidate_report
from tinnhiem.votes.models import VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_no_url_and_no_static_root_reaches_the_uploads() -> None:
    media = settings.MEDIA_URL.strip("/")
    assert all(not str(pattern).startswith(media) for _, pattern in patterns(get_resolver()))
    static_root, media_root = Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)
    assert not media_root.is_relative_to(static_root)
    assert getattr(settings, "WHITENOISE_ROOT", None) is None


def test_a_report_is_sent_only_through_the_view_that_checks_access(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    candidate = draft.candidates.first()
    candidate_report(
        actor=users["organiser"],
        candidate=candidate,
        upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7 report"),
    )
    candidate.refresh_from_db()
    media_path = "/" + settings.MEDIA_URL.lstrip("/") + candidate.report_file.name
    assert (Path(settings.MEDIA_ROOT) / candidate.report_file.name).exists()
    for client in (Client(), client_for(users["observer"]), client_for(users["admin"])):
        assert client.get(media_path).status_code == 404
    view = reverse("candidate_report", args=[draft.pk, candidate.pk])
    page = client_for(users["observer"]).get(reverse("session", args=[draft.pk])).content.decode()
    assert f'href="{view}"' in page and media_path not in page
    got = client_for(users["observer"]).get(view)
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content) == b"%PDF-1.7 report"
    assert client_for(users["stranger"]).get(view).status_code == 404
    assert Client().get(view).status_code == 302


def test_a_report_of_another_type_is_refused_naming_it(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    with pytest.raises(InputProblem) as refused:
        candidate_report(
            actor=users["organiser"],
            candidate=draft.candidates.first(),
            upload=SimpleUploadedFile("bao-cao.html", b"<script>alert(1)</script>"),
        )
    assert "'bao-cao.html'" in refused.value.message_vi and "only PDF" in refused.value.message_en
