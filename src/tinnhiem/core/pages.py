"""What every app's views need: the body with an access check, and running a service with its
error shown to the user in their language. (A session with its access check is votes' own:
`votes/views/access.py`.)"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.core.errors import NotAllowed
from tinnhiem.core.i18n import choose


def body_for(
    request: HttpRequest, body_id: int, allowed: tuple[str, ...] = permissions.READ
) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    if not permissions.can(request.user, body.pk, allowed):
        raise Http404  # another body's things do not exist for this user
    return body


def message_of(error: BilingualError) -> str:
    return error.for_language(get_language())


def run(
    request: HttpRequest,
    service: Callable[..., Any],
    success: tuple[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    """Call a service; on a domain error show its message and return None."""
    try:
        result = service(actor=request.user, **kwargs)
    except BilingualError as exc:
        messages.error(request, message_of(exc))
        return None
    if success:
        messages.success(request, choose(*success))
    return result if result is not None else True


def run_form(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[..., Any],
    /,
    *,
    fields: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    """Call a service for a valid form. A refusal of access goes up (the site's 403 page); any
    other domain error goes on the form, in the user's language, on the field named by the first
    word of `fields` (word -> field) found in its Vietnamese message, else above the form; then
    None is returned, and the form keeps what was typed. (The first three are positional, so a
    service may take a `request` of its own.)"""
    try:
        result = service(actor=request.user, **kwargs)
    except NotAllowed:
        raise
    except BilingualError as exc:
        text = exc.message_vi.lower()
        field = next((name for word, name in (fields or {}).items() if word in text), None)
        form.add_error(field, message_of(exc))
        return None
    return result if result is not None else True


def roles(request: HttpRequest, body_id: int) -> set[str]:
    return permissions.roles_on(request.user, body_id)
