import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from campaigns import selectors, services
from campaigns.enums import CampaignState, SubmissionStatus
from campaigns.models import Campaign, Deadline, Submission
from campaigns.tests.factories import CampaignFactory
from units.models import AuditLog
from units.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_campaign_walks_its_lifecycle_and_logs_each_step(world):
    campaign = CampaignFactory(issuer=world.so)
    officer = world.users["so_officer"]
    for state in ("launched", "in_progress", "midterm_review", "in_progress", "final_review", "closed"):
        campaign = services.campaign_set_state(campaign=campaign, new_state=state, actor=officer, reason="ok")
    assert campaign.state == CampaignState.CLOSED
    log = AuditLog.objects.filter(action="campaign.state_changed", object_id=str(campaign.pk)).order_by("id")
    assert [(e.data["from"], e.data["to"], e.actor_id) for e in log][:2] == [
        ("draft", "launched", officer.pk),
        ("launched", "in_progress", officer.pk),
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [("draft", "closed"), ("draft", "in_progress"), ("closed", "launched"), ("launched", "final_review")],
)
def test_campaign_refuses_transitions_outside_the_table(world, start, target):
    campaign = CampaignFactory(issuer=world.so)
    Campaign.objects.filter(pk=campaign.pk).update(state=start)
    with pytest.raises(ValidationError):
        services.campaign_set_state(campaign=campaign, new_state=target, actor=None)
    campaign.refresh_from_db()
    assert campaign.state == start


def test_launch_requires_number_date_and_signer(world):
    campaign = CampaignFactory(issuer=world.so, number=None, signer_name="")
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    assert excinfo.value.messages == ["Trước khi phát động, vui lòng điền: số, ký hiệu, người ký."]
    campaign.refresh_from_db()
    assert campaign.state == "draft"


def test_end_before_start_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as excinfo:
        CampaignFactory(issuer=world.so, starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2024, 1, 1))
    assert "ends_on" in excinfo.value.message_dict
    assert Campaign.objects.count() == 0


def test_launched_campaign_changes_only_by_amendment(world):
    campaign = CampaignFactory(issuer=world.so)
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    with pytest.raises(ValidationError):
        services.campaign_update(campaign=campaign, actor=None, title="Khác")
    amendment = services.campaign_amend(campaign=campaign, actor=None, reason="Đổi tên theo chỉ đạo", title="Khác")
    campaign.refresh_from_db()
    assert (campaign.title, amendment.sequence, amendment.changes["title"][1]) == ("Khác", 1, "Khác")


def test_yearly_milestone_expands_over_each_year_of_its_phase(world):
    campaign = CampaignFactory(
        issuer=world.so, starts_on=datetime.date(2024, 9, 18), ends_on=datetime.date(2030, 6, 30)
    )
    phase2 = services.phase_add(
        campaign=campaign,
        actor=None,
        name="Giai đoạn 2",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 6, 30),
    )
    whole = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo năm",
        recurrence="yearly",
        due_month=11,
        due_day=10,
    )
    in_phase = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="other",
        title="Điển hình",
        recurrence="yearly",
        due_month=6,
        due_day=11,
        phase=phase2,
    )
    assert [d.due_on.year for d in whole.deadlines.all()] == [2024, 2025, 2026, 2027, 2028, 2029]
    assert in_phase.deadlines.first().due_on == datetime.date(2026, 6, 11)
    assert in_phase.deadlines.count() == 5


def test_one_off_milestone_outside_period_is_refused(world):
    campaign = CampaignFactory(issuer=world.so)
    with pytest.raises(ValidationError) as excinfo:
        services.milestone_create(
            campaign=campaign, actor=None, deliverable="plan", title="Kế hoạch", due_on=datetime.date(2030, 1, 1)
        )
    assert "due_on" in excinfo.value.message_dict
    assert Deadline.objects.count() == 0


def test_target_must_be_a_number(world):
    campaign = CampaignFactory(issuer=world.so)
    assert services.criterion_add(campaign=campaign, actor=None, title="x", target_value="99,5").target_value == (
        pytest.approx(99.5)
    )
    with pytest.raises(ValidationError):
        services.criterion_add(campaign=campaign, actor=None, title="y", target_value="nhiều")


