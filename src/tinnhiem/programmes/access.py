"""Who may do what in programme steering, per body, through the body's role grants
(`accounts.RoleGrant`) and, for an agency's own updates, its members (`AgencyMember`).

| role | may |
|---|---|
| administrator | everything but the watched cases (a role of its own, granted like any other) |
| office of the standing agency | register programmes, tasks and their sub-tasks, import, confirm or return updates, remind, approve extensions, enter targets and reform figures, freeze and sign off snapshots |
| steering committee | read everything, the watched cases included |
| inspection commission | enter and read the inspection and discipline figures; read tasks |
| internal affairs | enter and read the watched cases |
| agency focal officer | write its agency's updates and the progress of its agency's sub-tasks; read the tasks it leads or co-operates on |
| agency head | submit its agency's updates; read as the focal officer |
"""

from __future__ import annotations

from typing import Any

from tinnhiem.accounts.models import Role
from tinnhiem.core import permissions
from tinnhiem.core.errors import NotAllowed
from tinnhiem.programmes.models import AgencyMember, AgencyRole, Task

REGISTER = (Role.ADMINISTRATOR, Role.OFFICE)
READ_TASKS = (Role.ADMINISTRATOR, Role.OFFICE, Role.STEERING, Role.INSPECTION)
WRITE_INSPECTION = (Role.ADMINISTRATOR, Role.INSPECTION)
READ_INSPECTION = (Role.ADMINISTRATOR, Role.OFFICE, Role.STEERING, Role.INSPECTION)
WRITE_CASES = (Role.INTERNAL_AFFAIRS,)
READ_CASES = (Role.INTERNAL_AFFAIRS, Role.STEERING)
WRITE_REFORM = (Role.ADMINISTRATOR, Role.OFFICE)
WRITE_TARGETS = (Role.ADMINISTRATOR, Role.OFFICE)
READ_REFORM = (Role.ADMINISTRATOR, Role.OFFICE, Role.STEERING, Role.INSPECTION)
READ_REPORTS = (Role.ADMINISTRATOR, Role.OFFICE, Role.STEERING)  # period reports, snapshots


def agency_roles(user: Any, body_id: int) -> dict[int, set[str]]:
    """The agencies of the body the user is a member of, with their roles there."""
    if not getattr(user, "is_authenticated", False):
        return {}
    roles: dict[int, set[str]] = {}
    for agency_id, role in AgencyMember.objects.filter(
        user=user, agency__body_id=body_id
    ).values_list("agency_id", "role"):
        roles.setdefault(agency_id, set()).add(role)
    return roles


def can_read_programmes(user: Any, body_id: int) -> bool:
    return permissions.can(user, body_id, READ_TASKS) or bool(agency_roles(user, body_id))


def can_read_task(user: Any, task: Task, body_id: int) -> bool:
    if permissions.can(user, body_id, READ_TASKS):
        return True
    mine = agency_roles(user, body_id)
    return task.lead_id in mine or any(p.pk in mine for p in task.partners.all())


def require_agency_role(user: Any, agency_id: int, body_id: int, role: str) -> None:
    """Focal officers write and heads submit their own agency's updates (the office may act for
    an agency that has no one in the system)."""
    if permissions.can(user, body_id, REGISTER):
        return
    if role in agency_roles(user, body_id).get(agency_id, set()):
        return
    label = AgencyRole(role).label
    raise NotAllowed(
        f"Chỉ {str(label).lower()} của cơ quan chủ trì được làm việc này",
        f"Only the lead agency's {'focal officer' if role == AgencyRole.FOCAL else 'head'} may do this",
    )


def require(user: Any, body_id: int, allowed: tuple[str, ...]) -> None:
    permissions.require(user, body_id, allowed)


def require_part_progress(user: Any, agency_id: int, body_id: int) -> None:
    """A sub-task's progress is updated by the focal officer of the agency it belongs to (its
    head and the other agencies read it), or by the office, which also adds and edits parts."""
    if permissions.can(user, body_id, REGISTER):
        return
    if AgencyRole.FOCAL in agency_roles(user, body_id).get(agency_id, set()):
        return
    raise NotAllowed(
        "Chỉ cán bộ đầu mối của cơ quan được giao phần việc, hoặc Văn phòng, được cập nhật tiến độ",
        "Only the focal officer of the agency given this part, or the office, may update it",
    )
