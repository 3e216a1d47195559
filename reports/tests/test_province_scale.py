"""The fairness page and the to-do home over many units: the same queries for 10 and 1,000 units; the
fairness lists capped at ``FAIR_SHOWN`` with the rest counted and a "show all" link, and the signals
kept a minute per scope, root and day when the cache is on (the clock: conftest's 01/12/2026)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from campaigns import services as campaign_services
from campaigns.tests.factories import running_campaign
from common.text import fold, sort_key
from reports import selectors
from units.models import Person, Unit
from units.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _schools(parent: Unit, n: int) -> list[Unit]:
    """``n`` schools below ``parent``, each with one active teacher never awarded, written in bulk."""
    parent.refresh_from_db()
    rows = []
    for i in range(n):
        name = f"Trường Mầm non Đếm {i:04d}"
        rows.append(
            Unit(
                path=Unit._get_path(parent.path, parent.depth + 1, parent.numchild + i + 1),
                depth=parent.depth + 1,
                numchild=0,
                kind="preschool",
                name=name,
                code=f"DEM-{i:04d}",
                name_search=fold(name),
                name_sort=sort_key(name),
            )
        )
    schools = Unit.objects.bulk_create(rows)
    Unit.objects.filter(pk=parent.pk).update(numchild=parent.numchild + n)
    people = []
    for school in schools:
        person = PersonFactory.build(unit=school, role="teacher", gender="female")
        people.append(person)
    Person.objects.bulk_create(people)
    return schools


@pytest.mark.parametrize("extra_schools", [10, 1000])
def test_fairness_page_queries_and_size_do_not_grow_with_units(
    world, client_for, django_assert_num_queries, extra_schools
):
    _schools(world.phong_b, extra_schools)
    client = client_for(world.users["so_officer"])
    with django_assert_num_queries(15):  # the session, then the signals' grouped queries (no deadline due)
        response = client.get(reverse("reports:fairness"))
    page = response.content.decode()
    never = response.context["fair"].never_units
    # The world's own units with people (A1, A2, B1) are never awarded either.
    assert len(never) == extra_schools + 3
    if extra_schools == 10:  # 13 units: all listed
        assert page.count('data-testid="never-row"') == 13 and 'data-testid="never-more"' not in page
    else:
        assert page.count('data-testid="never-row"') == selectors.FAIR_SHOWN == 20
        assert "và 983 đơn vị khác" in page
    assert len(response.content) < 60 * 1024

    full = client.get(reverse("reports:fairness"), {"tat-ca": "1"}).content.decode()
    assert full.count('data-testid="never-row"') == extra_schools + 3
    assert 'data-testid="never-more"' not in full


def test_fairness_show_all_link_keeps_the_drill_down(world, client_for):
    _schools(world.phong_b, 25)
    client = client_for(world.users["so_officer"])
    page = client.get(reverse("reports:fairness"), {"unit": world.phong_b.pk}).content.decode()
    # B1 and the 25 schools of Phòng B: 20 shown, 6 more.
    assert page.count('data-testid="never-row"') == 20 and "và 6 đơn vị khác" in page
    assert f'href="?unit={world.phong_b.pk}&amp;tat-ca=1"' in page
    full = client.get(reverse("reports:fairness"), {"unit": world.phong_b.pk, "tat-ca": "1"}).content.decode()
    assert full.count('data-testid="never-row"') == 26


def test_fairness_is_kept_a_minute_per_scope_root_and_day(world, settings, django_assert_num_queries):
    from django.core.cache import cache

    settings.REPORTS_CACHE_SECONDS = 60
    cache.clear()
    officer = world.users["so_officer"]
    first = selectors.fairness(officer)
    assert [u.name for u, _n in first.never_units] == sorted(
        [world.school_a1.name, world.school_a2.name, world.school_b1.name], key=sort_key
    )
    _schools(world.phong_b, 2)
    with django_assert_num_queries(0):
        again = selectors.fairness(officer)
    assert len(again.never_units) == 3  # a minute old
    # Another root, or the next day, is computed afresh.
    assert len(selectors.fairness(officer, root=world.phong_b).never_units) == 3  # B1 and the two new
    with time_machine.travel(datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.UTC)):
        assert len(selectors.fairness(officer).never_units) == 5
    cache.clear()


@pytest.mark.parametrize("extra_schools", [10, 1000])
def test_officer_home_queries_do_not_grow_with_units(world, client_for, django_assert_num_queries, extra_schools):
    campaign = running_campaign(world)
    milestone = campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo tháng 11",
        due_on=datetime.date(2026, 11, 20),
        amendment_reason="Bổ sung hạn nộp",
    )
    deadline = milestone.deadlines.get()
    campaign_services.submission_create(deadline=deadline, unit=world.school_a2, actor=None, note="Báo cáo")
    _schools(world.phong_b, extra_schools)
    client = client_for(world.users["so_officer"])
    with django_assert_num_queries(20):
        response = client.get(reverse("units:home"))
    items = {item.testid: item for section in response.context["sections"] for item in section.items}
    # Every unit below the Sở owes it (Phòng A and B, A1, B1, the new schools) but A2, which sent it late.
    assert items["officer-late"].count == 4 + extra_schools
    assert items["officer-submissions"].count == 1
    assert [(row.text, row.note) for row in items["officer-late"].rows] == [
        ("Báo cáo tháng 11", str(4 + extra_schools))
    ]
