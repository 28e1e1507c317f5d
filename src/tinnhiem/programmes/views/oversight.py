"""The inspection and discipline figures (KTGS) of a period, the watched cases (every read
audit-logged by `cases.case_list`), administrative reform."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tinnhiem.core import values
from tinnhiem.core.errors import InputProblem
from tinnhiem.core.i18n import choose, pair
from tinnhiem.core.pages import message_of
from tinnhiem.programmes import access, cases, inspection, reform
from tinnhiem.programmes.ktgs_form import Grid
from tinnhiem.programmes.models import ReformFigure
from tinnhiem.programmes.views.common import body_for, can, guarded
from tinnhiem.steering.cases import LEVEL_LABELS, STAGE_LABELS, Level, Stage
from tinnhiem.steering.errors import SteeringError


@guarded
def ktgs(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.READ_INSPECTION)
    can_write = can(request, body.pk, access.WRITE_INSPECTION)
    periods = inspection.periods(body)
    source = request.POST if request.method == "POST" else request.GET
    start = values.day(source, "starts_on", ("Từ ngày", "From"))
    end = values.day(source, "ends_on", ("Đến ngày", "To"))
    name = str(source.get("period", "")).strip()
    if start is None and end is None and periods:
        name, start, end = periods[0]
    grid = Grid.of_figures(inspection.figure_rows(body, start, end) if start and end else [])
    if request.method == "POST":
        access.require(request.user, body.pk, access.WRITE_INSPECTION)
        grid = Grid.of_post(request.POST)
        if start is None or end is None:
            grid.problem = choose("Cần ngày bắt đầu và kết thúc kỳ", "Give the period's dates")
        elif not grid.has_errors:
            saved = _save(request, body, name, start, end, grid)
            if saved:
                return redirect(f"{request.path}?starts_on={start}&ends_on={end}")
    return render(
        request,
        "programmes/ktgs.html",
        {
            "body": body,
            "grid": grid,
            "periods": periods,
            "period": name,
            "starts_on": start,
            "ends_on": end,
            "can_write": can_write,
        },
    )


def _save(request: HttpRequest, body: Any, name: str, start: date, end: date, grid: Grid) -> bool:
    try:
        inspection.figures_set(
            actor=request.user,
            body=body,
            period=name,
            starts_on=start,
            ends_on=end,
            rows=grid.figure_rows(),
        )
    except (InputProblem, SteeringError) as exc:
        grid.refuse(exc.row, message_of(exc))
        return False
    messages.success(request, choose("Đã lưu số liệu của kỳ", "The period's figures are saved"))
    return True


@guarded
def watched_cases(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.READ_CASES)
    found = cases.case_list(actor=request.user, body=body)  # the read is audit-logged
    return render(
        request,
        "programmes/cases.html",
        {
            "body": body,
            "cases": found,
            "levels": {level.value: label for level, label in LEVEL_LABELS.items()},
            "stages": {stage.value: label for stage, label in STAGE_LABELS.items()},
            "level_enum": Level,
            "stage_enum": Stage,
            "can_write": can(request, body.pk, access.WRITE_CASES),
        },
    )


class ReformForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2100, label=pair("Năm", "Year"))
    abolished = forms.IntegerField(
        min_value=0, required=False, label=pair("Thủ tục bãi bỏ", "Abolished")
    )
    simplified = forms.IntegerField(
        min_value=0, required=False, label=pair("Thủ tục đơn giản hóa", "Simplified")
    )
    decentralised = forms.IntegerField(
        min_value=0, required=False, label=pair("Thủ tục phân cấp", "Decentralised")
    )
    delegated = forms.IntegerField(
        min_value=0, required=False, label=pair("Thủ tục ủy quyền", "Delegated")
    )
    files_total = forms.IntegerField(
        min_value=0, required=False, label=pair("Hồ sơ tiếp nhận", "Files received")
    )
    files_online = forms.IntegerField(
        min_value=0, required=False, label=pair("Hồ sơ trực tuyến", "Files online")
    )
    files_fully_online = forms.IntegerField(
        min_value=0, required=False, label=pair("Trực tuyến toàn trình", "Fully online")
    )
    files_on_time = forms.IntegerField(
        min_value=0, required=False, label=pair("Giải quyết đúng hạn", "Handled on time")
    )
    par_index = forms.DecimalField(
        required=False, max_digits=6, decimal_places=2, label=pair("PAR Index (%)", "PAR Index (%)")
    )
    par_rank = forms.IntegerField(
        min_value=1, required=False, label=pair("Xếp hạng PAR", "PAR rank")
    )
    sipas = forms.DecimalField(
        required=False, max_digits=6, decimal_places=2, label=pair("SIPAS (%)", "SIPAS (%)")
    )
    sipas_rank = forms.IntegerField(
        min_value=1, required=False, label=pair("Xếp hạng SIPAS", "SIPAS rank")
    )


@guarded
def reform_page(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.READ_REFORM)
    can_write = can(request, body.pk, access.WRITE_REFORM)
    form = ReformForm(request.POST or None)
    if request.method == "POST":
        access.require(request.user, body.pk, access.WRITE_REFORM)
        if form.is_valid():
            data = dict(form.cleaned_data)
            year = data.pop("year")
            figures = {
                k: (0 if v is None and k in reform.COUNTS[:4] else v) for k, v in data.items()
            }
            try:
                reform.reform_set(actor=request.user, body=body, year=year, **figures)
            except InputProblem as exc:
                named = next(
                    (f for f in reform.COUNTS + reform.SCORES if f"'{f}'" in exc.message_vi), None
                )
                form.add_error(named, message_of(exc))
            else:
                messages.success(
                    request, choose("Đã lưu số liệu cải cách hành chính", "Reform figures saved")
                )
                return redirect("programmes:reform", body_id=body.pk)
    rows = list(ReformFigure.objects.filter(body=body).order_by("-year"))
    return render(
        request,
        "programmes/reform.html",
        {
            "body": body,
            "rows": [(row, reform.shares(row)) for row in rows],
            "form": form if can_write else None,
        },
    )
