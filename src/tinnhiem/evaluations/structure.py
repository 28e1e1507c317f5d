"""Setting a body up for monthly evaluation: its scheme, units, cadres, log-ins and months.

Every service takes the acting user, checks the role, runs in one transaction and writes its
audit row in that transaction. Only the body's administrators and organisers set things up;
linking a log-in to a person is for administrators.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from tinnhiem.accounts.services import is_known_to
from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body, Person
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem
from tinnhiem.evaluations.engine import scheme_from
from tinnhiem.evaluations.models import Cadre, Period, PersonUser, SchemeChoice, Unit

DEFAULT_SCHEME = "hanoi"


def body_scheme(body: Body) -> tuple[str, str]:
    """The (key, TOML) the body evaluates under; Hanoi's until one is chosen."""
    choice = SchemeChoice.objects.filter(body=body).first()
    return (choice.scheme_key, choice.scheme_toml) if choice else (DEFAULT_SCHEME, "")


def scheme_set(*, actor: Any, body: Body, scheme_key: str, scheme_toml: str = "") -> SchemeChoice:
    """Choose a built-in scheme (`hanoi`, `national`) or a custom one given as TOML text. Months
    already open keep the scheme they opened with."""
    permissions.require(actor, body.pk, permissions.ORGANISE)
    scheme = scheme_from(scheme_key, scheme_toml)
    with transaction.atomic():
        before = body_scheme(body)[0]
        choice, _ = SchemeChoice.objects.update_or_create(
            body=body, defaults={"scheme_key": scheme.key, "scheme_toml": scheme_toml.strip()}
        )
        record(
            actor=actor,
            action="evaluation.scheme_set",
            obj=choice,
            body_id=body.pk,
            before={"scheme": before},
            after={"scheme": scheme.key, "custom": bool(scheme_toml.strip())},
        )
    return choice


def _person(body: Body, person: Person | None, what_vi: str, what_en: str) -> None:
    if person is not None and person.body_id != body.pk:
        raise InputProblem(
            f"{what_vi} không thuộc cơ quan này", f"The {what_en} is not of this body"
        )


def unit_save(
    *,
    actor: Any,
    body: Body,
    name: str,
    head: Person | None = None,
    outstanding_year: int | None = None,
    unit: Unit | None = None,
) -> Unit:
    """Create a unit, or change one: its name, its head, the year it has outstanding
    achievements (its quota is then the scheme's `outstanding_cap`)."""
    permissions.require(actor, body.pk, permissions.ORGANISE)
    if not name.strip():
        raise InputProblem("Cần nhập tên đơn vị", "The unit needs a name")
    _person(body, head, "Thủ trưởng đơn vị", "unit head")
    with transaction.atomic():
        before = _unit_snapshot(unit) if unit else None
        target = unit or Unit(body=body)
        if target.body_id != body.pk:
            raise InputProblem("Đơn vị không thuộc cơ quan này", "The unit is not of this body")
        target.name, target.head, target.outstanding_year = name.strip(), head, outstanding_year
        try:
            with transaction.atomic():
                target.save()
        except IntegrityError as exc:
            raise InputProblem(
                f"Đã có đơn vị '{name.strip()}'", f"There is already a unit '{name.strip()}'"
            ) from exc
        record(
            actor=actor,
            action="evaluation.unit_save",
            obj=target,
            body_id=body.pk,
            before=before,
            after=_unit_snapshot(target),
        )
    return target


def _unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "name": unit.name,
        "head": unit.head.full_name if unit.head else None,
        "outstanding_year": unit.outstanding_year,
    }


def cadre_save(
    *,
    actor: Any,
    person: Person,
    unit: Unit,
    group: str = "",
    manager: Person | None = None,
    is_active: bool = True,
) -> Cadre:
    """Add a person to the monthly evaluation, or change their unit, group, manager."""
    body = person.body
    permissions.require(actor, body.pk, permissions.ORGANISE)
    if unit.body_id != body.pk:
        raise InputProblem("Đơn vị không thuộc cơ quan này", "The unit is not of this body")
    _person(body, manager, "Người quản lý", "manager")
    if manager is not None and manager.pk == person.pk:
        raise InputProblem(
            "Một người không là người quản lý trực tiếp của chính mình",
            "Nobody is their own direct manager",
        )
    with transaction.atomic():
        cadre = Cadre.objects.select_for_update().filter(person=person).first()
        before = _cadre_snapshot(cadre) if cadre else None
        cadre = cadre or Cadre(person=person)
        cadre.unit, cadre.group, cadre.manager = unit, group.strip(), manager
        cadre.is_active = is_active
        cadre.save()
        record(
            actor=actor,
            action="evaluation.cadre_save",
            obj=cadre,
            body_id=body.pk,
            before=before,
            after=_cadre_snapshot(cadre),
        )
    return cadre


