"""`run` calls a service for a view: any error meant for a person (every `BilingualError`,
whichever core raised it) becomes a message in the user's language, with its place in the input;
anything else is a bug and is not hidden."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import translation

from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.bilingual import BilingualError
from tinnhiem.core.errors import WrongState
from tinnhiem.core.pages import run
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
