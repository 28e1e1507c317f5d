"""Forms of the programme pages: they parse what was typed; the services check and save."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms

from tinnhiem.core.i18n import choose, pair
from tinnhiem.core.values import SHOWN
from tinnhiem.programmes.models import DIGITS, PLACES, Agency, CaseKind, Programme, UpdateRequest
from tinnhiem.steering.cases import LEVEL_LABELS, STAGE_LABELS
from tinnhiem.steering.indicators import DIRECTION_LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by the
    service, as every attachment is (`core.attachments`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UpdateForm(forms.Form):
    """The lead agency's progress update, written by its focal officer."""

    as_of = forms.DateField(widget=DATE, label=pair("Số liệu đến ngày", "Figures as of"))
    narrative = forms.CharField(
        widget=TEXT, label=pair("Kết quả thực hiện", "What was done"), max_length=20000
    )
    percent = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label=pair("Tiến độ (%), nếu có", "Progress (%), if any"),
    )
    is_done = forms.BooleanField(
        required=False, label=pair("Báo cáo nhiệm vụ đã hoàn thành", "Report the task done")
    )
    obstacles = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=pair("Khó khăn, vướng mắc", "Obstacles"),
        max_length=5000,
    )
    request = forms.ChoiceField(
        required=False,
        choices=[
            ("", pair("Không", "None")),
            (UpdateRequest.EXTENSION.value, pair("Xin gia hạn", "Extension")),
            (UpdateRequest.CHANGE.value, pair("Xin điều chỉnh", "Change")),
            (UpdateRequest.DROP.value, pair("Xin dừng thực hiện", "Drop")),
        ],
        label=pair("Kiến nghị", "Request"),
    )
    requested_deadline = forms.DateField(
        required=False,
        widget=DATE,
        label=pair("Thời hạn đề nghị (khi xin gia hạn)", "Deadline asked for (extension)"),
    )
    documents = MultipleFileField(
        required=False, label=pair("Tài liệu kèm theo", "Attached documents")
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label=pair("Lý do trả lại", "Reason for returning it"),
        max_length=5000,
    )


class ReminderForm(forms.Form):
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=pair("Nội dung đôn đốc", "Reminder text"),
        max_length=5000,
    )
    by_mail = forms.BooleanField(
        required=False, label=pair("Gửi thư cho cơ quan chủ trì", "Mail the lead agency")
    )


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(widget=DATE, label=pair("Thời hạn mới", "New deadline"))
    document = forms.CharField(
        max_length=200, label=pair("Văn bản cho phép gia hạn", "Document allowing it")
    )
    reason = forms.CharField(
        required=False, max_length=2000, label=pair("Lý do", "Reason"), widget=TEXT
    )


class ImportForm(forms.Form):
    code = forms.CharField(max_length=60, label=pair("Số, ký hiệu chương trình", "Programme code"))
    title = forms.CharField(
        required=False,
        max_length=500,
        label=pair("Tên chương trình (khi tạo mới)", "Programme title (when new)"),
    )
    file = forms.FileField(
        label=pair("Tệp Excel (.xlsx) hoặc CSV (UTF-8)", "Excel (.xlsx) or CSV (UTF-8) file")
    )


