"""The audit log's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core import permissions


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """A body's administrators see that body's rows (they hold members' and cadres' data, so
    not every role does); only a site administrator sees every row and the log's head."""
    visible = permissions.visible_body_ids(request.user)
    events = AuditEvent.objects.order_by("-seq")
    is_site_admin = visible is None
    if visible is not None:
        admin_of = {b for b in visible if permissions.can(request.user, b, permissions.ADMINISTER)}
        events = events.filter(body_id__in=admin_of)
    latest = events.first()
    context = {"events": events[:300], "latest": latest, "is_site_admin": is_site_admin}
    return render(request, "audit/audit.html", context)