@time_machine.travel(datetime.datetime(2025, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_per_unit_status_on_time_late_missing_excused_extended(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign, actor=None, deliverable="midterm_report", title="Sơ kết", due_on=datetime.date(2025, 5, 10)
    )
    deadline = milestone.deadlines.get()
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    extra = [world.school_a2]
    on_time, late = world.school_a1, world.school_a2
    from units.tests.factories import UnitFactory

    missing = UnitFactory(parent=world.phong_a, name="Trường MN Thử 3")
    excused = UnitFactory(parent=world.phong_a, name="Trường MN Thử 4")
    extended = UnitFactory(parent=world.phong_a, name="Trường MN Thử 5")
    with time_machine.travel(datetime.datetime(2025, 5, 10, 16, 0, tzinfo=datetime.UTC)):  # 23:00 local, on time
        services.submission_create(deadline=deadline, unit=on_time, actor=None, note="Báo cáo")
    services.submission_create(deadline=deadline, unit=late, actor=None, note="Báo cáo muộn")
    services.deadline_excuse(deadline=deadline, unit=excused, reason="Trường sáp nhập", actor=None)
    services.deadline_extend(
        deadline=deadline, unit=extended, new_due_on=datetime.date(2025, 5, 25), reason="Thiên tai", actor=None
    )
    statuses = {
        s.unit.pk: s.status
        for s in selectors.deadline_statuses(deadline, [on_time, late, missing, excused, extended, *extra])
    }
    assert statuses == {
        on_time.pk: SubmissionStatus.ON_TIME,
        late.pk: SubmissionStatus.LATE,
        missing.pk: SubmissionStatus.MISSING,
        excused.pk: SubmissionStatus.EXCUSED,
        extended.pk: SubmissionStatus.EXTENDED,
    }


def test_resubmission_keeps_earlier_versions(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign, actor=None, deliverable="plan", title="Kế hoạch", due_on=datetime.date(2025, 5, 10)
    )
    deadline = milestone.deadlines.get()
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="v1")
    services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="v2")
    assert [(s.version, s.note) for s in selectors.submissions_for(deadline, world.school_a1)] == [(2, "v2"), (1, "v1")]


def test_cascade_prefills_lower_plan_and_links_it(world):
    upper = CampaignFactory(issuer=world.phong_a, title="Xây dựng xã hội học tập")
    services.criterion_add(campaign=upper, actor=None, title="Đơn vị học tập", number="1")
    lower = services.campaign_cascade(upper=upper, unit=world.school_a1, actor=None)
    assert (lower.parent_id, lower.title, lower.state) == (upper.pk, "Xây dựng xã hội học tập", "draft")
    assert [c.title for c in lower.criteria.all()] == ["Đơn vị học tập"]
    assert lower.upper_documents.get().linked_campaign_id == upper.pk
    assert selectors.implementations_by_unit(upper) == {world.school_a1.pk: lower}
    with pytest.raises(ValidationError):
        services.campaign_cascade(upper=upper, unit=world.school_a1, actor=None)


def test_copy_to_next_year_shifts_dates_and_recomputes_deadlines(world):
    campaign = CampaignFactory(issuer=world.so, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2025, 8, 31))
    services.milestone_create(
        campaign=campaign, actor=None, deliverable="registration", title="Đăng ký", due_on=datetime.date(2024, 10, 15)
    )
    copy = services.campaign_copy(source=campaign, actor=None)
    assert (copy.starts_on, copy.ends_on, copy.number) == (datetime.date(2025, 9, 1), datetime.date(2026, 8, 31), None)
    assert [d.due_on for d in Deadline.objects.filter(milestone__campaign=copy)] == [datetime.date(2025, 10, 15)]


def test_visible_campaigns_follow_the_unit_scope(world):
    so_campaign = CampaignFactory(issuer=world.so)
    services.campaign_set_state(campaign=so_campaign, new_state="launched", actor=None)
    school_campaign = CampaignFactory(issuer=world.school_b1)
    services.campaign_set_state(campaign=school_campaign, new_state="launched", actor=None)
    other = CampaignFactory(issuer=world.other_so)
    seen = {
        persona: set(selectors.visible_campaigns(world.users[persona]).values_list("pk", flat=True))
        for persona in ("school_clerk", "phong_officer", "so_officer", "outsider")
    }
    assert seen == {
        "school_clerk": {so_campaign.pk},
        "phong_officer": {so_campaign.pk},
        "so_officer": {so_campaign.pk, school_campaign.pk},
        "outsider": {other.pk},
    }


