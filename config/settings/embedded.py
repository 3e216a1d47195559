"""`make run`: the portal as people use it, on one machine, with nothing to install or start.

DEBUG off (the Vietnamese error pages, no tracebacks), static files collected and served by
whitenoise with hashed names, a secret key generated once and kept under var/, answering on
localhost over plain HTTP. SQLite and the filesystem broker come from the base settings.
"""

import os
import secrets

from config.settings.base import *  # noqa: F403
from config.settings.base import DEFAULT_STORAGE, VAR_DIR, env


def _secret_key() -> str:
    """SECRET_KEY from the environment, else var/secret_key, made on the first start (mode 600)."""
    given = env("SECRET_KEY", default="")
    if given:
        return given
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        # O_EXCL: two workers starting together keep the first one's key.
        try:
            with open(path, "x", encoding="ascii", opener=lambda p, f: os.open(p, f, 0o600)) as handle:
                handle.write(key)
        except FileExistsError:
            pass
    return path.read_text(encoding="ascii").strip()


DEBUG = False
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
