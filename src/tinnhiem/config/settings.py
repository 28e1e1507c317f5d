"""Settings, all from the environment.

TINNHIEM_HOME   where the embedded SQLite database and uploads live (default ./var)
DATABASE_URL    selects another database, e.g. postgres://user@127.0.0.1:5432/tinnhiem
TINNHIEM_DEBUG  "1" turns DEBUG on (never in production)
TINNHIEM_SECRET_KEY  the site's secret key (default: the file $TINNHIEM_HOME/secret_key, made on
                     first use)
TINNHIEM_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
TINNHIEM_EMAIL_BACKEND  Django e-mail backend, e.g. django.core.mail.backends.smtp.EmailBackend
                        (default: none, mail is discarded and every sender refuses to run; the
                        console and file backends are refused too: they would write bodies,
                        voting codes included, to a log); smtp: TINNHIEM_EMAIL_HOST, _PORT,
                        _USER, _PASSWORD, _USE_TLS ("1"), TINNHIEM_EMAIL_FROM (the sender)
TINNHIEM_EVOTE_MIN_BALLOTS  the fewest electronic ballots a channel may expect at set-up and
                    decrypt at the close without the counting board's recorded decision
                    (default 10; docs/evote.md, "Small electronic channels")
TINNHIEM_REDIS_URL  the cache shared by every worker, e.g. redis://127.0.0.1:6379/0 (set it when
                    gunicorn runs several workers: the e-vote's limits count there, and
                    config/gunicorn.py refuses several workers without it; default: the memory
                    of the one process)
TINNHIEM_AUDIT_KEY  the audit chain's HMAC key, at least 32 characters, the same for every process
                    (default: the file $TINNHIEM_HOME/audit_key, made on first use)
TINNHIEM_AUDIT_RETIRED_KEYS  comma-separated earlier audit keys, to verify the rows they keyed
TINNHIEM_SESSION_HOURS  how long a log-in lasts (default 8); it also ends when the browser closes
TINNHIEM_HSTS_SECONDS  Strict-Transport-Security max-age on HTTPS responses (default a year; 0: off)
TINNHIEM_HSTS_INCLUDE_SUBDOMAINS  "1" adds includeSubDomains
TINNHIEM_ATTACHMENT_MAX_MB  the largest evidence file or self-assessment report (default 10)
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

from tinnhiem import keyfile, limits

DEBUG = os.environ.get("TINNHIEM_DEBUG") == "1"
HOME = Path(os.environ.get("TINNHIEM_HOME", "var")).resolve()


def _secret_key() -> str:
    """TINNHIEM_SECRET_KEY, else the home's own key file ($TINNHIEM_HOME/secret_key, made on
    first use), so that every command of a home signs with the key its server uses. Several
    servers sharing one database must share one key: set TINNHIEM_SECRET_KEY on each."""
    key = os.environ.get("TINNHIEM_SECRET_KEY", "")
    if key:
        return key
    path = HOME / "secret_key"
    try:
        return keyfile.read_or_create(path)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"Không đọc hoặc tạo được khoá bí mật {path} ({exc.strerror}): đặt TINNHIEM_SECRET_KEY"
            f" hoặc cho phép ghi vào TINNHIEM_HOME. / Cannot read or create the secret key {path}"
            f" ({exc.strerror}): set TINNHIEM_SECRET_KEY or make TINNHIEM_HOME writable."
        ) from exc


SECRET_KEY = _secret_key()

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
    "tinnhiem.programmes",
    "tinnhiem.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # the headers of every page, before any middleware that may answer by itself (the 413 of
    # the upload limit): each response passes back through them
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tinnhiem.web.middleware.ContentSecurityPolicyMiddleware",
    "tinnhiem.web.middleware.VoterReferrerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tinnhiem.web.middleware.LanguageMiddleware",
    "tinnhiem.web.upload_limit.UploadLimitMiddleware",  # before anything reads the body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]
# a refused CSRF check is the site's own page (web/refusals.py), not Django's bare English one
CSRF_FAILURE_VIEW = "tinnhiem.web.refusals.csrf_failure"

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
    # secure_delete: a deleted row's bytes are overwritten with zeros, not left in a free page;
    # the e-vote's close relies on it to forget the order in which ballots were cast
    # (docs/evote.md, "Secrecy by construction"). Set on every connection, not left to the
    # compile-time default.
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work goes through Django's task framework; the database backend keeps the queues in
# the same database, and `tinnhiem manage db_worker --queue-name Q` runs one: "default" reads
# scanned ballots, "exports" writes the member register's exports (minutes for a province, in
# a worker of their own so that they never hold up the reading of ballots).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TINNHIEM_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "exports"],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id at OWASP's setting (accounts/hashers.py: why not Django's default); hashes made with
# Django's default Argon2 parameters (the same "argon2" prefix) or PBKDF2 still verify and are
# rewritten at the next log-in
PASSWORD_HASHERS = [
    "tinnhiem.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Passwords (accounts/passwords.py): 12 characters at least, not like the user's name, not in
# the common list, not only digits, not a guessable word with digits added ("Tinnhiem2026").
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "tinnhiem.accounts.passwords.MinimumLength",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tinnhiem.accounts.passwords.ContextWordsValidator"},
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
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Django's default (300 entries, then a third culled) would let a guesser who makes
            # up new devices and codes push the booth's counters out (evote/limits.py)
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
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
# A link followed to another site sends no address of ours (a session's, a person's page); the
# voters' pages (/e/…) send none at all (web/middleware.py: VoterReferrerMiddleware).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# The electronic ballot's secrecy of small channels (evote/smallchannel.py): a channel expecting
# fewer ballots is refused at set-up, and fewer cast ballots are decrypted only on the counting
# board's recorded decision (docs/evote.md, "Small electronic channels").
TINNHIEM_EVOTE_MIN_BALLOTS = int(os.environ.get("TINNHIEM_EVOTE_MIN_BALLOTS", "10"))
if TINNHIEM_EVOTE_MIN_BALLOTS < 1:
    raise ImproperlyConfigured("TINNHIEM_EVOTE_MIN_BALLOTS ≥ 1")

# E-mail (the e-vote's invitations, the evaluation reminders). Nothing is sent until a
# delivering backend is configured: the default discards, and core/mail.require_mail refuses
# to send through it, the console or the file backend (they would write each body, a voting
# code included, to a log or a file).
EMAIL_BACKEND = os.environ.get(
    "TINNHIEM_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_HOST = os.environ.get("TINNHIEM_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("TINNHIEM_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("TINNHIEM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TINNHIEM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("TINNHIEM_EMAIL_USE_TLS") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("TINNHIEM_EMAIL_FROM", "tinnhiem@localhost")

_LOG_LEVEL = os.environ.get("TINNHIEM_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # no line per request on the electronic ballot's paths (config/logfilters.py); Django's own
    # loggers are named so that they lose the handlers of its default configuration
    "filters": {"voting_paths": {"()": "tinnhiem.config.logfilters.VotingPathsUnlogged"}},
    "formatters": {
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["voting_paths"]},
        "server": {
            "class": "logging.StreamHandler",
            "filters": ["voting_paths"],
            "formatter": "server",
        },
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": _LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
}

# The audit chain's key (audit/keys.py): each row is an HMAC under a key kept out of the
# database, so a row written with database rights alone does not verify. Unset, the key is the
# file $TINNHIEM_HOME/audit_key, made the first time a row is written; processes on several
# machines must then share one key through TINNHIEM_AUDIT_KEY. Retired keys only verify.
AUDIT_KEY = os.environ.get("TINNHIEM_AUDIT_KEY", "")
AUDIT_RETIRED_KEYS = [
    key.strip()
    for key in os.environ.get("TINNHIEM_AUDIT_RETIRED_KEYS", "").split(",")
    if key.strip()
]
AUDIT_KEY_FILE = HOME / "audit_key"

# Browser-side defences (docs/deployment.md, "Accounts, sessions and the audit key").
# Content-Security-Policy on every page (web/middleware.py): no inline script or style anywhere,
# so an injected <script> or style attribute does nothing; the booth sets its own, stricter one.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# HSTS on responses served over HTTPS (directly, or behind the proxy with TINNHIEM_BEHIND_PROXY):
# a year by default; TINNHIEM_HSTS_SECONDS=0 turns it off while trying HTTPS out.
SECURE_HSTS_SECONDS = int(os.environ.get("TINNHIEM_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("TINNHIEM_HSTS_INCLUDE_SUBDOMAINS") == "1"
# A log-in lasts a working day, not Django's two weeks, and ends when the browser closes (a
# shared office PC); the server forgets it after the hours whatever the browser keeps.
SESSION_COOKIE_AGE = int(float(os.environ.get("TINNHIEM_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Evidence and self-assessment reports (core/attachments.py): PDF, Office Open XML, OpenDocument,
# JPEG or PNG, up to this size; stored under MEDIA_ROOT, which nothing serves (MEDIA_URL is never
# routed): only views that check access send them, as downloads.
ATTACHMENT_MAX_BYTES = int(float(os.environ.get("TINNHIEM_ATTACHMENT_MAX_MB", "10")) * 1_000_000)
# The register's exports (members/exports.py) are made by the background worker into
# MEDIA_ROOT/exports, downloaded by the user who asked, and deleted after this many hours.
REGISTER_EXPORT_HOURS = float(os.environ.get("TINNHIEM_REGISTER_EXPORT_HOURS", "24"))
