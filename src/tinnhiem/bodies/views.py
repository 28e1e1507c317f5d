from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tinnhiem.bodies.forms import BodyForm
from tinnhiem.bodies.models import Body, Holding
from tinnhiem.bodies.roster import RosterKind, template_xlsx
from tinnhiem.bodies.services import (
    HEADING,
    body_create,
    body_update,
    roster_export,
    roster_import,
    roster_preview,
    roster_unchanged,
)
from tinnhiem.core import pending, permissions
from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import body_for, roles, run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def body_detail(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id)
    holdings = Holding.objects.filter(post__body=body, is_current=True).select_related(
        "person", "post"
    )
    return render(
        request,
        "bodies/body.html",
        {
            "body": body,
            "holdings": holdings,
            "voters": body.voters.filter(is_active=True),
            "sessions": body.sessions.all(),
            "roles": roles(request, body.pk),
            "can_organise": permissions.can(request.user, body.pk, permissions.ORGANISE),
            "can_administer": permissions.can(request.user, body.pk, permissions.ADMINISTER),
        },
    )


def _kind(kind: str) -> RosterKind:
    try:
        return RosterKind(kind)
    except ValueError:
        raise Http404 from None


# the roster's kind in a download's name: Vietnamese without diacritics, as every download
FILE_WORDS = {RosterKind.OFFICIALS: "can-bo", RosterKind.VOTERS: "cu-tri"}


@login_required
def roster_template(request: HttpRequest, body_id: int, kind: str) -> HttpResponse:
    body_for(request, body_id)
    response = HttpResponse(template_xlsx(_kind(kind)), content_type=XLSX)
    name = FILE_WORDS[_kind(kind)]
    response["Content-Disposition"] = f'attachment; filename="mau-danh-sach-{name}.xlsx"'
    return response


@login_required
def roster_download(request: HttpRequest, body_id: int, kind: str) -> HttpResponse:
    body = body_for(request, body_id)
    response = HttpResponse(roster_export(body=body, kind=_kind(kind)), content_type=XLSX)
    name = FILE_WORDS[_kind(kind)]
    response["Content-Disposition"] = f'attachment; filename="danh-sach-{name}-{body.pk}.xlsx"'
    return response


@login_required
@require_POST
def roster_upload(request: HttpRequest, body_id: int, kind: str) -> HttpResponse:
    """Step one: read the file and show every row with its problems; nothing is saved. A file
    without errors is held for step two, tied to this body, kind and preview."""
    body = body_for(request, body_id, permissions.ORGANISE)
    roster_kind = _kind(kind)
    upload = request.FILES.get("file")
    if upload is None:
        return redirect("body", body_id=body.pk)
    content = upload.read()
    preview = roster_preview(
        body=body, kind=roster_kind, file_name=upload.name or "", content=content
    )
    key = _pending_key(roster_kind)
    pending.drop(request, key)
    token = ""
    if not preview.has_errors:  # a file that cannot be saved is not kept
        token = pending.hold(
            request, key, body_id=body.pk, kind=kind, file_name=upload.name or "", content=content
        )
    return render(
        request,
        "bodies/roster_preview.html",
        {
            "body": body,
            "preview": preview,
            "kind": kind,
            "token": token,
            "unchanged": roster_unchanged(body=body, preview=preview),
        },
    )


@login_required
@require_POST
def roster_confirm(request: HttpRequest, body_id: int, kind: str) -> HttpResponse:
    """Step two: save the previewed file, all rows or none."""
    body = body_for(request, body_id, permissions.ORGANISE)
    roster_kind = _kind(kind)
    held = pending.take(request, _pending_key(roster_kind), body_id=body.pk, kind=kind)
    if held is None:
        messages.error(request, choose(*pending.STALE))
        return redirect("body", body_id=body.pk)
    run(
        request,
        roster_import,
        ("Đã lưu danh sách", "Roster saved"),
        body=body,
        kind=roster_kind,
        file_name=held.file_name,
        content=held.content,
    )
    return redirect("body", body_id=body.pk)


def _pending_key(kind: RosterKind) -> str:
    return f"roster_upload_{kind.value}"


@login_required
def body_new(request: HttpRequest) -> HttpResponse:
    """A new body, by the site administrator."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = run(
            request,
            body_create,
            ("Đã tạo cơ quan", "Body created"),
            **{name: form.cleaned_data[name] for name in HEADING},
        )
        if body:
            return redirect("body", body_id=body.pk)
    return render(request, "bodies/body_form.html", {"form": form, "body": None})


@login_required
def body_edit(request: HttpRequest, body_id: int) -> HttpResponse:
    """A body's heading, by the site administrator or the body's administrator."""
    body = get_object_or_404(Body, pk=body_id)
    if not (
        request.user.is_superuser or permissions.can(request.user, body.pk, permissions.ADMINISTER)
    ):
        raise Http404
    form = BodyForm(request.POST or None, instance=Body.objects.get(pk=body.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            body_update,
            ("Đã lưu tiêu đề cơ quan", "The body's heading is saved"),
            body=body,
            **{name: form.cleaned_data[name] for name in HEADING},
        )
    ):
        return redirect("body", body_id=body.pk)
    return render(request, "bodies/body_form.html", {"form": form, "body": body})
