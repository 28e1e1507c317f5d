"""Forms of the register: they parse; the services check and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model, model_to_dict

from tinnhiem.bodies.models import Body
from tinnhiem.core.i18n import pair
from tinnhiem.members.labels import pair as value_pair
from tinnhiem.members.models import LeavingForm, MemberRecord, OrgUnit, Service, Sex
from tinnhiem.members.register import COLUMNS
from tinnhiem.members.services import EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


FIELDS = ["unit", "person", *EDITABLE]
WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {
    "birth_date": DATE,
    "admitted_on": DATE,
    "full_member_on": DATE,
    "notes": forms.Textarea(attrs={"rows": 3}),
}


def _label(key: str) -> Any:
    vi, en, _ = COLUMNS[key]
    return pair(vi, en)


class RecordForm(forms.Form):
    """The record's own columns, in the order of form 7-HSĐV, and its party cell. A plain form
    (not a ModelForm): the service checks the record and names each problem, the form only
    parses. The numbers are plain text here for the same reason."""

    def __init__(
        self, *args: Any, body: Body, record: MemberRecord | None = None, **kwargs: Any
    ) -> None:
        if record is not None:
            kwargs["initial"] = model_to_dict(record, fields=FIELDS)
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(MemberRecord, fields=FIELDS, widgets=WIDGETS))
        for key in ("card_number", "record_number", "citizen_id", "phone"):
            mode = "text" if key == "record_number" else "numeric"
            self.fields[key] = forms.CharField(
                required=False, widget=forms.TextInput(attrs={"inputmode": mode})
            )
        self.fields.update({k: self.fields.pop(k) for k in list(self.fields) if k not in FIELDS})
        self.fields["unit"].queryset = OrgUnit.objects.filter(body=body)  # type: ignore[attr-defined]
        self.fields["person"].queryset = body.people.all()  # type: ignore[attr-defined]
        self.fields["person"].required = False
        self.fields["person"].label = pair(
            "Người trong danh sách cơ quan (nếu có)", "Linked person"
        )
        self.fields["sex"].choices = [("", "—"), *[(v, pair(*value_pair(v))) for v in Sex.values]]  # type: ignore[attr-defined]
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(v, pair(*value_pair(v))) for v in Service.values if v],
        ]
        for key, field in self.fields.items():
            if key in COLUMNS:
                field.label = _label(key)
        self.fields["record_number"].help_text = pair(
            "6 chữ số và 1 đến 3 chữ cái, ví dụ 123456HN",
            "6 digits and 1 to 3 letters, e.g. 123456HN",
        )
        self.fields["card_number"].help_text = pair("8 chữ số", "8 digits")
        self.fields["citizen_id"].help_text = pair("12 chữ số", "12 digits")

    def service_fields(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in EDITABLE}


class NewRecordForm(RecordForm):
    """A new record: the member enters by admission, or by transfer from another organisation."""

    transferred_in_on = forms.DateField(
        required=False, widget=DATE, label=_label("transferred_in_on")
    )
    transferred_in_from = forms.CharField(
        required=False, max_length=300, label=_label("transferred_in_from")
    )


class TransferOutForm(forms.Form):
    on = forms.DateField(widget=DATE, label=pair("Ngày chuyển đi", "Date"))
    destination = forms.CharField(
        max_length=300, label=pair("Chuyển đến tổ chức đảng", "Destination")
    )


class TransferInForm(forms.Form):
    on = forms.DateField(widget=DATE, label=pair("Ngày chuyển đến", "Date"))
    origin = forms.CharField(max_length=300, label=pair("Chuyển đến từ tổ chức đảng", "Origin"))


class LeaveForm(forms.Form):
    on = forms.DateField(widget=DATE, label=pair("Ngày ra khỏi Đảng", "Date"))
    form = forms.ChoiceField(
        choices=[(v, pair(*value_pair(v))) for v in LeavingForm.values],
        label=pair("Hình thức", "Form"),
    )
    reason = forms.CharField(max_length=300, label=pair("Lý do", "Reason"))


class DeathForm(forms.Form):
    on = forms.DateField(widget=DATE, label=pair("Ngày từ trần", "Date of death"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=pair("Tệp Excel (.xlsx) hoặc CSV (UTF-8)", "Excel (.xlsx) or CSV (UTF-8) file")
    )


class MoveForm(forms.Form):
    """A move to another party cell of the body, from a date."""

    on = forms.DateField(widget=DATE, label=pair("Ngày chuyển chi bộ", "Date of the move"))
    unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), label=pair("Chuyển đến chi bộ", "To the party cell")
    )
    reason = forms.CharField(
        required=False, max_length=300, label=pair("Lý do, căn cứ (nếu có)", "Reason (optional)")
    )

    def __init__(self, *args: Any, record: MemberRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cells = OrgUnit.objects.filter(body_id=record.body_id).exclude(pk=record.unit_id)
        self.fields["unit"].queryset = cells  # type: ignore[attr-defined]


class CorrectionForm(forms.Form):
    """A correction of a mistaken event: the right values (blank: as recorded) or void."""

    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=pair("Lý do đính chính (ghi vào nhật ký)", "Reason (written to the audit log)"),
    )
    is_void = forms.BooleanField(
        required=False,
        label=pair("Sự kiện này không xảy ra (ghi nhầm): hủy", "This never happened: void it"),
    )
    happened_on = forms.DateField(
        required=False, widget=DATE, label=pair("Ngày đúng", "The right date")
    )
    place = forms.CharField(
        required=False, max_length=300, label=pair("Nơi đi, nơi đến đúng", "The right place")
    )
    detail = forms.CharField(
        required=False, max_length=300, label=pair("Lý do đúng của sự kiện", "The right reason")
    )
    form = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *[(v, pair(*value_pair(v))) for v in LeavingForm.values]],
        label=pair("Hình thức đúng (ra khỏi Đảng)", "The right form (leaving)"),
    )
    to_unit = forms.ModelChoiceField(
        required=False,
        queryset=OrgUnit.objects.none(),
        label=pair("Chi bộ đến đúng (chuyển chi bộ)", "The right cell (a move)"),
    )

    def __init__(self, *args: Any, body_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = OrgUnit.objects.filter(body_id=body_id)  # type: ignore[attr-defined]
