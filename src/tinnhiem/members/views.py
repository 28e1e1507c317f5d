"""Pages of the register: the list, a record, its forms and its events. Thin: parse, check
access (another body's or another cell's records are a 404), call a service, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.core import values
from tinnhiem.core.errors import DomainError
from tinnhiem.core.i18n import choose, is_english
from tinnhiem.core.pages import body_for, message_of, run
from tinnhiem.members import access, search, services
from tinnhiem.members.forms import (
    DeathForm,
    LeaveForm,
    NewRecordForm,
    RecordForm,
    TransferInForm,
    TransferOutForm,
)
from tinnhiem.members.labels import pair as label_pair
from tinnhiem.members.models import MemberRecord, MemberStatus
from tinnhiem.members.register import COLUMNS, GROUPS
from tinnhiem.members.services import RecordInvalid

PAGE_SIZE = 50
EVENTS: dict[str, tuple[type[Form], Any, MemberStatus, tuple[str, str]]] = {
    "transfer_out": (
        TransferOutForm,
        services.member_transfer_out,
        MemberStatus.ACTIVE,
        ("Chuyển sinh hoạt đảng đi", "Transfer out"),
    ),
    "transfer_in": (
        TransferInForm,
        services.member_transfer_in,
        MemberStatus.TRANSFERRED_OUT,
        ("Chuyển sinh hoạt đảng đến (trở lại)", "Transfer back in"),
    ),
    "leave": (LeaveForm, services.member_leave, MemberStatus.ACTIVE, ("Ra khỏi Đảng", "Leaving")),
    "death": (DeathForm, services.member_record_death, MemberStatus.ACTIVE, ("Từ trần", "Death")),
}


def record_for(request: HttpRequest, record_id: int, *, edit: bool = False) -> MemberRecord:
    record = get_object_or_404(MemberRecord.objects.select_related("body", "unit"), pk=record_id)
    body_for(request, record.body_id, access.EDIT if edit else access.READ)
    if not access.can_read(request.user, record):
        raise Http404  # another cell's records do not exist for this reader
    return record


@login_required
def register(request: HttpRequest, body_id: int) -> HttpResponse:
    """Summary columns only, in the register's order (the order members were entered, as the
    export numbers them); search by name, filter by party cell and status. Each filter has an
    index that gives its first page in order (members/0004)."""
    body = body_for(request, body_id)
    units = access.visible_units(request.user, body.pk)
    unit_count = units.count()
    records = access.visible_records(request.user, body.pk).select_related("unit").order_by("pk")
    query = request.GET.get("q", "").strip()
    unit_id = values.optional_id(request.GET, "unit", ("Chi bộ", "Party cell"))
    cell = " ".join(request.GET.get("cell", "").split())
    status = request.GET.get("status", "")
    if query:
        records = search.by_name(records, query)
    if unit_id is not None:
        records = records.filter(unit_id=unit_id)
    if cell:
        records = records.filter(unit__in=search.cells_named(units, cell))
    if status in MemberStatus.values:
        records = records.filter(status=status)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "members/register.html",
        {
            "body": body,
            "page": page,
            "offset": (page.number - 1) * PAGE_SIZE,
            # a list to pick from while it is short; a province's 2,000 cells are typed
            "units": units if unit_count <= search.CELLS_TO_PICK else None,
            "unit_count": unit_count,
            "statuses": MemberStatus.values,
            "query": query,
            "unit_id": str(unit_id or ""),
            "cell": cell,
            "status": status,
            "filters": filters.urlencode(),
            "can_edit": access.sees_every_unit(request.user, body.pk),
        },
    )


@login_required
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    """The full record: every opening is logged."""
    record = record_for(request, record_id)
    if run(request, services.member_read, record=record) is None:
        raise Http404
    return render(
        request,
        "members/record.html",
        {
            "record": record,
            "body": record.body,
            "groups": _groups(record),
            "events": record.events.select_related(
                "recorded_by", "from_unit", "to_unit", "corrects"
            ),
            "superseded": set(
                record.events.filter(correction__isnull=False).values_list("pk", flat=True)
            ),
            "can_edit": access.sees_every_unit(request.user, record.body_id),
        },
    )


def _groups(record: MemberRecord) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """The record's values under the numbered groups of form 7-HSĐV, then the handbook's."""
    english = is_english()
    rows = []
    for number, (group_vi, group_en, keys) in enumerate(GROUPS, start=1):
        values = [
            (COLUMNS[key][1] if english else COLUMNS[key][0], _display(key, getattr(record, key)))
            for key in keys
            if key not in ("row", "unit")
        ]
        if values:
            rows.append((number, group_en if english else group_vi, values))
    return rows


def _display(key: str, value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if key in ("sex", "service", "left_form") and value:
        return choose(*label_pair(value))
    return str(value or "")


@login_required
def record_new(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id, access.EDIT)
    form = NewRecordForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        record = _save(
            request,
            form,
            services.member_create,
            body=body,
            unit=form.cleaned_data["unit"],
            person=form.cleaned_data["person"],
            transferred_in_on=form.cleaned_data["transferred_in_on"],
            transferred_in_from=form.cleaned_data["transferred_in_from"],
        )
        if record is not None:
            return redirect("members:record", record_id=record.pk)
    if not body.org_units.exists():
        messages.info(request, choose("Hãy tạo chi bộ trước", "Create a party cell first"))
    return render(
        request,
        "members/record_form.html",
        {"body": body, "form": form, "record": None, "can_edit": True},
    )


@login_required
def record_edit(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_for(request, record_id, edit=True)
    form = RecordForm(request.POST or None, record=record, body=record.body)
    if request.method == "POST":
        if form.is_valid():
            saved = _save(
                request,
                form,
                services.member_update,
                record=record,
                unit=form.cleaned_data["unit"],
                person=form.cleaned_data["person"],
            )
            if saved is not None:
                return redirect("members:record", record_id=record.pk)
    else:
        services.member_read(actor=request.user, record=record)  # the form shows it all
    return render(
        request,
        "members/record_form.html",
        {"body": record.body, "form": form, "record": record, "can_edit": True},
    )


def _save(request: HttpRequest, form: RecordForm, service: Any, **kwargs: Any) -> Any:
    """Call the service with the form's fields; its problems go back onto the form."""
    try:
        result = service(actor=request.user, **kwargs, **form.service_fields())
    except RecordInvalid as exc:
        english = is_english()
        for issue in exc.issues:
            target = issue.field if issue.field in form.fields else None
            form.add_error(target, issue.message_en if english else issue.message_vi)
        return None
    except DomainError as exc:
        messages.error(request, message_of(exc))
        return None
    messages.success(request, choose("Đã lưu hồ sơ", "Record saved"))
    return result


@login_required
def record_event(request: HttpRequest, record_id: int, kind: str) -> HttpResponse:
    """Transfer out, transfer back in, leaving, death: a dated change, never a silent edit."""
    if kind not in EVENTS:
        raise Http404
    record = record_for(request, record_id, edit=True)
    form_class, service, needs, title = EVENTS[kind]
    form = form_class(request.POST or None)
    return event_form_page(request, record, form, service, ("Đã ghi", "Recorded"), title, needs)


def event_form_page(
    request: HttpRequest,
    record: MemberRecord,
    form: Any,
    service: Any,
    done: tuple[str, str],
    title: tuple[str, str],
    needs: str,
) -> HttpResponse:
    """A dated change of a record (a transfer, leaving, a move…): the form, then the service
    with the form's fields; `needs` is the status the record must have for the change."""
    if request.method == "POST" and form.is_valid():
        if run(request, service, done, record=record, **form.cleaned_data) is not None:
            return redirect("members:record", record_id=record.pk)
    return render(
        request,
        "members/event_form.html",
        {
            "record": record,
            "body": record.body,
            "form": form,
            "title": title,
            "is_possible": record.status == needs,
            "can_edit": True,
        },
    )
