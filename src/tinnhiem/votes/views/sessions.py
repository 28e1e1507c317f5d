from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tinnhiem.core import permissions, values
from tinnhiem.core.errors import DomainError
from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import message_of, roles, run
from tinnhiem.votes import counting, services
from tinnhiem.votes.forms import FiguresForm, PaperworkForm
from tinnhiem.votes.models import (
    BallotBlock,
    BoardRole,
    Candidate,
    CountMode,
    SessionStatus,
    VoteSession,
)
from tinnhiem.votes.paperwork import paperwork_of, session_paperwork_set
from tinnhiem.votes.printing import ballots_pdf
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.views import confirm
from tinnhiem.votes.views.access import session_for

SENT_ON = ("Ngày gửi cho người lấy phiếu", "Sent to voters on")


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    return session_page(request, session_for(request, session_id))


def session_page(
    request: HttpRequest,
    session: VoteSession,
    *,
    figures: FiguresForm | None = None,
    board: list[tuple[str, str]] | None = None,
    paperwork: PaperworkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The session's page; after a refused form, with what was typed in it (`figures`, the
    counting board's rows, the documents' fields)."""
    profile = session_profile(session)
    blocks = list(session.blocks.all())
    progress = []
    if session.count_mode == CountMode.BALLOTS and session.status != SessionStatus.DRAFT:
        for block in blocks:
            progress.append(
                {
                    "block": block,
                    "first": len(counting.entries(block, 1)),
                    "second": len(counting.entries(block, 2)),
                    "differences": sum(
                        1 for d in counting.differences(block) if d.decision is None
                    ),
                }
            )
    held = roles(request, session.body_id)
    if board is None:
        board = list(session.board.values_list("full_name", "role"))
    return render(
        request,
        "votes/session.html",
        {
            "session": session,
            "profile": profile,
            "candidates": session.candidates.select_related("block"),
            "blocks": blocks,
            "board": board,
            "board_roles": BoardRole.choices,
            "figures": figures
            or FiguresForm(initial={f: getattr(session, f) for f in FiguresForm.base_fields}),
            "progress": progress,
            "can_organise": bool(held & set(permissions.ORGANISE)),
            "can_count": bool(held & set(permissions.COUNT)),
            "can_publish": bool(held & set(permissions.PUBLISH)),
            "can_administer": bool(held & set(permissions.ADMINISTER)),
            "can_edit_figures": bool(held & set(permissions.PUBLISH))
            and session.status not in ("closed", "published"),
            "paperwork": paperwork or PaperworkForm(initial=paperwork_of(session)),
        },
        status=status,
    )


@login_required
def session_action(request: HttpRequest, session_id: int, action: str) -> HttpResponse:
    session = session_for(request, session_id)
    if action in confirm.STEPS:
        if request.method == "POST":
            return confirm.confirmed_step(request, session, action)
        return confirm.confirm_page(request, session, action)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action == "reopen":
        run(
            request,
            services.session_reopen,
            ("Đã mở lại đợt lấy phiếu", "Session reopened"),
            session=session,
            reason=request.POST.get("reason", ""),
        )
    elif action == "followup":
        followup = run(
            request,
            services.followup_create,
            ("Đã tạo đợt bỏ phiếu tín nhiệm", "No-confidence vote created"),
            session=session,
            held_on=date.today(),
        )
        if followup:
            return redirect("session", session_id=followup.pk)
    elif action == "reload":
        run(
            request,
            services.candidates_from_roster,
            ("Đã lấy lại danh sách người được lấy phiếu", "The persons voted on were reloaded"),
            session=session,
        )
    elif action == "mode":
        run(
            request,
            services.count_mode_set,
            ("Đã đổi cách kiểm phiếu", "Count mode changed"),
            session=session,
            count_mode=request.POST.get("count_mode", ""),
        )
    return redirect("session", session_id=session.pk)


@login_required
@require_POST
def session_figures(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    form = FiguresForm(request.POST)
    if form.is_valid() and run(
        request,
        services.figures_set,
        ("Đã lưu số liệu", "Figures saved"),
        session=session,
        **form.cleaned_data,
    ):
        return redirect("session", session_id=session.pk)
    if not form.is_valid():
        messages.error(
            request,
            choose(
                "Số liệu chưa lưu: xem ô được đánh dấu", "Figures not saved: see the marked field"
            ),
        )
    return session_page(request, session, figures=form)


@login_required
@require_POST
def session_paperwork(request: HttpRequest, session_id: int) -> HttpResponse:
    """The documents' numbers, the count's start and end, the copies and the recipients."""
    session = session_for(request, session_id)
    form = PaperworkForm(request.POST)
    saved = form.is_valid() and run(
        request,
        session_paperwork_set,
        ("Đã lưu thông tin văn bản", "Document details saved"),
        session=session,
        **form.cleaned_data,
    )
    if saved:
        return redirect("session", session_id=session.pk)
    return session_page(request, session, paperwork=form, status=400)


@login_required
@require_POST
def session_board(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    members = list(zip(request.POST.getlist("name"), request.POST.getlist("role"), strict=False))
    if run(
        request,
        services.board_set,
        ("Đã lưu Ban kiểm phiếu", "Counting board saved"),
        session=session,
        members=members,
    ):
        return redirect("session", session_id=session.pk)
    return session_page(request, session, board=[(n, r) for n, r in members if n.strip()])


@login_required
@require_POST
def candidate_update(request: HttpRequest, session_id: int, candidate_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    candidate = get_object_or_404(Candidate, pk=candidate_id, session=session)
    if "is_excluded" in request.POST:
        run(
            request,
            services.candidate_exclude,
            ("Đã cập nhật", "Updated"),
            candidate=candidate,
            is_excluded=request.POST["is_excluded"] == "1",
        )
    else:
        try:
            sent_on = values.day(request.POST, "report_sent_on", SENT_ON)
        except values.BadValue as exc:
            values.show(request, exc)
            return redirect("session", session_id=session.pk)
        run(
            request,
            services.candidate_report,
            ("Đã lưu báo cáo tự đánh giá", "Self-assessment report saved"),
            candidate=candidate,
            upload=request.FILES.get("report_file"),
            sent_on=sent_on,
        )
    return redirect("session", session_id=session.pk)


@login_required
def ballots_download(request: HttpRequest, session_id: int, code: str) -> HttpResponse:
    session = session_for(request, session_id, permissions.PUBLISH)
    get_object_or_404(BallotBlock, session=session, code=code)
    try:
        pdf, _layout = ballots_pdf(session, copies=1)[code]
    except DomainError as exc:
        return HttpResponse(message_of(exc), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="phieu-tin-nhiem-{session.pk}-{code}.pdf"'
    return response


@login_required
def candidate_report_download(
    request: HttpRequest, session_id: int, candidate_id: int
) -> FileResponse:
    """The self-assessment report, to whoever may read the session; never from MEDIA_URL."""
    session = session_for(request, session_id)
    candidate = get_object_or_404(Candidate, pk=candidate_id, session=session)
    if not candidate.report_file:
        raise Http404
    name = (candidate.report_file.name or "").rsplit("/", 1)[-1]
    return FileResponse(candidate.report_file.open("rb"), as_attachment=True, filename=name)
