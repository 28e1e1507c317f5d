"""The task sheet: upload, a row-by-row preview (nothing saved), confirm (all rows or none;
the preview's token tied to the body it was made for, as the roster import does), export."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tinnhiem.core import pending
from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import run
from tinnhiem.programmes import access, exchange, registry
from tinnhiem.programmes.forms import ImportForm
from tinnhiem.programmes.models import Programme
from tinnhiem.programmes.views.common import body_for, guarded, programme_for
from tinnhiem.steering.sheets import read_tasks

SESSION_KEY = "programme_upload"
KIND = "programme_tasks"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@guarded
def upload(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.REGISTER)
    code = request.GET.get("code", "")
    known = Programme.objects.filter(body=body, code=code).first()
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"code": code, "title": known.title if known else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content = data["file"].read()
        name = data["file"].name or ""
        preview = exchange.preview(data["code"].strip(), name, content)
        pending.drop(request, SESSION_KEY)
        token = ""
        if not preview.has_errors:  # a file that cannot be saved is not kept
            token = pending.hold(
                request,
                SESSION_KEY,
                body_id=body.pk,
                kind=f"{KIND}:{data['code'].strip()}:{data['title'].strip()}",
                file_name=name,
                content=content,
            )
        return render(
            request,
            "programmes/import_preview.html",
            {
                "body": body,
                "preview": preview,
                "token": token,
                "code": data["code"].strip(),
                "title": data["title"].strip(),
            },
        )
    return render(request, "programmes/import.html", {"body": body, "form": form})


@guarded
@require_POST
def confirm(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.REGISTER)
    code = request.POST.get("code", "").strip()
    title = request.POST.get("title", "").strip()
    held = pending.take(request, SESSION_KEY, body_id=body.pk, kind=f"{KIND}:{code}:{title}")
    if held is None:
        messages.error(request, choose(*pending.STALE))
        return redirect("programmes:import", body_id=body.pk)
    summary = run(
        request,
        registry.task_import,
        None,
        code=code,
        title=title,
        body=body,
        rows=read_tasks(exchange.table(held.file_name, held.content)),
    )
    if summary is None:
        return redirect("programmes:import", body_id=body.pk)
    messages.success(
        request,
        choose(
            f"Đã nhập: {summary.created} nhiệm vụ mới, {summary.updated} cập nhật, "
            f"{summary.unchanged} không đổi",
            f"Imported: {summary.created} new tasks, {summary.updated} updated, "
            f"{summary.unchanged} unchanged",
        ),
    )
    programme = Programme.objects.get(code=summary.programme)
    return redirect("programmes:programme", programme_id=programme.pk)


@guarded
def export(request: HttpRequest, programme_id: int, fmt: str) -> HttpResponse:
    programme = programme_for(request, programme_id, access.READ_TASKS)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = f"nhiem-vu-{programme.pk}-{stamp}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(exchange.export_csv(programme), content_type="text/csv")
    else:
        response = HttpResponse(exchange.export_xlsx(programme), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