def test_only_participants_and_the_issuer_see_a_plan(world):
    """A schools-only plan is not seen by an office that does not take part; a draft only by its issuer."""
    commune = UnitFactory(parent=world.so, kind="commune_culture_office", name="Phòng Văn hoá xã Thử")
    commune_officer = UserFactory(username="commune_officer", unit=commune, is_officer=True)
    schools_only = CampaignFactory(issuer=world.so, title="Chỉ các trường tiểu học")
    services.campaign_set_participants(campaign=schools_only, actor=None, scope="kinds", kinds=["primary_school"])
    services.campaign_set_state(campaign=schools_only, new_state="launched", actor=None)
    listed = CampaignFactory(issuer=world.so, title="Danh sách")
    services.campaign_set_participants(campaign=listed, actor=None, scope="list", units=[world.school_a2])
    services.campaign_set_state(campaign=listed, new_state="launched", actor=None)
    draft = CampaignFactory(issuer=world.so, title="Dự thảo")

    def seen(user):
        return set(selectors.visible_campaigns(user).values_list("title", flat=True))

    assert seen(world.users["school_clerk"]) == {"Chỉ các trường tiểu học"}  # a primary school
    assert seen(world.users["other_head"]) == {"Danh sách"}  # a lower secondary school, listed
    assert seen(world.users["phong_officer"]) == set()  # Phòng A takes part in neither
    assert seen(commune_officer) == set()
    assert (
        seen(world.users["so_officer"])
        == seen(world.users["leader"])
        == {
            "Chỉ các trường tiểu học",
            "Danh sách",
            "Dự thảo",
        }
    )
    assert draft.pk not in selectors.visible_campaign_ids(world.users["phong_officer"], [draft.pk])


def test_every_part_added_to_a_draft_is_logged_with_its_actor(world):
    campaign = CampaignFactory(issuer=world.so)
    officer = world.users["so_officer"]
    services.subject_add(campaign=campaign, actor=officer, kind="collective", description="Các trường học")
    services.criterion_add(campaign=campaign, actor=officer, title="Đơn vị học tập", number="1")
    services.award_offer_add(campaign=campaign, actor=officer, name="Giấy khen của Giám đốc Sở", quota=5)
    entries = AuditLog.objects.filter(object_id=str(campaign.pk), action__endswith="_added").order_by("id")
    assert [(e.action, e.actor_id, e.data["item"]) for e in entries] == [
        ("campaign.subject_added", officer.pk, "Các trường học"),
        ("campaign.criterion_added", officer.pk, "1 Đơn vị học tập"),
        ("campaign.award_offer_added", officer.pk, "Giấy khen của Giám đốc Sở"),
    ]


def test_submission_is_refused_by_the_service_for_a_closed_campaign_or_a_unit_that_owes_nothing(world):
    """The guards live in the service, not only in the view: nothing is saved either way."""
    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch",
        due_on=datetime.date(2025, 5, 10),
        owed_by_kinds=[world.school_a1.kind],
    )
    deadline = milestone.deadlines.get()
    with pytest.raises(ValidationError) as draft:
        services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Sớm")
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    with pytest.raises(ValidationError) as not_owed:
        services.submission_create(deadline=deadline, unit=world.phong_a, actor=None, note="Nhầm đơn vị")
    services.campaign_set_state(campaign=campaign, new_state="closed", actor=None)
    with pytest.raises(ValidationError) as closed:
        services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Muộn")
    assert draft.value.messages == ["Phong trào hiện không nhận bài nộp (đang ở trạng thái “Dự thảo”)."]
    assert not_owed.value.messages == [f"{world.phong_a.name} không phải nộp theo hạn này."]
    assert closed.value.messages == ["Phong trào hiện không nhận bài nộp (đang ở trạng thái “Đã kết thúc”)."]
    assert Submission.objects.count() == 0
