"""The audit log's page: filtered, 50 rows a page, and its export to XLSX."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tinnhiem.audit import display, export
from tinnhiem.audit.models import AuditEvent
from tinnhiem.core import permissions, values
from tinnhiem.core.pages import run

PER_PAGE = 50
FROM = ("Từ ngày", "From")
TO = ("Đến ngày", "To")


def visible_events(user: Any) -> tuple[QuerySet[AuditEvent], set[int] | None]:
    """A body's administrators see that body's rows (they hold members' and cadres' data, so
    not every role does); only a site administrator (None: every body) sees every row."""
    visible = permissions.visible_body_ids(user)
    events = AuditEvent.objects.order_by("-seq")
    if visible is None:
        return events, None
    admin_of = {b for b in visible if permissions.can(user, b, permissions.ADMINISTER)}
    return events.filter(body_id__in=admin_of), admin_of


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(events: QuerySet[AuditEvent], source: QueryDict) -> QuerySet[AuditEvent]:
    """The rows the filters keep: who, what, which kind of object, between two dates (both
    included). A date that is not one is refused (values.BadValue) naming the field."""
    who = source.get("who", "").strip()
    if who:
        events = events.filter(actor=who)
    action = source.get("action", "").strip()
    if action:
        events = events.filter(action=action)
    kind = source.get("object_type", "").strip()
    if kind:
        events = events.filter(object_type=kind)
    start = values.day(source, "from", FROM)
    if start:
        events = events.filter(at__gte=_start(start))
    end = values.day(source, "to", TO)
    if end:
        events = events.filter(at__lt=_start(end + timedelta(days=1)))
    return events


def _choices(events: QuerySet[AuditEvent]) -> dict[str, list[tuple[str, str]]]:
    actors = sorted(set(events.values_list("actor", flat=True).distinct()))
    actions = set(events.values_list("action", flat=True).distinct())
    kinds = set(events.exclude(object_type="").values_list("object_type", flat=True).distinct())
    return {
        "actors": [(a, a) for a in actors],
        "actions": sorted(((a, display.action_label(a)) for a in actions), key=lambda p: p[1]),
        "kinds": sorted(((k, display.object_type_label(k)) for k in kinds), key=lambda p: p[1]),
    }


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    events, admin_of = visible_events(request.user)
    latest = events.first()
    choices = _choices(events)
    try:
        shown = filtered(events, request.GET)
    except values.BadValue as error:
        values.show(request, error)
        shown = events.none()
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": display.rows(list(page.object_list)),
        "latest": latest,
        "is_site_admin": admin_of is None,
        "filters": request.GET,
        "query": query.urlencode(),
        **choices,
    }
    return render(request, "audit/audit.html", context)


@login_required
@require_POST
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered rows as XLSX (every row the filters keep, not only one page); the export
    is itself a row of the log."""
    events, admin_of = visible_events(request.user)
    try:
        shown = filtered(events, request.POST)
    except values.BadValue as error:
        values.show(request, error)
        return redirect("audit")
    kept = {k: request.POST.get(k, "") for k in ("who", "action", "object_type", "from", "to")}
    body_id = next(iter(admin_of)) if admin_of and len(admin_of) == 1 else None
    content = run(
        request,
        export.audit_export,
        events=shown,
        filters={k: v for k, v in kept.items() if v},
        body_id=body_id,
    )
    if content is None:
        return redirect("audit")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{stamp}.xlsx"'
    return response
