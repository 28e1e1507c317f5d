"""Sub-tasks per agency: the office adds, edits and deletes them, the focal officer of a part's
agency updates its progress, each change audit-logged; the task's progress rolls up by weight on
its page and in the appendix (T2) a snapshot freezes."""

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

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.programmes import subtasks
from tinnhiem.programmes.models import Agency, SubTask
from tinnhiem.programmes.tables import period_tables
from tinnhiem.steering.tasks import Part, task_progress


@pytest.fixture
def world(committee: Body, people: dict[str, Any], make_user: Callable[..., Any]) -> World:
    made = make_world(committee, people, make_user)
    made.open.partners.add(made.other)  # task 2: led by Ban Tổ chức, Sở Nội vụ co-operates
    return made


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def two_parts(world: World) -> tuple[SubTask, SubTask]:
    office = world.users["office"]
    first = subtasks.subtask_save(
        actor=office, task=world.open, agency=world.lead, title="Dự thảo", weight=3, progress=100
    )
    second = subtasks.subtask_save(
        actor=office, task=world.open, agency=world.other, title="Góp ý", weight=1, progress=0
    )
    return first, second


def test_task_progress_rolls_up_its_parts_by_weight_or_keeps_its_own() -> None:
    assert task_progress(60, [Part(3, 100), Part(1, 0)]) == 75
    assert task_progress(60, []) == 60
    assert task_progress(None, []) is None
    assert task_progress(60, [Part(0, 100)]) == 60  # no weight: nothing to roll up


def test_the_office_adds_parts_and_the_task_progress_rolls_up_by_weight(world: World) -> None:
    assert subtasks.progress_of(world.open) is None  # the update written is not confirmed yet
    first, second = two_parts(world)
    assert subtasks.progress_of(world.open) == 75  # (3 × 100 + 1 × 0) / 4
    assert first.completed_on == timezone.localdate() and second.completed_on is None
    subtasks.subtask_save(
        actor=world.users["office"],
        task=world.open,
        subtask=second,
        agency=world.other,
        title="Góp ý dự thảo",
        weight=1,
        progress=50,
    )
    assert subtasks.progress_of(world.open) == 88  # 350 / 4 = 87.5, half up
    rows = AuditEvent.objects.filter(action__startswith="subtask.").order_by("seq")
    assert [r.action for r in rows] == ["subtask.create", "subtask.create", "subtask.update"]
    assert rows.last().after == {  # type: ignore[union-attr]
        "task": "2",
        "agency": "Sở Nội vụ",
        "title": "Góp ý dự thảo",
        "weight": 1,
        "progress": 50,
    }
    subtasks.subtask_delete(actor=world.users["office"], subtask=second)
    assert subtasks.progress_of(world.open) == 100
    assert AuditEvent.objects.filter(action="subtask.delete").count() == 1


def test_the_appendix_and_a_snapshot_read_the_rolled_up_progress(world: World) -> None:
    two_parts(world)
    today = timezone.localdate()
    tables = period_tables(world.programme, start=date(today.year, 1, 1), cut_off=today)
    progress = {row["code"]: row["progress"] for row in tables["tasks"]}
    assert progress["2"] == 75 and progress["3"] is None
    yesterday = today - timedelta(days=1)  # the parts keep no history: not read for a past date
    before = period_tables(world.programme, start=date(today.year - 1, 1, 1), cut_off=yesterday)
    assert {row["code"]: row["progress"] for row in before["tasks"]}["2"] is None


def test_who_may_add_and_update_parts(world: World) -> None:
    first, second = two_parts(world)
    users = world.users
    for role in ("focal", "head", "steering", "inspection", "noi-vu.focal"):
        with pytest.raises(NotAllowed):
            subtasks.subtask_save(
                actor=users[role], task=world.open, agency=world.lead, title="X", weight=1
            )
        with pytest.raises(NotAllowed):
            subtasks.subtask_delete(actor=users[role], subtask=first)
    # each agency's focal officer updates its own part only; the head does not
    subtasks.subtask_progress(actor=users["noi-vu.focal"], subtask=second, progress=40)
    with pytest.raises(NotAllowed):
        subtasks.subtask_progress(actor=users["noi-vu.focal"], subtask=first, progress=40)
    with pytest.raises(NotAllowed):
        subtasks.subtask_progress(actor=users["noi-vu.head"], subtask=second, progress=60)
    subtasks.subtask_progress(actor=users["office"], subtask=second, progress=60)
    assert SubTask.objects.get(pk=second.pk).progress == 60
    assert AuditEvent.objects.filter(action="subtask.progress").count() == 2


