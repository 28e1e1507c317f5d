"""Making a session and changing it while it is a draft: creation that a second submit (Back,
then the same form again) cannot repeat, and the title, date and venue edited in place. (A
draft is deleted through the confirmation page, `confirm.py`.)

Each creation form carries a one-time token kept in the user's session; the token remembers the
session it created, so the same form sent again leads to that session instead of a copy."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import body_for, run
from tinnhiem.votes import services
from tinnhiem.votes.forms import SessionEditForm, SessionForm
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.views.access import session_for

TOKENS = "tinnhiem.session_new_tokens"  # in the user's session: token → session created, or 0
TOKEN_FIELD = "creation_token"  # noqa: S105 - a field name, not a secret
KEPT_TOKENS = 20  # forms open at once in one browser; older ones are asked to be sent again
ALREADY_CREATED = (
    "Đợt lấy phiếu này đã được tạo; gửi lại biểu mẫu không tạo thêm đợt mới",
    "This session was already created; sending the form again does not create another",
)
STALE_FORM = (
    "Biểu mẫu này đã cũ: kiểm tra lại các ô rồi bấm Tạo đợt lấy phiếu lần nữa",
    "This form is out of date: check the fields, then press Create the session again",
)


def _new_token(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(16)
    tokens = dict(request.session.get(TOKENS, {}))
    tokens[token] = 0
    request.session[TOKENS] = dict(list(tokens.items())[-KEPT_TOKENS:])
    return token


def _token_used(request: HttpRequest, token: str, session_id: int) -> None:
    tokens = dict(request.session.get(TOKENS, {}))
    tokens[token] = session_id
    request.session[TOKENS] = tokens


@login_required
def session_new(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, permissions.ORGANISE)
    form = SessionForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "profile_key": body.default_profile,
            "held_on": date.today(),
            "members": body.voters.filter(is_active=True).count() or None,
        },
    )
    if request.method == "POST":
        token = request.POST.get(TOKEN_FIELD, "")
        created = request.session.get(TOKENS, {}).get(token)
        if created:
            messages.info(request, choose(*ALREADY_CREATED))
            return redirect("session", session_id=created)
        if created is None:
            messages.error(request, choose(*STALE_FORM))
        elif form.is_valid():
            session = _create(request, body, form.cleaned_data)
            if session:
                _token_used(request, token, session.pk)
                return redirect("session", session_id=session.pk)
    return render(
        request,
        "votes/session_new.html",
        {"body": body, "form": form, "token": _new_token(request)},
    )


def _create(request: HttpRequest, body: Body, data: dict[str, Any]) -> VoteSession | None:
    upload = data["profile_file"]
    toml = upload.read().decode("utf-8") if data["profile_key"] == "custom" and upload else ""
    session = run(
        request,
        services.session_create,
        None,
        body=body,
        title=data["title"],
        held_on=data["held_on"],
        venue=data["venue"],
        profile_key="custom" if toml else data["profile_key"],
        profile_toml=toml,
        count_mode=data["count_mode"],
        channel=data["channel"] or "paper",
        members=data["members"],
    )
    if session:
        run(
            request,
            services.candidates_from_roster,
            ("Đã tạo đợt lấy phiếu", "Session created"),
            session=session,
        )
    return session or None


@login_required
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    """A draft's title, date and venue."""
    session = session_for(request, session_id, permissions.ORGANISE)
    form = SessionEditForm(
        request.POST or None,
        initial={"title": session.title, "held_on": session.held_on, "venue": session.venue},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            services.session_edit,
            ("Đã lưu", "Saved"),
            session=session,
            **form.cleaned_data,
        )
    ):
        return redirect("session", session_id=session.pk)
    return render(request, "votes/session_edit.html", {"session": session, "form": form})
