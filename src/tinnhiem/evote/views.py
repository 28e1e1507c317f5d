"""The electronic ballot on the web: the organiser's and board's page, the voting booth and its
JSON endpoints.

The public bulletin board is in `board_views.py`. The booth and the board need no login (a voter is anonymous; the code is the credential). The
booth is served with a strict Content-Security-Policy: only the app's own script and style.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tinnhiem.ballotcrypto.canonical import parse_json
from tinnhiem.ballotcrypto.election import RECORD_VERSION
from tinnhiem.ballotcrypto.election_record import manifest_hash
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.tally_files import tally_hash as hash_of
from tinnhiem.bodies.models import Voter
from tinnhiem.core import values
from tinnhiem.core.errors import DomainError
from tinnhiem.core.i18n import choose
from tinnhiem.core.mail import is_mail_configured
from tinnhiem.core.pages import run
from tinnhiem.evote import codes, limits, services, smallchannel
from tinnhiem.evote.board_views import election_of
from tinnhiem.evote.bulletin import board_of
from tinnhiem.evote.models import ChannelGiven, Credential, Election, Stage
from tinnhiem.votes.views.access import session_for

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# A random id per device, for the booth's limits (evote/limits.py), issued by the server and
# signed (SECRET_KEY, under its own salt): an id made up by the client is no device at all.
DEVICE_COOKIE = "tinnhiem_booth"
DEVICE_SALT = "tinnhiem.evote.booth-device"
DEVICE_HOURS = 12
_DEVICE_ID = re.compile(r"[A-Za-z0-9_-]{24}")


def strict_csp(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = CSP
        response["Referrer-Policy"] = "no-referrer"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return wrapped


def booth_url(request: HttpRequest, election: Election) -> str:
    return request.build_absolute_uri(reverse("evote_booth", args=[election.public_id]))


# the organiser's and board's page ---------------------------------------------------------


@login_required
def evote_panel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    election = Election.objects.filter(session=session).first()
    if request.method == "POST":
        response = _panel_action(request, session, election)
        if response is not None:
            return response
        return redirect("evote_panel", session_id=session.pk)
    trustees = list(election.trustee_set.all()) if election else []
    voters = list(session.body.voters.filter(is_active=True)) if election else []
    given = (
        dict(ChannelGiven.objects.filter(election=election).values_list("voter_id", "channel"))
        if election
        else {}
    )
    invited = (
        set(
            Credential.objects.filter(election=election, voter__isnull=False).values_list(
                "voter_id", flat=True
            )
        )
        if election
        else set()
    )
    tally_hash = ""
    if election and election.board:
        tally_hash = hash_of(board_of(election).encrypted)
    fingerprint = ""
    if election and trustees and all(t.round1 for t in trustees):
        try:
            fingerprint = services.ceremony_fingerprint(election, [t.round1 for t in trustees])
        except CryptoError as exc:
            messages.error(request, choose(exc.message_vi, exc.message_en))
    return render(
        request,
        "evote/panel.html",
        {
            "session": session,
            "election": election,
            "trustees": trustees,
            "figures": services.credential_figures(election) if election else None,
            "voters": [(v, given.get(v.pk, ""), v.pk in invited) for v in voters],
            "board_names": "\n".join(m.full_name for m in session.board.all()),
            "booth_link": booth_url(request, election) if election else "",
            "fingerprint": fingerprint,
            "tally_hash": tally_hash,
            "can_mail": is_mail_configured(),
            "minimum": smallchannel.minimum(),
            "needs_decision": election is not None and smallchannel.needs_decision(election),
            "Stage": Stage,
        },
    )


def _panel_action(
    request: HttpRequest, session: Any, election: Election | None
) -> HttpResponse | None:
    action = request.POST.get("action", "")
    if action == "setup":
        names = request.POST.get("trustees", "").splitlines()
        threshold = _number(request.POST.get("threshold"))
        expected = request.POST.get("expected_electronic", "").strip()
        run(
            request,
            services.election_setup,
            ("Đã tạo phiếu điện tử", "Electronic ballot set up"),
            session=session,
            trustee_names=names,
            threshold=threshold,
            expected_electronic=_number(expected) if expected else None,
        )
        return None
    if election is None:
        raise Http404
    if action == "small_channel":
        run(
            request,
            services.small_channel_decide,
            ("Đã ghi quyết định của Ban kiểm phiếu", "The counting board's decision is recorded"),
            election=election,
            reason=request.POST.get("reason", ""),
        )
        return None
    if action == "paper":
        run(
            request,
            services.paper_fix,
            ("Đã chốt kết quả phiếu giấy", "Paper count fixed"),
            session=session,
        )
        return None
    if action == "upload":
        upload = request.FILES.get("file")
        try:
            data = parse_json(upload.read()) if upload else None
        except (UnicodeDecodeError, ValueError):
            data = None
        if data is None:
            messages.error(request, choose("Tệp không phải JSON", "The file is not JSON"))
            return None
        run(
            request,
            services.trustee_upload,
            ("Đã nhận tệp", "File received"),
            election=election,
            index=_number(request.POST.get("index")),
            kind=request.POST.get("kind", ""),
            data=data,
        )
        return None
    if action == "slips":
        count = _number(request.POST.get("count"))
        pdf = run(
            request,
            services.slips_issue,
            None,
            election=election,
            count=count,
            booth_url=booth_url(request, election),
        )
        return _codes_pdf(pdf, "phieu-ma.pdf")
    if action == "void":
        serial = _number(request.POST.get("serial"))
        run(
            request,
            services.credential_void,
            ("Đã hủy mã", "Code voided"),
            election=election,
            serial=serial,
            reason=request.POST.get("reason", ""),
        )
        return None
    if action == "letters":
        ids = values.record_ids(request.POST, "voter", ("Người tham gia", "Voter"))
        voters = list(Voter.objects.filter(body=session.body, pk__in=ids))
        pdf = run(
            request,
            services.letters_issue,
            None,
            election=election,
            booth_url=booth_url(request, election),
            voters=voters,
        )
        return _codes_pdf(pdf, "thu-moi.pdf")
    if action == "invite":
        ids = values.record_ids(request.POST, "voter", ("Người tham gia", "Voter"))
        voters = list(Voter.objects.filter(body=session.body, pk__in=ids))
        emails = {v.pk: request.POST.get(f"email-{v.pk}", "") for v in voters}
        run(
            request,
            services.invitations_send,
            ("Đã gửi thư mời", "Invitations sent"),
            election=election,
            booth_url=booth_url(request, election),
            voters=voters,
            emails=emails,
        )
        return None
    if action == "channel":
        voter = get_object_or_404(Voter, body=session.body, pk=_number(request.POST.get("voter")))
        run(
            request,
            services.channel_record,
            None,
            election=election,
            voter=voter,
            channel=request.POST.get("channel", ""),
        )
        return None
    raise Http404


def _codes_pdf(pdf: bytes | None, name: str) -> HttpResponse | None:
    """The slips or letters, the only copy of their codes: not cached anywhere."""
    if not pdf:
        return None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _number(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return 0


# the voter ----------------------------------------------------------------------------------


@strict_csp
def booth(request: HttpRequest, public_id: str) -> HttpResponse:
    election = election_of(public_id)
    if election.stage != Stage.VOTING:
        return render(request, "evote/closed.html", {"election": election}, status=200)
    manifest = election.manifest
    data = {
        "session": manifest["session"],
        "title": manifest["title"],
        "body": manifest["body"],
        "record_version": RECORD_VERSION,
        "persons": manifest["persons"],
        "levels": manifest["levels"],
        "values": list(services.manifest_of(election).values()),
        "public_key": election.public_key,
        "receipt_key": manifest.get("receipt_key"),
        "manifest_hash": manifest_hash(manifest),
        "check_url": reverse("evote_check", args=[election.public_id]),
        "cast_url": reverse("evote_cast", args=[election.public_id]),
        "spoil_url": reverse("evote_spoil", args=[election.public_id]),
        "board_url": reverse("evote_board", args=[election.public_id]),
        "csrf_token": get_token(request),
    }
    response = render(request, "evote/booth.html", {"booth_data": data, "election": election})
    if _device(request) is None:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(18),
            salt=DEVICE_SALT,
            max_age=DEVICE_HOURS * 3600,
            path="/e/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
    return response


def _device(request: HttpRequest) -> str | None:
    """The device id the booth's page issued; None for a missing, expired or forged one, which
    counts with every other such request of its address as one device (evote/limits.py)."""
    value = request.get_signed_cookie(
        DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_HOURS * 3600
    )
    return value if value and _DEVICE_ID.fullmatch(value) else None


def _address(request: HttpRequest) -> str:
    """The voter's address: behind the reverse proxy (TINNHIEM_BEHIND_PROXY), the last address
    the proxy added to X-Forwarded-For, not the proxy's own."""
    if settings.TINNHIEM_BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", "?"))


