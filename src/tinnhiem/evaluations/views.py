"""The monthly workflow's pages: the user's start page, a body's months, a month's list, one
evaluation (self-assessment, review, reopen) and a unit's approval. Thin: parse, check access
(anything the user may not see is a 404), call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions, values
from tinnhiem.core.i18n import choose, is_english
from tinnhiem.core.pages import run
from tinnhiem.evaluations import access, services
from tinnhiem.evaluations.engine import band_label, period_scheme, scheme_from
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    PersonUser,
    Unit,
)
from tinnhiem.evaluations.pages import approval_context, evaluation_context
from tinnhiem.evaluations.reports import late_and_missing, month_rows
from tinnhiem.evaluations.structure import body_scheme, period_update

DEADLINE = ("Hạn tự đánh giá", "Self-assessment due")
APPROVE_BY = ("Hạn phê duyệt", "Approval due")
APPROVAL_NOT_CONFIRMED = (
    "Chưa phê duyệt: đánh dấu ô xác nhận rồi bấm Phê duyệt",
    "Not approved: tick the confirmation box, then press Approve",
)


def body_for(request: HttpRequest, body_id: int) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    if not access.can_see_body(request.user, body.pk):
        raise Http404
    return body


def period_for(request: HttpRequest, period_id: int) -> Period:
    period = get_object_or_404(Period.objects.select_related("body"), pk=period_id)
    if not access.can_see_body(request.user, period.body_id):
        raise Http404
    return period


def cadre_for(request: HttpRequest, cadre_id: int, body_id: int | None = None) -> Cadre:
    cadre = get_object_or_404(
        Cadre.objects.select_related("person__body", "unit__head", "manager"), pk=cadre_id
    )
    if body_id is not None and cadre.person.body_id != body_id:
        raise Http404
    if not access.can_view_cadre(request.user, cadre):
        raise Http404
    return cadre


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where each user starts: their own months, the reports to review, the units to approve."""
    user = request.user
    linked = set(
        PersonUser.objects.filter(user_id=user.pk or 0).values_list("person__body_id", flat=True)
    )
    organised = permissions.visible_body_ids(user)
    bodies = Body.objects.all() if organised is None else Body.objects.filter(pk__in=organised)
    shown = [b for b in bodies if access.is_organiser(user, b.pk)]
    shown += [b for b in Body.objects.filter(pk__in=linked) if b not in shown]
    cards = []
    for body in shown:
        me = access.person_of(user, body.pk)
        cadre = Cadre.objects.filter(person=me).first() if me else None
        periods = list(Period.objects.filter(body=body)[:6])
        mine = (
            {e.period_id: e for e in Evaluation.objects.filter(cadre=cadre, period__in=periods)}
            if cadre
            else {}
        )
        to_review = (
            Evaluation.objects.filter(cadre__manager=me, status=EvaluationStatus.SUBMITTED).count()
            if me
            else 0
        )
        cards.append(
            {
                "body": body,
                "cadre": cadre,
                "periods": [(p, mine.get(p.pk)) for p in periods],
                "to_review": to_review,
                "units": list(access.visible_units(user, body.pk)),
                "is_organiser": access.is_organiser(user, body.pk),
            }
        )
    return render(request, "evaluations/index.html", {"cards": cards})


@login_required
def body(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id)
    user = request.user
    me = access.person_of(user, body.pk)
    cadres = list(access.visible_cadres(user, body.pk).filter(is_active=True))
    months = []
    for period in Period.objects.filter(body=body):
        rows = month_rows(period, cadres)
        months.append(
            {
                "period": period,
                "total": len(rows),
                "submitted": sum(1 for r in rows if r.is_submitted),
                "approved": sum(1 for r in rows if r.status == EvaluationStatus.APPROVED),
                "overdue": sum(1 for r in rows if r.is_overdue),
            }
        )
    return render(
        request,
        "evaluations/body.html",
        {
            "body": body,
            "months": months,
            "cadre": Cadre.objects.filter(person=me).first() if me else None,
            "units": access.visible_units(user, body.pk),
            "is_organiser": access.is_organiser(user, body.pk),
            "scheme": scheme_from(*body_scheme(body)),
        },
    )


@login_required
def period(request: HttpRequest, period_id: int) -> HttpResponse:
    """A month: everyone the user may see, by unit, who is late or missing, and the units'
    approvals."""
    period = period_for(request, period_id)
    user = request.user
    if request.method == "POST":
        _period_update(request, period)
        return redirect("evaluations:period", period_id=period.pk)
    cadres = access.visible_cadres(user, period.body_id)
    units = list(
        Unit.objects.filter(body_id=period.body_id, pk__in=cadres.values("unit_id")).select_related(
            "head"
        )
    )
    rows = month_rows(period, cadres)
    scheme = period_scheme(period)
    english = is_english()
    return render(
        request,
        "evaluations/period.html",
        {
            "period": period,
            "body": period.body,
            "scheme": scheme,
            "units": [
                {
                    "unit": unit,
                    "rows": [r for r in rows if r.cadre.unit_id == unit.pk],
                    "can_approve": access.can_approve(user, unit),
                    "approval": unit.approvals.filter(period=period).first(),
                }
                for unit in units
            ],
            "late": late_and_missing(period, cadres, units),
            "grades": {b.key: band_label(scheme, b.key, english=english) for b in scheme.bands},
            "is_organiser": access.is_organiser(user, period.body_id),
        },
    )


