"""An upload held between its preview and its confirmation (rosters, the member register).

The file is kept in the user's session with the body (and the kind of sheet) it was previewed
for and a one-time token that the preview page posts back. Confirming takes the file only when
the body, the kind and the token all match: a preview on one body cannot be confirmed on another,
and a second preview (in another tab) makes the first one's page stale instead of saving a file
its user never saw. A refused confirmation leaves the held file for the page that showed it."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from django.http import HttpRequest

PREVIEW_FIELD = "preview"


@dataclass(frozen=True)
class Pending:
    file_name: str
    content: bytes


def hold(
    request: HttpRequest, key: str, *, body_id: int, kind: str, file_name: str, content: bytes
) -> str:
    """Keep the file under `key` (replacing an earlier one); the token for the preview page."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {
        "body": body_id,
        "kind": kind,
        "token": token,
        "name": file_name,
        "data": base64.b64encode(content).decode(),
    }
    return token


def drop(request: HttpRequest, key: str) -> None:
    request.session.pop(key, None)


def take(request: HttpRequest, key: str, *, body_id: int, kind: str) -> Pending | None:
    """The held file when this confirmation is for the body, kind and preview that held it
    (it is then no longer held); otherwise None, and nothing changes."""
    held = request.session.get(key)
    token = request.POST.get(PREVIEW_FIELD, "")
    if not isinstance(held, dict) or not token:
        return None
    if held.get("body") != body_id or held.get("kind") != kind:
        return None
    if not secrets.compare_digest(str(held.get("token", "")), token):
        return None
    del request.session[key]
    return Pending(held["name"], base64.b64decode(held["data"]))


STALE = (
    "Bản xem trước này không còn hiệu lực (đã lưu, hoặc đã có bản xem trước khác): hãy chọn "
    "tệp và xem trước lại",
    "This preview is no longer valid (already saved, or another preview replaced it): choose "
    "the file and preview it again",
)
