"""Progress updates confirmed on a chosen day, through the services, for the tests of reports
at a past date."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from unittest import mock

from django.utils import timezone

from tinnhiem.programmes import workflow
from tinnhiem.programmes.models import Agency, AgencyMember, AgencyRole, Task


def confirmed(
    task: Task,
    people: dict[str, Any],
    *,
    as_of: date,
    percent: int | None,
    on: date,
    is_done: bool = False,
) -> None:
    """An update written, submitted and confirmed by the office on the day `on`."""
    update = workflow.update_write(
        actor=people["focal"],
        task=task,
        as_of=as_of,
        narrative="Đã triển khai",
        percent=percent,
        is_done=is_done,
    )
    update = workflow.update_submit(actor=people["head"], update=update)
    moment = timezone.make_aware(datetime.combine(on, time(9, 0)))
    with mock.patch.object(timezone, "now", return_value=moment):
        workflow.update_confirm(actor=people["office"], update=update)


def with_agency_officers(people: dict[str, Any], make_user: Any, agency: Agency) -> dict[str, Any]:
    """`people` with the agency's focal officer ("focal") and head ("head")."""
    for role in (AgencyRole.FOCAL, AgencyRole.HEAD):
        user = make_user(f"agency-{agency.pk}.{role.value}")
        AgencyMember.objects.create(agency=agency, user=user, role=role)
        people = people | {role.value: user}
    return people
