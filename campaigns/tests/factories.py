import datetime

import factory
from django.utils import timezone

from campaigns import services
from campaigns.models import Campaign


class CampaignFactory(factory.Factory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Phong trào thi đua thử nghiệm {n}")
    kind = "regular"
    number = factory.Sequence(lambda n: 100 + n)
    symbol = "KH-SGDĐT"
    issued_on = datetime.date(2024, 9, 10)
    issued_place = "Bến Tre"
    signer_name = "La Thị Thúy"
    signer_title = "GIÁM ĐỐC"
    starts_on = datetime.date(2024, 9, 1)
    ends_on = datetime.date(2026, 8, 31)

    @classmethod
    def _create(cls, model_class, issuer=None, **kwargs):
        return services.campaign_create(issuer=issuer, actor=None, **kwargs)


def running_campaign(world, **fields) -> Campaign:
    """A launched campaign of the Sở whose period covers today (tests that freeze time pass dates)."""
    today = timezone.localdate()
    fields.setdefault("starts_on", datetime.date(today.year - 1, 9, 1))
    fields.setdefault("ends_on", datetime.date(today.year + 3, 8, 31))
    campaign = CampaignFactory(issuer=fields.pop("issuer", world.so), **fields)
    return services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)


def registration_deadline(campaign: Campaign, due_on: datetime.date):
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="registration",
        title="Đăng ký thi đua",
        due_on=due_on,
        amendment_reason="Bổ sung hạn đăng ký",
    )
    return milestone.deadlines.get()
