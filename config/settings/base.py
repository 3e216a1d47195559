"""Settings shared by every environment, read from environment variables.

The defaults give the embedded setup of `make run`: SQLite, a filesystem Celery
broker, mail printed to the console. Production overrides them through the
environment (see README) and `config.settings.production`.
"""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Our apps come first so that their Vietnamese catalogues take precedence over Django's own
# for shared words ("active", "name"), and their templates over third-party ones.
INSTALLED_APPS = [
    "common",
    "exports",
    "units",
    "accounts",
    "awards",
    "campaigns",
    "emulation",
    "reminders",
    "dossiers",
    "councils",
    "decisions",
    "certificates",
    "reports",
    "privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "treebeard",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into our page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "units.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A transaction per request only for requests that may write (common.middleware): a page that only
# reads runs in autocommit, without the BEGIN and COMMIT round trips (under READ COMMITTED a
# transaction gives a page's statements no common snapshot anyway), and on SQLite without the write
# lock. The test settings wrap every request instead (config/settings/test.py).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
MIDDLEWARE.append("common.middleware.AtomicWritesMiddleware")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers and the Celery worker share one file:
    # - WAL lets readers go on while one connection writes;
    # - every transaction takes the write lock when it starts (BEGIN IMMEDIATE), so a
    #   transaction that read first never fails to upgrade its lock ("database is locked");
    # - a writer waits up to SQLITE_BUSY_TIMEOUT seconds for the lock instead of failing.
    SQLITE_BUSY_TIMEOUT = env.int("SQLITE_BUSY_TIMEOUT", default=30)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000}; PRAGMA foreign_keys=ON;",
    )
    DATABASES["default"]["OPTIONS"].setdefault("timeout", SQLITE_BUSY_TIMEOUT)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")

# --- Read replica (common.replica) ----------------------------------------------------
# With DATABASE_REPLICA_URL (a PostgreSQL streaming replica) the read-only pages below read from it;
# writes, logins and every other page use the primary. A replica that cannot be reached, or replays more
# than DATABASE_REPLICA_MAX_LAG_SECONDS behind, is skipped (probed again every DATABASE_REPLICA_CHECK_SECONDS).
DATABASE_REPLICA_ALIAS = ""
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASE_REPLICA_ALIAS = "replica"
    DATABASES[DATABASE_REPLICA_ALIAS] = env.db("DATABASE_REPLICA_URL")
    DATABASES[DATABASE_REPLICA_ALIAS].update(
        CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"], CONN_HEALTH_CHECKS=True, ATOMIC_REQUESTS=False
    )
    if DATABASES[DATABASE_REPLICA_ALIAS]["ENGINE"].endswith("postgresql"):
        DATABASES[DATABASE_REPLICA_ALIAS].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
DATABASE_ROUTERS = ["common.replica.ReplicaRouter"] if DATABASE_REPLICA_ALIAS else []
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", default=10.0)
DATABASE_REPLICA_CHECK_SECONDS = env.float("DATABASE_REPLICA_CHECK_SECONDS", default=5.0)
# GET pages that only read (namespace:name): the dashboard, searches, reports and exports.
DATABASE_REPLICA_URL_NAMES = frozenset(
    env.list(
        "DATABASE_REPLICA_URL_NAMES",
        default=[
            "reports:dashboard",
            "reports:dashboard-export",
            "reports:fairness",
            "reports:figures",
            "reports:figures-export",
            "reports:review",
            "awards:search",
            "verify:search",
            "units:unit-export",
            "units:person-export",
            "dossiers:queue-export",
        ],
    )
)
if DATABASE_REPLICA_ALIAS:
    MIDDLEWARE.append("common.replica.ReplicaReadsMiddleware")

# One JSON line per request (common.ops.RequestLogMiddleware) on the portal.requests logger.
PORTAL_REQUEST_LOG = env.bool("PORTAL_REQUEST_LOG", default=False)
if PORTAL_REQUEST_LOG:
    MIDDLEWARE.insert(1, "common.ops.RequestLogMiddleware")
