"""The settings of `make run`: DEBUG off, a secret key made once and kept private, localhost only,
SQLite set up for several processes."""

import importlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_embedded_run_keeps_one_private_secret_key(tmp_path, monkeypatch):
    embedded = importlib.import_module("config.settings.embedded")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(embedded, "VAR_DIR", tmp_path / "var")
    first = embedded._secret_key()
    path = tmp_path / "var" / "secret_key"
    assert len(first) >= 50 and path.read_text() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert embedded._secret_key() == first  # the next start (or another worker) reads the same key
    monkeypatch.setenv("SECRET_KEY", "given-by-the-environment")
    assert embedded._secret_key() == "given-by-the-environment"


def test_the_embedded_run_is_not_a_debug_server(tmp_path):
    # A process of its own: the test settings share (and change) the base settings' objects.
    code = (
        "import json; from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.STORAGES['staticfiles']['BACKEND'], d['ATOMIC_REQUESTS'],"
        " d['OPTIONS'], s.MIDDLEWARE[-1]]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.embedded",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "SECRET_KEY": "x" * 50,
    }
    env.pop("ALLOWED_HOSTS", None)
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    debug, hosts, static, atomic, options, last_middleware = json.loads(done.stdout)
    assert (debug, hosts) == (False, ["localhost", "127.0.0.1", "[::1]"])
    assert static == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert (atomic, last_middleware) == (False, "common.middleware.AtomicWritesMiddleware")
    assert (options["transaction_mode"], options["timeout"]) == ("IMMEDIATE", 30)
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert "PRAGMA busy_timeout=30000" in options["init_command"]
