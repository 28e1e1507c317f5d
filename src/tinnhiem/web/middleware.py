"""Vietnamese unless the user switched (the browser's Accept-Language is not consulted), the
site-wide Content-Security-Policy, and no Referer at all from the voters' pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware:
    """settings.CONTENT_SECURITY_POLICY on every response (Django 5.2 has no built-in one; 6.0's
    SECURE_CSP can replace this): the site's own scripts, styles and images only, no inline code,
    no plug-ins, no framing. A view that sets a policy of its own (the booth's, stricter) keeps
    it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {' '.join(sources)}".strip()
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


VOTER_PATHS = "/e/"  # the booth, its board and files (evote/urls.py): a code may be in the URL
# pages under /e/ with a form posted by the browser: under no-referrer Chromium sends
# "Origin: null", which the CSRF check refuses; same-origin sends no address elsewhere either
SAME_ORIGIN_FORMS = {"evote_board"}


class VoterReferrerMiddleware:
    """`Referrer-Policy: no-referrer` on every response under /e/, whatever its view (a 404 too):
    a link followed from the booth or the board never carries their address. Elsewhere
    SECURE_REFERRER_POLICY ("same-origin") applies: the site's own pages only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        if request.path_info.startswith(VOTER_PATHS) and not (
            match is not None and match.url_name in SAME_ORIGIN_FORMS
        ):
            response.headers["Referrer-Policy"] = "no-referrer"
        return response
