"""The council part of `tinnhiem demo`: the demo People's Council, its users, a closed session of
2023 and a draft session of this year. Loaded once (it does nothing if the body exists)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from tinnhiem import cells
from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.accounts.passwords import require_strong
from tinnhiem.accounts.usernames import clean_username
from tinnhiem.bodies import demo
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.bodies.roster import RosterKind
from tinnhiem.bodies.services import roster_import
from tinnhiem.cli.common import UserError, cli_actor
from tinnhiem.core.errors import DomainError
from tinnhiem.votes.counting import aggregate_record, count_close
from tinnhiem.votes.models import CountMode
from tinnhiem.votes.results import voted_on
from tinnhiem.votes.services import (
    board_set,
    candidates_from_roster,
    counting_start,
    figures_set,
    session_create,
    session_open,
    session_publish,
)

BODY = "Hội đồng nhân dân tỉnh Ninh Bình"
USERS = [
    ("admin", Role.ADMINISTRATOR, "Quản trị"),
    ("tochuc", Role.ORGANISER, "Văn phòng Đoàn ĐBQH và HĐND"),
    ("bkp1", Role.BOARD, "Ban kiểm phiếu 1"),
    ("bkp2", Role.BOARD, "Ban kiểm phiếu 2"),
    ("quansat", Role.OBSERVER, "Quan sát viên"),
]


class Command(BaseCommand):
    help = "Load the demo People's Council"

    def handle(self, *args: Any, **options: Any) -> None:
        if Body.objects.filter(name=BODY).exists():
            self.stdout.write("Dữ liệu mẫu đã có / Demo data already loaded")
            return
        try:
            with transaction.atomic():
                body = self._load(options["password"])
        except DomainError as exc:  # a user name or password the rules refuse
            raise UserError(exc) from exc
        self.stdout.write(
            f"Đã nạp dữ liệu mẫu: {body.name}. Đăng nhập: {', '.join(u for u, _, _ in USERS)} "
            f"/ mật khẩu {options['password']}"
        )

    def _load(self, password: str) -> Body:
        actor = cli_actor()
        body = Body.objects.create(
            name=BODY,
            level=BodyLevel.PROVINCE,
            kind=BodyKind.PEOPLES_COUNCIL,
            city="Ninh Bình",
            default_profile="nq96",
            are_results_public=True,
        )
        for username, role, first_name in USERS:
            user = demo_user(username, first_name, password)
            RoleGrant.objects.create(user=user, body=body, role=role)
        roster_import(
            actor=actor,
            body=body,
            kind=RosterKind.OFFICIALS,
            file_name="officials.csv",
            content=_csv(
                ["Họ và tên", "Chức vụ", "Ngày giữ chức vụ"],
                [(n, p, "01/07/2021") for n, p in demo.officials_rows()],
            ),
        )
        roster_import(
            actor=actor,
            body=body,
            kind=RosterKind.VOTERS,
            file_name="voters.csv",
            content=_csv(["Họ và tên", "Chức vụ, đơn vị"], demo.voters_rows()),
        )
        members = body.voters.filter(is_active=True).count()
        past = session_create(
            actor=actor,
            body=body,
            title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND tỉnh bầu, kỳ họp thứ 17",
            held_on=date(2023, 12, 8),
            profile_key="nq96",
            venue="Hội trường Trung tâm Hội nghị tỉnh",
            count_mode=CountMode.AGGREGATE,
            members=members,
        )
        candidates_from_roster(actor=actor, session=past)
        _board(actor, past)
        session_open(actor=actor, session=past)
        collected = members - 2
        figures_set(
            actor=actor,
            session=past,
            summoned=members,
            present=collected,
            issued=collected,
            collected=collected,
        )
        counting_start(actor=actor, session=past)
        rows = {}
        for index, candidate in enumerate(voted_on(past)):
            high, conf, low = demo.past_counts(index, collected)
            rows[candidate.pk] = ({"high": high, "confidence": conf, "low": low}, 0)
        aggregate_record(actor=actor, session=past, rows=rows)
        count_close(actor=actor, session=past)
        session_publish(actor=actor, session=past)
        current = session_create(
            actor=actor,
            body=body,
            title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND tỉnh bầu, kỳ họp cuối năm 2026",
            held_on=date(2026, 12, 10),
            profile_key="nq96",
            venue="Hội trường Trung tâm Hội nghị tỉnh",
            members=members,
        )
        candidates_from_roster(actor=actor, session=current)
        _board(actor, current)
        return body


def demo_user(username: str, first_name: str, password: str) -> Any:
    """A demo account (the one there already, if any), its password held to the site's rules."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        name = clean_username(username)
        require_strong(password, user=user_model(username=name, first_name=first_name))
        user = user_model.objects.create_user(
            username=name, password=password, first_name=first_name
        )
    return user


def _board(actor: Any, session: Any) -> None:
    names = demo.make_names(4, seed=5)
    board_set(
        actor=actor,
        session=session,
        members=[
            (names[0], "head"),
            (names[1], "member"),
            (names[2], "member"),
            (names[3], "secretary"),
        ],
    )


def _csv(header: list[str], rows: Sequence[Sequence[str]]) -> bytes:
    return cells.csv_bytes([header, *rows])
