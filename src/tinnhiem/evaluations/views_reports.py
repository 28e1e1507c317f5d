"""The cadre's profile (page and PDF for the personnel file) and the dashboards of a body and of
a unit (page and XLSX)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tinnhiem.bodies.models import Body
from tinnhiem.core import values
from tinnhiem.core.i18n import decimal_text, is_english
from tinnhiem.evaluations import access, charts
from tinnhiem.evaluations.engine import period_scheme
from tinnhiem.evaluations.models import (
    Cadre,
    EvaluationStatus,
    Period,
    Unit,
    YearApproval,
    YearGrade,
)
from tinnhiem.evaluations.pdf import render_profile_pdf
from tinnhiem.evaluations.reports import (
    Dashboard,
    Profile,
    dashboard,
    longer_quota,
    points,
    profile,
)
from tinnhiem.evaluations.services import today
from tinnhiem.evaluations.views import body_for, cadre_for
from tinnhiem.evaluations.xlsx import render_dashboard_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _t(vi: str, en: str) -> str:
    return en if is_english() else vi


def _comma(value: Decimal | None) -> str:
    return decimal_text(value, "")


@login_required
def profile_page(request: HttpRequest, cadre_id: int) -> HttpResponse:
    """One profile per cadre: posts and terms, monthly and annual grades, confidence votes."""
    cadre = cadre_for(request, cadre_id)
    data = profile(cadre)
    return render(
        request,
        "evaluations/profile.html",
        {
            "cadre": cadre,
            "body": cadre.person.body,
            "profile": data,
            "chart": _history_chart(data),
            "months": [_month_line(data, e) for e in reversed(data.evaluations)],
            "year_grades": _year_grades(cadre, data),
        },
    )


def _year_grades(cadre: Cadre, data: Profile) -> list[Any]:
    """The formal annual grades, each with its grade's label in the scheme of its year."""
    labels: dict[str, str] = {}
    for scheme in data.schemes.values():
        for band in scheme.bands:
            labels.setdefault(band.key, band.label_en if is_english() else band.label_vi)
    grades = list(YearGrade.objects.filter(cadre=cadre))
    for grade in grades:
        grade.label = labels.get(grade.grade, "")  # type: ignore[attr-defined]
    return grades


def _month_line(data: Profile, evaluation: Any) -> dict[str, Any]:
    scheme = data.schemes[evaluation.period_id]
    label = ""
    if evaluation.grade:
        band = scheme.band(evaluation.grade)
        label = band.label_en if is_english() else band.label_vi
    return {"evaluation": evaluation, "label": label}


def _history_chart(data: Profile) -> Any:
    approved = [e for e in data.evaluations if e.status == EvaluationStatus.APPROVED]
    if not approved:
        return None
    scheme = data.schemes[approved[-1].period_id]
    marks = [charts.Point(str(e.period), points(e.total), e.grade) for e in approved]
    years = []
    for year in data.years:
        indexes = [i for i, e in enumerate(approved) if e.period.year == year.year]
        result = year.aggregate
        if result is None or not indexes:
            continue
        label = _t(f"Năm {year.year}: {result.grade}", f"Year {year.year}: {result.grade}")
        years.append(charts.YearMark(indexes[0], indexes[-1], result.total, result.grade, label))
    return charts.history(
        marks,
        [(b.key, b.at_least or Decimal(0)) for b in scheme.bands],
        scheme.highest_total,
        years,
        title=_t("Tổng điểm và xếp loại hằng tháng", "Monthly totals and grades"),
    )


