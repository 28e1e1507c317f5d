"""The watched cases' forms, for internal affairs (`access.WRITE_CASES`): register a case or
matter, record a stage it reached (or a date the committee set for one), bring its figures up
to date (amounts recovered, blockers, proposal), and take it off the
list, confirmed on a page of its own with the document that approved it (a POST without the
confirmation changes nothing). A case's page and the confirmation page read the case through
`cases.case_read`, so every view of it is audit-logged."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import run_form
from tinnhiem.programmes import access, cases
from tinnhiem.programmes.forms import CaseEventForm, CaseFiguresForm, CaseForm, CaseRemoveForm
from tinnhiem.programmes.models import WatchedCase
from tinnhiem.programmes.views.common import (
    NOT_CONFIRMED,
    body_for,
    can,
    guarded,
    is_confirmed,
)
from tinnhiem.steering.cases import LEVEL_LABELS, STAGE_LABELS

CASE_FIELDS = {"tên": "name", "loại": "kind"}
EVENT_FIELDS = {"giai đoạn": "stage", "bị can": "defendants"}
REMOVE_FIELDS = {"văn bản": "document", "ngày": "on"}
FIGURE_FIELDS = {"damage": "damage", "recovered": "recovered", "seized": "seized"}


def _case_for(request: HttpRequest, case_id: int) -> WatchedCase:
    case = get_object_or_404(WatchedCase.objects.select_related("body"), pk=case_id)
    access.require(request.user, case.body_id, access.READ_CASES)
    return case


def _labels() -> dict[str, dict[str, tuple[str, str]]]:
    return {
        "levels": {level.value: label for level, label in LEVEL_LABELS.items()},
        "stages": {stage.value: label for stage, label in STAGE_LABELS.items()},
    }


@guarded
def case_new(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.WRITE_CASES)
    form = CaseForm(request.POST or None, initial={"listed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        case = run_form(
            request, form, cases.case_create, fields=CASE_FIELDS, body=body, **form.service_args()
        )
        if case:
            messages.success(
                request,
                choose("Đã đưa vào diện theo dõi", "Put on the watch list"),
            )
            return redirect("programmes:case", case_id=case.pk)
    return render(request, "programmes/case_form.html", {"body": body, "form": form})


@guarded
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case with its stages (a logged read); internal affairs add a stage here."""
    case = _case_for(request, case_id)
    can_write = can(request, case.body_id, access.WRITE_CASES)
    form = CaseEventForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST":
        access.require(request.user, case.body_id, access.WRITE_CASES)
        if form.is_valid():
            data = form.cleaned_data
            if run_form(
                request,
                form,
                cases.case_event,
                fields=EVENT_FIELDS,
                case=case,
                stage=data["stage"],
                on=data["on"],
                defendants=data["defendants"] or 0,
                is_target=data["is_target"],
            ):
                messages.success(request, choose("Đã ghi giai đoạn", "Stage recorded"))
                return redirect("programmes:case", case_id=case.pk)
    case = cases.case_read(actor=request.user, case=case)  # the read is audit-logged
    return render(
        request,
        "programmes/case.html",
        {
            "body": case.body,
            "case": case,
            "events": case.events.all(),
            # off the list: no more stages, but a refusal just made is still shown
            "form": form if can_write and (case.removed_on is None or form.errors) else None,
            "can_write": can_write,
            **_labels(),
        },
    )


@guarded
def case_figures(request: HttpRequest, case_id: int) -> HttpResponse:
    """GET: the case's figures in a form; POST: brought up to date (`cases.case_update`)."""
    case = _case_for(request, case_id)
    access.require(request.user, case.body_id, access.WRITE_CASES)
    initial = {field: getattr(case, field) for field in cases.UPDATABLE}
    for field in ("damage", "recovered", "seized"):  # as typed: 1250000000.5, not 1.25E+9
        amount = getattr(case, field)
        initial[field] = "" if amount is None else format(amount.normalize(), "f")
    form = CaseFiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_form(
            request, form, cases.case_update, fields=FIGURE_FIELDS, case=case, **form.cleaned_data
        ):
            messages.success(request, choose("Đã cập nhật số liệu", "Figures updated"))
            return redirect("programmes:case", case_id=case.pk)
    case = cases.case_read(actor=request.user, case=case)  # the page shows it: a logged read
    return render(
        request, "programmes/case_figures.html", {"body": case.body, "case": case, "form": form}
    )


@guarded
def case_remove(request: HttpRequest, case_id: int) -> HttpResponse:
    """GET: the confirmation page naming the case; POST with `confirmed=yes`: take it off."""
    case = _case_for(request, case_id)
    access.require(request.user, case.body_id, access.WRITE_CASES)
    form = CaseRemoveForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not is_confirmed(request):
            messages.error(request, choose(*NOT_CONFIRMED))
            return redirect("programmes:case_remove", case_id=case.pk)
        if form.is_valid():
            removed = run_form(
                request,
                form,
                cases.case_remove,
                fields=REMOVE_FIELDS,
                case=case,
                **form.cleaned_data,
            )
            if removed:
                messages.success(
                    request, choose("Đã đưa ra khỏi diện theo dõi", "Taken off the watch list")
                )
                return redirect("programmes:case", case_id=case.pk)
    case = cases.case_read(actor=request.user, case=case)  # the page names it: a logged read
    return render(
        request, "programmes/case_remove.html", {"body": case.body, "case": case, "form": form}
    )
