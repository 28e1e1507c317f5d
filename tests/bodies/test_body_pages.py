"""Bodies in the web: the site administrator creates one (kind, level, superior body, place
name) and edits its heading; each change audited; others are refused."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from tests.web import html as page

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body, BodyKind

NEW = {
    "name": "Hội đồng nhân dân tỉnh Ninh Bình",
    "kind": "peoples_council",
    "level": "province",
    "parent_name": "",
    "city": "Ninh Bình",
}


def site_admin() -> Client:
    user = get_user_model().objects.create_superuser("root", "", "correct horse battery")
    client = Client()
    client.force_login(user)
    return client


def test_the_site_administrator_creates_a_body(db: Any) -> None:
    client = site_admin()
    form = client.get(reverse("body_new")).content.decode()
    assert "Cơ quan cấp trên" in form and "Hội đồng nhân dân" in form and "Quốc hội" in form
    response = client.post(reverse("body_new"), NEW)
    body = Body.objects.get(name=NEW["name"])
    assert response["Location"] == reverse("body", args=[body.pk])
    assert (body.kind, body.city) == (BodyKind.PEOPLES_COUNCIL, "Ninh Bình")
    created = AuditEvent.objects.get(action="body.create")
    assert created.actor == "root" and created.after["city"] == "Ninh Bình"


def test_a_refused_body_keeps_what_was_typed(db: Any) -> None:
    html = site_admin().post(reverse("body_new"), NEW | {"kind": "nonsense"}).content.decode()
    assert page.named(html, "name")["value"] == NEW["name"]
    assert page.named(html, "city")["value"] == "Ninh Bình"
    assert not Body.objects.exists()


def test_the_heading_is_edited_and_audited(body: Body) -> None:
    client = site_admin()
    client.post(
        reverse("body_edit", args=[body.pk]),
        NEW | {"name": body.name, "parent_name": "Thành ủy Thành phố Hồ Chí Minh"},
    )
    body.refresh_from_db()
    assert body.parent_name == "Thành ủy Thành phố Hồ Chí Minh"
    change = AuditEvent.objects.get(action="body.update")
    assert change.before["parent_name"] == "" and change.after["city"] == "Ninh Bình"


def test_an_organiser_cannot_create_or_edit_bodies(body: Body, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["organiser"])
    assert client.post(reverse("body_new"), NEW).status_code == 403
    assert client.post(reverse("body_edit", args=[body.pk]), NEW).status_code == 404
    assert not Body.objects.filter(name=NEW["name"]).exists()


def test_the_bodys_administrator_edits_its_heading(body: Body, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["admin"])
    client.post(reverse("body_edit", args=[body.pk]), NEW | {"name": body.name, "city": "TP.HCM"})
    body.refresh_from_db()
    assert body.city == "TP.HCM"
