"""The `make run` setup holds people logging in and saving at the same moment on SQLite.

A live gunicorn with ``config.settings.embedded`` (several workers and threads, as the Makefile
starts it) on a throwaway SQLite file: 20 logins and 10 writes released together by a barrier
(``bench/concurrency.py`` prints the figures). Not one error, every write in the database, and no
"database is locked" in the server's log.
"""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_concurrency", ROOT / "bench" / "concurrency.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

pytestmark = pytest.mark.skipif(shutil.which(bench.GUNICORN) is None, reason="gunicorn is not installed")


@pytest.fixture(scope="module")
def site():
    live = bench.LiveSite(accounts=30, workers=3, threads=4).start()
    yield live
    live.stop()


def test_twenty_logins_and_ten_writes_at_once_give_no_error_on_sqlite(site):
    results = bench.burst(site.url, site.unit_pk, logins=20, writers=10)
    assert [(r.kind, r.status, r.detail) for r in results if not r.ok] == []
    assert sorted(r.kind for r in results) == ["login"] * 20 + ["write"] * 10
    assert site.count("SELECT COUNT(*) FROM units_person") == 10
    assert site.count("SELECT COUNT(*) FROM units_auditlog WHERE action = 'auth.login'") == 30
    assert "database is locked" not in site.log()


def test_the_embedded_database_runs_in_wal_mode_with_debug_off(site):
    import sqlite3
    import urllib.error
    import urllib.request

    with sqlite3.connect(site.db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # DEBUG off: an unknown page is the Vietnamese 404, not Django's yellow debug page.
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{site.url}/khong-co-trang-nay/", timeout=30)
    page = caught.value.read().decode()
    assert caught.value.code == 404
    assert "Không tìm thấy trang" in page and "Django" not in page and "Traceback" not in page
    # Static files come from whitenoise with hashed names.
    with urllib.request.urlopen(f"{site.url}/dang-nhap/", timeout=30) as response:
        login_page = response.read().decode()
        csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    css = login_page.split('href="/static/vendor/bootstrap/bootstrap.min.')[1].split('"')[0]
    assert css.endswith(".css") and len(css.split(".")[0]) == 12  # the manifest's content hash


def test_pages_are_read_while_another_connection_holds_the_write_lock(site):
    """On SQLite only requests that may write take the lock: a long write elsewhere blocks no reader."""
    import sqlite3
    import time

    browser = bench.Browser(site.url)
    assert bench.log_in(browser, "bench029").ok
    holder = sqlite3.connect(site.db, timeout=30, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # what a slow write transaction would hold
        started = time.monotonic()
        status, _url, page = browser.get("/ca-nhan/")
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (status, "Người đo 029" in page) == (200, True)
    assert elapsed < 5
