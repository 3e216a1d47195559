"""The dashboard's deadline links lead where the viewer may go: never a link that answers 403."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from campaigns import services
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2025, 5, 20, 3, 0, tzinfo=datetime.UTC), tick=False)
def test_dashboard_deadline_links_answer_for_each_role(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="midterm_report",
        title="Báo cáo sơ kết",
        due_on=datetime.date(2025, 5, 10),
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    expected = {
        "school_clerk": reverse("campaigns:submit", args=[deadline.pk]),
        "phong_officer": reverse("campaigns:deadline-status", args=[deadline.pk]),
    }
    for persona, url in expected.items():
        client = client_for(world.users[persona])
        page = client.get(reverse("reports:dashboard")).content.decode()
        links = re.findall(r'<a href="([^"]+)" data-testid="deadline-link">', page)
        assert links == [url]
        assert client.get(url).status_code == 200
