"""A small programme for the page tests: two agencies with a focal officer and a head each,
three tasks (one done, one open within its deadline, one overdue and reminded), an update with
an attached PDF, a target, inspection figures, reform figures and a watched case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tinnhiem.bodies.models import Body
from tinnhiem.programmes.attachments import update_write_with_files
from tinnhiem.programmes.models import (
    Agency,
    AgencyMember,
    AgencyRole,
    Indicator,
    InspectionFigure,
    Programme,
    ReformFigure,
    Reminder,
    Task,
    WatchedCase,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    programme: Programme
    lead: Agency
    other: Agency
    done: Task
    open: Task
    overdue: Task
    other_task: Task
    case: WatchedCase
    users: dict[str, Any]


def make_world(committee: Body, people: dict[str, Any], make_user: Callable[..., Any]) -> World:
    today = timezone.localdate()
    lead = Agency.objects.create(body=committee, name="Ban Tổ chức Thành ủy")
    other = Agency.objects.create(body=committee, name="Sở Nội vụ")
    users = dict(people)
    for agency, prefix in ((lead, "to-chuc"), (other, "noi-vu")):
        for role in AgencyRole:
            user = make_user(f"{prefix}.{role.value}", email=f"{prefix}.{role.value}@example.vn")
            AgencyMember.objects.create(agency=agency, user=user, role=role)
            users[f"{prefix}.{role.value}"] = user
    users["focal"], users["head"] = users["to-chuc.focal"], users["to-chuc.head"]
    programme = Programme.objects.create(
        body=committee, code="01-CTr/TU", title="Chương trình 01-CTr/TU"
    )

    def task(code: str, agency: Agency, deadline: date | None, **extra: Any) -> Task:
        return Task.objects.create(
            programme=programme,
            code=code,
            title=f"Nhiệm vụ {code}",
            lead=agency,
            deadline=deadline,
            **extra,
        )

    done = task("1", lead, today - timedelta(days=10), completed_on=today - timedelta(days=12))
    open_task = task("2", lead, today + timedelta(days=30), is_key=True)
    overdue = task("3", lead, today - timedelta(days=5))
    other_task = task("4", other, None)
    for _ in range(2):
        Reminder.objects.create(task=overdue, sent_on=today, sent_by=people["office"])
    update_write_with_files(
        actor=users["focal"],
        task=open_task,
        files=[SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")],
        as_of=today,
        narrative="Đã trình dự thảo đề án",
        percent=60,
    )
    Indicator.objects.create(
        programme=programme,
        name="Kết nạp đảng viên",
        unit="đảng viên",
        period="2022",
        year=2022,
        plan=Decimal(9290),
        actual=Decimal(10100),
        direction="at_least",
    )
    InspectionFigure.objects.create(
        body=committee,
        period="Năm 2022",
        starts_on=date(2022, 1, 1),
        ends_on=date(2022, 12, 31),
        activity="committee_inspection",
        subject="members",
        inspected=100,
        violating=10,
        to_discipline=5,
        disciplined=5,
        forms={"khien_trach": 3, "canh_cao": 2},
    )
    ReformFigure.objects.create(body=committee, year=2022, abolished=575, delegated=700)
    case = WatchedCase.objects.create(
        body=committee, name="Vụ án Công ty A", level="province", listed_on=date(2022, 3, 1)
    )
    return World(programme, lead, other, done, open_task, overdue, other_task, case, users)