def _period_update(request: HttpRequest, period: Period) -> None:
    """A date left empty keeps the month's; one that is not a date is refused, naming it."""
    try:
        deadline = values.day(request.POST, "deadline", DEADLINE)
        approve_by = values.day(request.POST, "approve_by", APPROVE_BY)
    except values.BadValue as exc:
        values.show(request, exc)
        return
    run(
        request,
        period_update,
        ("Đã lưu hạn của tháng", "The month's deadlines were saved"),
        period=period,
        deadline=deadline or period.deadline,
        approve_by=approve_by or period.approve_by,
        is_late_allowed=request.POST.get("is_late_allowed") == "on",
    )


@login_required
def evaluation(request: HttpRequest, period_id: int, cadre_id: int) -> HttpResponse:
    """One cadre's month: their self-assessment, the manager's review, the grade once approved,
    and the administrator's reopen."""
    period = period_for(request, period_id)
    cadre = cadre_for(request, cadre_id, period.body_id)
    typed: QueryDict | None = None
    if request.method == "POST":
        if _evaluation_post(request, period, cadre):
            return redirect("evaluations:evaluation", period_id=period.pk, cadre_id=cadre.pk)
        typed = request.POST  # show what was typed again, with the error
    found = Evaluation.objects.filter(cadre=cadre, period=period).first()
    organizing = str(request.GET.get("organizing", ""))  # a head's, to recompute the offer
    context = evaluation_context(request.user, period, cadre, found, typed, organizing)
    return render(request, "evaluations/evaluation.html", context)


def _evaluation_post(request: HttpRequest, period: Period, cadre: Cadre) -> bool:
    action = request.POST.get("action", "")
    post = request.POST
    found = Evaluation.objects.filter(cadre=cadre, period=period).first()
    if action in ("save", "submit"):
        saved = run(
            request,
            services.evaluation_self_assess,
            ("Đã lưu phần tự đánh giá", "Self-assessment saved") if action == "save" else None,
            cadre=cadre,
            period=period,
            scores=_prefixed(post, "score_"),
            conditions=_prefixed(post, "cond_"),
            evidence=_prefixed(post, "evidence_"),
            upload=request.FILES.get("evidence_file"),
        )
        if saved is None or action == "save":
            return saved is not None
        return bool(
            run(request, services.evaluation_submit, ("Đã nộp", "Submitted"), evaluation=saved)
        )
    if found is None:
        raise Http404
    if action == "review":
        return bool(
            run(
                request,
                services.evaluation_review,
                ("Đã lưu nhận xét, đánh giá", "Review saved"),
                evaluation=found,
                scores=_prefixed(post, "rscore_"),
                conditions=_prefixed(post, "rcond_"),
                facts=post.getlist("fact"),
                reasons=_prefixed(post, "reason_"),
                note=post.get("note", ""),
            )
        )
    if action == "reopen":
        return bool(
            run(
                request,
                services.evaluation_reopen,
                ("Đã mở lại phiếu đánh giá", "The evaluation was reopened"),
                evaluation=found,
                reason=post.get("reason", ""),
            )
        )
    raise Http404


def _prefixed(post: QueryDict, prefix: str) -> dict[str, str]:
    return {key[len(prefix) :]: str(post.get(key, "")) for key in post if key.startswith(prefix)}


@login_required
def approval(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """A unit's list for the month, graded by the engine before approval; where a quota is
    exceeded or a tie is flagged, the head names who keeps the top grade."""
    period = period_for(request, period_id)
    unit = get_object_or_404(Unit.objects.select_related("head"), pk=unit_id, body=period.body)
    if not access.can_approve(request.user, unit):
        raise Http404
    if request.method == "POST" and request.POST.get("confirmed") != "yes":
        messages.error(request, choose(*APPROVAL_NOT_CONFIRMED))
    elif request.method == "POST":
        keep = request.POST.getlist("keep") if request.POST.get("decision") == "1" else None
        run(
            request,
            services.unit_approve,
            ("Đã phê duyệt danh sách của đơn vị", "The unit's list is approved"),
            period=period,
            unit=unit,
            keep=keep,
        )
        return redirect("evaluations:approval", period_id=period.pk, unit_id=unit.pk)
    return render(request, "evaluations/approval.html", approval_context(period, unit))


@login_required
def evidence(request: HttpRequest, evaluation_id: int) -> FileResponse:
    found = get_object_or_404(Evaluation.objects.select_related("cadre__person"), pk=evaluation_id)
    cadre_for(request, found.cadre_id)
    if not found.evidence_file:
        raise Http404
    name = (found.evidence_file.name or "").rsplit("/", 1)[-1]
    return FileResponse(found.evidence_file.open("rb"), as_attachment=True, filename=name)
