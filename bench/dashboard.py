"""Benchmark: the leader dashboard and one drill-down for the Sở officer of the province-scale data.

    .venv/bin/python bench/dashboard.py [--database-url postgres://postgres@127.0.0.1:5432/bench_dashboard] [--runs 30]
                                        [--keep] [--cache]

Migrates the database given (created when missing; PostgreSQL by default), loads ``seed_demo
--scale province`` (about 1,000 units and 30,000 people; skipped when already loaded with ``--keep``),
adds to the generated province an officer of its Sở and a launched campaign with six deadlines already
due that two thirds of its units answered, then times through the Django test client, in the same
run: the bare login page (anonymous), the dashboard of that Sở officer, the dashboard drilled into the
Sở's largest unit below it, a deadline's figures summed up, the fairness signals, the to-do home and the
deadline's per-unit status page (with its size in KB). Server time p50/p95 in ms and the number of queries of
each; the query count should not grow with units. The minute-long cache of the dashboard's figures
and of the fairness signals (``REPORTS_CACHE_SECONDS``) is off unless ``--cache``: the figures then
measure the computation itself.

Target (issue 11): p95 ≤ 150 ms. Prints figures; it is not a test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_dashboard"
DEADLINES = 6


def setup(database_url: str, keep: bool) -> None:
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

    from units.models import Unit

    call_command("migrate", verbosity=0)
    # Without Redis the tasks the seed enqueues go to the filesystem broker's folders.
    for folder in ("queue", "processed", "control"):
        (ROOT / "var" / "celery" / folder).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    call_command("seed_demo", scale="province", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"seed_demo --scale province: {time.perf_counter() - started:.0f} s, {Unit.objects.count()} units")


def analyze() -> None:
    """Fresh planner statistics after the bulk loads, as autovacuum would give a live database: without
    them PostgreSQL guesses one row per table and joins a thousand units by nested loops."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def province_officer():
    """The officer of the generated province's Sở, with a launched campaign of ``DEADLINES`` deadlines
    already due that two thirds of the units answered (rows written in bulk)."""
    import datetime

    from django.utils import timezone

    from campaigns import services
    from campaigns.models import Submission
    from campaigns.selectors import milestone_owing_units
    from units.models import Unit, User

    so = Unit.objects.get(code="BENCH-TINH-SGD")
    officer, created = User.objects.get_or_create(
        username="bench_so_officer", defaults={"unit": so, "is_officer": True, "full_name": "Cán bộ đo tải"}
    )
    if not created:
        return officer
    today = timezone.localdate()
    campaign = services.campaign_create(
        issuer=so,
        actor=None,
        title="Phong trào thi đua đo tải",
        kind="regular",
        number=1,
        symbol="KH-SGDĐT",
        issued_on=today - datetime.timedelta(days=200),
        issued_place="Thử nghiệm",
        signer_name="Người ký",
        signer_title="GIÁM ĐỐC",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=400),
    )
    deadlines = []
    for i in range(DEADLINES):
        milestone = services.milestone_create(
            campaign=campaign,
            actor=None,
            deliverable="annual_report",
            title=f"Báo cáo định kỳ {i + 1}",
            due_on=today - datetime.timedelta(days=10 + 20 * i),
            figures=[{"key": "so_lop", "label": "Số lớp", "unit": "lớp"}],
        )
        deadlines.append(milestone.deadlines.get())
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    units = list(milestone_owing_units(deadlines[0].milestone))
    rows = []
    for deadline in deadlines:
        for n, unit in enumerate(units):
            if n % 3 == 0:
                continue  # a third never answer
            late = datetime.timedelta(days=2 if n % 3 == 1 else -1)
            when = timezone.make_aware(datetime.datetime.combine(deadline.due_on + late, datetime.time(9)))
            rows.append(
                Submission(deadline=deadline, unit=unit, version=1, figures={"so_lop": n % 40}, submitted_at=when)
            )
    Submission.objects.bulk_create(rows, batch_size=2000)
    print(f"bench campaign: {DEADLINES} deadlines, {len(units)} units owing, {len(rows)} submissions")
    return officer


class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(client, url: str, runs: int, label: str) -> None:
    from django.db import connection

    client.get(url)  # warm the caches (templates, translations, content types)
    times, counts = [], []
    for _ in range(runs):
        counter = Counter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        counts.append(counter.count)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    size = f", {len(response.content) / 1024:.0f} KB" if "KB" in label else ""
    print(f"{label}: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, {counts[0]} queries{size}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse the database if it is already loaded")
    parser.add_argument("--cache", action="store_true", help="keep the dashboard's figures a minute (production)")
    args = parser.parse_args()
    os.environ["REPORTS_CACHE_SECONDS"] = "60" if args.cache else "0"
    setup(args.database_url, args.keep)
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from units.models import Person, Unit

    officer = province_officer()
    analyze()
    so = officer.unit
    below = Unit.objects.filter(path__startswith=so.path, depth=so.depth + 1)
    biggest = max(
        below,
        key=lambda u: Unit.objects.filter(path__startswith=u.path).count(),
    )
    units = Unit.objects.filter(path__startswith=so.path).count()
    people = Person.objects.filter(unit__path__startswith=so.path).aggregate(n=Count("id"))["n"]
    print(f"{officer.username} at {so.name}: {units} units, {people} people; drill into {biggest.name}")
    with override_settings(ALLOWED_HOSTS=["*"], TWO_FACTOR_REQUIRED_ROLES=[]):
        timed(Client(), reverse("login"), args.runs, "login page (anonymous)")
        client = Client()
        client.force_login(officer)
        dashboard = reverse("reports:dashboard")
        timed(client, dashboard, args.runs, "dashboard (Sở officer)")
        timed(client, f"{dashboard}?unit={biggest.pk}", args.runs, f"drill-down ({biggest.short_name or biggest.name})")
        from campaigns.models import Deadline

        deadline = Deadline.objects.filter(milestone__campaign__issuer=so).order_by("-due_on").first()
        timed(client, reverse("reports:figures", args=[deadline.pk]), args.runs, "figures summed up (one deadline)")
        timed(client, reverse("reports:fairness"), args.runs, "fairness signals (Sở officer, KB)")
        timed(client, reverse("units:home"), args.runs, "to-do home (Sở officer)")
        status = reverse("campaigns:deadline-status", args=[deadline.pk])
        timed(client, status, args.runs, "deadline status page (KB)")
        timed(client, f"{status}?nhom={biggest.pk}", args.runs, "deadline status, one Phòng (KB)")


if __name__ == "__main__":
    main()
