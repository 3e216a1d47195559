"""Editing and deleting a draft's parts, and choosing participants."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import Criterion, Deadline, Milestone, Phase
from campaigns.tests.factories import CampaignFactory
from units.models import AuditLog

pytestmark = pytest.mark.django_db


def _phase(campaign, start=datetime.date(2024, 9, 1), end=datetime.date(2025, 8, 31)):
    return services.phase_add(campaign=campaign, actor=None, name="Giai đoạn 1", starts_on=start, ends_on=end)


def test_phase_update_refuses_to_leave_a_milestone_outside_and_saves_nothing(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    phase = _phase(campaign)
    services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch",
        due_on=datetime.date(2025, 5, 1),
        phase=phase,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.phase_update(phase=phase, actor=None, ends_on=datetime.date(2025, 1, 31))
    assert excinfo.value.message_dict == {"starts_on": ["Mốc “Kế hoạch” sẽ không còn nằm trong giai đoạn này."]}
    assert Phase.objects.get().ends_on == datetime.date(2025, 8, 31)


def test_phase_update_reexpands_yearly_milestones_and_logs_the_change(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    phase = _phase(campaign)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo năm",
        recurrence="yearly",
        due_month=11,
        due_day=10,
        phase=phase,
    )
    services.phase_update(phase=phase, actor=world.users["phong_officer"], ends_on=datetime.date(2026, 8, 31))
    assert [d.due_on.year for d in milestone.deadlines.all()] == [2024, 2025]
    entry = AuditLog.objects.get(action="campaign.phase_changed")
    assert (entry.actor_id, entry.data["changes"]) == (
        world.users["phong_officer"].pk,
        {"ends_on": ["2025-08-31", "2026-08-31"]},
    )


def test_phase_delete_keeps_its_milestones_over_the_whole_campaign(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    phase = _phase(campaign)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo năm",
        recurrence="yearly",
        due_month=11,
        due_day=10,
        phase=phase,
    )
    services.phase_delete(phase=phase, actor=None)
    milestone.refresh_from_db()
    assert (milestone.phase_id, [d.due_on.year for d in milestone.deadlines.all()]) == (None, [2024, 2025])


def test_criterion_cannot_move_under_its_own_child(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    parent = services.criterion_add(campaign=campaign, actor=None, title="Nội dung", number="2")
    child = services.criterion_add(campaign=campaign, actor=None, title="Xây dựng Đảng", number="2.1")
    assert child.parent_id == parent.pk
    with pytest.raises(ValidationError) as excinfo:
        services.criterion_update(criterion=parent, actor=None, parent=child)
    assert excinfo.value.message_dict == {
        "parent": ["Một tiêu chí không thể nằm dưới chính nó hoặc dưới mục con của nó."]
    }
    parent.refresh_from_db()
    assert parent.parent_id is None


def test_criterion_update_parses_targets_and_delete_takes_the_children(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    parent = services.criterion_add(campaign=campaign, actor=None, title="Nội dung", number="2")
    child = services.criterion_add(campaign=campaign, actor=None, title="Trường chuẩn", number="2.1")
    services.criterion_update(criterion=child, actor=None, target_value="344", target_unit="trường")
    child.refresh_from_db()
    assert (child.target_value, child.target_unit) == (344, "trường")
    with pytest.raises(ValidationError):
        services.criterion_update(criterion=child, actor=None, target_value="ba trăm")
    services.criterion_delete(criterion=parent, actor=None)
    assert Criterion.objects.count() == 0


def test_milestone_with_submissions_cannot_be_deleted(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign, actor=None, deliverable="plan", title="Kế hoạch", due_on=datetime.date(2024, 10, 1)
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    services.submission_create(deadline=milestone.deadlines.get(), unit=world.school_a1, actor=None, note="Đã nộp")
    with pytest.raises(ValidationError) as excinfo:
        services.milestone_delete(milestone=milestone, actor=None, amendment_reason="Bỏ mốc đã nộp")
    assert excinfo.value.messages == ["Đã có đơn vị nộp theo mốc này nên không thể xóa mốc."]
    assert (Milestone.objects.count(), Deadline.objects.count()) == (1, 1)


def test_parts_of_a_launched_campaign_are_not_edited_or_deleted_without_a_reason(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    phase = _phase(campaign)
    offer = services.award_offer_add(campaign=campaign, actor=None, name="Giấy khen", quota=3)
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    for call in (
        lambda: services.phase_update(phase=phase, actor=None, name="Khác"),
        lambda: services.award_offer_delete(award_offer=offer, actor=None),
    ):
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert excinfo.value.message_dict == {
            "amendment_reason": ["Phong trào đã phát động: vui lòng nêu lý do điều chỉnh."]
        }
    assert (Phase.objects.get().name, campaign.award_offers.count(), campaign.amendments.count()) == (
        "Giai đoạn 1",
        1,
        0,
    )


def test_participants_list_must_stay_below_the_issuer(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_set_participants(
            campaign=campaign, actor=None, scope="list", units=[world.school_a1, world.school_b1]
        )
    assert excinfo.value.message_dict == {
        "participant_units": ["Các đơn vị sau không trực thuộc đơn vị ban hành: Trường Tiểu học Thử B1."]
    }
    services.campaign_set_participants(campaign=campaign, actor=None, scope="list", units=[world.school_a1])
    campaign.refresh_from_db()
    assert (campaign.participant_scope, list(campaign.participant_units.values_list("pk", flat=True))) == (
        "list",
        [world.school_a1.pk],
    )
