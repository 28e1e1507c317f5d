from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.votes.models import VoteSession


@login_required
def home(request: HttpRequest) -> HttpResponse:
    visible = permissions.visible_body_ids(request.user)
    bodies = Body.objects.all() if visible is None else Body.objects.filter(pk__in=visible)
    sessions = VoteSession.objects.filter(body__in=bodies).select_related("body")[:50]
    return render(request, "web/home.html", {"bodies": bodies, "sessions": sessions})


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
    return render(request, "web/audit.html", context)
