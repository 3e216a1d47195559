"""Settings for the test suite: fast hashing, in-memory mail, no real broker by default."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES["default"]["CONN_MAX_AGE"] = 0
# Every view in a transaction, on SQLite too, so that query counts are the same on both databases;
# the SQLite serving path (common.middleware.AtomicWritesMiddleware) is run by tests/test_concurrency.py.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A test may point its Postgres test database elsewhere so that parallel runs do not collide.
if env("TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DB_NAME")}
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# A test reads the dashboard again after changing the data: its figures are not kept between calls
# here (reports/tests/test_dashboard_cache.py switches the cache on).
REPORTS_CACHE_SECONDS = 0
# The second factor is switched on per test (accounts/tests): the permission table and the
# browser tests log in as Sở officers with a password alone.
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
# Tests travel in time (days) with one logged-in client: sessions last Django's two weeks here;
# the idle timeout is tested with its own value (accounts/tests/test_logins.py).
SESSION_COOKIE_AGE = 14 * 24 * 3600
