"""Words users read on the campaign screens: the history as sentences, a draft's missing number."""

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_campaign_history_reads_as_sentences(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a)
    officer = world.users["phong_officer"]
    services.criterion_add(campaign=campaign, actor=officer, number="2.1", title="Thi đua dạy tốt")
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=officer)
    page = client_for(officer).get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "Thêm tiêu chí 2.1 Thi đua dạy tốt" in page
    assert "Trạng thái: Dự thảo → Đã phát động" in page
    assert "campaign.criterion_added" not in page
    assert "campaign.state_changed" not in page


def test_campaign_draft_without_number_says_not_yet_numbered(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a, number=None, symbol="KH-PGDĐT", title="Kế hoạch dự thảo")
    client = client_for(world.users["phong_officer"])
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert '<span data-testid="plan-number">Số: chưa cấp số</span>' in page
    assert "/KH-PGDĐT" not in page
    listing = client.get(reverse("campaigns:list")).content.decode()
    assert "chưa cấp số" in listing
    assert "/KH-PGDĐT" not in listing
