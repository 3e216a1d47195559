"""Benchmark: the list pages of issue 14 for the Sở officer of the province-scale data.

    .venv/bin/python bench/lists.py [--database-url postgres://postgres@127.0.0.1:5432/bench_lists] [--runs 20]
                                    [--keep]

Same set-up as ``bench/dashboard.py`` (migrate, ``seed_demo --scale province``, the Sở officer and the
launched campaign of six past deadlines), plus a clerk account in every school and one more deadline
due in seven days that nobody answered, so that the reminder preview has its 15 days of work. Times
through the Django test client: the people list, the units list, the award history search by a common
name, the reminder log with its preview, the registration overview. p50/p95 in ms, the HTML size
and the number of queries. Targets (issue 14): p95 ≤ 100 ms, ≤ 200 KB of HTML, queries that do not
grow with units or people. Prints figures; it is not a test.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_lists"


def reminder_milestone(officer):
    """A deadline in seven days on the bench campaign, with a clerk in every school (written in bulk)."""
    from django.utils import timezone

    from campaigns import services
    from campaigns.models import Campaign, Milestone
    from units.models import Unit, User

    so = officer.unit
    campaign = Campaign.objects.filter(issuer=so).order_by("pk").first()
    existing = Milestone.objects.filter(campaign=campaign, title="Báo cáo nhắc hạn").first()
    if existing is not None:
        return existing
    schools = Unit.objects.filter(path__startswith=so.path, depth=so.depth + 2)
    User.objects.bulk_create(
        [
            User(username=f"bench_clerk_{u.pk}", unit=u, is_clerk=True, email=f"clerk{u.pk}@example.invalid")
            for u in schools
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo nhắc hạn",
        amendment_reason="Đo tải: thêm một hạn sắp tới",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        figures=[{"key": "so_lop", "label": "Số lớp", "unit": "lớp"}],
    )


def main() -> None:
    from dashboard import Counter, province_officer, setup

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database if it is already loaded")
    parser.add_argument("--only", default="", help="comma-separated labels to time (default: all)")
    args = parser.parse_args()
    setup(args.database_url, args.keep)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    officer = province_officer()
    milestone = reminder_milestone(officer)
    campaign = milestone.campaign

    def timed(client, url, label):
        if args.only and label not in args.only.split(","):
            return
        client.get(url)
        times, counts, size = [], [], 0
        for _ in range(args.runs):
            counter = Counter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            counts.append(counter.count)
            size = len(response.content)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        p95 = times[max(int(len(times) * 0.95) - 1, 0)]
        print(
            f"{label:<22} p50 {statistics.median(times):4.0f} ms, p95 {p95:4.0f} ms, "
            f"{size / 1024:6.1f} KB, {counts[0]} queries  ({url})"
        )

    with override_settings(ALLOWED_HOSTS=["*"], TWO_FACTOR_REQUIRED_ROLES=[]):
        client = Client()
        client.force_login(officer)
        timed(client, reverse("units:person-list"), "people")
        timed(client, reverse("units:unit-list"), "units")
        timed(client, reverse("awards:search") + "?q=nguyen+thi", "history search")
        timed(client, reverse("awards:search") + "?q=hoa", "history search short")
        timed(client, reverse("reminders:reminder-log", args=[milestone.pk]), "reminder log")
        timed(client, reverse("emulation:registration-overview", args=[campaign.pk]), "registration overview")


if __name__ == "__main__":
    main()
