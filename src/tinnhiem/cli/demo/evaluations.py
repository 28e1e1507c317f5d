"""The evaluations part of `tinnhiem demo`: monthly evaluations for the demo People's Council (after
the council part). Four units of its officials, log-ins for a cadre (`canbo`), a manager
(`quanly`) and a unit head (`thutruong`), five approved months and the current month under way,
with one unit's list waiting for a quota decision. Everything goes through the services, so the
audit log tells how it was made."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tinnhiem.accounts.passwords import require_strong
from tinnhiem.accounts.usernames import clean_username
from tinnhiem.bodies.models import Body, Person
from tinnhiem.cli.common import UserError, cli_actor
from tinnhiem.cli.demo.council import BODY
from tinnhiem.core.errors import DomainError
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.engine import period_scheme, unit_grading
from tinnhiem.evaluations.models import Cadre, Evaluation, EvaluationStatus, Period, Unit

UNITS = [
    ("Thường trực HĐND", 0, 3),
    ("Các Ban của HĐND", 3, 7),
    ("Lãnh đạo UBND", 7, 11),
    ("Các sở, ngành", 11, 25),
]
LOGINS = [
    ("canbo", 12, "Cán bộ (demo)"),
    ("quanly", 7, "Người quản lý (demo)"),
    ("thutruong", 7, "Thủ trưởng đơn vị (demo)"),
]
MONTHS = 6


class Command(BaseCommand):
    help = "Load demo monthly evaluations into the demo People's Council"

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(name=BODY).first()
        if body is None:
            raise CommandError("Chạy 'tinnhiem demo' trước / Run 'tinnhiem demo' first")
        if Unit.objects.filter(body=body).exists():
            self.stdout.write("Dữ liệu đánh giá mẫu đã có / Demo evaluations already loaded")
            return
        try:
            with transaction.atomic():
                self._load(body, options["password"])
        except DomainError as exc:  # a user name or password the rules refuse
            raise UserError(exc) from exc
        self.stdout.write(
            "Đã nạp đánh giá mẫu. Đăng nhập: canbo, quanly, thutruong / "
            f"mật khẩu {options['password']}"
        )

    def _load(self, body: Body, password: str) -> None:
        actor = cli_actor()
        people = list(Person.objects.filter(body=body).order_by("pk"))
        for name, first, last in UNITS:
            unit = structure.unit_save(
                actor=actor,
                body=body,
                name=name,
                head=people[first],
                outstanding_year=None,
            )
            for person in people[first + 1 : last]:
                structure.cadre_save(
                    actor=actor,
                    person=person,
                    unit=unit,
                    manager=people[first],
                    group="Lãnh đạo" if last - first < 6 else "Giám đốc sở, ngành",
                )
        users = get_user_model()
        for username, index, label in LOGINS:
            user = users.objects.filter(username=username).first()
            if user is None:
                name = clean_username(username)
                require_strong(password, user=users(username=name, first_name=label))
                user = users.objects.create_user(username=name, password=password, first_name=label)
            structure.person_link(actor=actor, person=people[index], username=user.username)
        today = services.today()
        month, year = today.month, today.year
        months: list[tuple[int, int]] = []
        for _ in range(MONTHS):
            months.insert(0, (year, month))
            month, year = (month - 1, year) if month > 1 else (12, year - 1)
        for number, (year, month) in enumerate(months):
            is_current = number == len(months) - 1
            self._month(actor, body, year, month, is_current=is_current)

    def _month(self, actor: Any, body: Body, year: int, month: int, *, is_current: bool) -> None:
        today = services.today()
        period = structure.period_open(
            actor=actor,
            body=body,
            year=year,
            month=month,
            deadline=today + timedelta(days=20),
            approve_by=today + timedelta(days=27),
        )
        rng = random.Random(year * 100 + month)
        for cadre in Cadre.objects.filter(person__body=body).select_related("person", "unit"):
            is_last = cadre.unit.name == UNITS[-1][0]
            if is_current and not is_last and rng.random() < 0.25:
                continue  # not started yet
            scores = _scores(rng, cadre, is_current)
            evaluation = services.evaluation_self_assess(
                actor=actor,
                cadre=cadre,
                period=period,
                scores=scores,
                evidence={"performance": "Hoàn thành các nhiệm vụ được giao trong tháng."},
            )
            if is_current and not is_last and rng.random() < 0.3:
                continue  # still a draft
            services.evaluation_submit(actor=actor, evaluation=evaluation)
            if is_current and not is_last:
                continue  # awaiting review
            reviewed = dict(scores)
            reasons = {}
            if rng.random() < 0.2:
                reviewed["performance"] = str(Decimal(scores["performance"]) - 3)
                reasons["performance"] = "Một nhiệm vụ hoàn thành chậm so với kế hoạch."
            services.evaluation_review(
                actor=actor, evaluation=evaluation, scores=reviewed, reasons=reasons
            )
        if not is_current:
            for unit in Unit.objects.filter(body=body):
                _approve(actor, period, unit)
            deadline = period_end(year, month)
            structure.period_update(
                actor=actor,
                period=period,
                deadline=deadline,
                approve_by=deadline + timedelta(days=7),
                is_late_allowed=False,
            )


def period_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _scores(rng: random.Random, cadre: Cadre, is_current: bool) -> dict[str, str]:
    if is_current and cadre.unit.name == UNITS[-1][0]:
        # a unit over its cap with a tie at the cap: the approval page asks for a decision
        top = {0: "95", 1: "93", 2: "92", 3: "91", 4: "91", 5: "90"}
        index = cadre.pk % 13
        if index in top:
            total = Decimal(top[index])
            return {"discipline": "20", "performance": str(total - 20 - 5), "bonus": "5"}
    discipline = rng.choice(["16", "17", "18", "19", "20"])
    performance = str(rng.randint(48, 68))
    bonus = rng.choice(["0", "0", "2", "5", "8"])
    return {"discipline": discipline, "performance": performance, "bonus": bonus}


def _approve(actor: Any, period: Period, unit: Unit) -> None:
    graded = list(
        Evaluation.objects.filter(
            period=period, unit=unit, status=EvaluationStatus.REVIEWED
        ).select_related("cadre__person", "cadre__unit", "period")
    )
    if not graded:
        return
    grading = unit_grading(period_scheme(period), graded, unit, period)
    keep = None
    if grading.needs_decision:
        keep = set(grading.proposed_keep)
        for contest in grading.contests:
            keep |= set(sorted(contest.tied)[: contest.places_for_tied])
    services.unit_approve(actor=actor, period=period, unit=unit, keep=keep)
