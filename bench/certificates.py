"""Benchmark: every certificate of one decision printed in the background.

    .venv/bin/python bench/certificates.py [--sizes 250,500,1000] [--mode full|blank] [--chunk 50]
                                          [--database-url URL] [--single 10]

Builds, in a throwaway SQLite file under ``bench/out/`` (or the database given), a Sở with one school
and one decision per size giving a Giấy khen to that many teachers (rows written in bulk: the volume
is the point). Each decision is then printed exactly as the worker prints it
(``certificates.services.print_job_run``), in a child process of its own, so that its time and peak
memory are the worker's alone: the child reports its own peak RSS and CPU seconds, the parent reads
``resource.getrusage(RUSAGE_CHILDREN)`` (the largest descendant so far, pdfunite included; pdfunite
itself stays small: 11 MB joining 500 pages, 13 MB for 1,000, 17 MB for 2,000, by /usr/bin/time).
On a shared machine read the CPU column: the wall-clock time also counts waiting for a core.

Baseline from the same run: one certificate rendered as its own WeasyPrint document (median of
``--single`` renders) × N — printing them one by one.

Target (issue 10): 1,000 certificates ≤ 60 s; memory that does not grow with the number of certificates.
Prints figures; it is not a test.
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str | None, *, fresh: bool) -> str:
    if not database_url:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        db_file = out / "certificates.sqlite3"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{db_file}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / "out" / "media"))
    import django

    django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    return database_url


def build(sizes: list[int]) -> dict[int, int]:
    """One decision per size; returns {size: decision id}."""
    from awards.enums import RecordSource
    from awards.models import Award, AwardRecord, Decision
    from common.text import fold, person_sort_key, sort_key
    from units import services as unit_services
    from units.enums import Gender, PersonRole, UnitKind
    from units.models import Person

    started = time.perf_counter()
    so = unit_services.unit_create(
        parent=None,
        actor=None,
        kind=UnitKind.EDUCATION_DEPARTMENT,
        name="Sở Giáo dục và Đào tạo Đo tải",
        code="BENCH-SO",
        short_name="SGDĐT",
    )
    school_name = "Trường Trung học cơ sở Đo tải"
    school = so.add_child(
        kind=UnitKind.LOWER_SECONDARY_SCHOOL,
        name=school_name,
        short_name="THCSDT",
        code="BENCH-THCS",
        name_search=fold(school_name),
        name_sort=sort_key(school_name),
    )
    award = Award.objects.get(code="GK_SO")
    decisions = {}
    for size in sizes:
        people = []
        for i in range(size):
            full_name = f"Nguyễn Thị Đo Tải {size}-{i:04d}"
            people.append(
                Person(
                    unit=school,
                    role=PersonRole.TEACHER,
                    full_name=full_name,
                    gender=Gender.FEMALE if i % 2 else Gender.MALE,
                    name_search=fold(full_name),
                    name_sort=person_sort_key(full_name),
                )
            )
        people = Person.objects.bulk_create(people)
        date = datetime.date(2026, 6, 5)
        number = f"{size}/QĐ-SGDĐT"
        decision = Decision.objects.create(
            number=number,
            date=date,
            year=date.year,
            issuer=so.name,
            issuer_unit=so,
            issuer_key=fold(so.name),
            number_key=fold(number),
            officer_title="Giám đốc Sở Giáo dục và Đào tạo Đo tải",
            signing_authority="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
            signer_name="Trần Văn Đo",
            place="Đo tải",
            source=RecordSource.DEMO,
        )
        AwardRecord.objects.bulk_create(
            AwardRecord(
                award=award,
                person=person,
                unit=school,
                school_year=2025,
                decision=decision,
                achievement="Đã có thành tích xuất sắc trong năm học 2025-2026",
                source=RecordSource.DEMO,
            )
            for person in people
        )
        decisions[size] = decision.pk
    print(f"built: decisions of {', '.join(map(str, sizes))} certificates in {time.perf_counter() - started:.1f} s")
    return decisions


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pdfunite): what the render costs on a
    machine shared with other work, where the wall-clock time also counts the waiting."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(decision_id: int, mode: str, chunk: int, single: int) -> None:
    """In the child process: print the decision as the worker does; report time and peak RSS as JSON."""
    from awards.models import AwardRecord
    from certificates import documents, services
    from certificates.models import PrintJob

    # A running worker has imported WeasyPrint and built its font configuration already.
    from common.pdf import html_to_pdf

    html_to_pdf("<p>warm-up</p>")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    job = PrintJob.objects.create(decision_id=decision_id, mode=mode, total=0)
    cpu_before = _cpu()
    started = time.perf_counter()
    job = services.print_job_run(job_id=job.pk, chunk=chunk)
    elapsed = time.perf_counter() - started
    cpu = _cpu() - cpu_before
    size = job.file.size if job.file else 0
    singles = []
    if single:
        records = list(services.printable_records(job.decision)[:single])
        for record in records:
            certificate = services.certificate_ensure(record=record, actor=None)
            begun = time.perf_counter()
            documents.render_sheets([documents.sheet_for(record, certificate)], mode=mode)
            singles.append(time.perf_counter() - begun)
    print(
        json.dumps(
            {
                "state": job.state,
                "error": job.error,
                "done": job.done,
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "bytes": size,
                "rss_before_kb": rss_before,
                "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "single_median": statistics.median(singles) if singles else None,
                "records": AwardRecord.objects.filter(decision_id=decision_id).count(),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--mode", default="full", choices=["full", "blank"])
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--single", type=int, default=10, help="single-certificate renders for the baseline")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child is not None:
        setup(args.database_url, fresh=False)
        child(args.child, args.mode, args.chunk, args.single)
        return

    database_url = setup(args.database_url, fresh=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    decisions = build(sizes)
    from django.db import connections

    connections.close_all()
    print(f"mode: {args.mode}, chunk: {args.chunk} certificates per WeasyPrint document; target 1,000 ≤ 60 s")
    print(f"{'N':>6} {'time':>8} {'CPU':>8} {'per cert':>9} {'worker peak RSS':>16} {'file':>9}  baseline 1×N (wall)")
    for size in sizes:
        command = [sys.executable, __file__, "--child", str(decisions[size]), "--mode", args.mode]
        command += ["--chunk", str(args.chunk), "--single", str(args.single), "--database-url", database_url]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(result.stderr[-2000:])
            raise SystemExit(result.returncode)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        single = figures["single_median"] or float("nan")
        baseline = single * size
        print(
            f"{size:>6} {figures['seconds']:>7.1f}s {figures['cpu_seconds']:>7.1f}s "
            f"{1000 * figures['seconds'] / size:>7.0f}ms "
            f"{figures['rss_peak_kb'] / 1024:>13.0f} MB "
            f"{figures['bytes'] / 1024 / 1024:>7.1f}MB  {baseline:.1f}s "
            f"({1000 * single:.0f} ms × {size})  [{figures['state']}{figures['error']}; "
            f"largest child so far {children_peak / 1024:.0f} MB; load {os.getloadavg()[0]:.1f}]"
        )


if __name__ == "__main__":
    main()
