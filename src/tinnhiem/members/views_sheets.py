"""Pages of the register around spreadsheets and cells: import (upload, preview, confirm), the
marked export, the quarterly reconciliation, party cells and who reads which cell."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.bilingual import BilingualError
from tinnhiem.core import pending, permissions, values
from tinnhiem.core.errors import NotAllowed
from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import body_for, message_of, run
from tinnhiem.members import access, exchange, exports, units
from tinnhiem.members.forms import UploadForm
from tinnhiem.members.models import OrgUnit, RegisterExport, UnitAccess
from tinnhiem.members.reconcile import Quarter
from tinnhiem.members.workbook import template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "members_upload"
REGISTER = "register"  # the kind of sheet held (core/pending.py)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"  # secret documents stay out of caches
    return response


@login_required
def import_upload(request: HttpRequest, body_id: int) -> HttpResponse:
    """Step one: read the file and show every row with its problems; nothing is saved."""
    body = body_for(request, body_id, access.EDIT)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        preview = exchange.member_import_preview(
            body=body, file_name=upload.name or "", content=content
        )
        pending.drop(request, SESSION_KEY)
        token = ""
        if not preview.has_errors:  # a file that cannot be saved is not kept
            token = pending.hold(
                request,
                SESSION_KEY,
                body_id=body.pk,
                kind=REGISTER,
                file_name=upload.name or "",
                content=content,
            )
        return render(
            request,
            "members/import_preview.html",
            {"body": body, "preview": preview, "can_edit": True, "token": token},
        )
    return render(request, "members/import.html", {"body": body, "form": form, "can_edit": True})


@login_required
@require_POST
def import_confirm(request: HttpRequest, body_id: int) -> HttpResponse:
    """Step two: save the previewed file, all rows or none."""
    body = body_for(request, body_id, access.EDIT)
    held = pending.take(request, SESSION_KEY, body_id=body.pk, kind=REGISTER)
    if held is None:
        messages.error(request, choose(*pending.STALE))
        return redirect("members:import", body_id=body.pk)
    done = run(
        request,
        exchange.member_import,
        ("Đã nhập vào sổ danh sách đảng viên", "Imported into the register"),
        body=body,
        file_name=held.file_name,
        content=held.content,
    )
    if done is None:
        return redirect("members:import", body_id=body.pk)
    return redirect("members:register", body_id=body.pk)


@login_required
def import_template(request: HttpRequest, body_id: int) -> HttpResponse:
    body_for(request, body_id, access.EDIT)
    return _xlsx(template_xlsx(), "mau-so-danh-sach-dang-vien.xlsx")


@login_required
@require_POST
def export(request: HttpRequest, body_id: int) -> HttpResponseBase:
    """Ask for the whole register, marked secret and logged (a POST: no link prefetch asks); the
    background worker makes the file, the exports page offers it."""
    body = body_for(request, body_id, access.EDIT)
    run(
        request,
        exports.export_request,
        (
            "Đã nhận yêu cầu xuất sổ; tệp sẽ có ở trang này khi lập xong",
            "Export requested; the file will be on this page when it is made",
        ),
        body=body,
    )
    return redirect("members:exports", body_id=body.pk)


@login_required
def export_list(request: HttpRequest, body_id: int) -> HttpResponse:
    """The user's own exports of the register: being made, ready to download, expired."""
    body = body_for(request, body_id, access.EDIT)
    found = exports.exports_of(request.user, body)
    rows = [
        {
            "export": export,
            "label": choose(*exports.STATUS_LABELS[export.status]),
            "is_slow": exports.is_slow(export),
        }
        for export in found
    ]
    context = {
        "body": body,
        "rows": rows,
        "is_pending": any(export.status in exports.PENDING for export in found),
        "hours": f"{settings.REGISTER_EXPORT_HOURS:g}",
        "can_edit": True,
    }
    return render(request, "members/exports.html", context)


