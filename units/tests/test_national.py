"""The national scale of the demo data (``seed_demo --scale national``): extra provinces by COPY."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from common.text import fold, person_sort_key
from units import demo, selectors
from units.models import Person, Unit, User


@pytest.mark.postgres
def test_generate_national_builds_valid_trees_with_searchable_people(db):
    roots = demo.generate_national(provinces=2, schools=7, people=50)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert [root.name for root in roots] == [
        "Ủy ban nhân dân thành phố Hà Nội",
        "Ủy ban nhân dân thành phố Hồ Chí Minh",
    ]
    for root in roots:
        so = Unit.objects.get(code=f"{root.code}-SGD")
        offices = list(Unit.objects.get_children(so))
        assert [(o.code, o.numchild, Unit.objects.get_children(o).count()) for o in offices] == [
            (f"{root.code}-P001", 7, 7)
        ]
        assert so.name == root.name.replace("Ủy ban nhân dân", "Sở Giáo dục và Đào tạo")
        assert (selectors.unit_subtree(root).count(), Unit.objects.get_descendant_count(so)) == (10, 8)
        assert Person.objects.filter(unit__path__startswith=root.path).count() == 50
    # The Sở officer finds a person of the province by a typed, unaccented part of the name
    # (the pg_trgm index's LIKE), and nobody of the other province.
    officer = User.objects.get(username="n01.tdkt")
    person = Person.objects.filter(unit__path__startswith=roots[0].path).order_by("pk").first()
    assert (person.name_search, person.name_sort) == (
        fold(person.full_name),
        person_sort_key(person.full_name),
    )
    found = selectors.person_list(officer, query=fold(person.full_name).upper())
    assert person in found
    assert {p.unit.path[: Unit.steplen] for p in found} == {roots[0].path}
    # Idempotent: a second run finds the provinces and adds nothing.
    again = demo.generate_national(provinces=2, schools=7, people=50)
    assert ([r.pk for r in again], Unit.objects.filter(code__startswith="BENCH-N").count()) == (
        [r.pk for r in roots],
        20,
    )


def test_seed_demo_national_refuses_sqlite_with_a_message(db):
    if connection.vendor != "sqlite":
        pytest.skip("the refusal is SQLite's; PostgreSQL runs the national scale")
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", scale="national", stdout=io.StringIO())
    assert str(refused.value) == (
        "--scale national needs PostgreSQL (set DATABASE_URL=postgres://…); this database is sqlite."
    )
    assert Unit.objects.count() == 0


@pytest.mark.postgres
def test_seed_demo_national_runs_each_phase_and_skips_what_is_there(db):
    options = {"scale": "national", "units": 20, "people": 60, "provinces": 2}
    sizes = {"schools_per_province": 3, "people_per_province": 12}
    out = io.StringIO()
    call_command("seed_demo", **options, **sizes, stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith("Phase ")] == [
        "Phase units and people",
        "Phase awards.demo.load_national",
        "Phase ANALYZE",
    ]
    assert "Sở officers of the added provinces: n01.tdkt … n02.tdkt (password ThiDua@2025)" in lines
    roots = Unit.objects.filter(code__in=["BENCH-N01", "BENCH-N02"])
    counts = (Unit.objects.count(), Person.objects.count())
    assert sum(selectors.unit_subtree(root).count() for root in roots) == 2 * (2 + 1 + 3)
    again = io.StringIO()
    call_command("seed_demo", **options, **sizes, stdout=again)
    assert "  BENCH-N02: already there." in again.getvalue().splitlines()
    assert "  BENCH-N02: award history already there." in again.getvalue().splitlines()
    assert (Unit.objects.count(), Person.objects.count()) == counts
