"""Words users read on the registration screens."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from campaigns.tests.factories import running_campaign
from emulation.tests.factories import unit_registration

pytestmark = pytest.mark.django_db


def test_unit_registration_sent_reads_once(world, client_for):
    campaign = running_campaign(world)
    moment = timezone.make_aware(datetime.datetime(2024, 10, 3, 9, 30))
    with time_machine.travel(moment, tick=False):
        unit_registration(world, campaign, state="submitted")
    url = reverse("emulation:registration-unit", args=[campaign.pk, world.school_a1.pk])
    page = client_for(world.users["school_clerk"]).get(url).content.decode()
    assert '<span data-testid="first-sent">Ngày gửi đầu tiên: 03/10/2024 09:30</span>' in page
    words = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Đã gửi Ngày gửi đầu tiên: 03/10/2024 09:30" in words  # never "Đã gửi gửi lần đầu"
