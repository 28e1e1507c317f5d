"""A unit's annual grading page: each cadre's months in the year (in the post, absent, on
maternity leave), the year as the engine grades it now with the annual quota, the head's
decision when the quota is exceeded, the stored grades, and the quarters. Thin: parse, check
access (a 404 for anyone but the unit head or an organiser), call a service, render."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tinnhiem.core.errors import DomainError, InputProblem
from tinnhiem.core.i18n import is_english
from tinnhiem.core.pages import message_of, run
from tinnhiem.evaluations import access, annual
from tinnhiem.evaluations.models import Cadre, Unit, YearApproval, YearFacts, YearGrade
from tinnhiem.evaluations.quarterly import quarter_grades
from tinnhiem.grading import AnnualFacts, Scheme
from tinnhiem.grading import Period as GradingPeriod
from tinnhiem.grading.numbers import parse_number

FIELDS = (("in_post", 12), ("absent", 0), ("maternity", 0))


@login_required
def year_page(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("body", "head"), pk=unit_id)
    if not access.can_approve(request.user, unit):
        raise Http404
    cadres = list(unit.cadres.filter(is_active=True).select_related("person"))
    if request.method == "POST":
        if request.POST.get("action") == "reopen":
            run(
                request,
                annual.year_reopen,
                ("Đã mở lại xếp loại năm của đơn vị", "The unit's year was reopened"),
                unit=unit,
                year=year,
                reason=request.POST.get("reason", ""),
            )
        else:
            _grade(request, unit, year, cadres)
        return redirect("evaluations:year", unit_id=unit.pk, year=year)
    return render(request, "evaluations/year.html", _context(request, unit, year, cadres))


def _grade(request: HttpRequest, unit: Unit, year: int, cadres: list[Cadre]) -> None:
    try:
        facts = {cadre.pk: _facts(request.POST, cadre) for cadre in cadres}
    except InputProblem as exc:
        messages.error(request, message_of(exc))
        return
    scheme = _scheme(unit, year)
    statements = None
    if scheme is not None and (scheme.conditions or scheme.disqualifying):
        statements = {cadre.pk: _statement(request.POST, scheme, cadre) for cadre in cadres}
    keep = request.POST.getlist("keep") if request.POST.get("decision") == "1" else None
    run(
        request,
        annual.year_grade,
        ("Đã xếp loại năm của đơn vị", "The unit's year is graded"),
        unit=unit,
        year=year,
        facts=facts,
        statements=statements,
        keep=keep,
    )


def _scheme(unit: Unit, year: int) -> Scheme | None:
    try:
        return annual.year_scheme(unit.body_id, year)
    except DomainError:
        return None


def _statement(post: QueryDict, scheme: Scheme, cadre: Cadre) -> annual.YearStatement:
    """The year's conditions and facts of one cadre as the form sends them."""
    conditions = {
        c.key: str(post.get(f"cond_{c.key}_{cadre.pk}", "")).strip() for c in scheme.conditions
    }
    return annual.YearStatement(
        conditions=conditions,
        facts=tuple(post.getlist(f"fact_{cadre.pk}")),
        facts_reason=str(post.get(f"facts_reason_{cadre.pk}", "")),
    )


def _facts(post: QueryDict, cadre: Cadre) -> AnnualFacts:
    values: list[Decimal] = []
    for name, default in FIELDS:
        text = str(post.get(f"{name}_{cadre.pk}", "")).strip()
        value = parse_number(text) if text else Decimal(default)
        if value is None:
            raise InputProblem(
                f"{cadre.person.full_name}: '{text}' không phải là số tháng",
                f"{cadre.person.full_name}: '{text}' is not a number of months",
            )
        values.append(value)
    return AnnualFacts(*values)


