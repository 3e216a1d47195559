"""Screens offer only what the services would then accept, and link the pages a user goes between.

Found by walking the portal in a browser (tests/test_browser_e2e.py): "excuse or extend" on a
closed campaign, "add a work item" and "send" on a closed campaign's registration, "send" of a
draft after the registration deadline, and campaign titles that led nowhere.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import DeadlineException
from campaigns.tests.factories import running_campaign
from common.dates import school_year_of

pytestmark = pytest.mark.django_db

EXCUSE_LABEL = "Miễn nộp hoặc gia hạn"


def _campaign_with_deadline(world):
    campaign = running_campaign(world)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch của đơn vị",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
        amendment_reason="Bổ sung hạn nộp kế hoạch",
    )
    return campaign, milestone.deadlines.get()


def test_status_page_offers_excuse_or_extension_only_while_the_campaign_runs(world, client_for):
    campaign, deadline = _campaign_with_deadline(world)
    officer = client_for(world.users["so_officer"])
    status_url = reverse("campaigns:deadline-status", args=[deadline.pk])
    exception_url = reverse("campaigns:deadline-exception", args=[deadline.pk, world.school_a1.pk])
    running = officer.get(status_url)
    running_offers = (running.context["can_grant"], running.content.decode().count(EXCUSE_LABEL))

    services.campaign_set_state(campaign=campaign, new_state="closed", actor=None)
    closed = officer.get(status_url)
    refused = officer.post(exception_url, {"kind": "excused", "reason": "Đơn vị sáp nhập"})

    # Each row offers it twice: in its own column, and folded under the unit's name on a phone.
    assert running_offers == (True, 2 * 5)
    assert (closed.context["can_grant"], closed.content.decode().count(EXCUSE_LABEL)) == (False, 0)
    assert len(closed.context["statuses"]) == 5
    assert (officer.get(exception_url).status_code, refused.status_code) == (403, 403)
    assert DeadlineException.objects.count() == 0


def test_my_deadlines_link_each_row_to_its_campaign(world, client_for):
    campaign, deadline = _campaign_with_deadline(world)
    response = client_for(world.users["school_clerk"]).get(
        reverse("campaigns:my-deadlines"), {"nam": school_year_of(deadline.due_on)}
    )
    assert response.content.decode().count(f'href="{reverse("campaigns:detail", args=[campaign.pk])}"') == 1