def _voter_json(
    request: HttpRequest, public_id: str, act: Callable[[Election, dict[str, Any]], dict[str, Any]]
) -> JsonResponse:
    """Run a voter's request under the booth's limits (evote/limits.py): counted per device,
    address and code prefix before it is handled, given back unless refused."""
    election = election_of(public_id)
    try:
        body = parse_json(request.body)
        if not isinstance(body, dict):
            raise ValueError
    except (UnicodeDecodeError, ValueError):
        return _refusal("Yêu cầu không đọc được", "The request cannot be read")
    normal = codes.normalise(str(body.get("code", "")))
    attempt = limits.Attempt(
        str(election.public_id), _device(request), _address(request), normal[:4] if normal else None
    )
    slowed = attempt.enter()
    if slowed is not None:
        response = _refusal(*slowed.message, status=429)
        response["Retry-After"] = str(slowed.seconds)
        return response
    try:
        answer = act(election, body)
    except DomainError as exc:
        return _refusal(exc.message_vi, exc.message_en, status=400)
    except BaseException:
        attempt.leave()
        raise
    attempt.leave()
    attempt.accepted_code()
    return JsonResponse(answer)


def _refusal(vi: str, en: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": {"vi": vi, "en": en}}, status=status)


@require_POST
def booth_check(request: HttpRequest, public_id: str) -> JsonResponse:
    def act(election: Election, body: dict[str, Any]) -> dict[str, Any]:
        services.code_check(election=election, code=str(body.get("code", "")))
        return {"ok": True}

    return _voter_json(request, public_id, act)


@require_POST
def booth_cast(request: HttpRequest, public_id: str) -> JsonResponse:
    def act(election: Election, body: dict[str, Any]) -> dict[str, Any]:
        cast = services.ballot_cast(
            election=election, code=str(body.get("code", "")), data=body.get("ballot")
        )
        return {
            "tracking_code": cast.tracking_code,
            "ballot_hash": cast.ballot_hash,
            "board_url": reverse("evote_board", args=[election.public_id])
            + f"#code={cast.tracking_code}",
            "receipt": cast.receipt,  # signed, never stored
        }

    return _voter_json(request, public_id, act)


@require_POST
def booth_spoil(request: HttpRequest, public_id: str) -> JsonResponse:
    def act(election: Election, body: dict[str, Any]) -> dict[str, Any]:
        spoiled = services.ballot_spoil(
            election=election,
            code=str(body.get("code", "")),
            data=body.get("ballot"),
            opening=body.get("opening"),
        )
        return {"tracking_code": spoiled.tracking_code, "ballot_hash": spoiled.ballot_hash}

    return _voter_json(request, public_id, act)
