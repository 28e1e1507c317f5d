"""Refuse a request larger than its upload limit before anything reads its body: the CSRF
check would otherwise parse it, writing every file to disk. Scanned ballots (the scan page) may
send `scan_upload_bytes`, every other page `upload_bytes` (`tinnhiem.limits`).

The refused body is still read and thrown away (up to `DRAIN_BYTES`) in small chunks: a server
that answers while the browser is still sending makes the browser show "connection reset"
instead of the message. Its first chunk gives the names of the files, for the message."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from tinnhiem import limits
from tinnhiem.web.refusals import refused

SCAN_UPLOADS = {"scans"}  # URL names of the pages that take scanned ballots
DRAIN_BYTES = 1024 * limits.MB
CHUNK = 64 * 1024
_FILE_NAME = re.compile(rb'filename="([^"\r\n]{1,200})"')


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        size = _declared_size(request)
        if size:
            limit = _limit_for(request)
            if size > limit:
                return _refuse(request, size, limit)
        return self.get_response(request)


def _declared_size(request: HttpRequest) -> int:
    """The body's declared length (Django reads no more than that; without it, nothing)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _limit_for(request: HttpRequest) -> int:
    now = limits.current()
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        return now.upload_bytes
    return now.scan_upload_bytes if name in SCAN_UPLOADS else now.upload_bytes


def _refuse(request: HttpRequest, size: int, limit: int) -> HttpResponse:
    names = _drain(request, size)
    sent_vi, most_vi = limits.megabytes(size), limits.megabytes(limit)
    sent_en, most_en = limits.megabytes(size, english=True), limits.megabytes(limit, english=True)
    files_vi = f" (tệp {', '.join(f'«{n}»' for n in names)})" if names else ""
    files_en = f" (file {', '.join(repr(n) for n in names)})" if names else ""
    return refused(
        request,
        f"Dữ liệu gửi lên quá lớn: {sent_vi}{files_vi}, tối đa {most_vi} mỗi lần. Hãy chia "
        "thành nhiều tệp nhỏ hơn hoặc tải lên nhiều lần.",
        f"The upload is too large: {sent_en}{files_en}, at most {most_en} at a time. Split it "
        "into smaller files or upload them in several goes.",
        status=413,
    )


def _drain(request: HttpRequest, size: int) -> list[str]:
    """Read and drop the body; the names of the files found in its first chunk."""
    stream = request.META.get("wsgi.input")
    if stream is None:
        return []
    left = min(size, DRAIN_BYTES)
    first = b""
    while left > 0:
        chunk = stream.read(min(CHUNK, left))
        if not chunk:
            break
        first = first or chunk
        left -= len(chunk)
    found = (m.decode("utf-8", "replace") for m in _FILE_NAME.findall(first))
    return list(dict.fromkeys(name for name in found if name))[:5]
