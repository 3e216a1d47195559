"""Benchmark: every page the menus of four personas reach, under real HTTP load, at province scale.

    .venv/bin/python bench/pages.py [--database-url postgres://postgres@127.0.0.1:5432/bench_pages] [--keep]
                                    [--seconds 4] [--concurrency 2] [--units 1000] [--people 30000]
                                    [--only so_officer,school_clerk]

Creates the PostgreSQL database (dropped first unless ``--keep``), migrates it and loads
``seed_demo --scale province`` (about 1,000 units, 30,000 people, accounts at every level, launched
plans with submissions, registrations, pacts, reminders, five years of award history), collects the
static files, then starts gunicorn the way ``make run`` does (``config.settings.embedded``: DEBUG off,
whitenoise; 2 workers) on a free loopback port.

It logs in over HTTP as the province's Sở officer (password and the authenticator code its device
shows now), leader, a Phòng officer and a school clerk, collects the pages their menus reach (the
navbar and the tabs of the home page and of each menu page) plus the heavy ones (a deadline's status,
its reminder log, the registration overview, the dashboard, the people list, a history search, a
school's suggestions, a plan PDF), and drives each page with ``wrk`` at concurrency 2 for
``--seconds`` seconds. It prints per page: p50/p95/max latency, throughput as a percentage of the
login page's (measured at the start and the end of the same run; the better of the two), the
queries of one request (Django's test client in this process, same database) and the bytes of the
answer. A page that does not answer once within ``--seconds`` is timed with one ``curl`` request.
Budgets (issue 14): p95 ≤ 100 ms, throughput ≥ 20 % of the login page's, HTML ≤ 200 KB; a page
over budget is marked. It is not a test.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_pages"
P95_BUDGET_MS = 100
THROUGHPUT_BUDGET = 0.20
HTML_BUDGET = 200 * 1024
PERSONAS = ("so_officer", "leader", "phong_officer", "school_clerk")
# Links that are not pages to load: leaving, the admin, downloads other than the plan PDF.
SKIP = re.compile(r"^/(dang-xuat|quan-tri)/|\.(xlsx|docx|zip|csv)$")
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    latency.max, summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def setup(database_url: str, keep: bool, units: int, people: int) -> None:
    import psycopg2

    base, _, name = database_url.rpartition("/")
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone()
        if exists and not keep:
            cursor.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from units.models import Unit, User

    call_command("migrate", verbosity=0)
    for folder in ("queue", "processed", "control"):
        (ROOT / "var" / "celery" / folder).mkdir(parents=True, exist_ok=True)
    if keep and User.objects.filter(username="tinh.tdkt").exists():
        print("Province already seeded (--keep): seeding skipped.")
        return
    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", scale="province", units=units, people=people, verbosity=0, stdout=devnull)
    print(
        f"seed_demo --scale province: {time.perf_counter() - started:.0f} s, {Unit.objects.count()} units, "
        f"{User.objects.count()} accounts"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.embedded",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }
    manage = [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    log = open(ROOT / "var" / "bench_pages_gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--error-logfile",
            "-",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    import requests

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/dang-nhap/", timeout=30).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.3)
    process.terminate()
    process.wait(timeout=30)
    raise SystemExit("gunicorn did not answer within 120 s; see var/bench_pages_gunicorn.log")


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise SystemExit("No CSRF token in the form.")
    return match.group(1)


def totp_code(username: str) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def http_login(base: str, username: str, password: str):
    """Log in as a person does: the form with its CSRF token, then the authenticator code if asked."""
    import requests

    session = requests.Session()
    page = session.get(f"{base}/dang-nhap/")
    answer = session.post(
        f"{base}/dang-nhap/",
        data={"csrfmiddlewaretoken": _csrf(page.text), "username": username, "password": password, "next": "/"},
    )
    for _attempt in range(2):
        if "/tai-khoan/xac-thuc-hai-buoc/" not in answer.url:
            break
        # A code is accepted once: after a recent run, wait for the authenticator's next step.
        answer = session.post(
            answer.url, data={"csrfmiddlewaretoken": _csrf(answer.text), "token": totp_code(username), "next": "/"}
        )
        if "/tai-khoan/xac-thuc-hai-buoc/" in answer.url:
            time.sleep(31 - time.time() % 30)
    if answer.status_code != 200 or "/dang-nhap/" in answer.url or "xac-thuc-hai-buoc" in answer.url:
        raise SystemExit(f"Could not log in as {username}: {answer.status_code} {answer.url}")
    return session


class MenuLinks(HTMLParser):
    """The hrefs of navbar entries, dropdown items and tabs (``nav-link``/``dropdown-item``)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        href = values.get("href") or ""
        if href.startswith("/") and ({"nav-link", "dropdown-item"} & set(classes)):
            self.links.append(urldefrag(href)[0])


