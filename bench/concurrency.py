"""Benchmark: people logging in and people saving at the same moment, on the `make run` setup.

    .venv/bin/python bench/concurrency.py [--logins 20] [--writers 10] [--rounds 3] [--port 18431]

What it does, all on this machine: a throwaway SQLite file (migrated, one Sở with a school, one
account per simulated person), static files collected, then gunicorn with the settings of
`make run` (``config.settings.embedded``: DEBUG off, WAL, busy timeout, BEGIN IMMEDIATE) and the
Makefile's workers and threads. Each round, ``--logins`` people open the login page and log in
while ``--writers`` people (already logged in) add a person to their school, all released at the
same instant by a barrier. Every answer is checked (a login ends on the overview with the
account's name; a write ends on the new person's page, and the rows are counted in the database
afterwards). Prints the figures; ``tests/test_concurrency.py`` runs the same burst as a test.
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PASSWORD = "Bench@2025-concurrency"

SETUP_CODE = """
from units.enums import UnitKind
from units.models import Unit, User
from units import services
so = services.unit_create(parent=None, actor=None, code="BENCH-SO", kind=UnitKind.EDUCATION_DEPARTMENT,
                          name="Sở GD&ĐT Đo tải")
school = services.unit_create(parent=so, actor=None, code="BENCH-TH", kind=UnitKind.PRIMARY_SCHOOL,
                              name="Trường Tiểu học Đo tải")
for i in range({count}):
    user = User(username=f"bench{{i:03d}}", full_name=f"Người đo {{i:03d}}", unit=school, is_unit_head=True,
                email=f"bench{{i:03d}}@example.vn")
    user.set_password({password!r})
    user.save()
print(school.pk)
"""


@dataclass
class Result:
    kind: str
    ok: bool
    status: int
    seconds: float
    detail: str = ""


class Browser:
    """One person's browser: a cookie jar, no automatic redirects kept from view, CSRF from the form."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.geturl(), exc.read().decode("utf-8", "replace")

    def get(self, path: str):
        return self._open(path)

    def post_form(self, path: str, data: dict):
        status, _url, page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            return status, "", page
        return self._open(path, {**data, "csrfmiddlewaretoken": match.group(1)})


def log_in(browser: Browser, username: str) -> Result:
    started = time.monotonic()
    status, url, page = browser.post_form("/dang-nhap/", {"username": username, "password": PASSWORD})
    seconds = time.monotonic() - started
    ok = status == 200 and not url.endswith("/dang-nhap/") and "Người đo" in page
    return Result("login", ok, status, seconds, "" if ok else _why(page, url))


def add_person(browser: Browser, unit_pk: int, number: int) -> Result:
    started = time.monotonic()
    data = {"full_name": f"Nguyễn Văn Tải {number:03d}", "gender": "male", "role": "teacher", "birth_date": ""}
    status, url, page = browser.post_form(f"/don-vi/{unit_pk}/them-ca-nhan/", data)
    seconds = time.monotonic() - started
    ok = status == 200 and "/ca-nhan/" in url and f"Nguyễn Văn Tải {number:03d}" in page
    return Result("write", ok, status, seconds, "" if ok else _why(page, url))


def _why(page: str, url: str) -> str:
    if "database is locked" in page:
        return "database is locked"
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    return f"{url} {title.group(1).strip() if title else page[:120]!r}"


