"""The audit log's page: a body's administrators see their body's rows, a site administrator
every row and the log's head."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tinnhiem.votes.models import VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_body_administrator_sees_only_their_bodies_rows_not_the_logs_head(
    draft: VoteSession, users: dict[str, Any], other_body: Any, make_user: Any
) -> None:
    from django.db import transaction

    from tinnhiem.audit.models import AuditEvent
    from tinnhiem.audit.services import record

    with transaction.atomic():
        elsewhere = record(actor=users["admin"], action="x.elsewhere", body_id=other_body.pk)
    ours = AuditEvent.objects.filter(body_id=draft.body_id).order_by("-seq").first()
    page = client_for(users["admin"]).get(reverse("audit")).content.decode()
    assert f"<code>{ours.hash}</code>" in page and "x.elsewhere" not in page
    assert elsewhere.hash not in page
    assert (
        "Không có dòng nào" in client_for(users["organiser"]).get(reverse("audit")).content.decode()
    )
    site_admin = make_user("site", is_superuser=True)
    page = client_for(site_admin).get(reverse("audit")).content.decode()
    assert f"<code>{elsewhere.hash}</code>" in page and "x.elsewhere" in page
