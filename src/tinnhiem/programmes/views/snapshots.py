"""A programme's frozen period reports (chốt số liệu): the list with each one's cut-off, hash
and sign-off, and for the office a form to freeze a new one and a sign-off button. Both are
confirmed on a page of their own (GET says what will happen, POST with `confirmed=yes` does
it: no script needed, and a hand-made request cannot skip it)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tinnhiem.bilingual import BilingualError
from tinnhiem.core.errors import InputProblem
from tinnhiem.core.i18n import choose, pair
from tinnhiem.core.pages import message_of, run
from tinnhiem.programmes import access, snapshots
from tinnhiem.programmes.forms import DATE
from tinnhiem.programmes.models import Programme, Snapshot, SnapshotKind
from tinnhiem.programmes.views.common import (
    NOT_CONFIRMED,
    flags,
    guarded,
    is_confirmed,
    programme_for,
)


class FreezeForm(forms.Form):
    """The period to freeze, checked as the service checks it (`snapshots.check_freezable`: a
    date not in the future, a period not frozen yet) before the confirmation page, and again by
    the service when it is confirmed."""

    kind = forms.ChoiceField(choices=SnapshotKind.choices, label=pair("Kỳ báo cáo", "Period"))
    cut_off = forms.DateField(widget=DATE, label=pair("Ngày chốt số liệu", "Cut-off date"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, cut_off = data.get("kind"), data.get("cut_off")
        if kind and cut_off:
            try:
                snapshots.check_freezable(self.programme, kind, cut_off)
            except InputProblem as exc:
                self.add_error("cut_off", message_of(exc))
            except BilingualError as exc:
                self.add_error(None, message_of(exc))
        return data


@guarded
def snapshot_list(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_for(request, programme_id, access.READ_REPORTS)
    return _list(request, programme, FreezeForm(programme=programme))


def _list(request: HttpRequest, programme: Programme, form: FreezeForm) -> HttpResponse:
    found = Snapshot.objects.filter(programme=programme).select_related("made_by", "signed_by")
    return render(
        request,
        "programmes/snapshots.html",
        {
            "programme": programme,
            "snapshots": found.order_by("-cut_off", "-id"),
            "form": form,
            **flags(request, programme.body_id),
        },
    )


@guarded
def snapshot_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    """GET (the form's values in the query) asks; POST with the confirmation field freezes."""
    programme = programme_for(request, programme_id, access.REGISTER)
    form = FreezeForm(
        request.POST if request.method == "POST" else request.GET, programme=programme
    )
    if not form.is_valid():
        return _list(request, programme, form)
    kind, cut_off = form.cleaned_data["kind"], form.cleaned_data["cut_off"]
    if request.method == "POST":
        if not is_confirmed(request):
            messages.error(request, choose(*NOT_CONFIRMED))
            query = f"?kind={kind}&cut_off={cut_off:%Y-%m-%d}"
            return redirect(reverse("programmes:snapshot_new", args=[programme.pk]) + query)
        made = run(
            request,
            snapshots.snapshot_make,
            ("Đã chốt số liệu", "Figures frozen"),
            programme=programme,
            kind=kind,
            cut_off=cut_off,
        )
        if made:
            return redirect("programmes:snapshots", programme_id=programme.pk)
        return _list(request, programme, form)
    label = snapshots.label_of(kind, cut_off)
    return _confirm(
        request,
        programme,
        question=(
            f"Chốt số liệu «{label}» đến ngày {cut_off:%d/%m/%Y}?",
            f"Freeze the figures «{label}» as of {cut_off:%d/%m/%Y}?",
        ),
        consequence=(
            "Mọi biểu của kỳ được lưu lại kèm mã băm ghi vào nhật ký; số liệu đã chốt không sửa "
            "được, báo cáo của kỳ về sau luôn đọc từ bản chốt này.",
            "Every table of the period is stored with its hash written to the audit log; frozen "
            "figures cannot change, and the period's report is read from them from now on.",
        ),
        button=("Có, chốt số liệu", "Yes, freeze the figures"),
        hidden={"kind": kind, "cut_off": f"{cut_off:%Y-%m-%d}"},
    )


@guarded
def snapshot_sign(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    """The standing agency's sign-off: GET asks; POST with the confirmation field signs."""
    snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
    programme = programme_for(request, snapshot.programme_id, access.REGISTER)
    if snapshot.signed_at is not None:  # nothing left to confirm
        messages.info(
            request, choose("Số liệu kỳ này đã được ký duyệt", "This snapshot is signed already")
        )
        return redirect("programmes:snapshots", programme_id=programme.pk)
    if request.method == "POST":
        if not is_confirmed(request):
            messages.error(request, choose(*NOT_CONFIRMED))
            return redirect("programmes:snapshot_sign", snapshot_id=snapshot.pk)
        run(
            request,
            snapshots.snapshot_sign,
            ("Đã ký duyệt số liệu đã chốt", "Frozen figures signed off"),
            snapshot=snapshot,
        )
        return redirect("programmes:snapshots", programme_id=programme.pk)
    return _confirm(
        request,
        programme,
        question=(
            f"Ký duyệt số liệu đã chốt «{snapshot.label}» ({snapshot.cut_off:%d/%m/%Y})?",
            f"Sign off the frozen figures «{snapshot.label}» ({snapshot.cut_off:%d/%m/%Y})?",
        ),
        consequence=(
            f"Cơ quan thường trực xác nhận bản chốt có mã băm {snapshot.sha256}; chỉ ký một lần.",
            f"The standing agency vouches for the snapshot hashed {snapshot.sha256}; it is "
            "signed once only.",
        ),
        button=("Có, ký duyệt", "Yes, sign it off"),
        hidden={},
    )


def _confirm(
    request: HttpRequest,
    programme: Programme,
    *,
    question: tuple[str, str],
    consequence: tuple[str, str],
    button: tuple[str, str],
    hidden: dict[str, str],
) -> HttpResponse:
    return render(
        request,
        "programmes/confirm.html",
        {
            "programme": programme,
            "question": choose(*question),
            "consequence": choose(*consequence),
            "button": choose(*button),
            "back": reverse("programmes:snapshots", args=[programme.pk]),
            "hidden": hidden,
            "is_danger": False,
        },
    )