def burst(base_url: str, unit_pk: int, *, logins: int, writers: int, first: int = 0) -> list[Result]:
    """``logins`` fresh logins and ``writers`` writes by logged-in people, released together."""
    writer_browsers = []
    for i in range(writers):
        browser = Browser(base_url)
        result = log_in(browser, f"bench{logins + i:03d}")
        if not result.ok:
            raise RuntimeError(f"could not log the writers in: {result}")
        writer_browsers.append(browser)
    barrier = threading.Barrier(logins + writers)
    results: list[Result] = []
    lock = threading.Lock()

    def run(job):
        barrier.wait()
        try:
            result = job()
        except Exception as exc:  # a refused connection or a timeout is a failure too
            result = Result("error", False, 0, 0.0, repr(exc))
        with lock:
            results.append(result)

    jobs = [lambda i=i: log_in(Browser(base_url), f"bench{i:03d}") for i in range(logins)]
    jobs += [lambda b=b, i=i: add_person(b, unit_pk, first + i) for i, b in enumerate(writer_browsers)]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def free_port(preferred: int = 0) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """A throwaway SQLite file, collected static files and gunicorn with the `make run` settings."""

    def __init__(self, *, accounts: int, port: int = 0, workers: int = 3, threads: int = 4):
        self.dir = Path(tempfile.mkdtemp(prefix="thidua-concurrency-"))
        self.db = self.dir / "db.sqlite3"
        self.port = free_port(port)
        self.accounts, self.workers, self.threads = accounts, workers, threads
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.embedded",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "STATIC_ROOT": str(self.dir / "static"),
            "MEDIA_ROOT": str(self.dir / "media"),
            "SECRET_KEY": "bench-" + os.urandom(24).hex(),
            "LOG_LEVEL": "WARNING",
            "AXES_ENABLED": "True",
        }
        self.process = None
        self.unit_pk = 0
        self.timings: dict[str, float] = {}

    def _manage(self, *args: str) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def start(self) -> "LiveSite":
        started = time.monotonic()
        self._manage("migrate", "--noinput", "-v", "0")
        self.unit_pk = int(
            self._manage("shell", "-c", SETUP_CODE.format(count=self.accounts, password=PASSWORD)).split()[-1]
        )
        self.timings["database"] = time.monotonic() - started
        started = time.monotonic()
        self._manage("collectstatic", "--noinput", "-v", "0")
        self.timings["collectstatic"] = time.monotonic() - started
        self._log_file = open(self.dir / "server.log", "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/dang-nhap/", timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, sql: str) -> int:
        with sqlite3.connect(self.db, timeout=30) as connection:
            return connection.execute(sql).fetchone()[0]

    def log(self) -> str:
        path = self.dir / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self._log_file.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _figures(results: list[Result], kind: str) -> str:
    times = sorted(r.seconds for r in results if r.kind == kind)
    if not times:
        return f"{kind}: none"
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    failed = sum(1 for r in results if r.kind == kind and not r.ok)
    return (
        f"{kind:6s} n={len(times):3d} failed={failed}  median={statistics.median(times) * 1000:6.0f} ms"
        f"  p95={p95 * 1000:6.0f} ms  max={times[-1] * 1000:6.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--logins", type=int, default=20)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=18431)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    site = LiveSite(accounts=args.logins + args.writers, port=args.port, workers=args.workers, threads=args.threads)
    site.start()
    print(
        f"gunicorn {args.workers} workers × {args.threads} threads on {site.url}, SQLite {site.db}"
        f" (setup {site.timings['database']:.1f} s, collectstatic {site.timings['collectstatic']:.1f} s)"
    )
    failures = 0
    try:
        # Baseline: one person alone (the password hash alone costs about half a second of CPU).
        alone = Browser(site.url)
        login_alone = log_in(alone, f"bench{args.logins + args.writers - 1:03d}")
        write_alone = add_person(alone, site.unit_pk, 999)
        print(
            f"baseline, one person alone: login {login_alone.seconds * 1000:.0f} ms,"
            f" write {write_alone.seconds * 1000:.0f} ms"
        )
        failures += (not login_alone.ok) + (not write_alone.ok)
        for number in range(args.rounds):
            started = time.monotonic()
            results = burst(
                site.url, site.unit_pk, logins=args.logins, writers=args.writers, first=number * args.writers
            )
            wall = time.monotonic() - started
            bad = [r for r in results if not r.ok]
            failures += len(bad)
            print(f"round {number + 1}: {len(results)} requests at once, wall {wall:.2f} s")
            print("  " + _figures(results, "login"))
            print("  " + _figures(results, "write"))
            for result in bad:
                print(f"  FAILED {result}")
        people = site.count("SELECT COUNT(*) FROM units_person")
        locked = site.log().count("database is locked")
        expected = args.rounds * args.writers + 1  # and the baseline's one
        print(f"people written: {people} (expected {expected}); 'database is locked' in log: {locked}")
        failures += abs(people - expected) + locked
    finally:
        site.stop()
    print("OK: no error" if not failures else f"FAILURES: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
