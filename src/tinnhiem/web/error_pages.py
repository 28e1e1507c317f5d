"""The pages of a refusal Django raises itself: 403 (no permission), 404 (no such page, or a body
the user has no role on), 500 (a fault of the server). The site's layout, Vietnamese first
(English on the switch), each saying what the user can do next. The 500 page reads nothing from
the database (the fault may be the database): it is rendered without the request's context, so
neither the user nor the session is loaded."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language

from tinnhiem.core.i18n import choose

PAGES = {
    403: (
        ("Không có quyền", "Not allowed"),
        (
            "Tài khoản của bạn không có quyền xem trang này hoặc làm việc này.",
            "Your account may not see this page or do this.",
        ),
    ),
    404: (
        ("Không tìm thấy trang", "Page not found"),
        (
            "Trang này không có, đã bị xóa, hoặc thuộc một cơ quan mà bạn không có vai trò.",
            "This page does not exist, was deleted, or belongs to a body you have no role in.",
        ),
    ),
    500: (
        ("Máy chủ gặp lỗi", "Server error"),
        (
            "Máy chủ gặp lỗi khi xử lý yêu cầu; việc vừa làm có thể chưa được lưu. Hãy thử lại "
            "sau ít phút.",
            "The server failed while handling the request; what you just did may not be saved. "
            "Try again in a few minutes.",
        ),
    ),
}


def _context(status: int) -> dict[str, object]:
    title, explanation = PAGES[status]
    return {
        "status": status,
        "title": choose(*title),
        "explanation": choose(*explanation),
        "LANGUAGE_CODE": get_language(),
    }


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A PermissionDenied raised with a message (already in the user's language, as the
    programme pages raise it) shows that message above the general explanation."""
    detail = str(exception) if isinstance(exception, PermissionDenied) and exception.args else ""
    return render(request, "web/error.html", _context(403) | {"detail": detail}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", _context(404), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """No context processor runs: no user, no session, no query."""
    page = loader.get_template("web/error.html").render(_context(500) | {"is_bare": True})
    return HttpResponseServerError(page)
