import datetime

import pytest
import time_machine
from django.urls import reverse

from awards.models import Award
from campaigns import services
from campaigns.tests.factories import CampaignFactory
from reports import selectors
from units.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2025, 5, 20, 3, 0, tzinfo=datetime.UTC)


def _running_campaign_with_deadline(world):
    campaign = CampaignFactory(issuer=world.so)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="midterm_report",
        title="Báo cáo sơ kết",
        due_on=datetime.date(2025, 5, 10),
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    services.campaign_set_state(campaign=campaign, new_state="in_progress", actor=None)
    return campaign, milestone.deadlines.get()


@time_machine.travel(TODAY, tick=False)
def test_dashboard_counts_what_the_leader_oversees_and_nothing_else(world):
    _campaign, deadline = _running_campaign_with_deadline(world)
    services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Báo cáo")
    leader = selectors.dashboard(world.users["leader"])
    clerk = selectors.dashboard(world.users["school_clerk"])
    outsider = selectors.dashboard(world.users["outsider"])
    watch = leader.deadlines[0]
    # Sở + 2 Phòng + 3 schools; owing: the 5 units below the Sở; one submitted late (after 10/5).
    assert (leader.unit_count, leader.people_count, watch.owing, watch.counts["late"], watch.counts["missing"]) == (
        6,
        3,
        5,
        1,
        4,
    )
    assert dict(leader.campaigns_by_state)["in_progress"] == 1
    assert (clerk.unit_count, clerk.deadlines[0].owing, clerk.deadlines[0].counts["late"]) == (1, 1, 1)
    assert (outsider.unit_count, outsider.deadlines) == (1, [])


@time_machine.travel(TODAY, tick=False)
def test_dashboard_lists_last_school_years_awards_in_scope(world):
    from awards import services as award_services

    award = Award.objects.get(code="LDTT")
    for person in (world.person_a1, world.person_a2):
        award_services.award_record_create(
            person=person,
            award=award,
            school_year=2023,
            decision_number="12/QĐ-SGDĐT",
            decision_date=datetime.date(2024, 6, 10),
            issuer="Sở GD&ĐT Thử nghiệm",
            actor=None,
        )
    leader = selectors.dashboard(world.users["leader"])
    clerk = selectors.dashboard(world.users["school_clerk"])
    # On 20/5/2025 the school year 2024–2025 is still running: the last one ended is 2023–2024.
    assert leader.awards_school_year == 2023
    assert [(row["award__name"], row["count"]) for row in leader.awards] == [(award.name, 2)]
    assert [(row["award__name"], row["count"]) for row in clerk.awards] == [(award.name, 1)]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("extra_schools", [1, 30])
def test_dashboard_query_count_does_not_grow_with_units(world, client_for, django_assert_num_queries, extra_schools):
    _running_campaign_with_deadline(world)
    for i in range(extra_schools):
        school = UnitFactory(parent=world.phong_b, name=f"Trường Mầm non Đếm {i}")
        PersonFactory(unit=school)
    client = client_for(world.users["leader"])
    # 27; the board's root's predecessors and running clocks (2), targets (3 without a target), quotas (1: no round)
    with django_assert_num_queries(33):
        response = client.get(reverse("reports:dashboard"))
    assert response.context["dashboard"].deadlines[0].owing == 5 + extra_schools


@time_machine.travel(TODAY, tick=False)
def test_dashboard_figures_are_kept_a_minute_per_scope_and_links_stay_the_viewers(world, settings):
    from django.core.cache import cache

    settings.REPORTS_CACHE_SECONDS = 60
    cache.clear()
    _campaign, deadline = _running_campaign_with_deadline(world)
    first = selectors.dashboard(world.users["leader"])
    services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Báo cáo")
    again = selectors.dashboard(world.users["leader"])
    # The Sở officer shares the leader's scope (the Sở's subtree): the same figures, their own links.
    officer = selectors.dashboard(world.users["so_officer"])
    board = selectors.board(world.users["leader"])
    # A Phòng officer's scope is another key: counted afresh, the new submission included.
    phong = selectors.dashboard(world.users["phong_officer"])
    assert (first.deadlines[0].counts["late"], again.deadlines[0].counts["late"]) == (0, 0)
    assert officer.deadlines[0].counts["late"] == 0
    assert phong.deadlines[0].counts["late"] == 1
    assert sum(cell.counts["late"] for _row, cells in board.heatmap for cell in cells) == 1
    assert (first.deadlines[0].can_view_status, officer.deadlines[0].can_view_status) == (True, True)
    with time_machine.travel(TODAY + datetime.timedelta(seconds=61), tick=False):
        assert selectors.dashboard(world.users["leader"]).deadlines[0].counts["late"] == 1
    cache.clear()
