"""A session with its access check, for the pages of votes and of the channels built on it."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from tinnhiem.core import permissions
from tinnhiem.votes.models import VoteSession


def session_for(
    request: HttpRequest, session_id: int, allowed: tuple[str, ...] = permissions.READ
) -> VoteSession:
    session = get_object_or_404(VoteSession.objects.select_related("body"), pk=session_id)
    if not permissions.can(request.user, session.body_id, allowed):
        raise Http404
    return session
