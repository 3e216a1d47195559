"""Production: PostgreSQL + Redis, secrets required from the environment, HTTPS only."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DEFAULT_STORAGE, MIDDLEWARE, STATIC_ROOT, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without it
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The health check is asked over plain HTTP by the proxy in front of each node.
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]
# Cookies only over HTTPS. SECURE_COOKIES=false only for the loopback stack (scripts/stack.sh), which
# serves plain HTTP on 127.0.0.1 to the load test.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Secure-sessionid" if SECURE_COOKIES else "sessionid"
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_NAME = "__Secure-csrftoken" if SECURE_COOKIES else "csrftoken"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# Where collectstatic writes (CI collects into a temporary directory).
STATIC_ROOT = env("STATIC_ROOT", default=str(STATIC_ROOT))

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
assert "whitenoise.middleware.WhiteNoiseMiddleware" in MIDDLEWARE
