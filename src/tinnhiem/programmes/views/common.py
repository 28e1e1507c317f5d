"""What every programme page needs: the object asked for with its access check, and a refusal
raised as PermissionDenied for a user who may not see it (the site's 403 page shows it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.core.errors import NotAllowed
from tinnhiem.core.i18n import choose
from tinnhiem.programmes import access
from tinnhiem.programmes.models import Programme, Task

CONFIRMED = "confirmed"  # the field a confirmation page posts ("yes"); without it, nothing is done
NOT_CONFIRMED = (
    "Chưa xác nhận: bấm nút xác nhận trên trang này để thực hiện",
    "Not confirmed: press the confirmation button on this page to go ahead",
)
NOT_YOURS = (
    "Bạn không có quyền xem trang này của chương trình",
    "You are not allowed to see this page of the programme",
)


def guarded(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Logged in, and a refusal of access answered by the site's 403 page (handler403), which
    shows the refusal's own message in the user's language."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NotAllowed as exc:
            raise PermissionDenied(choose(exc.message_vi, exc.message_en)) from exc

    return wrapper


def programme_for(
    request: HttpRequest, programme_id: int, allowed: tuple[str, ...] | None = None
) -> Programme:
    """The programme, for a user who may read it (with `allowed`, who holds one of those roles
    on its body)."""
    programme = get_object_or_404(
        Programme.objects.select_related("body", "standing_agency"), pk=programme_id
    )
    if allowed is not None:
        access.require(request.user, programme.body_id, allowed)
    elif not access.can_read_programmes(request.user, programme.body_id):
        raise NotAllowed(*NOT_YOURS)
    return programme


def task_for(request: HttpRequest, task_id: int) -> Task:
    task = get_object_or_404(
        Task.objects.select_related("programme__body", "lead", "group"), pk=task_id
    )
    if not access.can_read_task(request.user, task, task.programme.body_id):
        raise NotAllowed(*NOT_YOURS)
    return task


def body_for(request: HttpRequest, body_id: int, allowed: tuple[str, ...]) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    access.require(request.user, body.pk, allowed)
    return body


def can(request: HttpRequest, body_id: int, allowed: tuple[str, ...]) -> bool:
    return permissions.can(request.user, body_id, allowed)


def flags(request: HttpRequest, body_id: int) -> dict[str, bool]:
    """What the page may offer this user (links and buttons; every action checks again)."""
    return {
        "can_register": can(request, body_id, access.REGISTER),
        "can_read_all": can(request, body_id, access.READ_TASKS),
        "can_read_inspection": can(request, body_id, access.READ_INSPECTION),
        "can_read_cases": can(request, body_id, access.READ_CASES),
        "can_write_cases": can(request, body_id, access.WRITE_CASES),
        "can_read_reform": can(request, body_id, access.READ_REFORM),
        "can_read_reports": can(request, body_id, access.READ_REPORTS),
    }


def is_confirmed(request: HttpRequest) -> bool:
    """The confirmation page's button was pressed (a POST without it changes nothing)."""
    return request.POST.get(CONFIRMED) == "yes"