@login_required
def export_download(request: HttpRequest, export_id: int) -> HttpResponseBase:
    """A made export's file, for the user who asked for it (anyone else: not found)."""
    export = get_object_or_404(RegisterExport, pk=export_id)
    body = body_for(request, export.body_id, access.EDIT)
    try:
        opened = exports.export_open(actor=request.user, export=export)
    except NotAllowed as exc:
        raise Http404 from exc
    except BilingualError as exc:
        messages.error(request, message_of(exc))
        return redirect("members:exports", body_id=body.pk)
    stamp = timezone.localtime(export.finished_at).strftime("%Y%m%d-%H%M")
    response = FileResponse(
        opened,
        as_attachment=True,
        filename=f"so-danh-sach-dang-vien-{body.pk}-{stamp}.xlsx",
        content_type=XLSX,
    )
    response["Cache-Control"] = "no-store"  # secret documents stay out of caches
    return response


def _quarter(request: HttpRequest) -> Quarter:
    """The quarter asked for (the current one when none is): a year or quarter that is not one
    is refused rather than another quarter's figures shown in its place."""
    today = Quarter.of(timezone.localdate())
    source = request.POST if request.method == "POST" else request.GET
    year = values.whole(source, "year", ("Năm", "Year"), minimum=1930, maximum=2100)
    number = values.whole(source, "quarter", ("Quý", "Quarter"), minimum=1, maximum=4)
    return Quarter(year or today.year, number or today.number)


@login_required
def report(request: HttpRequest, body_id: int) -> HttpResponse:
    """The quarterly reconciliation of the cells the user may read."""
    body = body_for(request, body_id)
    quarter = _quarter(request)
    per_unit, total = exchange.register_report(actor=request.user, body=body, quarter=quarter)
    return render(
        request,
        "members/report.html",
        {
            "body": body,
            "quarter": quarter,
            "per_unit": per_unit,
            "total": total,
            "years": range(timezone.localdate().year, 1989, -1),
            "can_edit": access.sees_every_unit(request.user, body.pk),
        },
    )


@login_required
@require_POST
def report_download(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id)
    quarter = _quarter(request)
    content = run(request, exchange.register_report_export, body=body, quarter=quarter)
    if content is None:
        return redirect("members:report", body_id=body.pk)
    return _xlsx(content, f"doi-chieu-quy-{quarter.number}-{quarter.year}-{body.pk}.xlsx")


@login_required
def unit_list(request: HttpRequest, body_id: int) -> HttpResponse:
    """The body's party cells; administrators open a cell to a reader (board, observer)."""
    body = body_for(request, body_id, access.EDIT)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            run(
                request,
                units.unit_create,
                ("Đã thêm chi bộ", "Party cell added"),
                body=body,
                name=request.POST.get("name", ""),
            )
        elif action == "grant":
            unit_id = values.record_id(request.POST, "unit", ("Chi bộ", "Party cell"))
            unit = get_object_or_404(OrgUnit, pk=unit_id, body=body)
            run(
                request,
                units.unit_access_grant,
                ("Đã cho xem chi bộ", "Access given"),
                unit=unit,
                username=request.POST.get("username", ""),
            )
        elif action == "revoke":
            item_id = values.record_id(request.POST, "item", ("Quyền xem", "Access"))
            item = get_object_or_404(UnitAccess, pk=item_id, unit__body=body)
            run(request, units.unit_access_revoke, ("Đã bỏ quyền xem", "Access removed"), item=item)
        return redirect("members:units", body_id=body.pk)
    readers = (
        RoleGrant.objects.filter(body=body)
        .exclude(role__in=access.EDIT)
        .select_related("user")
        .order_by("user__username")
    )
    return render(
        request,
        "members/units.html",
        {
            "body": body,
            "units": body.org_units.annotate(record_count=Count("records")).prefetch_related(
                "access__grant__user"
            ),
            "readers": readers,
            "can_administer": permissions.can(request.user, body.pk, permissions.ADMINISTER),
            "can_edit": True,
        },
    )
