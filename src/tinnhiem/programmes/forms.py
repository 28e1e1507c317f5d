"""Forms of the programme pages: they parse what was typed; the services check and save."""

from __future__ import annotations

from typing import Any

from django import forms

from tinnhiem.core.i18n import pair
from tinnhiem.programmes.models import UpdateRequest

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
