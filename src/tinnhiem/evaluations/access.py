"""Who may do what in the monthly evaluation.

- the body's administrators and organisers (accounts.RoleGrant) do everything, except that
  nobody reviews their own evaluation, and only an administrator reopens an approved one;
- a unit head (the person `Unit.head`, signed in through `PersonUser`) approves their unit's
  list and sees its evaluations;
- a direct manager (`Cadre.manager`) reviews and sees their reports' evaluations;
- a cadre sees, fills in and submits their own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tinnhiem.bodies.models import Person
from tinnhiem.core import permissions
from tinnhiem.core.errors import NotAllowed
from tinnhiem.evaluations.models import Cadre, PersonUser, Unit


def person_of(user: Any, body_id: int) -> Person | None:
    """The person the signed-in user is in this body, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    link = (
        PersonUser.objects.filter(user=user, person__body_id=body_id)
        .select_related("person")
        .first()
    )
    return link.person if link else None


def is_organiser(user: Any, body_id: int) -> bool:
    return permissions.can(user, body_id, permissions.ORGANISE)


def is_administrator(user: Any, body_id: int) -> bool:
    return permissions.can(user, body_id, permissions.ADMINISTER)


def can_see_body(user: Any, body_id: int) -> bool:
    return is_organiser(user, body_id) or person_of(user, body_id) is not None


def can_view_cadre(user: Any, cadre: Cadre) -> bool:
    body_id = cadre.person.body_id
    if is_organiser(user, body_id):
        return True
    me = person_of(user, body_id)
    if me is None:
        return False
    return me.pk in (cadre.person_id, cadre.manager_id, cadre.unit.head_id)


def can_self_assess(user: Any, cadre: Cadre) -> bool:
    body_id = cadre.person.body_id
    if is_organiser(user, body_id):
        return True  # entering a cadre's own form for them, e.g. one without a log-in
    me = person_of(user, body_id)
    return me is not None and me.pk == cadre.person_id


def is_own(user: Any, cadre: Cadre) -> bool:
    me = person_of(user, cadre.person.body_id)
    return me is not None and me.pk == cadre.person_id


def can_review(user: Any, cadre: Cadre) -> bool:
    body_id = cadre.person.body_id
    if is_own(user, cadre):
        return False
    if is_organiser(user, body_id):
        return True
    me = person_of(user, body_id)
    return me is not None and cadre.manager_id == me.pk


def can_approve(user: Any, unit: Unit) -> bool:
    if is_organiser(user, unit.body_id):
        return True
    me = person_of(user, unit.body_id)
    return me is not None and unit.head_id == me.pk


def visible_cadres(user: Any, body_id: int) -> QuerySet[Cadre]:
    """The cadres whose evaluations the user may see in this body."""
    cadres = Cadre.objects.filter(person__body_id=body_id).select_related(
        "person", "unit", "manager"
    )
    if is_organiser(user, body_id):
        return cadres
    me = person_of(user, body_id)
    if me is None:
        return cadres.none()
    return cadres.filter(Q(person=me) | Q(manager=me) | Q(unit__head=me))


def visible_units(user: Any, body_id: int) -> QuerySet[Unit]:
    """The units whose dashboard the user may see: all for organisers, else those they head."""
    units = Unit.objects.filter(body_id=body_id).select_related("head")
    if is_organiser(user, body_id):
        return units
    me = person_of(user, body_id)
    return units.filter(head=me) if me is not None else units.none()


def require(allowed: bool, vi: str, en: str) -> None:
    if not allowed:
        raise NotAllowed(vi, en)
