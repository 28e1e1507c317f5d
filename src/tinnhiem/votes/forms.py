from __future__ import annotations

from typing import Any

from django import forms

from tinnhiem.core.i18n import pair
from tinnhiem.rules import BUILTIN_KEYS, load_profile
from tinnhiem.votes.models import Channel, CountMode

# each rule by its name in the page's language (never its key, never both languages at once)
PROFILE_CHOICES = [
    (key, pair(load_profile(key).title_vi, load_profile(key).title_en)) for key in BUILTIN_KEYS
] + [("custom", pair("Bộ quy tắc riêng (tệp TOML)", "Custom rule profile (TOML file)"))]


class SessionForm(forms.Form):
    title = forms.CharField(max_length=300, label=pair("Tên đợt lấy phiếu", "Title"))
    held_on = forms.DateField(
        label=pair("Ngày", "Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    venue = forms.CharField(max_length=300, required=False, label=pair("Địa điểm", "Venue"))
    profile_key = forms.ChoiceField(
        choices=PROFILE_CHOICES, label=pair("Bộ quy tắc", "Rule profile")
    )
    profile_file = forms.FileField(
        required=False, label=pair("Tệp TOML (bộ quy tắc tùy chỉnh)", "TOML file")
    )
    channel = forms.ChoiceField(
        choices=Channel.choices,
        initial=Channel.PAPER,
        required=False,
        label=pair("Hình thức bỏ phiếu", "Ballot"),
    )
    count_mode = forms.ChoiceField(
        choices=CountMode.choices, label=pair("Cách kiểm phiếu", "Counting")
    )
    members = forms.IntegerField(
        min_value=0, required=False, label=pair("Tổng số thành viên", "Members")
    )


class SessionEditForm(forms.Form):
    """What a draft can still change of what it was created with."""

    title = SessionForm.base_fields["title"]
    held_on = SessionForm.base_fields["held_on"]
    venue = SessionForm.base_fields["venue"]


class FiguresForm(forms.Form):
    members = forms.IntegerField(
        min_value=0, required=False, label=pair("Tổng số thành viên", "Members")
    )
    summoned = forms.IntegerField(
        min_value=0, required=False, label=pair("Số được triệu tập", "Summoned")
    )
    present = forms.IntegerField(min_value=0, required=False, label=pair("Số có mặt", "Present"))
    issued = forms.IntegerField(
        min_value=0, required=False, label=pair("Số phiếu phát ra", "Ballots issued")
    )
    collected = forms.IntegerField(
        min_value=0, required=False, label=pair("Số phiếu thu về", "Ballots collected")
    )
    invalid_ballots = forms.IntegerField(
        min_value=0,
        required=False,
        label=pair("Số phiếu không hợp lệ (khi nhập tổng hợp)", "Invalid ballots (hand tally)"),
    )


def _moment(vi: str, en: str) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    return forms.DateTimeField(required=False, widget=widget, label=pair(vi, en))


class PaperworkForm(forms.Form):
    """What the minutes and the results report print beside the counts."""

    minutes_number = forms.CharField(
        max_length=40,
        required=False,
        label=pair("Số biên bản kiểm phiếu (…/BB-BKP)", "Minutes number (…/BB-BKP)"),
    )
    report_number = forms.CharField(
        max_length=40,
        required=False,
        label=pair("Số báo cáo kết quả (…/BC-BKP)", "Results report number (…/BC-BKP)"),
    )
    count_started_at = _moment("Bắt đầu kiểm phiếu lúc", "Count started at")
    count_ended_at = _moment("Kết thúc kiểm phiếu lúc", "Count ended at")
    copies = forms.IntegerField(
        min_value=1,
        max_value=99,
        required=False,
        label=pair("Biên bản được lập thành (số bản)", "Copies of the minutes"),
    )
    recipients = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=pair("Nơi nhận (mỗi dòng một nơi)", "Recipients (one a line)"),
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("count_started_at"), data.get("count_ended_at")
        if start and end and end < start:
            self.add_error(
                "count_ended_at",
                pair("Giờ kết thúc trước giờ bắt đầu", "The end is before the start"),
            )
        return data
