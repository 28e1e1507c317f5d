from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.ballotformat import BLANK, SEVERAL, level_mark
from tinnhiem.core import permissions, values
from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import run
from tinnhiem.scans import services
from tinnhiem.scans.models import ReviewItem, ScanBatch
from tinnhiem.votes.models import InvalidReason
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.views.access import session_for

INVALID_LINE_CHOICES = (
    (BLANK, "Không đánh dấu (dòng không hợp lệ)", "No box marked (invalid line)"),
    (SEVERAL, "Đánh dấu nhiều ô (dòng không hợp lệ)", "Several boxes (invalid line)"),
)


@login_required
def scans(request: HttpRequest, session_id: int) -> HttpResponse:
    """Upload scanned ballots and watch them being read."""
    session = session_for(request, session_id, permissions.COUNT)
    if request.method == "POST":
        files = [(f.name or "scan", f.read()) for f in request.FILES.getlist("files")]
        if run(
            request,
            services.batch_create,
            ("Đã nhận tệp, đang đọc phiếu", "Files received, reading"),
            session=session,
            files=files,
        ):
            return redirect("scans", session_id=session.pk)
    services.batches_tidy(session)
    return render(
        request,
        "scans/scans.html",
        {
            "session": session,
            "batches": [(b, _label(b)) for b in session.scan_batches.all()[:20]],
            "figures": services.scan_figures(session),
            "pending": services.pending_reviews(session),
            "refused": services.refused(session)[:200],
        },
    )


@login_required
def scans_status(request: HttpRequest, session_id: int) -> JsonResponse:
    session = session_for(request, session_id, permissions.COUNT)
    services.batches_tidy(session)
    batches = [
        {
            "id": b.pk,
            "status": b.status,
            "label": _label(b),
            "done": b.pages_done,
            "total": b.pages_total,
            "message": b.message,
        }
        for b in ScanBatch.objects.filter(session=session)[:20]
    ]
    return JsonResponse(
        {
            "batches": batches,
            "pending": services.pending_reviews(session),
            **services.scan_figures(session),
        }
    )


@login_required
def review(request: HttpRequest, session_id: int) -> HttpResponse:
    """Every doubtful line and ballot, with its picture, for the counting board to decide."""
    session = session_for(request, session_id, permissions.COUNT)
    if request.method == "POST":
        item_id = values.record_id(request.POST, "item", ("Trường hợp cần quyết định", "Case"))
        item = get_object_or_404(ReviewItem, pk=item_id, ballot__session=session)
        run(
            request,
            services.review_decide,
            ("Đã ghi quyết định", "Decision recorded"),
            item=item,
            decision=request.POST.get("decision", ""),
        )
        return redirect("review", session_id=session.pk)
    profile = session_profile(session)
    items = ReviewItem.objects.filter(ballot__session=session, decision="").select_related(
        "ballot__block"
    )[:50]
    lines = {
        b.pk: {c_index: c for c_index, c in enumerate(b.candidates.filter(is_excluded=False))}
        for b in session.blocks.all()
    }
    level_choices = [
        (level_mark(i), level.label_vi, level.label_en) for i, level in enumerate(profile.levels)
    ]
    level_names = {value: (vi, en) for value, vi, en in level_choices}
    rows = [
        {
            "item": i,
            "candidate": lines[i.ballot.block_id].get(i.line) if i.line is not None else None,
            "proposal": level_names.get(i.proposal),
        }
        for i in items
    ]
    return render(
        request,
        "scans/review.html",
        {
            "session": session,
            "rows": rows,
            "remaining": services.pending_reviews(session),
            "level_choices": level_choices,
            "invalid_line_choices": INVALID_LINE_CHOICES,
            "reasons": InvalidReason.choices,
        },
    )


@login_required
def review_crop(request: HttpRequest, session_id: int, item_id: int) -> HttpResponse:
    session = session_for(request, session_id, permissions.COUNT)
    item = get_object_or_404(ReviewItem, pk=item_id, ballot__session=session)
    response = HttpResponse(bytes(item.crop), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _label(batch: ScanBatch) -> str:
    """The batch's status in the page's language."""
    return choose(*services.BATCH_LABELS[batch.status])