def menu_links(html: str) -> list[str]:
    parser = MenuLinks()
    parser.feed(html)
    return [link for link in dict.fromkeys(parser.links) if not SKIP.search(link)]


def heavy_pages(persona: str, province_code: str) -> list[tuple[str, str]]:
    """(label, path) of the heavy pages, with the province's objects."""
    from django.urls import reverse
    from django.utils import timezone

    from campaigns.demo import province_campaigns
    from campaigns.models import Deadline
    from units.models import Unit

    province = Unit.objects.get(code=province_code)
    campaign = province_campaigns(province).first()
    deadline = (
        Deadline.objects.filter(milestone__campaign=campaign, due_on__lt=timezone.localdate())
        .order_by("-due_on")
        .first()
    )
    school = Unit.objects.get(code=f"{province_code}-S001-01")
    pages = [
        ("deadline status", reverse("campaigns:deadline-status", args=[deadline.pk])),
        ("reminder log", reverse("reminders:reminder-log", args=[deadline.milestone_id]) + f"?han={deadline.pk}"),
        ("registration overview", reverse("emulation:registration-overview", args=[campaign.pk])),
        ("dashboard", reverse("reports:dashboard")),
        ("people list", reverse("units:person-list")),
        ("history search", reverse("awards:search") + "?q=Nguy%E1%BB%85n"),
        ("suggestions", reverse("awards:suggestions", args=[school.pk])),
        ("plan PDF", reverse("reports:plan-pdf", args=[campaign.pk])),
    ]
    return pages


