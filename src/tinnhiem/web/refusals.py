"""The page that answers a request refused before any view could show its form again: a value
that is not what the page sends (400, `core/values.py`), an upload over its limit (413,
`web/upload_limit.py`). Bilingual like every message; never Django's bare error page."""

from __future__ import annotations

from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tinnhiem import limits
from tinnhiem.core.i18n import choose


def refused(request: HttpRequest, message_vi: str, message_en: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "web/refused.html",
        {"message": choose(message_vi, message_en), "status": status},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler400: a `BadValue` says which field; Django's own refusals (too many
    fields or files, a body over DATA_UPLOAD_MAX_MEMORY_SIZE) get a plain explanation."""
    vi = getattr(exception, "message_vi", None)
    en = getattr(exception, "message_en", None)
    if isinstance(vi, str) and isinstance(en, str):
        return refused(request, vi, en, status=400)
    if isinstance(exception, TooManyFilesSent):
        most = limits.MAX_FILES_PER_REQUEST
        return refused(
            request,
            f"Quá nhiều tệp trong một lần tải lên (tối đa {most}): hãy chia thành nhiều lần",
            f"Too many files in one upload (at most {most}): upload them in several goes",
            status=400,
        )
    return refused(
        request,
        "Yêu cầu không hợp lệ: trang gửi lên dữ liệu không đúng. Hãy tải lại trang rồi làm lại",
        "Bad request: the page sent data that is not valid. Reload the page and try again",
        status=400,
    )
