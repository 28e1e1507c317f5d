"""The evaluations part of `tinnhiem demo`: monthly evaluations for the demo People's Council (after
the council part). Four units of its officials, five approved months and the current month under
way. Each demo account walks its own part of the user guide: `canbo`, a cadre whose own month is
still to fill in; `quanly`, a manager (not the unit head) with a report waiting for review;
`thutruong`, the head of a unit whose list waits for approval with a quota decision. The other
units' heads have accounts too (`thuongtruc`, `truongban`, `lanhdao`), so that every review and
approval is signed by the manager or head who made it, never by the command line. Everything goes
through the services, so the audit log tells how it was made."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tinnhiem.bodies.models import Body, Person
from tinnhiem.cli.common import UserError, cli_actor
from tinnhiem.cli.demo.council import BODY, demo_user
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
# (account, index of the person among the officials): the cadre and the manager are in the
# "Lãnh đạo UBND" unit, the manager between the cadre and the unit head; the unit head heads
# "Các sở, ngành"; the last three are the other units' heads
LOGINS = [
    ("canbo", 9),
    ("quanly", 8),
    ("thutruong", 11),
    ("thuongtruc", 0),
    ("truongban", 3),
    ("lanhdao", 7),
]
CADRE, MANAGER = 9, 8  # the manager reviews the unit's other members; the head reviews the manager
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
            f"Đã nạp đánh giá mẫu. Đăng nhập: {', '.join(u for u, _ in LOGINS)} / "
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
            for index in range(first + 1, last):
                is_managed = first < MANAGER < index < last
                structure.cadre_save(
                    actor=actor,
                    person=people[index],
                    unit=unit,
                    manager=people[MANAGER] if is_managed else people[first],
                    group="Lãnh đạo" if last - first < 6 else "Giám đốc sở, ngành",
                )
        self.accounts: dict[int | None, Any] = {}
        for username, index in LOGINS:
            user = demo_user(username, people[index].full_name, password)
            structure.person_link(actor=actor, person=people[index], username=user.username)
            self.accounts[people[index].pk] = user
        self.waiting = {people[CADRE].pk}  # the cadre's own month is left for `canbo` to fill
        self.to_review = {p.pk for p in people[MANAGER + 1 : UNITS[2][2]] if p != people[CADRE]}
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
            is_chosen = cadre.person_id in self.to_review
            if is_current and cadre.person_id in self.waiting:
                continue  # the demo cadre's own month: `canbo` fills it in
            if is_current and not (is_last or is_chosen) and rng.random() < 0.25:
                continue  # not started yet
            scores = _scores(rng, cadre, is_current)
            evaluation = services.evaluation_self_assess(
                actor=actor,
                cadre=cadre,
                period=period,
                scores=scores,
                evidence={"performance": "Hoàn thành các nhiệm vụ được giao trong tháng."},
            )
            if is_current and not (is_last or is_chosen) and rng.random() < 0.3:
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
                actor=self.accounts[cadre.manager_id],  # signed by the manager, not "cli"
                evaluation=evaluation,
                scores=reviewed,
                reasons=reasons,
            )
        if not is_current:
            for unit in Unit.objects.filter(body=body):
                _approve(self.accounts[unit.head_id], period, unit)
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
