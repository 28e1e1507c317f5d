"""The site's home page: the bodies and sessions the user may see, and what the monthly
evaluation asks of them (for a cadre, a manager or a unit head whose only part is there)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.evaluations.home import work_of
from tinnhiem.votes.models import VoteSession


@login_required
def home(request: HttpRequest) -> HttpResponse:
    visible = permissions.visible_body_ids(request.user)
    bodies = Body.objects.all() if visible is None else Body.objects.filter(pk__in=visible)
    sessions = VoteSession.objects.filter(body__in=bodies).select_related("body")[:50]
    context = {"bodies": bodies, "sessions": sessions, "work": work_of(request.user)}
    return render(request, "web/home.html", context)
