"""Benchmark: a Sở receiving 1,000 dossiers with 20,000 nominees.

    .venv/bin/python bench/dossiers.py [--dossiers 1000] [--nominees 20000] [--database-url URL] [--runs 30]

Builds, in a throwaway SQLite file under ``bench/out/`` (or the database given), a Sở with
``--dossiers`` units directly under it, each with people and one sent dossier (rows written in
bulk: the volume is the point, not the path). Then times, through the real services and views:

* sending one more dossier of 50 nominees: guards, frozen verdicts (the eligibility engine on
  the dossier's date), numbering and the six generated documents (PDF + Word), in one transaction;
* the Sở officer's appraisal queue page (server time p50/p95 and query count), at full size and
  at 10 dossiers, to show the query count does not grow.

Targets (issue 9): sending ≤ 2 s; queue p95 ≤ 100 ms with a constant query count.
Prints figures; it is not a test.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
D = datetime.date


def setup(database_url: str | None) -> None:
    if not database_url:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        db_file = out / "dossiers.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{db_file}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n_dossiers: int, n_nominees: int):
    from django.utils import timezone

    from awards.models import Award, TaskRatingRecord
    from common.text import fold, person_sort_key, sort_key
    from dossiers import services
    from dossiers.enums import DossierState, RoundKind
    from dossiers.models import Dossier, Nominee
    from units import services as unit_services
    from units.enums import Gender, PersonRole, UnitKind
    from units.models import Person, User

    started = time.perf_counter()
    so = unit_services.unit_create(
        parent=None,
        actor=None,
        kind=UnitKind.EDUCATION_DEPARTMENT,
        name="Sở GD&ĐT Đo tải",
        code="BENCH-SO",
        short_name="SGDĐT",
    )
    units = []
    for i in range(n_dossiers):
        name = f"Trường THCS Đo tải {i:04d}"
        units.append(
            so.add_child(
                kind=UnitKind.LOWER_SECONDARY_SCHOOL,
                name=name,
                short_name=f"THCS{i}",
                code=f"BENCH-{i:04d}",
                name_search=fold(name),
                name_sort=sort_key(name),
            )
        )
        so.refresh_from_db()
    per_unit = max(n_nominees // n_dossiers, 1)
    people = []
    for unit in units:
        for j in range(per_unit):
            full_name = f"Nguyễn Văn Đo {unit.pk}-{j}"
            people.append(
                Person(
                    unit=unit,
                    role=PersonRole.TEACHER,
                    full_name=full_name,
                    gender=Gender.MALE,
                    birth_date=D(1985, 1, 1),
                    sector_start_year=2008,
                    name_search=fold(full_name),
                    name_sort=person_sort_key(full_name),
                )
            )
    Person.objects.bulk_create(people, batch_size=2000)
    ldtt = Award.objects.get(code="LDTT")
    award_round = services.round_create(
        organiser=so,
        kind=RoundKind.SCHOOL_YEAR,
        title="Danh hiệu thi đua năm học 2025–2026",
        school_year=2025,
        opens_on=D(2026, 5, 1),
        deadline=D(2026, 7, 10),
        awards=[ldtt],
        actor=None,
    )
    now = timezone.now()
    states = [DossierState.SENT, DossierState.RECEIVED, DossierState.UNDER_APPRAISAL, DossierState.RESENT]
    Dossier.objects.bulk_create(
        [
            Dossier(
                round=award_round,
                unit=unit,
                receiver=so,
                dated=D(2026, 5, 20),
                number=1,
                symbol=f"TTr-THCS{i}",
                state=states[i % len(states)],
                sent_at=now,
                received_at=now,
            )
            for i, unit in enumerate(units)
        ],
        batch_size=1000,
    )
    dossier_of = dict(Dossier.objects.filter(round=award_round).values_list("unit_id", "pk"))
    Nominee.objects.bulk_create(
        [
            Nominee(dossier_id=dossier_of[p.unit_id], person=p, award=ldtt, achievement="HTT", verdict="eligible")
            for p in Person.objects.filter(unit__in=units).only("pk", "unit_id")
        ],
        batch_size=2000,
    )
    officer = User.objects.create_user("bench.officer", password="x", unit=so, is_officer=True)
    sender = unit_services.unit_create(
        parent=so,
        actor=None,
        kind=UnitKind.LOWER_SECONDARY_SCHOOL,
        name="Trường THCS Gửi thử",
        code="BENCH-SEND",
        short_name="THCSGT",
    )
    staff = [
        unit_services.person_create(
            unit=sender,
            actor=None,
            role=PersonRole.TEACHER,
            full_name=f"Trần Thị Gửi {i:02d}",
            gender=Gender.FEMALE,
            birth_date=D(1988, 1, 1),
            sector_start_year=2010,
        )
        for i in range(50)
    ]
    TaskRatingRecord.objects.bulk_create(
        TaskRatingRecord(person=p, unit=sender, school_year=2025, rating="good") for p in staff
    )
    print(f"built: {len(units)} dossiers, {Nominee.objects.count()} nominees in {time.perf_counter() - started:.1f} s")
    return award_round, sender, staff, officer


def bench_send(award_round, sender, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from awards.models import Award
    from dossiers import services

    ldtt = Award.objects.get(code="LDTT")
    dossier = services.dossier_create(award_round=award_round, unit=sender, actor=None, dated=D(2026, 5, 20))
    started = time.perf_counter()
    for person in staff:
        services.nominee_add(dossier=dossier, actor=None, award=ldtt, person=person, achievement="HTT")
    add_time = time.perf_counter() - started
    services.minutes_set(
        dossier=dossier,
        actor=None,
        meeting_date=D(2026, 5, 18),
        members=9,
        present=9,
        chair="A",
        secretary="B",
        votes={n.pk: (9, 9) for n in dossier.nominees.all()},
    )
    for nominee in dossier.nominees.all():
        services.document_upload(
            dossier=dossier,
            actor=None,
            kind="report",
            nominee=nominee,
            upload=SimpleUploadedFile("bc.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        )
    # A running server has imported WeasyPrint and built its font configuration already.
    from common.pdf import html_to_pdf

    html_to_pdf("<p>warm-up</p>")
    started = time.perf_counter()
    services.dossier_send(dossier=dossier, actor=None, today=D(2026, 5, 20))
    send_time = time.perf_counter() - started
    print(f"adding 50 nominees one by one (each judged live): {add_time:.2f} s")
    print(f"sending one dossier of 50 nominees (freeze verdicts + 6 documents): {send_time:.2f} s (target ≤ 2 s)")


class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def bench_queue(officer, runs: int, label: str):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(officer)
        client.get("/ho-so/hang-doi/")
        times, counts = [], []
        shown = 0
        for _ in range(runs):
            counter = Counter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                response = client.get("/ho-so/hang-doi/")
            times.append((time.perf_counter() - started) * 1000)
            counts.append(counter.count)
            assert response.status_code == 200
            shown = response.content.decode().count("<tr>") - 1
    times.sort()
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    print(
        f"queue page, {label}: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
        f"{counts[0]} queries, {shown} rows on the page (target p95 ≤ 100 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--nominees", type=int, default=20000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup(args.database_url)
    award_round, sender, staff, officer = build(args.dossiers, args.nominees)
    bench_send(award_round, sender, staff)
    bench_queue(officer, args.runs, f"{args.dossiers + 1} dossiers")
    from dossiers.models import Dossier

    keep = list(Dossier.objects.order_by("pk").values_list("pk", flat=True)[:10])
    Dossier.objects.exclude(pk__in=keep).delete()
    bench_queue(officer, args.runs, "10 dossiers")


if __name__ == "__main__":
    main()
