"""Settings for the test suite: fast hashing, in-memory mail, no real broker by default."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, MIDDLEWARE, env

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
# On PostgreSQL a second alias, the standard test mirror of the primary, stands for the read replica
# (common/tests/test_replica.py). Reads go to it only in the tests that set DATABASE_REPLICA_ALIAS:
# a mirror is another connection, which cannot see the rows a test's transaction has not committed.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and "replica" not in DATABASES:
    DATABASES["replica"] = {**DATABASES["default"], "ATOMIC_REQUESTS": False, "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["common.replica.ReplicaRouter"]
    MIDDLEWARE = [*MIDDLEWARE, "common.replica.ReplicaReadsMiddleware"]
DATABASE_REPLICA_ALIAS = ""
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# A test reads the dashboard again after changing the data: its figures are not kept between calls
# here (reports/tests/test_dashboard_cache.py switches the cache on).
REPORTS_CACHE_SECONDS = 0
# Each test process its own memory: nothing written under var/, nothing shared between runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The second factor is switched on per test (accounts/tests): the permission table and the
# browser tests log in as Sở officers with a password alone.
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
# Tests travel in time (days) with one logged-in client: sessions last Django's two weeks here;
# the idle timeout is tested with its own value (accounts/tests/test_logins.py).
SESSION_COOKIE_AGE = 14 * 24 * 3600
