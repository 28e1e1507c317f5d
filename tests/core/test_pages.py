"""`run` calls a service for a view: any error meant for a person (every `BilingualError`,
whichever core raised it) becomes a message in the user's language, with its place in the input;
anything else is a bug and is not hidden."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import translation

from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.bilingual import BilingualError
from tinnhiem.core.errors import NotAllowed, WrongState
from tinnhiem.core.pages import run, run_form
from tinnhiem.omr.errors import OmrError
from tinnhiem.rules.errors import CountExceedsBallots


def a_request() -> HttpRequest:
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]  # what FallbackStorage needs of it
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def refusing(error: Exception) -> Any:
    def service(*, actor: Any) -> NoReturn:
        raise error

    return service


@pytest.mark.parametrize(
    ("error", "vi", "en"),
    [
        (
            WrongState("Đợt chưa mở", "The session is not open"),
            "Đợt chưa mở",
            "The session is not open",
        ),
        (
            CountExceedsBallots("vượt số phiếu", "above the ballots", row=4, field="low"),
            "Dòng 4, cột 'low': vượt số phiếu",
            "Row 4, column 'low': above the ballots",
        ),
        (
            OmrError("Mẫu phiếu hỏng", "The ballot PDF is unreadable"),
            "Mẫu phiếu hỏng",
            "The ballot PDF is unreadable",
        ),
        (InvalidEncoding("Khoá sai dạng", "Malformed key"), "Khoá sai dạng", "Malformed key"),
    ],
    ids=["domain", "rules-with-place", "omr", "ballotcrypto"],
)
def test_any_bilingual_error_is_shown_in_the_users_language(
    error: BilingualError, vi: str, en: str
) -> None:
    for language, expected in (("vi", vi), ("en", en)):
        request = a_request()
        with translation.override(language):
            assert run(request, refusing(error)) is None
        assert [str(m) for m in get_messages(request)] == [expected]


def test_an_error_not_meant_for_a_person_is_not_hidden() -> None:
    with pytest.raises(KeyError):
        run(a_request(), refusing(KeyError("bug")))


class ReasonForm(forms.Form):
    reason = forms.CharField()
    note = forms.CharField(required=False)


def test_run_form_marks_the_field_the_refusal_names_and_keeps_what_was_typed() -> None:
    form = ReasonForm({"reason": "x", "note": "giữ nguyên"})
    assert form.is_valid()
    with translation.override("vi"):
        got = run_form(
            a_request(),
            form,
            refusing(WrongState("Lý do quá ngắn", "The reason is too short")),
            fields={"lý do": "reason"},
        )
    assert got is None
    assert form.errors == {"reason": ["Lý do quá ngắn"]}
    assert form["note"].value() == "giữ nguyên"


def test_run_form_puts_an_unnamed_refusal_above_the_form_in_the_users_language() -> None:
    form = ReasonForm({"reason": "x"})
    assert form.is_valid()
    with translation.override("en"):
        run_form(a_request(), form, refusing(WrongState("Đợt chưa mở", "The session is not open")))
    assert form.non_field_errors() == ["The session is not open"]


def test_run_form_lets_a_refusal_of_access_through_to_the_403_page() -> None:
    form = ReasonForm({"reason": "x"})
    assert form.is_valid()
    with pytest.raises(NotAllowed):
        run_form(a_request(), form, refusing(NotAllowed("Không có quyền", "Not allowed")))
    assert not form.errors


def test_run_form_passes_a_request_argument_on_to_the_service() -> None:
    form = ReasonForm({"reason": "x"})
    assert form.is_valid()
    seen: dict[str, Any] = {}

    def service(*, actor: Any, request: str) -> None:
        seen["request"] = request

    assert run_form(a_request(), form, service, request="xin gia hạn") is True
    assert seen == {"request": "xin gia hạn"}