# A cache every node shares (Redis) when CACHE_REDIS_URL is set; else files under var/cache/, which
# the gunicorn workers and Celery of one machine (`make run`) share with nothing to start: a
# dashboard computed by one worker is served by the other for its minute (REPORTS_CACHE_SECONDS).
CACHE_REDIS_URL = env("CACHE_REDIS_URL", default="")
if CACHE_REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "units:home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploads and generated documents: the disk under MEDIA_ROOT, or an S3-compatible store when S3_BUCKET is set
# (django-storages; S3_ENDPOINT_URL for a store other than AWS, e.g. MinIO or Ceph). Files stay private:
# they are downloaded through the scoped views (common.views.file_download), never from the bucket's URL.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
            "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env("S3_REGION", default="us-east-1"),
            "addressing_style": "path",
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "location": env("S3_PREFIX", default=""),
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads (Excel imports, deliverables) are capped; the form checks content, not the name.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The dashboard's figures (reports.selectors) are kept this many seconds per scope, filters and day:
# a minute-old count of a province's deadlines is acceptable there; 0 switches the cache off.
REPORTS_CACHE_SECONDS = env.int("REPORTS_CACHE_SECONDS", default=60)
PORTAL_IMPORT_MAX_BYTES = env.int("PORTAL_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
PORTAL_UPLOAD_MAX_BYTES = env.int("PORTAL_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# An import preview not confirmed within this many hours is cancelled (and its uploaded file removed);
# the rows of finished imports (personal data) are dropped after PORTAL_IMPORT_KEEP_DAYS.
PORTAL_IMPORT_PREVIEW_HOURS = env.int("PORTAL_IMPORT_PREVIEW_HOURS", default=24)
PORTAL_IMPORT_KEEP_DAYS = env.int("PORTAL_IMPORT_KEEP_DAYS", default=30)
# A spreadsheet whose parts unpack to more than this is refused before parsing (common.excel).
PORTAL_IMPORT_MAX_UNPACKED_BYTES = env.int("PORTAL_IMPORT_MAX_UNPACKED_BYTES", default=80 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=60) * 60
# Pushed forward at most once a minute (accounts.middleware.IdleSessionMiddleware), not on every request.
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"

# --- Logins ---------------------------------------------------------------------------
# django-axes: after AXES_FAILURE_LIMIT failures an account, and separately an address, is
# locked for AXES_COOLOFF_MINUTES; a successful login clears the account's failures.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_VERBOSE = False
# Behind reverse proxies: how many of them append to X-Forwarded-For (0: the client is REMOTE_ADDR).
PORTAL_TRUSTED_PROXIES = env.int("PORTAL_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.ip.client_ip"
# Roles that must pass a second factor (TOTP app or a recovery code) after the password;
# an AccountRole value ("admin") or a role at a kind of unit ("officer:education_department",
# a Sở officer). Everybody else may turn it on.
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=["admin", "officer:education_department"])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Cổng thi đua khen thưởng")
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)

# --- Content-Security-Policy (django-csp 4): no inline script, no foreign origin. ----------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Email -------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Cổng thi đua khen thưởng <thiduakhenthuong@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# The public address of the portal: absolute links in emails and the verification URL in the QR code
# printed on every certificate (set it before printing: a printed certificate keeps its URL).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# --- Celery -------------------------------------------------------------------------
# Without REDIS_URL the broker is kombu's filesystem transport under var/: nothing to
# install or start for `make run`. Production sets REDIS_URL.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if not REDIS_URL:
    _celery_dir = VAR_DIR / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# An Excel export of at most this many rows is answered at once; a larger one becomes a background
# job (exports.services): the worker writes the file and the page shows its progress, then a download.
EXPORT_INLINE_ROWS = env.int("EXPORT_INLINE_ROWS", default=2000)
# --- Deadline reminders (reminders.services) ----------------------------------
# Days before the (effective) due date a unit's clerk and head are reminded; negative = overdue.
# The unit above hears of late units on the overdue offsets.
REMINDER_OFFSETS = env.list("REMINDER_OFFSETS", cast=int, default=[14, 7, 3, 1, 0, -1, -7])
# A tick that runs late still sends the most recent missed offset when its day is at most this old.
REMINDER_CATCH_UP_DAYS = env.int("REMINDER_CATCH_UP_DAYS", default=7)
REMINDER_TICK_SECONDS = env.int("REMINDER_TICK_SECONDS", default=300)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=5)
# Retry after a failed send: base × 2^(attempts − 1).
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=300)
# A waiting dispatch handed to the broker but not claimed by then is handed over again.
REMINDER_REQUEUE_AFTER_SECONDS = env.int("REMINDER_REQUEUE_AFTER_SECONDS", default=600)
# A worker's claim that never reached the mail server within this goes back to the queue (next tick).
REMINDER_CLAIM_TIMEOUT_SECONDS = env.int("REMINDER_CLAIM_TIMEOUT_SECONDS", default=120)
# A dispatch still "sending" after this is shown to staff as "unknown — check"; never resent on its own.
REMINDER_SENDING_TIMEOUT_SECONDS = env.int("REMINDER_SENDING_TIMEOUT_SECONDS", default=900)
REMINDER_DIGEST_HOUR = env.int("REMINDER_DIGEST_HOUR", default=7)
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=100)
# Where a reminder links to (reversed with the deadline's id); the portal's home when it does not exist.
REMINDER_DEADLINE_URL_NAME = env("REMINDER_DEADLINE_URL_NAME", default="campaigns:submit")

CELERY_BEAT_SCHEDULE: dict = {
    "reminders-tick": {
        "task": "reminders.tasks.reminders_tick",
        "schedule": REMINDER_TICK_SECONDS,
        "options": {"expires": REMINDER_TICK_SECONDS},
    },
    "dossiers-reminders-tick": {
        "task": "dossiers.tasks.reminders_tick",
        "schedule": 6 * 3600,
        "options": {"expires": 3600},
    },
    # Export jobs and their files older than exports.enums.KEEP_DAYS (7) days.
    "exports-expire": {"task": "exports.tasks.exports_expire", "schedule": 24 * 3600, "options": {"expires": 3600}},
    "units-imports-expire": {"task": "units.tasks.imports_expire", "schedule": 3600, "options": {"expires": 3600}},
    # Notification emails (units.notifications): daily digests and whatever was not sent at once.
    "notification-emails-tick": {
        "task": "units.tasks.notification_emails_tick",
        "schedule": REMINDER_TICK_SECONDS,
        "options": {"expires": REMINDER_TICK_SECONDS},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "bare", "stream": "ext://sys.stdout"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every step of every page at INFO: a decision's certificates would flood the log.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "portal.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
