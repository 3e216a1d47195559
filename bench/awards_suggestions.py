"""Benchmark: award suggestions for every school of a province with five years of history.

    .venv/bin/python bench/awards_suggestions.py [--units 1000] [--people 30000] [--database-url URL]

Builds the ``--scale province`` data (``units.demo.generate_province``) in a throwaway SQLite file
under ``bench/out/`` (or the database given), adds five school years of history in
bulk, then times ``suggest_for_unit`` for every school, counting queries per unit.
Baselines in the same process: the cost of merely loading the facts, and a naive
per-person evaluation on a sample (facts loaded person by person).
Prints figures; it is not a test.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str | None, *, reuse: bool) -> Path | None:
    db_file = None
    if not database_url:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        db_file = out / "awards_suggestions.sqlite3"
        if not reuse:
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
    return db_file


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Đức", "Hữu", "Thu", "Quốc", "Kim"]
GIVEN = ["An", "Anh", "Ánh", "Bình", "Chi", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan"]


def build_units(root_code: str, units: int, people: int):
    from units.demo import generate_province
    from units.models import Unit

    generate_province(root_code=root_code, units=units, people=people)
    return Unit.objects.get(code=root_code), "units.demo.generate_province"


def add_history(root) -> dict:
    """Five school years (2021–2025) of ratings, LĐTT/CSTĐCS, initiatives, discipline, in bulk
    (the rows ``seed_demo --scale province`` gives the generated province)."""
    from awards.demo import province_history

    return province_history(root, source="portal")


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--database-url", default=None, help="default: a throwaway SQLite file in bench/out/")
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run (bench/out/)")
    parser.add_argument("--chunk", type=int, default=100, help="schools whose facts are loaded together")
    parser.add_argument("--sample", type=int, default=200, help="people in the naive per-person baseline")
    args = parser.parse_args()
    db_file = setup(args.database_url, reuse=args.reuse)

    from django.db import connection

    from awards.eligibility import judge, suggest_for_unit
    from awards.selectors import load_catalogue, person_facts, unit_facts, units_facts
    from units.models import Person, Unit

    root = Unit.objects.filter(code="BENCH-TINH").first() if args.reuse else None
    print(f"database: {connection.vendor} ({db_file or 'DATABASE_URL'})")
    if root is None:
        started = time.perf_counter()
        root, source = build_units("BENCH-TINH", args.units, args.people)
        built = time.perf_counter()
        sizes = add_history(root)
        history = time.perf_counter()
        print(f"units and people: {source}, {built - started:.1f} s; history in bulk: {history - built:.1f} s")
        print("data: " + ", ".join(f"{k} {v}" for k, v in sizes.items()))

    year, on_date = 2025, datetime.date(2026, 6, 15)
    schools = list(Unit.objects.filter(path__startswith=root.path, people__isnull=False).distinct().order_by("path"))

    # 1. The province run: facts loaded for --chunk schools at a time, then judged in Python.
    counter = QueryCounter()
    eligible = people_total = 0
    chunk_queries = []
    t0 = time.perf_counter()
    with connection.execute_wrapper(counter):
        catalogue = load_catalogue()
        for i in range(0, len(schools), args.chunk):
            before = counter.count
            batch = units_facts(schools[i : i + args.chunk], school_year=year)
            chunk_queries.append(counter.count - before)
            for facts in batch.values():
                result = suggest_for_unit(catalogue, facts, school_year=year, on_date=on_date)
                eligible += len(result.people) + len(result.collective)
                people_total += len(facts.members)
    province_seconds = time.perf_counter() - t0
    province_queries = counter.count

    # 2. School by school, as the suggestions page does (queries per unit).
    per_unit_queries, per_unit_people = [], []
    t0 = time.perf_counter()
    for school in schools:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            facts = unit_facts(school, school_year=year)
            suggest_for_unit(catalogue, facts, school_year=year, on_date=on_date)
        per_unit_queries.append(counter.count)
        per_unit_people.append(len(facts.members))
    per_unit_seconds = time.perf_counter() - t0

    # Baseline A: merely loading the facts (province run, no judging).
    t0 = time.perf_counter()
    for i in range(0, len(schools), args.chunk):
        units_facts(schools[i : i + args.chunk], school_year=year)
    load_seconds = time.perf_counter() - t0

    # Baseline B: naive evaluation, facts loaded person by person, on a sample.
    sample = list(Person.objects.filter(unit__in=schools).select_related("unit").order_by("pk")[: args.sample])
    counter = QueryCounter()
    t0 = time.perf_counter()
    with connection.execute_wrapper(counter):
        for person in sample:
            catalogue_each = load_catalogue()
            facts = person_facts(person)
            unit = unit_facts(person.unit, school_year=year, with_members=False)
            for award in catalogue_each.awards.values():
                if award.suggest and award.subject != "collective":
                    judge(catalogue_each, award.code, facts, school_year=year, on_date=on_date, unit=unit)
    naive_seconds = time.perf_counter() - t0
    per_person = counter.count / max(len(sample), 1)

    print()
    print(f"suggestions for {len(schools)} schools, {people_total} people, school year 2025–2026:")
    print(
        f"  province run          {province_seconds:.2f} s, {province_queries} queries "
        f"({province_queries / len(schools):.2f} per school; {min(chunk_queries)}–{max(chunk_queries)} "
        f"per chunk of {args.chunk}); target < 10 s: {'met' if province_seconds < 10 else 'NOT met'}"
    )
    print(
        f"  school by school      {per_unit_seconds:.2f} s; queries per school min {min(per_unit_queries)}, "
        f"max {max(per_unit_queries)} for {min(per_unit_people)}–{max(per_unit_people)} people"
    )
    print(f"  eligible pairs found  {eligible}")
    print("baselines:")
    print(f"  loading facts only    {load_seconds:.2f} s (province run without judging)")
    print(
        f"  naive per person      {naive_seconds:.2f} s for {len(sample)} people, {per_person:.1f} queries per person; "
        f"projected {naive_seconds / max(len(sample), 1) * people_total:.0f} s and "
        f"{per_person * people_total:.0f} queries for the province"
    )


if __name__ == "__main__":
    main()
