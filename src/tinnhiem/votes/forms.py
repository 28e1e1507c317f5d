from __future__ import annotations

from django import forms

from tinnhiem.core.i18n import pair
from tinnhiem.rules import BUILTIN_KEYS, load_profile
from tinnhiem.votes.models import Channel, CountMode

PROFILE_CHOICES = [(key, f"{key} — {load_profile(key).title_vi}") for key in BUILTIN_KEYS] + [
    ("custom", "Tùy chỉnh (tệp TOML) / Custom (TOML file)")
]


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
