"""After the 2025 merger the successor Sở's officer and leader follow the campaigns of the Sở that
merged into it: they find them and see each unit's status."""

from campaigns.selectors import visible_campaigns
from campaigns.tests.factories import running_campaign
from units.tests.url_cases import merged_into_vinhlong


def test_successor_accounts_follow_the_merged_sos_campaigns(world):
    campaign = running_campaign(world, title="Thi đua Dạy tốt Bến Tre")
    merged_into_vinhlong(world)
    for persona in ("vinhlong_officer", "vinhlong_leader"):
        user = world.users[persona]
        assert list(visible_campaigns(user).values_list("title", flat=True)) == ["Thi đua Dạy tốt Bến Tre"]
        assert user.has_perm("campaigns.view_status", campaign) is True
    assert world.users["outsider"].has_perm("campaigns.view_status", campaign) is False
    assert list(visible_campaigns(world.users["outsider"])) == []