class AmountField(forms.CharField):
    """A non-negative amount as typed: digits with a decimal point or a Vietnamese decimal comma
    ("97,5"), no thousands separator, at most what the database holds (16 digits before the
    decimal sign, 4 after); read as a Decimal, never a float. Empty is None. A refused value
    stays in the field as typed (a bound form shows its data)."""

    PATTERN = re.compile(rf"[0-9]{{1,{DIGITS - PLACES}}}(?:[.,][0-9]{{1,{PLACES}}})?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if not self.PATTERN.fullmatch(text):
            text = text if len(text) <= SHOWN else text[:SHOWN] + "…"
            raise forms.ValidationError(
                choose(
                    f"«{text}» không phải là số không âm (ví dụ 9290 hoặc 97,5; không dùng dấu "
                    f"phân cách hàng nghìn, tối đa {PLACES} chữ số thập phân)",
                    f"'{text}' is not a non-negative number (for example 9290 or 97.5; no "
                    f"thousands separator, at most {PLACES} decimals)",
                ),
                code="amount",
            )
        return Decimal(text.replace(",", "."))


def _labelled(labels: dict[Any, tuple[str, str]]) -> list[tuple[str, Any]]:
    return [(key.value, pair(*label)) for key, label in labels.items()]


CASE_KINDS = [
    (CaseKind.CASE.value, pair("Vụ án", "Criminal case")),
    (CaseKind.MATTER.value, pair("Vụ việc (đang xác minh)", "Matter (being verified)")),
]
BLOCKERS = [  # the usual ones; anything else is typed in "other"
    ("Định giá tài sản", pair("Định giá tài sản", "Asset valuation")),
    ("Giám định", pair("Giám định", "Forensic examination")),
]


class CaseFiguresForm(forms.Form):
    """A watched case's figures brought up to date (`cases.case_update`): amounts recovered grow
    as the judgment is enforced, blockers are lifted, the proposal changes."""

    handling_agency = forms.CharField(
        required=False, max_length=200, label=pair("Cơ quan thụ lý", "Handling agency")
    )
    damage = AmountField(required=False, label=pair("Thiệt hại (đồng)", "Damage (VND)"))
    recovered = AmountField(required=False, label=pair("Đã thu hồi (đồng)", "Recovered (VND)"))
    seized = AmountField(
        required=False, label=pair("Đã kê biên, tạm giữ (đồng)", "Seized, frozen (VND)")
    )
    blockers = forms.CharField(
        required=False,
        max_length=300,
        label=pair("Vướng mắc (định giá, giám định…)", "Blockers (valuation, forensics…)"),
    )
    proposal = forms.CharField(
        required=False,
        max_length=300,
        label=pair("Đề xuất (tiếp tục theo dõi, đưa ra…)", "Proposal (keep, remove…)"),
    )


class CaseForm(CaseFiguresForm):
    """A case or matter put on the watch list, with its figures as they stand (the usual
    blockers ticked) and the committee's target dates. No defendant is named anywhere on it."""

    field_order = [
        *("name", "kind", "level", "listed_on", "handling_agency", "damage", "recovered"),
        *("seized", "blockers", "blockers_other", "proposal"),
    ]
    name = forms.CharField(max_length=500, label=pair("Tên vụ án, vụ việc", "Case or matter"))
    kind = forms.ChoiceField(choices=CASE_KINDS, label=pair("Loại", "Kind"))
    level = forms.ChoiceField(
        choices=_labelled(LEVEL_LABELS), label=pair("Cấp theo dõi", "Watched by")
    )
    listed_on = forms.DateField(
        widget=DATE, label=pair("Ngày đưa vào diện theo dõi", "Put on the list on")
    )
    blockers = forms.MultipleChoiceField(  # type: ignore[assignment]
        required=False,
        choices=BLOCKERS,
        widget=forms.CheckboxSelectMultiple,
        label=pair("Vướng mắc", "Blockers"),
    )
    blockers_other = forms.CharField(
        required=False, max_length=200, label=pair("Vướng mắc khác", "Other blockers")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for stage, (vi, en) in STAGE_LABELS.items():
            self.fields[f"target_{stage.value}"] = forms.DateField(
                required=False,
                widget=DATE,
                label=pair(f"Mốc BCĐ đặt: {vi.lower()}", f"Target date: {en.lower()}"),
            )

    def service_args(self) -> dict[str, Any]:
        """The cleaned form as `cases.case_create` takes it."""
        data = dict(self.cleaned_data)
        other = data.pop("blockers_other").strip()
        data["blockers"] = "; ".join([*data["blockers"], *([other] if other else [])])
        data["targets"] = {
            stage.value: day
            for stage in STAGE_LABELS
            if (day := data.pop(f"target_{stage.value}")) is not None
        }
        return data


class CaseEventForm(forms.Form):
    """A stage the case reached, or a date the committee set for it; defendants are counted."""

    stage = forms.ChoiceField(choices=_labelled(STAGE_LABELS), label=pair("Giai đoạn", "Stage"))
    on = forms.DateField(widget=DATE, label=pair("Ngày", "Date"))
    defendants = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100_000,
        label=pair("Số bị can, bị cáo (chỉ ghi số)", "Defendants (a number only)"),
    )
    is_target = forms.BooleanField(
        required=False,
        label=pair("Đây là mốc Ban Chỉ đạo đặt (chưa diễn ra)", "A target date set (not reached)"),
    )


class CaseRemoveForm(forms.Form):
    """Taking a case off the watch list, with the document that approved it."""

    on = forms.DateField(
        widget=DATE, label=pair("Ngày đưa ra khỏi diện theo dõi", "Taken off the list on")
    )
    document = forms.CharField(
        max_length=200,
        label=pair(
            "Văn bản đồng ý (số, ký hiệu, ngày, cơ quan)", "Approving document (number, date, body)"
        ),
    )


class IndicatorForm(forms.Form):
    """A target (chỉ tiêu) of one period, as the office types it."""

    name = forms.CharField(max_length=500, label=pair("Chỉ tiêu", "Indicator"))
    unit = forms.CharField(required=False, max_length=60, label=pair("Đơn vị tính", "Unit"))
    period = forms.CharField(
        max_length=40, label=pair("Kỳ (ví dụ 2024, 6 tháng 2024)", "Period (e.g. 2024, H1 2024)")
    )
    plan = AmountField(label=pair("Kế hoạch", "Plan"))
    actual = AmountField(required=False, label=pair("Thực hiện (để trống nếu chưa có)", "Actual"))
    direction = forms.ChoiceField(
        choices=_labelled(DIRECTION_LABELS), label=pair("Chiều đánh giá", "Direction")
    )
    owner = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        label=pair("Cơ quan phụ trách", "Owner agency"),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = cast("forms.ModelChoiceField[Agency]", self.fields["owner"])
        owner.queryset = Agency.objects.filter(body_id=programme.body_id)


class StopForm(forms.Form):
    """The office stops a task (dừng thực hiện), with its reason."""

    on = forms.DateField(widget=DATE, label=pair("Ngày dừng", "Stopped on"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        label=pair("Lý do dừng", "Reason for stopping it"),
    )
