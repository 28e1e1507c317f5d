"""What the monthly evaluation asks of a signed-in person, for the site's home page: their own
form of the current month, the reports waiting for their review, the units' lists waiting for
their approval. For users whose only part in the site is the evaluation (a cadre, a manager, a
unit head linked through `PersonUser`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from tinnhiem.bodies.models import Body
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    PersonUser,
    Unit,
)


@dataclass(frozen=True)
class Link:
    url: str
    text: str  # a name, a month: the same in both languages
    status: str = ""  # a stored status, shown through the `label` filter


@dataclass
class Work:
    body: Body
    period: Period | None
    mine: Link | None = None
    to_review: list[Link] = field(default_factory=list)
    to_approve: list[Link] = field(default_factory=list)


def work_of(user: Any) -> list[Work]:
    """One entry per body in which the user is a person of the evaluation."""
    links = PersonUser.objects.filter(user_id=user.pk or 0).select_related("person__body")
    return [_work(link.person.body, link.person_id) for link in links]


def _work(body: Body, person_id: int) -> Work:
    period = Period.objects.filter(body=body).first()  # the latest month
    work = Work(body=body, period=period)
    if period is None:
        return work
    cadre = Cadre.objects.filter(person_id=person_id, is_active=True).first()
    if cadre is not None:
        own = Evaluation.objects.filter(cadre=cadre, period=period).first()
        work.mine = Link(
            reverse("evaluations:evaluation", args=[period.pk, cadre.pk]),
            str(period),
            own.status if own else "missing",
        )
    waiting = Evaluation.objects.filter(
        cadre__manager_id=person_id, status=EvaluationStatus.SUBMITTED
    ).select_related("cadre__person", "period")
    work.to_review = [
        Link(
            reverse("evaluations:evaluation", args=[e.period_id, e.cadre_id]),
            f"{e.cadre.person.full_name} · {e.period}",
        )
        for e in waiting.order_by("-period__year", "-period__month", "cadre__person__full_name")
    ]
    work.to_approve = [
        Link(reverse("evaluations:approval", args=[period.pk, unit.pk]), f"{unit.name} · {period}")
        for unit in Unit.objects.filter(body=body, head_id=person_id).order_by("name")
    ]
    return work
