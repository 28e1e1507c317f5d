"""Targets against plan (chỉ tiêu), and the office's form on the same page to add a target or
change one (`targets.indicator_save`): numbers as typed, with a decimal comma or point, never
floats; a refused value stays in its field, marked."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.core import values
from tinnhiem.core.i18n import choose, decimal_text
from tinnhiem.core.pages import run_form
from tinnhiem.programmes import access
from tinnhiem.programmes.forms import IndicatorForm
from tinnhiem.programmes.models import Indicator, Programme
from tinnhiem.programmes.targets import assessment, indicator_save, same_period_last_year
from tinnhiem.programmes.views.common import can, flags, guarded, programme_for
from tinnhiem.steering.indicators import DIRECTION_LABELS, VERDICT_LABELS, Direction

EDITED = ("Chỉ tiêu cần sửa", "The target to edit")
FIELDS = {  # the field a refusal of `indicator_save` is about
    "đã có": "name",
    "tên chỉ tiêu": "name",
    "kỳ": "period",
    "kế hoạch": "plan",
    "thực hiện": "actual",
    "chiều": "direction",
    "cơ quan": "owner",
}


@guarded
def targets(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_for(request, programme_id, access.READ_TASKS)
    can_write = can(request, programme.body_id, access.WRITE_TARGETS)
    source = request.POST if request.method == "POST" else request.GET
    edited = _edited(programme, values.optional_id(source, "indicator", EDITED))
    form = IndicatorForm(request.POST or None, programme=programme, initial=_initial(edited))
    if request.method == "POST":
        access.require(request.user, programme.body_id, access.WRITE_TARGETS)
        if form.is_valid():
            if run_form(
                request,
                form,
                indicator_save,
                fields=FIELDS,
                programme=programme,
                indicator=edited,
                **form.cleaned_data,
            ):
                messages.success(request, choose("Đã lưu chỉ tiêu", "Target saved"))
                return redirect("programmes:targets", programme_id=programme.pk)
    return render(
        request,
        "programmes/targets.html",
        {
            "programme": programme,
            "rows": _rows(programme),
            "form": form if can_write else None,
            "edited": edited,
            **flags(request, programme.body_id),
        },
    )


def _edited(programme: Programme, indicator_id: int | None) -> Indicator | None:
    if indicator_id is None:
        return None
    return get_object_or_404(Indicator, pk=indicator_id, programme=programme)


def _initial(indicator: Indicator | None) -> dict[str, object]:
    if indicator is None:
        return {"direction": Direction.AT_LEAST.value}
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "period": indicator.period,
        "plan": _typed(indicator.plan),
        "actual": _typed(indicator.actual),
        "direction": indicator.direction,
        "owner": indicator.owner_id,
    }


def _typed(amount: Decimal | None) -> str:
    """An amount as the form takes it back: "97,5" (or "97.5" in English), no exponent."""
    return "" if amount is None else decimal_text(format(amount.normalize(), "f"))


def _rows(programme: Programme) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for indicator in Indicator.objects.filter(programme=programme).select_related("owner"):
        result = assessment(indicator)
        rows.append(
            {
                "indicator": indicator,
                "percent": result.percent,
                "verdict": result.verdict.value,
                "verdict_label": VERDICT_LABELS[result.verdict],
                "direction": DIRECTION_LABELS[Direction(indicator.direction)],
                "previous": same_period_last_year(indicator),
            }
        )
    return rows