def test_refused_parts(world: World) -> None:
    office = world.users["office"]
    stranger_agency = Agency.objects.create(body=world.programme.body, name="Sở Tài chính")
    with pytest.raises(InputProblem, match="chủ trì hoặc phối hợp"):
        subtasks.subtask_save(
            actor=office, task=world.open, agency=stranger_agency, title="X", weight=1
        )
    for weight, progress, title in ((0, 0, "X"), (1, 101, "X"), (1, 0, "  ")):
        with pytest.raises(InputProblem):
            subtasks.subtask_save(
                actor=office,
                task=world.open,
                agency=world.lead,
                title=title,
                weight=weight,
                progress=progress,
            )
    with pytest.raises(WrongState):  # task 1 is done
        subtasks.subtask_save(actor=office, task=world.done, agency=world.lead, title="X", weight=1)
    assert not SubTask.objects.exists()


def test_the_task_page_shows_the_parts_and_the_rolled_up_progress(world: World) -> None:
    first, second = two_parts(world)
    url = reverse("programmes:task", args=[world.open.pk])
    office = text_of(client_of(world.users["office"]).get(url))
    assert "Dự thảo" in office and "Góp ý" in office and "75 %" in office
    assert reverse("programmes:part_new", args=[world.open.pk]) in office
    assert reverse("programmes:part_delete", args=[first.pk]) in office
    focal = text_of(client_of(world.users["noi-vu.focal"]).get(url))
    assert reverse("programmes:part_progress", args=[second.pk]) in focal
    assert reverse("programmes:part_progress", args=[first.pk]) not in focal
    assert reverse("programmes:part_new", args=[world.open.pk]) not in focal


def test_part_pages_refuse_roles_without_the_right(world: World) -> None:
    first, second = two_parts(world)
    office_only = [
        reverse("programmes:part_new", args=[world.open.pk]),
        reverse("programmes:part_edit", args=[first.pk]),
        reverse("programmes:part_delete", args=[first.pk]),
    ]
    for role in ("focal", "head", "steering", "noi-vu.focal"):
        for url in office_only:
            assert client_of(world.users[role]).get(url).status_code == 403, (role, url)
    progress = reverse("programmes:part_progress", args=[second.pk])
    assert client_of(world.users["noi-vu.focal"]).get(progress).status_code == 200
    for role in ("focal", "noi-vu.head", "steering"):
        response = client_of(world.users[role]).post(progress, {"progress": "90"})
        assert response.status_code == 403, role
    assert client_of(world.users["stranger"]).get(progress).status_code == 403
    assert SubTask.objects.get(pk=second.pk).progress == 0


def test_a_part_typed_wrong_keeps_what_was_typed(world: World) -> None:
    client = client_of(world.users["office"])
    url = reverse("programmes:part_new", args=[world.open.pk])
    response = client.post(
        url, {"agency": world.other.pk, "title": "Tổng hợp ý kiến", "weight": "0", "progress": "20"}
    )
    text = text_of(response)
    assert response.status_code == 200 and not SubTask.objects.exists()
    assert 'value="Tổng hợp ý kiến"' in text and 'value="20"' in text
    done = client.post(
        url, {"agency": world.other.pk, "title": "Tổng hợp ý kiến", "weight": "2", "progress": "20"}
    )
    assert done.status_code == 302 and SubTask.objects.get().weight == 2
    focal = client_of(world.users["noi-vu.focal"])
    part = SubTask.objects.get()
    wrong = focal.post(reverse("programmes:part_progress", args=[part.pk]), {"progress": "120"})
    assert wrong.status_code == 200 and 'value="120"' in text_of(wrong)
    ok = focal.post(reverse("programmes:part_progress", args=[part.pk]), {"progress": "70"})
    assert ok.status_code == 302 and SubTask.objects.get().progress == 70


def test_deleting_a_part_needs_its_confirmation(world: World) -> None:
    first, _ = two_parts(world)
    client = client_of(world.users["office"])
    url = reverse("programmes:part_delete", args=[first.pk])
    asked = text_of(client.get(url))
    assert "Bạn có chắc?" in asked and 'name="confirmed" value="yes"' in asked
    refused = client.post(url, follow=True)
    assert "Chưa xác nhận" in text_of(refused) and SubTask.objects.filter(pk=first.pk).exists()
    done = client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302 and not SubTask.objects.filter(pk=first.pk).exists()


def test_a_stopped_task_s_parts_no_longer_change(world: World) -> None:
    _, second = two_parts(world)
    world.open.stopped_on = timezone.localdate() - timedelta(days=1)
    world.open.save()
    response = client_of(world.users["noi-vu.focal"]).post(
        reverse("programmes:part_progress", args=[second.pk]), {"progress": "90"}
    )
    assert response.status_code == 200 and "đã dừng" in text_of(response)
    assert SubTask.objects.get(pk=second.pk).progress == 0
