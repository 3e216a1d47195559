"""A campaign's tổng kết round takes its awards, quotas and required components from the plan."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory
from dossiers import selectors, services
from dossiers.enums import ComponentKind, RoundKind
from dossiers.tests.factories import TODAY, award, campaign_offer, complete, dossier_for, pdf_upload, staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_campaign_round_uses_offers_quotas_and_required_components(world):
    campaign = CampaignFactory(issuer=world.phong_a, title="Xây dựng xã hội học tập")
    offer = campaign_offer(campaign, award("LDTT"), quota=1)
    component = campaign_services.dossier_component_add(
        campaign=campaign, actor=None, name="Xác nhận của cơ quan có thẩm quyền về phạm vi ảnh hưởng của sáng kiến"
    )
    campaign_services.dossier_component_add(campaign=campaign, actor=None, name="Tờ trình đề nghị khen thưởng")
    award_round = services.round_create(
        organiser=world.phong_a,
        kind=RoundKind.CAMPAIGN,
        title="Tổng kết giai đoạn 1",
        school_year=2025,
        opens_on=D(2026, 5, 1),
        deadline=D(2026, 6, 1),
        campaign=campaign,
        occasion="tổng kết",
        actor=None,
    )
    round_award = award_round.awards.get()
    assert (round_award.award.code, round_award.quota, round_award.offer) == ("LDTT", 1, offer)
    assert selectors.award_for_offer(offer) == award("LDTT")
    people = staff(world.school_a1, 2)
    dossier = dossier_for(world.school_a1, award_round)
    services.nominee_add(dossier=dossier, actor=None, award=award("LDTT"), person=people[0], achievement="HTT")
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(dossier=dossier, actor=None, award=award("LDTT"), person=people[1], achievement="HTT")
    assert "đề nghị 2 trên chỉ tiêu 1 (vượt 1, Tổng kết giai đoạn 1)" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(dossier=dossier, actor=None, award=award("CSTDCS"), person=people[1], achievement="HTT")
    assert exc.value.messages == ["Chiến sĩ thi đua cơ sở không có trong đợt khen thưởng này."]
    complete(dossier)
    with pytest.raises(ValidationError) as exc:
        services.dossier_send(dossier=dossier, actor=None, today=TODAY)
    assert exc.value.messages == [
        "Hồ sơ chưa đầy đủ; còn thiếu: Xác nhận của cơ quan có thẩm quyền về phạm vi ảnh hưởng của sáng kiến."
    ]
    services.document_upload(
        dossier=dossier, actor=None, kind=ComponentKind.OTHER, upload=pdf_upload("xac-nhan.pdf"), component=component
    )
    services.dossier_send(dossier=dossier, actor=None, today=TODAY)
    proposal = dossier.documents.get(kind="proposal", content_type="application/pdf")
    assert proposal.size > 0
