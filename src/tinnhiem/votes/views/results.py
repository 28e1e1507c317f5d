from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tinnhiem.audit.verify import anchor_of
from tinnhiem.core.errors import DomainError
from tinnhiem.core.pages import message_of
from tinnhiem.rules import ranked
from tinnhiem.votes.models import SessionStatus, VoteSession
from tinnhiem.votes.printing import document
from tinnhiem.votes.results import FINAL, results_report
from tinnhiem.votes.views.access import session_for


def _context(session: VoteSession, view: str) -> dict[str, Any]:
    report = results_report(session)
    people = ranked(report.result) if view == "ranking" else list(report.result.people)
    profile = report.result.profile
    rows = []
    for person in people:
        previous = report.previous.get(person.name)
        levels = [
            (level, person.counts[level.key], person.percent[level.key]) for level in profile.levels
        ]
        rows.append(
            {"person": person, "previous": previous, "levels": levels, "segments": _bar(levels)}
        )
    return {
        "session": session,
        "report": report,
        "profile": profile,
        "rows": rows,
        "view": view,
        "info": report.session,
        # the audit log's head when the result was published: a copy kept by anyone who reads
        # this page anchors the log (docs/audit-log.md)
        "published_anchor": anchor_of(action="session.publish", obj=session)
        if session.status == SessionStatus.PUBLISHED
        else None,
    }


def _bar(levels: list[tuple[Any, int, Any]]) -> list[dict[str, Any]]:
    """Each level's segment of the chart: its start and width in percent (exact decimals), and
    its colour class (the last level always in the "low" colour)."""
    segments, start = [], Decimal(0)
    for index, (_, _, percent) in enumerate(levels):
        width = Decimal(str(percent))
        css = "l2" if index == len(levels) - 1 else f"l{index}"
        segments.append({"css": css, "start": start, "width": width})
        start += width
    return segments


@login_required
def results(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    if session.status not in FINAL:
        return render(request, "votes/results_pending.html", {"session": session}, status=409)
    context = _context(session, request.GET.get("view", "order"))
    return render(request, "votes/results.html", context | {"is_public": False})


def public_results(request: HttpRequest, session_id: int) -> HttpResponse:
    """No log-in: only published sessions of bodies whose results are public."""
    session = get_object_or_404(VoteSession.objects.select_related("body"), pk=session_id)
    if session.status != SessionStatus.PUBLISHED or not session.body.are_results_public:
        raise Http404
    context = _context(session, request.GET.get("view", "order"))
    return render(request, "votes/results.html", context | {"is_public": True})


@login_required
def document_download(request: HttpRequest, session_id: int, kind: str, fmt: str) -> HttpResponse:
    session = session_for(request, session_id)
    try:
        content, name, mime = document(session, kind, fmt)
    except DomainError as exc:
        return HttpResponse(message_of(exc), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
