"""An agency's update written by its focal officer, submitted by its head, confirmed or returned
by the office; reminders and escalation; extensions; stopping a task; who may do each."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.programmes import workflow
from tinnhiem.programmes.models import Agency, AgencyMember, Programme, Task, UpdateStatus
from tinnhiem.programmes.reports import agency_report, task_dates
from tinnhiem.steering.tasks import Basis, State, state_on


@pytest.fixture
def task(committee, people, make_user) -> Task:
    programme = Programme.objects.create(body=committee, code="01-CTr/TU", title="Chương trình 01")
    lead = Agency.objects.create(body=committee, name="Ban Tổ chức")
    other = Agency.objects.create(body=committee, name="Ban Tuyên giáo")
    for name, agency, role in [
        ("focal", lead, "focal"),
        ("head", lead, "head"),
        ("other.focal", other, "focal"),
    ]:
        user = make_user(f"p.{name}", email=f"{name}@example.vn")
        AgencyMember.objects.create(agency=agency, user=user, role=role)
        people[name] = user
    return Task.objects.create(
        programme=programme, code="DA01", title="Đề án", lead=lead, deadline=date(2030, 6, 30)
    )


def write(task: Task, actor: Any, **extra: Any) -> Any:
    return workflow.update_write(
        actor=actor, task=task, as_of=date.today(), narrative="Đã trình dự thảo", **extra
    )


def test_written_submitted_confirmed_done_today(task, people) -> None:
    update = write(task, people["focal"], percent=100, is_done=True)
    assert update.status == UpdateStatus.DRAFT
    update = workflow.update_submit(actor=people["head"], update=update)
    assert update.status == UpdateStatus.SUBMITTED
    update = workflow.update_confirm(actor=people["office"], update=update)
    task.refresh_from_db()
    assert task.completed_on == timezone.localdate() and task.progress == 100
    assert [e.action for e in AuditEvent.objects.order_by("seq")] == [
        "update.write",
        "update.submit",
        "update.confirm",
    ]


def test_returned_with_a_reason_then_amended_and_sent_again(task, people) -> None:
    update = workflow.update_submit(actor=people["head"], update=write(task, people["focal"]))
    with pytest.raises(InputProblem):
        workflow.update_return(actor=people["office"], update=update, reason=" ")
    update = workflow.update_return(actor=people["office"], update=update, reason="Thiếu số liệu")
    assert update.status == UpdateStatus.RETURNED and update.return_reason == "Thiếu số liệu"
    task.refresh_from_db()
    assert task.completed_on is None
    assert workflow.update_submit(actor=people["head"], update=update).status == "submitted"


@pytest.mark.parametrize("who", ["other.focal", "head", "steering", "inspection", "stranger"])
def test_only_the_lead_agencys_focal_officer_or_the_office_writes(task, people, who) -> None:
    with pytest.raises(NotAllowed):
        write(task, people[who])


@pytest.mark.parametrize("who", ["focal", "other.focal", "steering", "stranger"])
def test_only_the_head_or_the_office_submits(task, people, who) -> None:
    update = write(task, people["focal"])
    with pytest.raises(NotAllowed):
        workflow.update_submit(actor=people[who], update=update)


@pytest.mark.parametrize("who", ["focal", "head", "steering", "inspection", "organiser"])
def test_only_the_office_confirms(task, people, who) -> None:
    update = workflow.update_submit(actor=people["head"], update=write(task, people["focal"]))
    with pytest.raises(NotAllowed):
        workflow.update_confirm(actor=people[who], update=update)


def test_a_draft_cannot_be_confirmed(task, people) -> None:
    with pytest.raises(WrongState):
        workflow.update_confirm(actor=people["office"], update=write(task, people["focal"]))


def test_reminders_are_counted_mailed_and_escalate_past_three(
    task, people, django_capture_on_commit_callbacks
) -> None:
    for _ in range(3):
        workflow.reminder_send(actor=people["office"], task=task)
    tasks = Task.objects.all()
    assert list(workflow.escalated(tasks, date(2030, 1, 1))) == []
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reminder_send(actor=people["office"], task=task, note="Khẩn", by_mail=True)
    assert [t.code for t in workflow.escalated(tasks, date(2030, 1, 1))] == ["DA01"]
    assert len(mail.outbox) == 1 and "(lần 4)" in mail.outbox[0].subject
    assert sorted(mail.outbox[0].to) == ["focal@example.vn", "head@example.vn"]
    assert "Khẩn" in mail.outbox[0].body
    assert agency_report(task.programme, date(2030, 1, 1)).agencies[0].reminders == 4


def test_mail_is_refused_without_a_mail_server(task, people, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(WrongState, match="No mail server"):
        workflow.reminder_send(actor=people["office"], task=task, by_mail=True)
    assert not task.reminders.exists()


def test_overdue_escalates_and_an_extension_moves_the_counted_deadline(task, people) -> None:
    tasks = Task.objects.all()
    assert [t.code for t in workflow.escalated(tasks, date(2030, 7, 1))] == ["DA01"]
    workflow.extension_approve(
        actor=people["office"], task=task, new_deadline=date(2030, 9, 30), document="Công văn 12"
    )
    assert list(workflow.escalated(tasks, date(2030, 7, 1))) == []
    report = agency_report(task.programme, date(2030, 7, 1))
    assert report.agencies[0].open_within == 1
    original = agency_report(task.programme, date(2030, 7, 1), Basis.ORIGINAL)
    assert original.agencies[0].open_overdue == 1
    task.refresh_from_db()
    assert task.deadline == date(2030, 6, 30)  # the original is kept
    with pytest.raises(InputProblem):
        workflow.extension_approve(
            actor=people["office"], task=task, new_deadline=date(2030, 8, 1), document="CV 13"
        )


def test_a_stopped_task(task, people) -> None:
    workflow.task_stop(actor=people["office"], task=task, reason="Không còn phù hợp")
    task.refresh_from_db()
    assert state_on(task_dates(task), timezone.localdate() + timedelta(days=1)) is State.STOPPED
    with pytest.raises(WrongState):
        write(task, people["focal"])
