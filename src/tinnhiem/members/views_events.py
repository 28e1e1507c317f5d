"""Pages of the register's dated changes beyond entry and exit: a move to another party cell,
and the correction of an event recorded by mistake. Thin: parse, check access (another body's
or another cell's records are a 404), call a service, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.core.pages import run
from tinnhiem.members import events
from tinnhiem.members.forms import CorrectionForm, MoveForm
from tinnhiem.members.models import EventKind, MemberEvent, MemberStatus
from tinnhiem.members.views import event_form_page, record_for


@login_required
def record_move(request: HttpRequest, record_id: int) -> HttpResponse:
    """The member moves to another party cell of the body from a date."""
    record = record_for(request, record_id, edit=True)
    return event_form_page(
        request,
        record,
        MoveForm(request.POST or None, record=record),
        events.member_move,
        ("Đã ghi việc chuyển chi bộ", "The move was recorded"),
        ("Chuyển sinh hoạt sang chi bộ khác", "Move to another party cell"),
        MemberStatus.ACTIVE,
    )


@login_required
def event_correct(request: HttpRequest, event_id: int) -> HttpResponse:
    """Supersede a mistaken event with a correction (or void it), with a reason."""
    found = get_object_or_404(MemberEvent.objects.select_related("to_unit"), pk=event_id)
    record = record_for(request, found.record_id, edit=True)
    if found.kind == EventKind.ADMITTED:
        raise Http404
    form = CorrectionForm(request.POST or None, body_id=record.body_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        correction = events.Correction(
            reason=data["reason"],
            is_void=data["is_void"],
            happened_on=data["happened_on"],
            place=data["place"] or None,
            detail=data["detail"] or None,
            form=data["form"] or None,
            to_unit=data["to_unit"],
        )
        done = run(
            request,
            events.member_event_correct,
            ("Đã ghi đính chính", "The correction was recorded"),
            event=found,
            correction=correction,
        )
        if done is not None:
            return redirect("members:record", record_id=record.pk)
    is_open = not found.is_void and not MemberEvent.objects.filter(corrects=found).exists()
    return render(
        request,
        "members/event_correct.html",
        {"record": record, "body": record.body, "event": found, "form": form, "is_open": is_open},
    )
