"""Whether e-mail really leaves the server.

Django's console and file backends do not deliver mail: they write each message, body
included, to the process's output or to a file. An e-vote invitation's body holds a voting
code, and gunicorn's output is a log; so every sender refuses to run unless the deployment
configured a backend that delivers (SMTP by default through TINNHIEM_EMAIL_BACKEND, or any
other). The default backend discards mail, so a fresh install neither prints nor sends any.
The tests' in-memory backend (locmem) writes nowhere and counts as delivering.
"""

from __future__ import annotations

from django.conf import settings

from tinnhiem.core.errors import WrongState

NOT_DELIVERING = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    }
)


class MailNotConfigured(WrongState):
    """No e-mail backend that delivers is configured."""


def is_mail_configured() -> bool:
    return settings.EMAIL_BACKEND not in NOT_DELIVERING


def require_mail() -> None:
    """Refuse to send when mail would be printed, written to a file or dropped."""
    if not is_mail_configured():
        raise MailNotConfigured(
            "Chưa cấu hình máy chủ thư (TINNHIEM_EMAIL_BACKEND, TINNHIEM_EMAIL_HOST): không gửi "
            "thư nào. Thư không được in ra nhật ký vì có thể chứa mã bỏ phiếu; hãy in thư mời "
            "(PDF) hoặc nhờ quản trị cấu hình máy chủ thư.",
            "No mail server is configured (TINNHIEM_EMAIL_BACKEND, TINNHIEM_EMAIL_HOST): nothing "
            "is sent. Mail is never printed to a log, as it may hold a voting code; print the "
            "letters (PDF) or ask the administrator to configure mail.",
        )