@login_required
def profile_pdf(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = cadre_for(request, cadre_id)
    content = render_profile_pdf(profile(cadre), on=today())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ho-so-danh-gia-{cadre.pk}.pdf"'
    return response


def _year(request: HttpRequest, body_id: int) -> int:
    asked = values.whole(request.GET, "year", ("Năm", "Year"), minimum=1900, maximum=2100)
    if asked:
        return asked
    latest = Period.objects.filter(body_id=body_id).order_by("-year", "-month").first()
    return latest.year if latest else today().year


def _body_units(request: HttpRequest, body_id: int) -> tuple[Body, QuerySet[Unit]]:
    body = body_for(request, body_id)
    if not access.is_organiser(request.user, body.pk):
        raise Http404  # a unit head has the dashboard of their unit
    return body, Unit.objects.filter(body=body)


def _unit(request: HttpRequest, unit_id: int) -> tuple[Body, QuerySet[Unit]]:
    unit = get_object_or_404(Unit.objects.select_related("body"), pk=unit_id)
    if not access.can_approve(request.user, unit):
        raise Http404
    return unit.body, Unit.objects.filter(pk=unit.pk)


def _year_units(units: QuerySet[Unit], year: int) -> list[dict[str, Any]]:
    """Each unit's formal annual grading of the year: how many at each grade, not graded, late,
    and whether it is approved (read-only) or reopened."""
    rows = []
    approved = set(
        YearApproval.objects.filter(unit__in=units, year=year, is_current=True).values_list(
            "unit_id", flat=True
        )
    )
    for unit in units:
        grades = list(YearGrade.objects.filter(unit=unit, year=year))
        counts: dict[str, int] = {}
        for grade in grades:
            counts[grade.grade or "—"] = counts.get(grade.grade or "—", 0) + 1
        rows.append(
            {
                "unit": unit,
                "counts": sorted(counts.items()),
                "is_graded": bool(grades),
                "is_approved": unit.pk in approved,
                "is_late": any(g.is_late for g in grades),
            }
        )
    return rows


def _render(
    request: HttpRequest, body: Body, units: QuerySet[Unit], unit: Unit | None
) -> HttpResponse:
    year = _year(request, body.pk)
    board = dashboard(body.pk, year, units)
    years = sorted(set(Period.objects.filter(body=body).values_list("year", flat=True)))
    return render(
        request,
        "evaluations/dashboard.html",
        {
            "body": body,
            "unit": unit,
            "board": board,
            "year": year,
            "years": years,
            "charts": _dashboard_charts(board),
            "rows": [
                {"month": m, "counts": [m.counts.get(key, 0) for key, _, _ in board.bands]}
                for m in board.months
            ],
            "late_months": [m for m in board.months if m.units_late],
            "quota_lines": [(m, q) for m in board.months for q in m.quota if q.candidates],
            "year_units": _year_units(units, year),
            "longer_quota": longer_quota(units, year),
        },
    )


def _dashboard_charts(board: Dashboard) -> dict[str, Any]:
    if not board.months:
        return {}
    keys = [key for key, _, _ in board.bands]
    columns = [charts.Column(m.label, [m.counts.get(key, 0) for key in keys]) for m in board.months]
    scheme = period_scheme(board.months[-1].period)
    return {
        "distribution": charts.distribution(
            columns,
            keys,
            title=_t("Phân bố xếp loại theo tháng", "Grades by month"),
            empty=_t("Chưa có tháng nào được phê duyệt", "No month approved yet"),
        ),
        "trend": charts.trend(
            [(m.label, m.average, _comma(m.average)) for m in board.months],
            [(b.key, b.at_least or Decimal(0)) for b in scheme.bands],
            scheme.highest_total,
            title=_t("Điểm trung bình theo tháng", "Average total by month"),
        ),
    }


@login_required
def body_dashboard(request: HttpRequest, body_id: int) -> HttpResponse:
    body, units = _body_units(request, body_id)
    return _render(request, body, units, None)


@login_required
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    body, units = _unit(request, unit_id)
    return _render(request, body, units, units.get())


def _xlsx(request: HttpRequest, body: Body, units: QuerySet[Unit], name: str) -> HttpResponse:
    year = _year(request, body.pk)
    board = dashboard(body.pk, year, units)
    title = f"Kết quả đánh giá, xếp loại hằng tháng năm {year} — {name}"
    content = render_dashboard_xlsx(board, title=title, longer=longer_quota(units, year))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-gia-{year}.xlsx"'
    return response


@login_required
def body_dashboard_xlsx(request: HttpRequest, body_id: int) -> HttpResponse:
    body, units = _body_units(request, body_id)
    return _xlsx(request, body, units, body.name)


@login_required
def unit_dashboard_xlsx(request: HttpRequest, unit_id: int) -> HttpResponse:
    body, units = _unit(request, unit_id)
    return _xlsx(request, body, units, units.get().name)
