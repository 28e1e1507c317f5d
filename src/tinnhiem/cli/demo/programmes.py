"""The programmes part of `tinnhiem demo`: Hanoi's Party Committee and its Programme 01-CTr/TU
at the end of 2022 (`programmes_data`): 34 items in 11 agencies, 29 done; the 2021 and 2022
targets; the 2022 inspection and discipline figures; a few watched cases; the reform figures;
the year's figures frozen on 20/12/2022 and signed off, so its first report reproduces the
article's numbers. Log-ins for each role. Everything goes through the services, so the audit
log tells how it was made; loaded once (it does nothing if the programme exists)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.accounts.passwords import require_strong
from tinnhiem.accounts.usernames import clean_username
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.cli.common import UserError
from tinnhiem.cli.demo import programmes_data as data
from tinnhiem.core.errors import DomainError
from tinnhiem.programmes import cases, inspection, reform, snapshots, subtasks
from tinnhiem.programmes.models import (
    Agency,
    AgencyMember,
    AgencyRole,
    Programme,
    SnapshotKind,
)
from tinnhiem.programmes.registry import task_import
from tinnhiem.programmes.targets import indicator_import
from tinnhiem.steering.indicators import Direction
from tinnhiem.steering.inspection import Activity, FigureRow, Subject
from tinnhiem.steering.sheets import IndicatorRow, TaskRow

BODY = "Thành ủy Hà Nội"
# user name, role on the body (or the agency role), name shown
USERS = [
    ("ctr.vanphong", Role.OFFICE, "Văn phòng Ban Chỉ đạo (Ban Tổ chức Thành ủy)"),
    ("ctr.bcd", Role.STEERING, "Thành viên Ban Chỉ đạo Chương trình"),
    ("ctr.kiemtra", Role.INSPECTION, "Ủy ban Kiểm tra Thành ủy"),
    ("ctr.noichinh", Role.INTERNAL_AFFAIRS, "Ban Nội chính Thành ủy"),
    ("ctr.daumoi", AgencyRole.FOCAL, "Cán bộ đầu mối, Sở Nội vụ"),
    ("ctr.lanhdao", AgencyRole.HEAD, "Lãnh đạo Sở Nội vụ"),
]
AGENCY_OF_LOGINS = data.SNV


class Command(BaseCommand):
    help = "Load the demo Programme 01-CTr/TU of Hanoi's Party Committee"

    def handle(self, *args: Any, **options: Any) -> None:
        if Programme.objects.filter(code=data.CODE).exists():
            self.stdout.write("Chương trình mẫu đã có / Demo programme already loaded")
            return
        try:
            with transaction.atomic():
                self._load(options["password"])
        except DomainError as exc:  # a user name or password the rules refuse
            raise UserError(exc) from exc
        self.stdout.write(
            f"Đã nạp Chương trình {data.CODE} của {BODY}. Đăng nhập: "
            f"{', '.join(u for u, _, _ in USERS)} / mật khẩu {options['password']}"
        )

    def _load(self, password: str) -> None:
        body, _ = Body.objects.get_or_create(
            name=BODY,
            defaults={
                "level": BodyLevel.PROVINCE,
                "kind": BodyKind.PARTY_COMMITTEE,
                "parent_name": "Đảng bộ thành phố Hà Nội",
                "city": "Hà Nội",
            },
        )
        users = _users(body, password)
        office = users["ctr.vanphong"]
        programme = _programme(office, body)
        indicator_import(actor=office, code=data.CODE, rows=_targets(), body=body)
        period, starts_on, ends_on = data.KTGS_PERIOD
        inspection.figures_set(
            actor=users["ctr.kiemtra"],
            body=body,
            period=period,
            starts_on=starts_on,
            ends_on=ends_on,
            rows=_ktgs(),
        )
        _cases(users["ctr.noichinh"], body)
        _parts(office, programme)
        for year, values in data.REFORM.items():
            reform.reform_set(actor=office, body=body, year=year, **values)
        _agency_members(body, users)
        frozen = snapshots.snapshot_make(
            actor=office, programme=programme, kind=SnapshotKind.YEAR, cut_off=data.CUT_OFF
        )
        snapshots.snapshot_sign(actor=office, snapshot=frozen)


def _users(body: Body, password: str) -> dict[str, Any]:
    user_model = get_user_model()
    users = {}
    for username, role, first_name in USERS:
        name = clean_username(username)
        require_strong(password, user=user_model(username=name, first_name=first_name))
        user = user_model.objects.create_user(
            username=name, password=password, first_name=first_name
        )
        if role in Role.values:
            RoleGrant.objects.create(user=user, body=body, role=role)
        users[name] = user
    admin = user_model.objects.filter(username="admin").first()  # the council part's admin
    if admin is not None:
        RoleGrant.objects.get_or_create(user=admin, body=body, role=Role.ADMINISTRATOR)
    return users


def _programme(office: Any, body: Body) -> Programme:
    rows = [
        TaskRow(
            row=index,
            code=code,
            title=title,
            lead=lead,
            partners=(partner,) if partner else (),
            deadline=deadline,
            completed=completed,
            leader=leader,
        )
        for index, (code, title, lead, partner, deadline, completed, leader) in enumerate(
            data.TASKS, 2
        )
    ]
    task_import(actor=office, code=data.CODE, rows=rows, title=data.TITLE, body=body)
    programme = Programme.objects.get(code=data.CODE)
    programme.issued_by = BODY
    programme.issued_on = data.ISSUED_ON
    programme.term_start, programme.term_end = 2020, 2025
    programme.standing_agency = Agency.objects.get(body=body, name=data.BTC)
    programme.steering_committee = f"Ban Chỉ đạo Chương trình {data.CODE}"
    programme.save()
    return programme


def _targets() -> list[IndicatorRow]:
    return [
        IndicatorRow(index, name, unit, period, plan, actual, Direction.AT_LEAST)
        for index, (name, unit, period, plan, actual) in enumerate(data.TARGETS, 2)
    ]


def _ktgs() -> list[FigureRow]:
    return [
        FigureRow(
            Activity(activity),
            Subject(subject),
            inspected=inspected,
            violating=violating,
            to_discipline=to_discipline,
            disciplined=disciplined,
            forms=forms,
        )
        for activity, subject, inspected, violating, to_discipline, disciplined, forms in data.KTGS
    ]


def _cases(actor: Any, body: Body) -> None:
    for name, kind, level, listed_on, agency, stages, targets, blockers in data.CASES:
        case = cases.case_create(
            actor=actor,
            body=body,
            name=name,
            kind=kind,
            level=level,
            listed_on=listed_on,
            handling_agency=agency,
            blockers=blockers or "",
        )
        for stage, on, defendants in stages:
            cases.case_event(actor=actor, case=case, stage=stage, on=on, defendants=defendants)
        for stage, on in targets:
            cases.case_event(actor=actor, case=case, stage=stage, on=on, is_target=True)


def _parts(office: Any, programme: Programme) -> None:
    """An open task shared by its lead and its co-operating agency, each with its part."""
    for code, parts in data.PARTS.items():
        task = programme.tasks.get(code=code)
        for agency, title, weight, progress in parts:
            subtasks.subtask_save(
                actor=office,
                task=task,
                agency=Agency.objects.get(body=programme.body, name=agency),
                title=title,
                weight=weight,
                progress=progress,
            )


def _agency_members(body: Body, users: dict[str, Any]) -> None:
    agency = Agency.objects.get(body=body, name=AGENCY_OF_LOGINS)
    for username, role, _ in USERS:
        if role in AgencyRole.values:
            AgencyMember.objects.create(agency=agency, user=users[username], role=role)
