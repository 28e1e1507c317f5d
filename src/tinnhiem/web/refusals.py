"""The page that answers a request refused before any view could show its form again: a value
that is not what the page sends (400, `core/values.py`), a form whose CSRF token has expired
(403, CSRF_FAILURE_VIEW), an upload over its limit (413, `web/upload_limit.py`). Bilingual like
every message, in the site's layout under its security headers; never Django's bare page."""

from __future__ import annotations

from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from tinnhiem import limits
from tinnhiem.core.i18n import choose


def refused(
    request: HttpRequest, message_vi: str, message_en: str, *, status: int, retry_url: str = ""
) -> HttpResponse:
    return render(
        request,
        "web/refused.html",
        {"message": choose(message_vi, message_en), "status": status, "retry_url": retry_url},
        status=status,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW. Almost always a form left open past the log-in's end, or sent again
    after logging in elsewhere: say so, and offer the page again (a GET of the same address).
    The booth's JSON calls get the booth's JSON refusal. Django's `reason` is for developers."""
    vi = (
        "Biểu mẫu đã hết hạn (trang mở đã lâu, hoặc bạn đã đăng nhập lại) nên chưa được gửi. "
        "Hãy tải lại trang rồi làm lại."
    )
    en = (
        "The form has expired (the page was open a long time, or you logged in again), so it "
        "was not sent. Reload the page and try again."
    )
    if request.content_type == "application/json":
        return JsonResponse({"error": {"vi": vi, "en": en}}, status=403)
    return refused(request, vi, en, status=403, retry_url=request.path)


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
