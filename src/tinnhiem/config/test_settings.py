"""Settings for the test suite: the real settings with a throwaway secret key and home."""

import os
import tempfile

os.environ.setdefault("TINNHIEM_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("TINNHIEM_AUDIT_KEY", "tests-only-audit-key-not-secret-0123456789")
os.environ.setdefault("TINNHIEM_HOME", tempfile.mkdtemp(prefix="tinnhiem-test-"))

from tinnhiem.config.settings import *  # noqa: F403

AXES_FAILURE_LIMIT = 3

# Tasks run when their transaction commits, in the test process (one test runs the real worker).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "exports"],
    }
}

# E-mail stays in memory (django.core.mail.outbox).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
