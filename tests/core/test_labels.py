"""The `label` filter every page uses (core's `tn` tags) shows the labels each app adds when the
site starts (votes the statuses and marks, accounts the roles), and one stored value cannot be
given two labels."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tinnhiem.core import labels


def shown(value: str, language: str = "vi") -> str:
    with translation.override(language):
        return Template("{% load tn %}{{ value|label }}").render(Context({"value": value}))


def test_the_filter_shows_what_votes_and_accounts_added() -> None:
    assert shown("counting") == "Đang kiểm phiếu"  # a session's status (votes)
    assert shown("+", "en") == "Several boxes"  # a mark (votes)
    assert shown("observer") == "Quan sát"  # a role (accounts)
    assert shown("warning", "en") == "Note"  # core's own
    assert shown("no-such-value") == "no-such-value"


def test_a_second_label_for_one_value_is_refused() -> None:
    labels.add({"counting": ("Đang kiểm phiếu", "Counting")})  # the same again: nothing new
    with pytest.raises(ValueError, match="'counting'"):
        labels.add({"counting": ("Đang đếm", "Tallying")})
    assert shown("counting", "en") == "Counting"
