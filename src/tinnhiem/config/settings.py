"""Settings, all from the environment.

TINNHIEM_HOME   where the embedded SQLite database and uploads live (default ./var)
DATABASE_URL    selects another database, e.g. postgres://user@127.0.0.1:5432/tinnhiem
TINNHIEM_DEBUG  "1" turns DEBUG on (never in production)
TINNHIEM_SECRET_KEY  required unless DEBUG is on
TINNHIEM_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
TINNHIEM_EMAIL_BACKEND  Django e-mail backend (default: the console, which prints the mail);
                        smtp: TINNHIEM_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS ("1"),
                        TINNHIEM_EMAIL_FROM (the sender)
TINNHIEM_REDIS_URL  the cache shared by every worker, e.g. redis://127.0.0.1:6379/0 (set it when
                    gunicorn runs several workers: the e-vote's limits count there; default: the
                    memory of each process)
Upload limits (tinnhiem/limits.py, docs/deployment.md "Upload limits"):
TINNHIEM_MAX_UPLOAD_MB         one request with a spreadsheet, report or evidence (default 10)
TINNHIEM_MAX_SCAN_UPLOAD_MB    one request of scanned ballots, all its files (default 200)
TINNHIEM_MAX_SHEET_ROWS        rows of an imported sheet, blank formatted ones too (default 10000)
TINNHIEM_MAX_XLSX_EXPANDED_MB  an XLSX file once uncompressed (default 30)
TINNHIEM_MAX_SCAN_MEGAPIXELS   one scanned page or TIFF frame (default 150)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from tinnhiem import limits

DEBUG = os.environ.get("TINNHIEM_DEBUG") == "1"
HOME = Path(os.environ.get("TINNHIEM_HOME", "var")).resolve()

SECRET_KEY = os.environ.get("TINNHIEM_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Thiếu TINNHIEM_SECRET_KEY: đặt biến môi trường này (hoặc TINNHIEM_DEBUG=1 khi phát triển)."
            " / TINNHIEM_SECRET_KEY is not set: set it (or TINNHIEM_DEBUG=1 for development)."
        )
    SECRET_KEY = "insecure-development-key-only-with-TINNHIEM_DEBUG"  # noqa: S105

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("TINNHIEM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("TINNHIEM_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tinnhiem.core",
    "tinnhiem.audit",
    "tinnhiem.accounts",
    "tinnhiem.bodies",
    "tinnhiem.votes",
    "tinnhiem.scans",
    "tinnhiem.evote",
    "tinnhiem.members",
    "tinnhiem.evaluations",
    "tinnhiem.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tinnhiem.web.middleware.LanguageMiddleware",
    "tinnhiem.web.upload_limit.UploadLimitMiddleware",  # before anything reads the body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tinnhiem.config.urls"
WSGI_APPLICATION = "tinnhiem.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{HOME / 'tinnhiem.sqlite3'}"
if "DATABASE_URL" not in os.environ:
    HOME.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (reading scanned ballots) goes through Django's task framework; the database
# backend keeps the queue in the same database, and `tinnhiem manage db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TINNHIEM_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed log-ins; the counters live in the database, so every process
# sees them.
# The cache holds only short-lived counters (core/counters.py): refused voting codes per address,
# challenges per code. With several worker processes they must share one cache.
REDIS_URL = os.environ.get("TINNHIEM_REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tinnhiem",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AXES_FAILURE_LIMIT = int(os.environ.get("TINNHIEM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
MEDIA_ROOT = HOME / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Upload limits. The middleware and the readers ask tinnhiem.limits each time (the commands
# without a database read the same variables); reading them here stops a wrong value at start-up.
try:
    UPLOAD_LIMITS = limits.current()
except limits.BadLimit as exc:
    raise ImproperlyConfigured(str(exc)) from exc
DATA_UPLOAD_MAX_NUMBER_FILES = limits.MAX_FILES_PER_REQUEST

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = os.environ.get("TINNHIEM_SECURE_COOKIES") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
TINNHIEM_BEHIND_PROXY = os.environ.get("TINNHIEM_BEHIND_PROXY") == "1"
if TINNHIEM_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# E-mail (the evaluation reminders): printed to the console unless a backend is configured.
EMAIL_BACKEND = os.environ.get(
    "TINNHIEM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("TINNHIEM_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("TINNHIEM_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("TINNHIEM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TINNHIEM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("TINNHIEM_EMAIL_USE_TLS") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("TINNHIEM_EMAIL_FROM", "tinnhiem@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TINNHIEM_LOG_LEVEL", "WARNING")},
}
