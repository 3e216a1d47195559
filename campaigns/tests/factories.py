import datetime

import factory

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
