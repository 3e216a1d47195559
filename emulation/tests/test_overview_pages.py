"""The registration overview pages 50 units at a time, counts every unit not registered, and keeps its
filter in the page links (issue 14)."""

import pytest
from django.urls import reverse

from campaigns.tests.factories import running_campaign
from emulation.tests.factories import unit_registration
from units.tests.factories import UserFactory, bulk_schools

MAX_HTML = 200 * 1024


@pytest.mark.parametrize("units", [10, 1000])
def test_registration_overview_costs_the_same_at_10_and_1000_units(units, world, client_for, django_assert_num_queries):
    officer = UserFactory(username="officer_pb", unit=world.phong_b, is_officer=True)
    schools = bulk_schools(world.phong_b, units)
    campaign = running_campaign(world, issuer=world.phong_b)
    unit_registration(world, campaign, unit=world.school_b1, state="submitted")
    unit_registration(world, campaign, unit=schools[-1], state="submitted")
    unit_registration(world, campaign, unit=schools[0], state="draft")  # a draft is not a registration
    client = client_for(officer)
    url = reverse("emulation:registration-overview", args=[campaign.pk])
    client.get(url)  # warm the session
    with django_assert_num_queries(16):
        response = client.get(url)
    page = response.context["page"]
    assert (page.paginator.count, len(response.context["rows"]), response.context["missing_count"]) == (
        units + 1,
        min(units + 1, 50),
        units - 1,
    )
    assert len(response.content) < MAX_HTML


def test_registration_overview_pages_keep_the_filter(world, client_for):
    officer = UserFactory(username="officer_pb", unit=world.phong_b, is_officer=True)
    schools = bulk_schools(world.phong_b, 120)
    campaign = running_campaign(world, issuer=world.phong_b)
    unit_registration(world, campaign, unit=schools[1], state="submitted")
    client = client_for(officer)
    url = reverse("emulation:registration-overview", args=[campaign.pk])
    first = client.get(url, {"chua_dang_ky": "1"})
    assert (first.context["page"].paginator.count, first.context["missing_count"]) == (120, 120)
    assert "?chua_dang_ky=1&amp;trang=2" in first.content.decode()
    last = client.get(url, {"chua_dang_ky": "1", "trang": "3"})
    names = [row.unit.name for row in last.context["rows"]]
    # 121 units, one registered: pages of 50, 50 and 20, none of them the registered school.
    assert (len(names), names[-1], schools[1].name in names) == (20, "Trường Tiểu học Thử B1", False)
    beyond = client.get(url, {"chua_dang_ky": "1", "trang": "99"})  # past the end: the last page
    assert [row.unit.name for row in beyond.context["rows"]] == names
