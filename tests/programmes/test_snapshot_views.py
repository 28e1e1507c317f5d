"""The snapshots page: the office freezes a period and signs it off, each behind a confirmation
page (a POST without `confirmed=yes` changes nothing); a period frozen already or a date in the
future is a message in the page's language, with what was typed kept."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.programmes.world import World, make_world

from tinnhiem.bodies.models import Body
from tinnhiem.programmes import snapshots
from tinnhiem.programmes.models import Snapshot

READERS = {"admin", "office", "steering"}


@pytest.fixture
def world(committee: Body, people: dict[str, Any], make_user: Callable[..., Any]) -> World:
    return make_world(committee, people, make_user)


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def freeze(world: World, cut_off: date = date(2025, 12, 31)) -> Snapshot:
    return snapshots.snapshot_make(
        actor=world.users["office"], programme=world.programme, kind="year", cut_off=cut_off
    )


def test_who_sees_the_list_and_who_may_freeze_or_sign(world: World) -> None:
    frozen = freeze(world)
    listing = reverse("programmes:snapshots", args=[world.programme.pk])
    new = reverse("programmes:snapshot_new", args=[world.programme.pk])
    sign = reverse("programmes:snapshot_sign", args=[frozen.pk])
    for role in ("admin", "office", "steering", "inspection", "focal", "head", "stranger"):
        client = client_of(world.users[role])
        assert client.get(listing).status_code == (200 if role in READERS else 403), role
        may_act = role in {"admin", "office"}
        asked = client.get(new, {"kind": "year", "cut_off": "2024-12-31"})
        assert asked.status_code == (200 if may_act else 403), role
        assert client.get(sign).status_code == (200 if may_act else 403), role
        if not may_act:
            posted = client.post(new, {"kind": "year", "cut_off": "2024-12-31", "confirmed": "yes"})
            assert posted.status_code == 403
            assert client.post(sign, {"confirmed": "yes"}).status_code == 403
    assert Snapshot.objects.count() == 1 and Snapshot.objects.get().signed_at is None


def test_the_list_shows_each_snapshot_and_the_office_s_form(world: World) -> None:
    frozen = freeze(world)
    listing = reverse("programmes:snapshots", args=[world.programme.pk])
    office = text_of(client_of(world.users["office"]).get(listing))
    assert "Năm 2025" in office and "31/12/2025" in office and frozen.sha256 in office
    assert reverse("programmes:snapshot_sign", args=[frozen.pk]) in office
    assert 'name="cut_off"' in office
    steering = text_of(client_of(world.users["steering"]).get(listing))
    assert frozen.sha256 in steering and 'name="cut_off"' not in steering
    programme = text_of(
        client_of(world.users["office"]).get(
            reverse("programmes:programme", args=[world.programme.pk])
        )
    )
    assert listing in programme  # linked from the programme's pages


def test_freezing_needs_its_confirmation(world: World) -> None:
    client = client_of(world.users["office"])
    new = reverse("programmes:snapshot_new", args=[world.programme.pk])
    asked = text_of(client.get(new, {"kind": "quarter", "cut_off": "2025-09-30"}))
    assert "Quý 3/2025" in asked and 'name="confirmed" value="yes"' in asked
    assert 'name="cut_off" value="2025-09-30"' in asked
    refused = client.post(new, {"kind": "quarter", "cut_off": "2025-09-30"}, follow=True)
    assert "Chưa xác nhận" in text_of(refused) and not Snapshot.objects.exists()
    done = client.post(new, {"kind": "quarter", "cut_off": "2025-09-30", "confirmed": "yes"})
    assert done.status_code == 302
    made = Snapshot.objects.get()
    assert (made.kind, made.cut_off, made.made_by) == (
        "quarter",
        date(2025, 9, 30),
        world.users["office"],
    )


def test_a_period_frozen_already_or_a_future_date_is_a_message_not_a_traceback(
    world: World,
) -> None:
    freeze(world)
    client = client_of(world.users["office"])
    new = reverse("programmes:snapshot_new", args=[world.programme.pk])
    again = client.get(new, {"kind": "year", "cut_off": "2025-12-31"})
    assert again.status_code == 200 and "Kỳ này đã chốt số liệu" in text_of(again)
    again_posted = client.post(new, {"kind": "year", "cut_off": "2025-12-31", "confirmed": "yes"})
    assert "Kỳ này đã chốt số liệu" in text_of(again_posted)
    tomorrow = f"{timezone.localdate() + timedelta(days=1):%Y-%m-%d}"
    future = client.get(new, {"kind": "month", "cut_off": tomorrow})
    text = text_of(future)
    assert "Không chốt số liệu cho một ngày chưa đến" in text
    assert f'value="{tomorrow}"' in text and '<option value="month" selected>' in text
    english = client_of(world.users["office"])
    english.cookies["django_language"] = "en"
    assert "cannot be in the future" in text_of(
        english.get(new, {"kind": "month", "cut_off": tomorrow})
    )
    bad = client.get(new, {"kind": "decade", "cut_off": "31/12"})
    assert bad.status_code == 200 and 'value="31/12"' in text_of(bad)
    assert Snapshot.objects.count() == 1


def test_signing_off_needs_its_confirmation_and_happens_once(world: World) -> None:
    frozen = freeze(world)
    client = client_of(world.users["office"])
    sign = reverse("programmes:snapshot_sign", args=[frozen.pk])
    asked = text_of(client.get(sign))
    assert frozen.sha256 in asked and 'name="confirmed" value="yes"' in asked
    client.post(sign)
    assert Snapshot.objects.get().signed_at is None
    client.post(sign, {"confirmed": "yes"})
    signed = Snapshot.objects.get()
    assert signed.signed_by == world.users["office"] and signed.signed_at is not None
    twice = client.post(sign, {"confirmed": "yes"}, follow=True)
    assert "đã được ký duyệt" in text_of(twice)
