"""Settings of the exemplar portal.

Everything that differs between a laptop and a production server is read from the
environment (or from a ``.env`` file beside ``manage.py``); see ``.env.example`` and the
configuration table in README.md. The defaults give the embedded SQLite demo.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# A development key serves only with DEBUG on; anywhere else the portal refuses to start on
# a key the whole world can read (`make demo` makes a key of its own for its checkout).
SECRET_KEY = env.str("SECRET_KEY", default="")
# A developer's checkout keeps its own key in a file (`make demo` writes it), so that
# manage.py works there without an environment; production sets SECRET_KEY.
_KEY_FILE = Path(env.str("SECRET_KEY_FILE", default=str(BASE_DIR / ".secret-key")))
if not SECRET_KEY and _KEY_FILE.is_file():
    SECRET_KEY = _KEY_FILE.read_text().strip()
_PUBLIC_KEYS = {"", "change-me-to-a-long-random-string"}
if SECRET_KEY in _PUBLIC_KEYS or SECRET_KEY.startswith("django-insecure-"):
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY chưa được đặt (hoặc là khóa mẫu công khai): cổng không khởi động khi "
            "DEBUG tắt. Đặt SECRET_KEY trong môi trường hoặc tệp .env (xem docs/deployment.md). "
            "SECRET_KEY is not set or is a public example key; set it before starting with "
            "DEBUG off."
        )
    SECRET_KEY = SECRET_KEY or "django-insecure-exemplar-portal-development-only"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "registry",
    "campaigns",
    "reports",
    # Above the apps: the demo that loads each app's records in turn (load_demo).
    "exemplar_portal",
]

MIDDLEWARE = [
    # First, so that every answer and every security event carries the request's id.
    "registry.security.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "registry.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "registry.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "registry.auth.AbsoluteSessionLifetimeMiddleware",
    "registry.auth.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "exemplar_portal.urls"
WSGI_APPLICATION = "exemplar_portal.wsgi.application"
ASGI_APPLICATION = "exemplar_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "registry.context_processors.navigation",
                "registry.drafts.session_page",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A kept connection is checked before a request uses it, so that the first request after a
# database restart finds a fresh one instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when the web server and the task
    # worker touch the embedded database together.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Querysets read with .iterator() (a form's list of choices, exports) fetch their rows
    # at once instead of through a server-side cursor: three round trips fewer each, no
    # cursor left open when the connection ends under a page (that answered 500, not 503),
    # and ready for a transaction-pooling PgBouncer.
    DATABASES["default"].setdefault("DISABLE_SERVER_SIDE_CURSORS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "registry.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out user is refused before any check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Passwords; permissions come from the roles above, not from Django's tables.
    "registry.backends.PasswordBackend",
]
# Argon2id with the parameters OWASP's Password Storage Cheat Sheet gives (19 MiB, two
# passes, one lane): about 30 ms of a core per check where PBKDF2's million rounds take
# 300 ms, so that a morning's logins do not hold the web workers. Hashes made with PBKDF2
# still check, and are re-made with Argon2id at the next successful login.
PASSWORD_HASHERS = [
    "registry.auth.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "registry.auth.VietnameseCommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "registry:home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session ends after this many seconds without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
# Every request starts a new idle window, written at most this often (registry.auth.
# IdleSessionMiddleware), not on every page view as SESSION_SAVE_EVERY_REQUEST would.
SESSION_REFRESH_INTERVAL = env.int("SESSION_REFRESH_INTERVAL", default=60)
# Absolute lifetime: the session ends this long after signing in, however busy.
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed logins (django-axes), per user name and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Failures count on the log-in name as the portal matches it: without case.
AXES_USERNAME_CALLABLE = "registry.auth.axes_username"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Language and time: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["exemplar_portal.formats"]
# Selects and plain inputs drawn in Python with the HTML of Django's templates (faster lists).
FORM_RENDERER = "exemplar_portal.base.form_renderer.PortalFormRenderer"

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cong-dien-hinh@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work runs in `manage.py db_worker`: mail and imports on the "default" queue;
# large PDFs on "documents", served by a worker started with --max-tasks 1 and restarted
# after each render, because WeasyPrint keeps its memory after a big document.
TASK_QUEUES = ["default", "documents"]
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}

# Security headers. The HTTPS-only switches are off by default so that the embedded demo
# works over plain http on 127.0.0.1; production turns them on (see .env.example).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the portal uses stay off, even for a script that got in.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
    )
}

# Content-Security-Policy: no inline script or style anywhere; assets come from here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Portal rules that are settings rather than data.
PORTAL = {
    "PROVINCE_CODE": env.str("PORTAL_PROVINCE_CODE", default="37"),
    # Links in e-mails point here.
    "BASE_URL": env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000"),
    # Home Affairs' queue highlights submissions waiting longer than this.
    "REVIEW_OVERDUE_DAYS": env.int("REVIEW_OVERDUE_DAYS", default=15),
    # Users of this unit (the finance department) read every unit's budget totals.
    "FINANCE_UNIT_CODE": env.str("PORTAL_FINANCE_UNIT_CODE", default="37-STC"),
    # The unit whose address, phone and e-mail the sign-in page gives for help (registry/
    # identity.py): the Department of Home Affairs' Emulation and Commendation Board.
    "CONTACT_UNIT_CODE": env.str("PORTAL_CONTACT_UNIT_CODE", default="37-SNV-TDKT"),
    # Security events (sign-ins, refusals, personal data viewed or exported) are kept this
    # many days in the portal; purge_security_events removes older ones. The JSON log lines
    # are kept as long as the server's log retention says.
    "SECURITY_EVENT_RETENTION_DAYS": env.int("PORTAL_SECURITY_EVENT_RETENTION_DAYS", default=730),
    # Photos and documents of records (registry/file_quota.py, registry/attachments.py):
    # files per upload, files and bytes per record, bytes per unit (all its records), and
    # days a removed exemplar attachment is kept before purge_deleted_attachments deletes it.
    "ATTACHMENTS_PER_REQUEST": env.int("PORTAL_ATTACHMENTS_PER_REQUEST", default=10),
    "ATTACHMENTS_PER_RECORD": env.int("PORTAL_ATTACHMENTS_PER_RECORD", default=30),
    "ATTACHMENT_BYTES_PER_RECORD": env.int(
        "PORTAL_ATTACHMENT_BYTES_PER_RECORD", default=200 * 1024 * 1024
    ),
    "ATTACHMENT_BYTES_PER_UNIT": env.int(
        "PORTAL_ATTACHMENT_BYTES_PER_UNIT", default=5 * 1024 * 1024 * 1024
    ),
    "ATTACHMENT_RETENTION_DAYS": env.int("PORTAL_ATTACHMENT_RETENTION_DAYS", default=90),
    # A spreadsheet import without a sign of progress for this long is marked failed (its
    # worker stopped); the other import limits are in registry/spreadsheets/safety.py.
    "IMPORT_STALE_MINUTES": env.int("PORTAL_IMPORT_STALE_MINUTES", default=10),
    # Documents (reports/limits.py): characters of a record's free-text field printed (cut
    # at a word, with a note); documents estimated above DOCUMENT_INLINE_PAGES pages go to
    # the document worker; seconds a render may take in a web request (then the worker takes
    # it over) and on the worker; pages per kind of document, as
    # "exemplar_profile=60;unit_exemplars=300" (the rest keep their defaults).
    "DOCUMENT_FIELD_CHARS": env.int("PORTAL_DOCUMENT_FIELD_CHARS", default=20_000),
    "DOCUMENT_INLINE_PAGES": env.int("PORTAL_DOCUMENT_INLINE_PAGES", default=20),
    "DOCUMENT_RENDER_SECONDS": env.int("PORTAL_DOCUMENT_RENDER_SECONDS", default=20),
    "DOCUMENT_WORKER_SECONDS": env.int("PORTAL_DOCUMENT_WORKER_SECONDS", default=600),
    # Seconds the leaders' dashboard keeps its figures for readers of the same reach
    # (reports/dashboard.py, dashboard_for); the page says when they were computed.
    "DASHBOARD_CACHE_SECONDS": env.int("PORTAL_DASHBOARD_CACHE_SECONDS", default=60),
    "DOCUMENT_PAGE_LIMITS": env.dict(
        "PORTAL_DOCUMENT_PAGE_LIMITS", cast={"value": int}, default={}
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # One JSON object per line: what a log search tool reads without a parser.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "{asctime}{levelname}{name}{message}",
            "style": "{",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Security events (registry/security.py): sign-ins, refusals, personal data read.
        "portal.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # A locked-out or failed login is worth a line, not a traceback.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step; only its warnings matter.
        "weasyprint": {"level": "WARNING"},
    },
}
