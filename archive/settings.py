"""Settings for the declassified-memo archive.

One module for every deployment. Each choice is read from the environment, with defaults that
are safe for one machine: SQLite and a Whoosh index under ARCHIVE_DATA_DIR, DEBUG off.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from archive.search.registry import ENGINES

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    """Read a comma-separated environment variable as a list of stripped items."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# All state (database, search index, media, derived images) lives under one folder.
DATA_DIR = Path(os.environ.get("ARCHIVE_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key():
    """SECRET_KEY from the environment, else one generated once and kept in DATA_DIR."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Written with O_EXCL so two processes starting at once agree on one key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "archive.views.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "haystack",
    "simple_history",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive.security.StripNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "archive.security.SecurityHeadersMiddleware",
    "archive.security.LoginRateLimitMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL switches the database (postgres://user:pass@host/db); SQLite by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'archive.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one process writes; IMMEDIATE transactions take the write
    # lock up front, so two writers queue on the busy timeout instead of failing mid-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ARCHIVE_TEST_DB") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _search_connection(url):
    """Turn SEARCH_URL into a haystack connection (its scheme names an engine of
    archive/search/registry.py).

    whoosh:///path (the default), xapian:///path, or elasticsearch://host:9200/index
    (elasticsearch+https://user:password@host:9200/index for TLS).
    """
    parts = urlsplit(url)
    name, _plus, transport = parts.scheme.partition("+")
    if name in ("whoosh", "xapian") and not transport:
        return {"ENGINE": ENGINES[name].haystack, "PATH": parts.path or str(DATA_DIR / name)}
    if name == "elasticsearch" and transport in ("", "http", "https"):
        index = parts.path.strip("/")
        if not parts.netloc or not index or "/" in index:
            raise ImproperlyConfigured(
                "SEARCH_URL must name a host and one index: elasticsearch://host:9200/index"
            )
        scheme = "https" if parts.scheme.endswith("https") else "http"
        return {
            "ENGINE": ENGINES["elasticsearch"].haystack,
            "URL": f"{scheme}://{parts.netloc}/",
            "INDEX_NAME": index,
        }
    raise ImproperlyConfigured(
        f"SEARCH_URL scheme {parts.scheme!r} is not supported: use whoosh:///path, "
        "xapian:///path or elasticsearch://host:9200/index"
    )


SEARCH_URL = os.environ.get("SEARCH_URL", f"whoosh://{DATA_DIR / 'whoosh'}")
HAYSTACK_CONNECTIONS = {"default": _search_connection(SEARCH_URL)}
# Index updates go through archive.search.queue, never through haystack's signal processor.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# How queued index updates are applied after a commit: "thread" (a background thread of the
# process, so no request waits on the index), "inline" (at once, in the caller; tests and
# commands), or "off" (left for another process: any later save, ingest or `manage.py reconcile`).
ARCHIVE_INDEX_MODE = os.environ.get("ARCHIVE_INDEX_MODE", "thread")
# Bulk loads (`manage.py ingest`) index with this many worker processes (default: one per
# core), each with this many MB for sorting postings (about 0.2 MB per memo; past it a worker
# sorts on disk, ~15% slower), in writers of up to this many memos.
ARCHIVE_INDEX_PROCS = int(os.environ.get("ARCHIVE_INDEX_PROCS", "0")) or os.cpu_count() or 1
ARCHIVE_INDEX_LIMITMB = int(os.environ.get("ARCHIVE_INDEX_LIMITMB", "512"))
ARCHIVE_INDEX_WRITER_DOCS = int(os.environ.get("ARCHIVE_INDEX_WRITER_DOCS", "32000"))
# Loads smaller than this use one plain writer (starting worker processes would cost more).
ARCHIVE_INDEX_PARALLEL_FROM = int(os.environ.get("ARCHIVE_INDEX_PARALLEL_FROM", "1000"))
ARCHIVE_RESULTS_PER_PAGE = 20
# Pseudo-relevance feedback on plain-word searches (archive/search/feedback.py): "docs,terms,weight"
# (e.g. "5,10,0.2"); empty: off (measured, it did not help enough to be the default).
ARCHIVE_SEARCH_FEEDBACK = os.environ.get("ARCHIVE_SEARCH_FEEDBACK", "")
# A page beyond this many results is refused: deep pages cost the engine and serve nobody.
ARCHIVE_MAX_RESULT_WINDOW = 10_000

# OAI-PMH (/oai): the repository's name in its record identifiers (oai:NAME:slug, a domain
# name that must not change once harvested), the address harvesters write to, and how many
# records one answer holds before a resumption token.
ARCHIVE_OAI_NAMESPACE = os.environ.get("ARCHIVE_OAI_NAMESPACE", "declassified-memos.example.org")
ARCHIVE_OAI_ADMIN_EMAIL = os.environ.get("ARCHIVE_OAI_ADMIN_EMAIL", "archive@example.org")
ARCHIVE_OAI_PAGE_SIZE = int(os.environ.get("ARCHIVE_OAI_PAGE_SIZE", "100"))

# How uploaded scans are processed (OCR, extraction) outside the web request: "thread" (a
# background thread of the web process, started after the upload commits, so the plain
# runserver command processes uploads), "inline" (at once in the caller; tests), or "off" (left
# to `manage.py worker`, the way to run them in production with several web workers).
ARCHIVE_JOBS_MODE = os.environ.get("ARCHIVE_JOBS_MODE", "thread")
# Largest upload accepted in the admin (one file), and Tesseract's language(s), e.g. "eng+fra".
ARCHIVE_MAX_UPLOAD_BYTES = int(os.environ.get("ARCHIVE_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))
ARCHIVE_OCR_LANGUAGE = os.environ.get("ARCHIVE_OCR_LANGUAGE", "eng")
# The longest text one memo may have, in characters, however it comes in (text file, JSONL
# line, upload, admin form, OCR of a scan): about seven times the longest memo of the corpus
# (285,623). A longer text is refused with the reason (archive/ingest/limits.py).
ARCHIVE_MAX_TEXT_CHARS = int(os.environ.get("ARCHIVE_MAX_TEXT_CHARS", 2_000_000))
# The memo page shows a longer text in parts of about this many characters, cut at a line.
ARCHIVE_MEMO_PART_CHARS = int(os.environ.get("ARCHIVE_MEMO_PART_CHARS", 100_000))
# A form posted in the admin may carry a text at that limit (Django's default is 2.5 MB); an
# upload's files are not counted here (ARCHIVE_MAX_UPLOAD_BYTES).
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, ARCHIVE_MAX_TEXT_CHARS * 3 + 1024 * 1024)
# A running job silent this long (its worker died) is queued again, up to 3 attempts.
ARCHIVE_JOB_STALE_SECONDS = int(os.environ.get("ARCHIVE_JOB_STALE_SECONDS", 15 * 60))

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
# Thumbnails and zoom sizes of page images, made once and served only through the IIIF views.
ARCHIVE_DERIVATIVES_DIR = DATA_DIR / "derivatives"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("ARCHIVE_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Hashed, compressed static files need `collectstatic` first (production sets
# ARCHIVE_MANIFEST_STATIC=1); otherwise WhiteNoise serves them straight from static/.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "admin:login"

# ARCHIVE_ENV=production: behind a TLS-terminating proxy, served by gunicorn
# (archive/gunicorn.conf.py) with hashed, compressed static files (run collectstatic first),
# cookies sent over HTTPS only and HSTS. The default (development) keeps plain http on
# 127.0.0.1 working for the run command.
ARCHIVE_ENV = os.environ.get("ARCHIVE_ENV", "development")
if ARCHIVE_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("ARCHIVE_ENV must be 'development' or 'production'")
if ARCHIVE_ENV == "production":
    if "ALLOWED_HOSTS" not in os.environ:
        raise ImproperlyConfigured(
            "ARCHIVE_ENV=production needs ALLOWED_HOSTS (the site's host names, comma-separated)"
        )
    STORAGES["staticfiles"]["BACKEND"] = (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("ARCHIVE_MANIFEST_STATIC", True)
        else STORAGES["staticfiles"]["BACKEND"]
    )
    WHITENOISE_USE_FINDERS = False
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    # The proxy says whether the client came over HTTPS; trust it only there.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_REFERRER_POLICY = "same-origin"

# A cache every process shares (login throttling must hold across web workers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}
# Failed logins allowed per username and per client address within the window (seconds);
# see archive/security.py.
ARCHIVE_LOGIN_PATHS = ["/admin/login/"]
ARCHIVE_LOGIN_MAX_FAILURES = int(os.environ.get("ARCHIVE_LOGIN_MAX_FAILURES", "5"))
ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("ARCHIVE_LOGIN_MAX_FAILURES_PER_ADDRESS", "20")
)
ARCHIVE_LOGIN_WINDOW = 15 * 60
# Error reports readers may send from one client address within the window (seconds).
ARCHIVE_REPORTS_PER_ADDRESS = int(os.environ.get("ARCHIVE_REPORTS_PER_ADDRESS", "5"))
ARCHIVE_REPORT_WINDOW = 60 * 60
# How many proxies in front of the web workers append to X-Forwarded-For (nginx: 1; a load
# balancer in front of it: 2). 0, the default, takes the client's address from the connection
# (REMOTE_ADDR): right when nothing stands in between, and the only safe reading of a header
# that clients can write themselves.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
except ValueError:
    TRUSTED_PROXY_COUNT = -1
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number, 0 or more")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "archive": {"handlers": ["console"], "level": os.environ.get("ARCHIVE_LOG_LEVEL", "INFO")},
        # Server errors with their tracebacks, in every environment (Django's default sends
        # them only to ADMINS by mail when DEBUG is off, so production would log nothing).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