def _context(request: HttpRequest, unit: Unit, year: int, cadres: list[Cadre]) -> dict[str, Any]:
    english = is_english()
    stored = {f.cadre_id: f for f in YearFacts.objects.filter(cadre__in=cadres, year=year)}
    grades = {g.cadre_id: g for g in YearGrade.objects.filter(cadre__in=cadres, year=year)}
    scheme = _scheme(unit, year)
    rows = [
        {
            "cadre": cadre,
            "facts": stored.get(cadre.pk),
            "grade": grades.get(cadre.pk),
            "statement": _statement_rows(scheme, cadre, stored.get(cadre.pk)),
        }
        for cadre in cadres
    ]
    approval = YearApproval.objects.filter(unit=unit, year=year).first()
    context: dict[str, Any] = {
        "unit": unit,
        "body": unit.body,
        "year": year,
        "rows": rows,
        "is_graded": bool(grades),
        "approval": approval,
        "is_approved": approval is not None and approval.is_current,
        "can_reopen": access.is_administrator(request.user, unit.body_id),
        "has_statements": scheme is not None and bool(scheme.conditions or scheme.disqualifying),
        "quarters": _quarters(unit, year, english),
        "quarter_links": _quarter_links(scheme),
    }
    if context["is_approved"]:
        return context
    try:
        preview = annual.year_preview(unit, year, timezone.localdate())
    except DomainError as exc:
        return context | {"problem": message_of(exc)}
    return context | {
        "preview": preview,
        "preview_rows": [
            {"person": p, "reason": p.reason_en if english else p.reason_vi}
            for p in preview.result.graded.people
        ],
        "not_graded": [
            {"name": p.name, "reason": "; ".join(n.en if english else n.vi for n in p.notes)}
            for p in preview.result.not_graded
        ],
        "contests": [
            {
                "contest": contest,
                "people": [
                    {
                        "key": key,
                        "name": preview.names[key],
                        "total": preview.result.graded.person(key).total,
                        "is_kept": key in contest.kept_by_total,
                        "is_tied": key in contest.tied,
                    }
                    for key in contest.candidates
                ],
            }
            for contest in preview.contests
        ],
    }


def _quarters(unit: Unit, year: int, english: bool) -> list[dict[str, Any]]:
    quarters = []
    for quarter in range(1, 5):
        try:
            result = quarter_grades(unit, year, quarter)
        except DomainError:
            continue
        quarters.append(
            {
                "quarter": quarter,
                "people": [
                    {"person": p, "reason": p.reason_en if english else p.reason_vi}
                    for p in result.people
                ],
            }
        )
    return quarters


def _statement_rows(
    scheme: Scheme | None, cadre: Cadre, stored: YearFacts | None
) -> dict[str, Any]:
    """The year's conditions and facts of one cadre, as inputs with the values stored."""
    if scheme is None:
        return {"conditions": [], "facts": [], "reason": ""}
    conditions = stored.conditions if stored else {}
    facts = set(stored.facts) if stored else set()
    return {
        "conditions": [
            {
                "key": c.key,
                "label": (c.label_vi, c.label_en),
                "is_flag": c.is_flag,
                "value": conditions.get(c.key, ""),
                "name": f"cond_{c.key}_{cadre.pk}",
            }
            for c in scheme.conditions
        ],
        "facts": [
            {
                "key": f.key,
                "label": (f.label_vi, f.label_en),
                "checked": f.key in facts,
                "id": f"fact_{f.key}_{cadre.pk}",
            }
            for f in (scheme.disqualifying.facts if scheme.disqualifying else ())
        ],
        "fact_name": f"fact_{cadre.pk}",
        "reason_name": f"facts_reason_{cadre.pk}",
        "reason": stored.facts_reason if stored else "",
    }


def _quarter_links(scheme: Scheme | None) -> list[int]:
    """The quarters to approve, for a scheme graded quarterly."""
    if scheme is None or GradingPeriod.QUARTERLY not in scheme.periods:
        return []
    return [1, 2, 3, 4]
