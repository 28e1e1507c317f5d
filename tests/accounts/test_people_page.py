"""The body's users and roles page, for its administrators."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_grants_and_revokes_roles(body: Any, users: dict[str, Any]) -> None:
    from tinnhiem.accounts.models import RoleGrant
    from tinnhiem.audit.models import AuditEvent

    url = reverse("people", args=[body.pk])
    assert client_for(users["organiser"]).get(url).status_code == 404
    client = client_for(users["admin"])
    client.post(
        url,
        {
            "username": "bkp3",
            "role": "board",
            "password": "mat-khau-du-manh-2026",
            "full_name": "Lê Văn Kiểm",
        },
    )
    grant = RoleGrant.objects.get(user__username="bkp3")
    assert grant.role == "board" and grant.user.password.startswith("argon2")
    assert AuditEvent.objects.filter(action="role.grant", actor="admin").exists()
    weak = client.post(url, {"username": "x", "role": "board", "password": "123"}, follow=True)
    assert "Mật khẩu chưa đủ mạnh" in weak.content.decode()
    client.post(url, {"revoke": grant.pk})
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