def query_count(username: str, path: str) -> int:
    """Queries of one request (after a warm-up) through Django's test client, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.middleware import SESSION_SECOND_FACTOR_KEY
    from units.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[SESSION_SECOND_FACTOR_KEY] = ""  # the second factor passed, as after the code
    session.save()
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        client.get(path)
    return len(context.captured_queries)


def wrk(url: str, *, seconds: int, concurrency: int, cookie: str | None, script: str) -> dict:
    command = ["wrk", f"-t{concurrency}", f"-c{concurrency}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    fields = next(line for line in output.splitlines() if line.startswith("RESULT ")).split()[1:]
    p50, p95, top, requests, duration, status_errors, socket_errors = (int(v) for v in fields)
    figures = {
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "max": top / 1000,
        "rps": requests / (duration / 1e6) if duration else 0.0,
        "errors": status_errors + socket_errors,
        "requests": requests,
    }
    if requests == 0:
        # Not one answer within the run (wrk stops at its duration): time one request instead.
        started = time.perf_counter()
        subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", f"Cookie: {cookie or ''}", url], check=True)
        elapsed = (time.perf_counter() - started) * 1000
        figures.update(p50=elapsed, p95=elapsed, max=elapsed, rps=1000 / elapsed)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="reuse the database and its province")
    parser.add_argument("--seconds", type=int, default=4, help="load per page")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--only", default="", help="comma-separated personas (default: all four)")
    parser.add_argument("--max-pages", type=int, default=40, help="per persona")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make test-system-deps installs it).")
    setup(args.database_url, args.keep, args.units, args.people)
    from units.demo import DEMO_PASSWORD, province_logins
    from units.models import Unit

    root = Unit.objects.get(code="BENCH-TINH")
    logins = province_logins(root)
    personas = [p for p in (args.only.split(",") if args.only else PERSONAS) if p]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(args.database_url, port, args.workers, args.threads)
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    script.write(WRK_SCRIPT)
    script.close()
    rows = []
    started = time.perf_counter()
    try:
        run = {"seconds": args.seconds, "concurrency": args.concurrency, "script": script.name}
        wrk(f"{base}/dang-nhap/", cookie=None, **{**run, "seconds": 1})  # warm the workers up
        login = wrk(f"{base}/dang-nhap/", cookie=None, **run)
        import requests

        login_bytes = len(requests.get(f"{base}/dang-nhap/").content)
        rows.append(("anonymous", "login page", "/dang-nhap/", login, 0, login_bytes, "text/html", 200))
        for persona in personas:
            username = logins[persona]
            session = http_login(base, username, DEMO_PASSWORD)
            cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
            home = session.get(f"{base}/")
            pages = [("menu", link) for link in menu_links(home.text)]
            for _label, link in list(pages):
                for sub in menu_links(session.get(base + link).text):
                    if sub not in {p for _l, p in pages}:
                        pages.append(("tab", sub))
            known = {p for _l, p in pages}
            pages += [(label, path) for label, path in heavy_pages(persona, root.code) if path not in known]
            for label, path in pages[: args.max_pages] + [p for p in pages[args.max_pages :] if p[0] != "tab"]:
                answer = session.get(base + path)
                kind = answer.headers.get("Content-Type", "").split(";")[0]
                if answer.status_code != 200 or answer.url != base + path:
                    rows.append((persona, label, path, None, 0, 0, kind, answer.status_code))
                    continue
                figures = wrk(base + path, cookie=cookie, **run)
                queries = query_count(username, path)
                rows.append((persona, label, path, figures, queries, len(answer.content), kind, 200))
                print(f"  {persona} {path}: p95 {figures['p95']:.0f} ms", file=sys.stderr)
        login_again = wrk(f"{base}/dang-nhap/", cookie=None, **run)
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.unlink(script.name)
    report(rows, login, login_again, time.perf_counter() - started, args)


def report(rows, login, login_again, elapsed: float, args) -> None:
    # The better of the two: a neighbour's burst during one of them must not flatter every page.
    baseline = max(login["rps"], login_again["rps"])
    print(
        f"\nLogin page: {login['rps']:.0f} req/s at the start, {login_again['rps']:.0f} req/s at the end "
        f"(concurrency {args.concurrency}, {args.workers} gunicorn workers, {args.seconds} s per page)."
    )
    header = f"{'persona':<14} {'page':<58} {'p50':>5} {'p95':>5} {'max':>5} {'rps':>5} {'%login':>6} {'q':>4}"
    header += f" {'KB':>6}  over"
    print(header)
    print("-" * len(header))
    measured = within = 0
    worst = []
    for persona, _label, path, figures, queries, size, kind, status in rows:
        shown = path if len(path) <= 58 else path[:55] + "…"
        if figures is None:
            print(
                f"{persona:<14} {shown:<58} {'—':>5} {'—':>5} {'—':>5} {'—':>5} {'—':>6} {'—':>4} {'—':>6}  ({status})"
            )
            continue
        share = figures["rps"] / baseline if baseline else 0
        over = []
        if figures["p95"] > P95_BUDGET_MS:
            over.append("p95")
        if share < THROUGHPUT_BUDGET:
            over.append("throughput")
        if kind == "text/html" and size > HTML_BUDGET:
            over.append("size")
        if figures["errors"]:
            over.append(f"{figures['errors']} errors")
        if persona != "anonymous":
            measured += 1
            within += not over
            worst.append((figures["p95"], persona, path))
        print(
            f"{persona:<14} {shown:<58} {figures['p50']:>5.0f} {figures['p95']:>5.0f} {figures['max']:>5.0f} "
            f"{figures['rps']:>5.0f} {share:>6.0%} {queries:>4} {size / 1024:>6.1f}  {' '.join(over)}"
        )
    print(f"\n{within} of {measured} pages within budget; run took {elapsed:.0f} s. Worst p95:")
    for p95, persona, path in sorted(worst, reverse=True)[:5]:
        print(f"  {p95:6.0f} ms  {persona:<14} {path}")


if __name__ == "__main__":
    main()
