"""An office of a People's Council evaluated monthly under the Hanoi scheme: one unit with its
head, a manager and four cadres, each with a log-in, and an outsider."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from tinnhiem.bodies.models import Body, Person
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.models import Cadre, Evaluation, Period, Unit

CADRES = ["Nguyễn Văn An", "Phạm Thị Bình", "Hoàng Văn Cường", "Đặng Thị Dung"]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hanoi(total: int | str, *, bonus: str | None = None) -> dict[str, str]:
    """Scores reaching `total`: discipline up to 20, performance up to 70, the rest a bonus."""
    rest = Decimal(str(total)) - Decimal(bonus or 0)
    discipline = min(Decimal(20), rest)
    performance = min(Decimal(70), rest - discipline)
    extra = Decimal(bonus) if bonus is not None else rest - discipline - performance
    return {"discipline": str(discipline), "performance": str(performance), "bonus": str(extra)}


@pytest.fixture
def org(body: Body, users: dict[str, Any], make_user: Callable[..., Any]) -> SimpleNamespace:
    admin, organiser = users["admin"], users["organiser"]
    head = Person.objects.create(body=body, full_name="Trần Văn Trưởng")
    manager = Person.objects.create(body=body, full_name="Lê Thị Quản")
    unit = structure.unit_save(actor=organiser, body=body, name="Phòng Tổng hợp", head=head)
    people = [Person.objects.create(body=body, full_name=name) for name in CADRES]
    cadres = [
        structure.cadre_save(
            actor=organiser, person=p, unit=unit, manager=manager, group="Chuyên viên"
        )
        for p in people
    ]
    cadres.append(structure.cadre_save(actor=organiser, person=manager, unit=unit, manager=head))
    logins = {
        "cadre": (make_user("canbo"), people[0]),
        "cadre2": (make_user("canbo2"), people[1]),
        "manager": (make_user("quanly"), manager),
        "head": (make_user("thutruong"), head),
    }
    site_admin = make_user("site-admin", is_superuser=True)  # sees every account to link
    for user, person in logins.values():
        structure.person_link(actor=site_admin, person=person, username=user.username)
    period = structure.period_open(
        actor=organiser,
        body=body,
        year=2026,
        month=3,
        deadline=services.today() + timedelta(days=10),
    )
    return SimpleNamespace(
        body=body,
        unit=unit,
        head=head,
        manager=manager,
        cadres=cadres,  # the four cadres, then the manager
        period=period,
        admin=admin,
        organiser=organiser,
        outsider=users["stranger"],
        users={key: user for key, (user, _) in logins.items()}
        | {"admin": admin, "organiser": organiser, "outsider": users["stranger"]},
    )


def reviewed(
    org: SimpleNamespace,
    totals: Mapping[Cadre, int | str],
    *,
    period: Period | None = None,
) -> list[Evaluation]:
    """Each cadre's self-assessment at the total given, submitted and reviewed unchanged."""
    period = period or org.period
    done = []
    for cadre, total in totals.items():
        actor = org.organiser
        evaluation = services.evaluation_self_assess(
            actor=actor, cadre=cadre, period=period, scores=hanoi(total)
        )
        services.evaluation_submit(actor=actor, evaluation=evaluation)
        done.append(
            services.evaluation_review(
                actor=org.users["head"]
                if cadre.manager_id == org.head.pk
                else org.users["manager"],
                evaluation=evaluation,
                scores=hanoi(total),
            )
        )
    return done


def everyone(org: SimpleNamespace, *totals: int | str) -> list[Evaluation]:
    """The five cadres of the unit reviewed at these totals (in the order of `org.cadres`)."""
    return reviewed(org, dict(zip(org.cadres, totals, strict=True)))


def unit_of(org: SimpleNamespace) -> Unit:
    return Unit.objects.get(pk=org.unit.pk)
