"""Setting a body up: its scheme, units, cadres, log-ins, and opening a month. For the body's
administrators and organisers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.bodies.models import Body, Person
from tinnhiem.core import values
from tinnhiem.core.pages import run
from tinnhiem.evaluations import access
from tinnhiem.evaluations.engine import MONTHLY_SCHEMES
from tinnhiem.evaluations.models import Cadre, PersonUser, Unit
from tinnhiem.evaluations.services import today
from tinnhiem.evaluations.structure import (
    body_scheme,
    cadre_save,
    period_open,
    person_link,
    scheme_set,
    unit_save,
)
from tinnhiem.evaluations.views import APPROVE_BY, DEADLINE, body_for

SAVED = ("Đã lưu", "Saved")
UNIT = ("Đơn vị", "Unit")
PERSON = ("Người", "Person")
OUTSTANDING_YEAR = ("Năm có thành tích nổi bật", "Outstanding in year")


def _person(body: Body, source: QueryDict, name: str, label: values.Label) -> Person | None:
    person_id = values.optional_id(source, name, label)
    return get_object_or_404(Person, pk=person_id, body=body) if person_id else None


@login_required
def setup(request: HttpRequest, body_id: int) -> HttpResponse:
    body = body_for(request, body_id)
    if not access.is_organiser(request.user, body.pk):
        raise Http404
    if request.method == "POST":
        try:
            _post(request, body)
        except values.BadValue as exc:  # every field of this page is shown with its form
            values.show(request, exc)
        return redirect("evaluations:setup", body_id=body.pk)
    key, toml = body_scheme(body)
    return render(
        request,
        "evaluations/setup.html",
        {
            "body": body,
            "scheme_key": "custom" if toml else key,
            "scheme_toml": toml,
            "schemes": MONTHLY_SCHEMES,
            "units": Unit.objects.filter(body=body).select_related("head"),
            "cadres": Cadre.objects.filter(person__body=body).select_related(
                "person", "unit", "manager"
            ),
            "people": Person.objects.filter(body=body),
            "links": {
                link.person_id: link.user.username
                for link in PersonUser.objects.filter(person__body=body).select_related("user")
            },
            "can_link": access.is_administrator(request.user, body.pk),
            "this_year": today().year,
            "this_month": today().month,
        },
    )


def _post(request: HttpRequest, body: Body) -> None:
    post = request.POST
    action = post.get("action", "")
    if action == "scheme":
        custom = post.get("scheme_key") == "custom"
        run(
            request,
            scheme_set,
            SAVED,
            body=body,
            scheme_key=post.get("scheme_key", ""),
            scheme_toml=post.get("scheme_toml", "") if custom else "",
        )
    elif action == "unit":
        unit_id = values.optional_id(post, "unit", UNIT)
        run(
            request,
            unit_save,
            SAVED,
            body=body,
            unit=get_object_or_404(Unit, pk=unit_id, body=body) if unit_id else None,
            name=post.get("name", ""),
            head=_person(body, post, "head", ("Thủ trưởng", "Head")),
            outstanding_year=values.whole(
                post, "outstanding_year", OUTSTANDING_YEAR, minimum=1900, maximum=2100
            ),
        )
    elif action == "cadre":
        person = _person(body, post, "person", PERSON)
        if person is None:
            raise Http404
        run(
            request,
            cadre_save,
            SAVED,
            person=person,
            unit=get_object_or_404(Unit, pk=values.record_id(post, "unit", UNIT), body=body),
            group=post.get("group", ""),
            manager=_person(body, post, "manager", ("Người quản lý trực tiếp", "Direct manager")),
            is_active=post.get("is_active", "on") == "on",
        )
    elif action == "link":
        person = _person(body, post, "person", PERSON)
        if person is None:
            raise Http404
        run(request, person_link, SAVED, person=person, username=post.get("username", ""))
    elif action == "period":
        run(
            request,
            period_open,
            ("Đã mở tháng đánh giá", "The month is open"),
            body=body,
            year=values.whole(post, "year", ("Năm", "Year")) or 0,
            month=values.whole(post, "month", ("Tháng", "Month")) or 0,
            deadline=values.day(post, "deadline", DEADLINE),
            approve_by=values.day(post, "approve_by", APPROVE_BY),
            is_late_allowed=post.get("is_late_allowed") == "on",
        )
    else:
        raise Http404
