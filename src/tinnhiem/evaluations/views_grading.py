"""The approval pages of longer periods: a unit's quarter (schemes graded quarterly) and the
year of every unit of a body in one step. Thin: parse, check access (a 404 for anyone who may
not act or see), call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tinnhiem.core.errors import DomainError
from tinnhiem.core.i18n import is_english
from tinnhiem.core.pages import message_of, run
from tinnhiem.evaluations import access, bodywide, quarterly
from tinnhiem.evaluations.engine import Contest
from tinnhiem.evaluations.models import QuarterApproval, QuarterGrade, Unit, YearGrade
from tinnhiem.evaluations.views import body_for
from tinnhiem.grading import GradingResult
from tinnhiem.grading.numbers import show


def _keep(request: HttpRequest) -> list[str] | None:
    return request.POST.getlist("keep") if request.POST.get("decision") == "1" else None


def contest_rows(
    contests: tuple[Contest, ...], result: GradingResult, names: dict[str, str]
) -> list[dict[str, Any]]:
    """Each exceeded cap with its candidates, for the decision's check boxes."""
    return [
        {
            "contest": contest,
            "cap": show(contest.use.cap),
            "people": [
                {
                    "key": key,
                    "name": names.get(key, key),
                    "unit": result.person(key).unit,
                    "total": result.person(key).total,
                    "is_kept": key in contest.kept_by_total,
                    "is_tied": key in contest.tied,
                }
                for key in contest.candidates
            ],
        }
        for contest in contests
    ]


@login_required
def quarter_page(request: HttpRequest, unit_id: int, year: int, quarter: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("body", "head"), pk=unit_id)
    if not access.can_approve(request.user, unit) or not 1 <= quarter <= 4:
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") == "reopen":
            run(
                request,
                quarterly.quarter_reopen,
                ("Đã mở lại xếp loại quý", "The quarter was reopened"),
                unit=unit,
                year=year,
                quarter=quarter,
                reason=request.POST.get("reason", ""),
            )
        else:
            run(
                request,
                quarterly.quarter_approve,
                ("Đã phê duyệt xếp loại quý", "The quarter is approved"),
                unit=unit,
                year=year,
                quarter=quarter,
                keep=_keep(request),
            )
        return redirect("evaluations:quarter", unit_id=unit.pk, year=year, quarter=quarter)
    approval = QuarterApproval.objects.filter(unit=unit, year=year, quarter=quarter).first()
    context: dict[str, Any] = {
        "unit": unit,
        "body": unit.body,
        "year": year,
        "quarter": quarter,
        "approval": approval,
        "is_approved": approval is not None and approval.is_current,
        "can_reopen": access.is_administrator(request.user, unit.body_id),
        "grades": QuarterGrade.objects.filter(unit=unit, year=year, quarter=quarter)
        .select_related("cadre__person")
        .order_by("cadre__person__full_name"),
    }
    if not context["is_approved"]:
        context |= _quarter_preview(unit, year, quarter)
    return render(request, "evaluations/quarter.html", context)


def _quarter_preview(unit: Unit, year: int, quarter: int) -> dict[str, Any]:
    english = is_english()
    try:
        preview = quarterly.quarter_preview(unit, year, quarter)
    except DomainError as exc:
        return {"problem": message_of(exc)}
    names = {p.person: p.name for p in preview.result.people}
    return {
        "preview_rows": [
            {"person": p, "reason": p.reason_en if english else p.reason_vi}
            for p in preview.result.people
        ],
        "contests": contest_rows(preview.contests, preview.result, names),
    }


@login_required
def body_year_page(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    """Every unit's year in one step: readiness, the engine's grades, the decision, grading."""
    body = body_for(request, body_id)
    if not access.is_organiser(request.user, body.pk):
        raise Http404
    if request.method == "POST":
        run(
            request,
            bodywide.body_year_grade,
            ("Đã xếp loại năm toàn cơ quan", "The body's year is graded"),
            body=body,
            year=year,
            keep=_keep(request),
        )
        return redirect("evaluations:body_year", body_id=body.pk, year=year)
    context: dict[str, Any] = {"body": body, "year": year}
    english = is_english()
    try:
        found, preview = bodywide.body_year_preview(body, year, timezone.localdate())
    except DomainError as exc:
        try:
            found = bodywide.body_year(body, year)
        except DomainError:
            found = bodywide.BodyYear(units=[])
        return render(
            request,
            "evaluations/body_year.html",
            context | {"units": found.units, "problem": message_of(exc)},
        )
    graded = preview.result.graded
    return render(
        request,
        "evaluations/body_year.html",
        context
        | {
            "units": found.units,
            "not_ready": found.not_ready,
            "preview_rows": [
                {"person": p, "reason": p.reason_en if english else p.reason_vi}
                for p in graded.people
            ],
            "not_graded": [
                {
                    "name": p.name,
                    "unit": p.unit,
                    "reason": "; ".join(n.en if english else n.vi for n in p.notes),
                }
                for p in preview.result.not_graded
            ],
            "contests": contest_rows(preview.contests, graded, dict(preview.names)),
            "stored": YearGrade.objects.filter(unit__body=body, year=year).count(),
        },
    )
