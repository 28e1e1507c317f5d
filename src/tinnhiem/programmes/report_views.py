"""Downloading a programme's period report (PDF, DOCX, XLSX): at a date, or from a frozen
snapshot (the report published that day, to the byte). For the steering committee, the office
and administrators; every download is audit-logged (`documents.report_download`).

`report_urlpatterns` is part of the programmes app's `urlpatterns` (programmes/urls.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from tinnhiem.core.errors import DomainError, InputProblem, NotAllowed
from tinnhiem.core.pages import message_of
from tinnhiem.core.values import BadValue, day
from tinnhiem.programmes import access
from tinnhiem.programmes.documents import (
    FORMATS,
    ReportFile,
    report_download,
    snapshot_download,
)
from tinnhiem.programmes.models import Programme, Snapshot

NUMBER_LENGTH = 20  # "125", "125a": the office's number, printed as "Số 125-BC/TU"
AS_OF = ("Số liệu đến ngày", "Figures as of")
START = ("Từ ngày", "From")
NUMBER = ("Số văn bản", "Document number")


@login_required
def programme_report(request: HttpRequest, programme_id: int, fmt: str) -> HttpResponse:
    """`?as_of=YYYY-MM-DD` (today when absent), `&start=` (1 January of that year), `&so=`."""
    programme = get_object_or_404(Programme, pk=programme_id)
    _check_format(request, programme.body_id, fmt)
    as_of = day(request.GET, "as_of", AS_OF) or timezone.localdate()
    start = day(request.GET, "start", START)
    return _answer(
        request,
        report_download,
        programme=programme,
        fmt=fmt,
        as_of=as_of,
        start=start,
        number=_number(request),
    )


@login_required
def snapshot_report(request: HttpRequest, snapshot_id: int, fmt: str) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot.objects.select_related("programme"), pk=snapshot_id)
    _check_format(request, snapshot.programme.body_id, fmt)
    return _answer(request, snapshot_download, snapshot=snapshot, fmt=fmt, number=_number(request))


def _check_format(request: HttpRequest, body_id: int, fmt: str) -> None:
    """A programme of a body the user cannot read programmes of does not exist for them, nor
    a format the report does not come in."""
    if fmt not in FORMATS or not access.can_read_programmes(request.user, body_id):
        raise Http404


def _number(request: HttpRequest) -> str:
    raw = str(request.GET.get("so", "")).strip()
    if len(raw) > NUMBER_LENGTH:
        raise BadValue(NUMBER, raw, "quá dài", "is too long")
    return raw


def _answer(
    request: HttpRequest, download: Callable[..., ReportFile], **kwargs: object
) -> HttpResponse:
    try:
        found = download(actor=request.user, **kwargs)
    except NotAllowed as exc:  # the site's 403 page, with the refusal's message
        raise PermissionDenied(message_of(exc)) from exc
    except InputProblem as exc:
        return _refusal(request, message_of(exc), 400)
    except DomainError as exc:  # a snapshot whose figures no longer match their hash
        return _refusal(request, message_of(exc), 409)
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.name}"'
    return response


def _refusal(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The site's page for a request it cannot serve (web/refused.html), named by template:
    nothing imported upward."""
    context = {"message": message, "status": status}
    return render(request, "web/refused.html", context, status=status)


report_urlpatterns = [
    path(
        "<int:programme_id>/bao-cao.<str:fmt>",
        programme_report,
        name="programme_report",
    ),
    path(
        "snapshots/<int:snapshot_id>/bao-cao.<str:fmt>",
        snapshot_report,
        name="programme_snapshot_report",
    ),
]