def _cadre_snapshot(cadre: Cadre) -> dict[str, Any]:
    return {
        "person": cadre.person.full_name,
        "unit": cadre.unit.name,
        "group": cadre.group,
        "manager": cadre.manager.full_name if cadre.manager else None,
        "is_active": cadre.is_active,
    }


def person_link(*, actor: Any, person: Person, username: str) -> PersonUser:
    """Link a log-in to a person: the cadre, manager or unit head signs in as themselves.

    Only a user the administrator can already see (a role in one of their bodies, or a log-in
    linked in this body; any user for a site administrator): any other name gets the answer of
    a name that does not exist, so the form tells nothing of the site's other accounts."""
    permissions.require(actor, person.body_id, permissions.ADMINISTER)
    typed = username.strip()
    user = get_user_model().objects.filter(username=typed).first()
    is_known = user is not None and (
        is_known_to(actor, user)
        or PersonUser.objects.filter(user=user, person__body_id=person.body_id).exists()
    )
    if user is None or not is_known:
        raise InputProblem(
            f"Không có người dùng '{typed}' trong các cơ quan bạn quản trị: tạo tài khoản hoặc "
            "phân quyền ở trang Người dùng và vai trò trước, hoặc nhờ quản trị hệ thống",
            f"No user '{typed}' among the users of the bodies you administer: make the account "
            "or grant a role on the Users and roles page first, or ask the site administrator",
        )
    others = PersonUser.objects.filter(user=user, person__body_id=person.body_id)
    if others.exclude(person=person).exists():
        raise InputProblem(
            f"'{user.username}' đã gắn với một người khác trong cơ quan này",
            f"'{user.username}' is already linked to another person of this body",
        )
    with transaction.atomic():
        link, _ = PersonUser.objects.update_or_create(person=person, defaults={"user": user})
        record(
            actor=actor,
            action="evaluation.person_link",
            obj=link,
            body_id=person.body_id,
            after={"person": person.full_name, "user": user.username},
        )
    return link


def period_open(
    *,
    actor: Any,
    body: Body,
    year: int,
    month: int,
    deadline: date | None = None,
    approve_by: date | None = None,
    is_late_allowed: bool = False,
) -> Period:
    """Open a month under the body's current scheme. Self-assessments are due by `deadline`
    (default: the month's last day), the units' lists approved by `approve_by` (default: seven
    days after the deadline)."""
    permissions.require(actor, body.pk, permissions.ORGANISE)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise InputProblem(f"Tháng {month}/{year} không hợp lệ", f"No month {month}/{year}")
    deadline = deadline or date(year, month, calendar.monthrange(year, month)[1])
    approve_by = approve_by or deadline + timedelta(days=7)
    if approve_by < deadline:
        raise InputProblem(
            "Hạn phê duyệt phải sau hạn tự đánh giá",
            "The approval deadline must follow the self-assessment deadline",
        )
    key, toml = body_scheme(body)
    scheme_from(key, toml)  # a scheme broken since it was chosen is refused here, not later
    with transaction.atomic():
        if Period.objects.filter(body=body, year=year, month=month).exists():
            raise InputProblem(
                f"Tháng {month}/{year} đã mở", f"The month {month}/{year} is already open"
            )
        period = Period.objects.create(
            body=body,
            year=year,
            month=month,
            deadline=deadline,
            approve_by=approve_by,
            is_late_allowed=is_late_allowed,
            scheme_key=key,
            scheme_toml=toml,
        )
        record(
            actor=actor,
            action="evaluation.period_open",
            obj=period,
            body_id=body.pk,
            after=_period_snapshot(period),
        )
    return period


def period_update(
    *, actor: Any, period: Period, deadline: date, approve_by: date, is_late_allowed: bool
) -> Period:
    """Move a month's deadlines, or allow late self-assessments (they stay flagged as late)."""
    permissions.require(actor, period.body_id, permissions.ORGANISE)
    if approve_by < deadline:
        raise InputProblem(
            "Hạn phê duyệt phải sau hạn tự đánh giá",
            "The approval deadline must follow the self-assessment deadline",
        )
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        before = _period_snapshot(period)
        period.deadline, period.approve_by = deadline, approve_by
        period.is_late_allowed = is_late_allowed
        period.save(update_fields=["deadline", "approve_by", "is_late_allowed"])
        record(
            actor=actor,
            action="evaluation.period_update",
            obj=period,
            body_id=period.body_id,
            before=before,
            after=_period_snapshot(period),
        )
    return period


def _period_snapshot(period: Period) -> dict[str, Any]:
    return {
        "month": f"{period.month:02d}/{period.year}",
        "deadline": period.deadline,
        "approve_by": period.approve_by,
        "is_late_allowed": period.is_late_allowed,
        "scheme": period.scheme_key,
    }
