"""Screens offer only what the services would then accept, and link the pages a user goes between.

Found by walking the portal in a browser (tests/test_browser_e2e.py): "excuse or extend" on a
closed campaign, "add a work item" and "send" on a closed campaign's registration, "send" of a
draft after the registration deadline, and campaign titles that led nowhere.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.tests.factories import registration_deadline, running_campaign
from emulation.tests.factories import unit_registration

pytestmark = pytest.mark.django_db


def test_registration_of_a_closed_campaign_offers_no_change(world, client_for):
    registration = unit_registration(world, items=1)
    campaign = registration.campaign
    clerk = client_for(world.users["school_clerk"])
    url = reverse("emulation:registration-unit", args=[campaign.pk, world.school_a1.pk])
    add_url = reverse("emulation:registration-item-add", args=[registration.pk])
    send_url = reverse("emulation:registration-submit", args=[registration.pk])
    running = clerk.get(url).content.decode()

    services.campaign_set_state(campaign=campaign, new_state="closed", actor=None)
    closed = clerk.get(url)
    page = closed.content.decode()

    assert (add_url in running, send_url in running) == (True, True)
    assert (closed.context["is_editable"], closed.context["can_send"], add_url in page, send_url in page) == (
        False,
        False,
        False,
        False,
    )
    assert "Xóa" not in page
    assert f'href="{reverse("campaigns:detail", args=[campaign.pk])}"' in page


def test_registration_after_the_deadline_offers_neither_opening_nor_sending_a_draft(world, client_for):
    today = timezone.localdate()
    campaign = running_campaign(world)
    registration_deadline(campaign, today + datetime.timedelta(days=5))
    registration = unit_registration(world, campaign, items=1)
    send_url = reverse("emulation:registration-submit", args=[registration.pk])
    create_url = reverse("emulation:registration-create", args=[campaign.pk, world.school_a2.pk])
    clerk = client_for(world.users["school_clerk"])
    before = clerk.get(reverse("emulation:registration-unit", args=[campaign.pk, world.school_a1.pk]))

    with time_machine.travel(datetime.datetime.combine(today + datetime.timedelta(days=8), datetime.time(9))):
        after = clerk.get(reverse("emulation:registration-unit", args=[campaign.pk, world.school_a1.pk]))
        head = client_for(world.users["other_head"])
        other = head.get(reverse("emulation:registration-unit", args=[campaign.pk, world.school_a2.pk]))

    assert (before.context["can_send"], send_url in before.content.decode()) == (True, True)
    assert (after.context["is_editable"], after.context["can_send"], send_url in after.content.decode()) == (
        True,
        False,
        False,
    )
    assert "Muốn gửi cần được đơn vị ban hành gia hạn đăng ký." in after.content.decode()
    assert (other.context["can_open"], create_url in other.content.decode()) == (False, False)
