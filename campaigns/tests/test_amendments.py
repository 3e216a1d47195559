"""A launched plan's parts change only through recorded amendments: services, screens, history."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import (
    Amendment,
    AwardOffer,
    Criterion,
    Deadline,
    DossierComponent,
    Milestone,
    Phase,
    Subject,
    UpperDocument,
)
from campaigns.tests.factories import CampaignFactory
from units.models import AuditLog
from units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REASON = "Theo Công văn 120/SGDĐT-TĐKT ngày 05/11/2024"
MISSING_REASON = {"amendment_reason": ["Phong trào đã phát động: vui lòng nêu lý do điều chỉnh."]}
CLOSED = ["Phong trào đã kết thúc không thể điều chỉnh."]


@dataclass
class Plan:
    campaign: object
    upper_document: UpperDocument
    phase: Phase
    subject: Subject
    criterion: Criterion
    award_offer: AwardOffer
    dossier_component: DossierComponent
    milestone: Milestone


def _plan(world, *, state="launched") -> Plan:
    """A plan of Phòng A with one item of every part, launched (or further) through the services."""
    campaign = CampaignFactory(issuer=world.phong_a, title="Phong trào dạy tốt, học tốt")
    plan = Plan(
        campaign=campaign,
        upper_document=services.upper_document_add(
            campaign=campaign, actor=None, number_symbol="914/KH-SGDĐT", summary="Kế hoạch của Sở"
        ),
        phase=services.phase_add(
            campaign=campaign,
            actor=None,
            name="Giai đoạn 1",
            starts_on=datetime.date(2024, 9, 1),
            ends_on=datetime.date(2025, 5, 31),
        ),
        subject=services.subject_add(campaign=campaign, actor=None, kind="collective", description="Các trường"),
        criterion=services.criterion_add(
            campaign=campaign, actor=None, number="2.1", title="Trường đạt chuẩn quốc gia", target_value="300"
        ),
        award_offer=services.award_offer_add(campaign=campaign, actor=None, name="Giấy khen", quota=5),
        dossier_component=services.dossier_component_add(campaign=campaign, actor=None, name="Tờ trình"),
        milestone=services.milestone_create(
            campaign=campaign,
            actor=None,
            deliverable="midterm_report",
            title="Báo cáo sơ kết",
            due_on=datetime.date(2024, 12, 10),
        ),
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    if state in ("in_progress", "closed"):
        services.campaign_set_state(campaign=campaign, new_state="in_progress", actor=None)
    if state == "closed":
        services.campaign_set_state(campaign=campaign, new_state="final_review", actor=None)
        services.campaign_set_state(campaign=campaign, new_state="closed", actor=None)
    campaign.refresh_from_db()
    return plan


def _snapshot(plan: Plan) -> dict:
    """Everything an amendment may touch, to show that a refused one changed nothing."""
    campaign = plan.campaign
    return {
        "counts": [
            model.objects.count()
            for model in (UpperDocument, Phase, Subject, Criterion, AwardOffer, DossierComponent, Milestone, Deadline)
        ],
        "amendments": Amendment.objects.count(),
        "audit": AuditLog.objects.count(),
        "phase": Phase.objects.values_list("name", "starts_on", "ends_on").get(pk=plan.phase.pk),
        "quota": AwardOffer.objects.values_list("quota", flat=True).get(pk=plan.award_offer.pk),
        "due_on": Milestone.objects.values_list("due_on", flat=True).get(pk=plan.milestone.pk),
        "deadlines": list(Deadline.objects.values_list("due_on", flat=True)),
        "participants": (campaign.participant_scope, list(campaign.participant_units.values_list("pk", flat=True))),
    }


# Each change: (the service call, what the amendment records — raw values: ISO dates, decimal strings,
# related rows as id and name —, a check that it was applied).
CHANGES = {
    "upper_document_updated": (
        lambda p, w, **r: services.upper_document_update(
            upper_document=p.upper_document, actor=w.users["phong_officer"], issued_on=datetime.date(2024, 9, 5), **r
        ),
        {
            "part": "upper_document",
            "action": "updated",
            "item": "914/KH-SGDĐT",
            "fields": {"issued_on": [None, "2024-09-05"]},
        },
        lambda p: UpperDocument.objects.get(pk=p.upper_document.pk).issued_on == datetime.date(2024, 9, 5),
    ),
    "phase_added": (
        lambda p, w, **r: services.phase_add(
            campaign=p.campaign,
            actor=w.users["phong_officer"],
            name="Giai đoạn 2",
            starts_on=datetime.date(2025, 6, 1),
            ends_on=datetime.date(2026, 8, 31),
            **r,
        ),
        {
            "part": "phase",
            "action": "added",
            "item": "Giai đoạn 2",
            "fields": {
                "name": [None, "Giai đoạn 2"],
                "starts_on": [None, "2025-06-01"],
                "ends_on": [None, "2026-08-31"],
            },
        },
        lambda p: list(p.campaign.phases.values_list("name", flat=True)) == ["Giai đoạn 1", "Giai đoạn 2"],
    ),
    "subject_deleted": (
        lambda p, w, **r: services.subject_delete(subject=p.subject, actor=w.users["phong_officer"], **r),
        {
            "part": "subject",
            "action": "deleted",
            "item": "Các trường",
            "fields": {"kind": ["collective", None], "description": ["Các trường", None]},
        },
        lambda p: not Subject.objects.exists(),
    ),
    "criterion_added": (
        lambda p, w, **r: services.criterion_add(
            campaign=p.campaign,
            actor=w.users["phong_officer"],
            number="2.2",
            title="Tỉ lệ học sinh hoàn thành chương trình",
            target_value="99,5",
            target_unit="%",
            **r,
        ),
        {
            "part": "criterion",
            "action": "added",
            "item": "2.2 Tỉ lệ học sinh hoàn thành chương trình",
            "fields": {
                "number": [None, "2.2"],
                "title": [None, "Tỉ lệ học sinh hoàn thành chương trình"],
                "target_value": [None, "99.5"],
                "target_unit": [None, "%"],
            },
        },
        lambda p: Criterion.objects.filter(number="2.2", target_unit="%").count() == 1,
    ),
    "criterion_updated": (
        lambda p, w, **r: services.criterion_update(
            criterion=p.criterion, actor=w.users["phong_officer"], target_value="344", **r
        ),
        {
            "part": "criterion",
            "action": "updated",
            "item": "2.1 Trường đạt chuẩn quốc gia",
            "fields": {"target_value": ["300", "344"]},
        },
        lambda p: Criterion.objects.get(pk=p.criterion.pk).target_value == 344,
    ),
    "award_offer_quota_raised": (
        lambda p, w, **r: services.award_offer_update(
            award_offer=p.award_offer, actor=w.users["phong_officer"], quota=8, **r
        ),
        {"part": "award_offer", "action": "updated", "item": "Giấy khen", "fields": {"quota": [5, 8]}},
        lambda p: AwardOffer.objects.get(pk=p.award_offer.pk).quota == 8,
    ),
    "dossier_component_added": (
        lambda p, w, **r: services.dossier_component_add(
            campaign=p.campaign, actor=w.users["phong_officer"], name="Bản tóm tắt thành tích", is_required=False, **r
        ),
        {
            "part": "dossier_component",
            "action": "added",
            "item": "Bản tóm tắt thành tích",
            "fields": {"name": [None, "Bản tóm tắt thành tích"], "is_required": [None, False]},
        },
        lambda p: DossierComponent.objects.filter(name="Bản tóm tắt thành tích", is_required=False).count() == 1,
    ),
    "milestone_moved": (
        lambda p, w, **r: services.milestone_update(
            milestone=p.milestone, actor=w.users["phong_officer"], due_on=datetime.date(2024, 12, 15), **r
        ),
        {
            "part": "milestone",
            "action": "updated",
            "item": "Báo cáo sơ kết",
            "fields": {"due_on": ["2024-12-10", "2024-12-15"], "deadlines": [["2024-12-10"], ["2024-12-15"]]},
        },
        lambda p: list(Deadline.objects.values_list("due_on", flat=True)) == [datetime.date(2024, 12, 15)],
    ),
    "milestone_added": (
        lambda p, w, **r: services.milestone_create(
            campaign=p.campaign,
            actor=w.users["phong_officer"],
            deliverable="annual_report",
            title="Báo cáo năm",
            recurrence="yearly",
            due_month=11,
            due_day=10,
            **r,
        ),
        {
            "part": "milestone",
            "action": "added",
            "item": "Báo cáo năm",
            "fields": {
                "deliverable": [None, "annual_report"],
                "title": [None, "Báo cáo năm"],
                "recurrence": [None, "yearly"],
                "due_month": [None, 11],
                "due_day": [None, 10],
                "owed_by_issuer": [None, False],
                "is_individual": [None, False],
                "deadlines": [None, ["2024-11-10", "2025-11-10"]],
            },
        },
        lambda p: (
            list(Deadline.objects.filter(milestone__title="Báo cáo năm").values_list("due_on", flat=True))
            == [datetime.date(2024, 11, 10), datetime.date(2025, 11, 10)]
        ),
    ),
    "milestone_deleted": (
        lambda p, w, **r: services.milestone_delete(milestone=p.milestone, actor=w.users["phong_officer"], **r),
        {
            "part": "milestone",
            "action": "deleted",
            "item": "Báo cáo sơ kết",
            "fields": {
                "deliverable": ["midterm_report", None],
                "title": ["Báo cáo sơ kết", None],
                "recurrence": ["once", None],
                "due_on": ["2024-12-10", None],
                "owed_by_issuer": [False, None],
                "is_individual": [False, None],
            },
        },
        lambda p: (Milestone.objects.count(), Deadline.objects.count()) == (0, 0),
    ),
    "participants_changed": (
        lambda p, w, **r: services.campaign_set_participants(
            campaign=p.campaign, actor=w.users["phong_officer"], scope="list", units=[w.school_a1], **r
        ),
        lambda w: {
            "part": "participants",
            "action": "updated",
            "item": "Phong trào dạy tốt, học tốt",
            "fields": {
                "participant_scope": ["subtree", "list"],
                "participant_units": [None, [{"id": w.school_a1.pk, "name": "Trường Tiểu học Thử A1"}]],
            },
        },
        lambda p: list(p.campaign.participant_units.values_list("name", flat=True)) == ["Trường Tiểu học Thử A1"],
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_part_changed_after_launch_is_one_amendment_with_reason_values_and_log(world, change):
    call, expected, applied = CHANGES[change]
    expected = expected(world) if callable(expected) else expected
    plan = _plan(world)
    officer = world.users["phong_officer"]

    call(plan, world, amendment_reason=f"  {REASON} ")

    amendment = Amendment.objects.get()
    assert (amendment.campaign_id, amendment.sequence, amendment.reason, amendment.decided_by_id) == (
        plan.campaign.pk,
        1,
        REASON,
        officer.pk,
    )
    assert amendment.changes == expected
    entry = AuditLog.objects.filter(action="campaign.amended").get()
    assert (entry.object_id, entry.actor_id, entry.reason, entry.data) == (
        str(plan.campaign.pk),
        officer.pk,
        REASON,
        {"amendment": 1, **expected},
    )
    assert applied(plan)


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_part_change_after_launch_without_reason_is_refused_and_changes_nothing(world, change):
    call, _expected, _applied = CHANGES[change]
    plan = _plan(world, state="in_progress")
    before = _snapshot(plan)
    for reason in ({}, {"amendment_reason": "   "}):
        with pytest.raises(ValidationError) as excinfo:
            call(plan, world, **reason)
        assert excinfo.value.message_dict == MISSING_REASON
    assert _snapshot(plan) == before


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_part_of_a_closed_campaign_is_not_changed_even_with_a_reason(world, change):
    call, _expected, _applied = CHANGES[change]
    plan = _plan(world, state="closed")
    before = _snapshot(plan)
    with pytest.raises(ValidationError) as excinfo:
        call(plan, world, amendment_reason=REASON)
    assert excinfo.value.messages == CLOSED
    assert _snapshot(plan) == before


def test_a_draft_ignores_the_reason_and_records_no_amendment(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    phase = services.phase_add(
        campaign=campaign,
        actor=None,
        name="Giai đoạn 1",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 5, 31),
        amendment_reason=REASON,
    )
    services.phase_update(phase=phase, actor=None, name="Giai đoạn một")
    assert (Amendment.objects.count(), Phase.objects.get().name) == (0, "Giai đoạn một")
    assert list(
        AuditLog.objects.filter(action__startswith="campaign.").order_by("id").values_list("action", flat=True)
    ) == [
        "campaign.created",
        "campaign.phase_added",
        "campaign.phase_changed",
    ]


def test_a_change_of_nothing_is_not_an_amendment(world):
    plan = _plan(world)
    with pytest.raises(ValidationError) as excinfo:
        services.award_offer_update(award_offer=plan.award_offer, actor=None, quota=5, amendment_reason=REASON)
    assert excinfo.value.messages == ["Nội dung điều chỉnh không thay đổi gì."]
    assert Amendment.objects.count() == 0


def test_amendments_are_numbered_after_those_of_the_main_part(world):
    plan = _plan(world)
    services.campaign_amend(campaign=plan.campaign, actor=None, reason="Đổi người ký", signer_name="Trần Văn Nam")
    services.award_offer_update(award_offer=plan.award_offer, actor=None, quota=6, amendment_reason=REASON)
    services.award_offer_update(award_offer=plan.award_offer, actor=None, quota=7, amendment_reason=REASON)
    assert list(Amendment.objects.values_list("sequence", "changes__part")) == [
        (1, None),
        (2, "award_offer"),
        (3, "award_offer"),
    ]


def test_several_fields_changed_in_one_call_are_one_amendment(world):
    plan = _plan(world)
    services.milestone_update(
        milestone=plan.milestone,
        actor=None,
        title="Báo cáo sơ kết học kỳ I",
        due_on=datetime.date(2025, 1, 10),
        amendment_reason=REASON,
    )
    amendment = Amendment.objects.get()
    assert amendment.changes["fields"] == {
        "title": ["Báo cáo sơ kết", "Báo cáo sơ kết học kỳ I"],
        "due_on": ["2024-12-10", "2025-01-10"],
        "deadlines": [["2024-12-10"], ["2025-01-10"]],
    }


# --- Moved deadlines --------------------------------------------------------------------------------


def test_a_moved_one_off_deadline_without_submissions_moves(world):
    plan = _plan(world)
    services.milestone_update(
        milestone=plan.milestone, actor=None, due_on=datetime.date(2024, 12, 15), amendment_reason=REASON
    )
    assert list(plan.milestone.deadlines.values_list("due_on", flat=True)) == [datetime.date(2024, 12, 15)]


def test_a_moved_deadline_with_submissions_moves_with_them_and_is_not_owed_twice(world):
    plan = _plan(world)
    old = plan.milestone.deadlines.get()
    submission = services.submission_create(deadline=old, unit=world.school_a1, actor=None, note="Đã nộp báo cáo")

    services.milestone_update(
        milestone=plan.milestone, actor=None, due_on=datetime.date(2024, 12, 15), amendment_reason=REASON
    )

    deadlines = list(plan.milestone.deadlines.all())
    assert [(d.pk, d.due_on) for d in deadlines] == [(old.pk, datetime.date(2024, 12, 15))]
    assert list(deadlines[0].submissions.values_list("pk", flat=True)) == [submission.pk]
    assert Amendment.objects.get().changes["fields"]["deadlines"] == [["2024-12-10"], ["2024-12-15"]]


def test_a_yearly_milestone_moves_each_years_deadline_in_place(world):
    plan = _plan(world)
    yearly = services.milestone_create(
        campaign=plan.campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo năm",
        recurrence="yearly",
        due_month=11,
        due_day=10,
        amendment_reason=REASON,
    )
    before = {d.due_on.year: d.pk for d in yearly.deadlines.all()}
    services.milestone_update(milestone=yearly, actor=None, due_day=20, amendment_reason=REASON)
    after = {d.due_on.year: (d.pk, d.due_on.day) for d in yearly.deadlines.all()}
    assert after == {year: (pk, 20) for year, pk in before.items()}


# --- Screens ----------------------------------------------------------------------------------------


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_officer_moves_a_deadline_through_the_edit_form_with_a_reason(world, client_for):
    plan = _plan(world)
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:part-edit", args=[plan.campaign.pk, "moc", plan.milestone.pk])
    form = client.get(url).context["form"]
    assert next(iter(form.fields)) == "amendment_reason"
    assert form.fields["amendment_reason"].label == "Lý do điều chỉnh"
    data = {
        "moc-title": "Báo cáo sơ kết",
        "moc-deliverable": "midterm_report",
        "moc-recurrence": "once",
        "moc-due_on": "15/12/2024",
    }

    refused = client.post(url, data)
    assert refused.context["form"].errors["amendment_reason"] == ["Vui lòng nêu lý do điều chỉnh."]
    assert (Amendment.objects.count(), Milestone.objects.get().due_on) == (0, datetime.date(2024, 12, 10))

    response = client.post(url, {**data, "moc-amendment_reason": REASON})
    assert response["Location"] == reverse("campaigns:detail", args=[plan.campaign.pk]) + "#part-moc"
    assert _messages(response) == ["Đã ghi nhận lần điều chỉnh thứ 1."]
    assert Milestone.objects.get().due_on == datetime.date(2024, 12, 15)
    assert Amendment.objects.get().reason == REASON


def test_officer_adds_a_criterion_to_a_launched_plan_on_its_own_page(world, client_for):
    plan = _plan(world)
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:part-add", args=[plan.campaign.pk, "tieu-chi"])
    page = client.get(url).content.decode()
    assert "Phong trào đã phát động: thay đổi này được ghi nhận thành một lần điều chỉnh kèm lý do." in page
    client.post(
        url,
        {
            "tieu-chi-amendment_reason": REASON,
            "tieu-chi-number": "2.1.1",
            "tieu-chi-title": "Trường mầm non đạt chuẩn",
            "tieu-chi-target_value": "120",
        },
    )
    child = Criterion.objects.get(number="2.1.1")
    assert (child.parent_id, child.target_value) == (plan.criterion.pk, 120)
    assert Amendment.objects.get().changes["action"] == "added"


def test_deleting_a_part_of_a_launched_plan_asks_why_first(world, client_for):
    plan = _plan(world)
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:part-delete", args=[plan.campaign.pk, "ho-so", plan.dossier_component.pk])
    page = client.get(url)
    assert list(page.context["form"].fields) == ["amendment_reason"]
    assert "Xóa “Tờ trình”?" in page.content.decode()

    refused = client.post(url, {"amendment_reason": ""})
    assert refused.context["form"].errors["amendment_reason"] == ["Vui lòng nêu lý do điều chỉnh."]
    assert DossierComponent.objects.count() == 1

    client.post(url, {"amendment_reason": REASON})
    assert DossierComponent.objects.count() == 0
    assert Amendment.objects.get().changes == {
        "part": "dossier_component",
        "action": "deleted",
        "item": "Tờ trình",
        "fields": {"name": ["Tờ trình", None], "is_required": [True, None]},
    }


def test_participants_of_a_launched_plan_change_with_a_reason(world, client_for):
    plan = _plan(world)
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:participants", args=[plan.campaign.pk])
    data = {"participant_scope": "list", "participant_units": [str(world.school_a1.pk)]}
    refused = client.post(url, data)
    assert refused.context["form"].errors["amendment_reason"] == ["Vui lòng nêu lý do điều chỉnh."]
    client.post(url, {**data, "amendment_reason": REASON})
    plan.campaign.refresh_from_db()
    assert (plan.campaign.participant_scope, Amendment.objects.get().changes["part"]) == ("list", "participants")


def test_a_clerk_of_the_issuer_edits_a_draft_but_may_not_amend(world, client_for):
    clerk = UserFactory(unit=world.phong_a, is_clerk=True)
    plan = _plan(world)
    draft = CampaignFactory(issuer=world.phong_a)
    client = client_for(clerk)
    refused = client.post(
        reverse("campaigns:part-edit", args=[plan.campaign.pk, "khen-thuong", plan.award_offer.pk]),
        {"khen-thuong-name": "Giấy khen", "khen-thuong-quota": "9", "khen-thuong-amendment_reason": REASON},
    )
    added = client.post(
        reverse("campaigns:part-add", args=[draft.pk, "ho-so"]),
        {"ho-so-name": "Tờ trình", "ho-so-is_required": "on"},
    )
    assert (refused.status_code, AwardOffer.objects.get(pk=plan.award_offer.pk).quota) == (403, 5)
    assert (added.status_code, draft.dossier_components.count(), Amendment.objects.count()) == (302, 1, 0)


def test_a_closed_plan_sends_the_officer_back_with_why(world, client_for):
    plan = _plan(world, state="closed")
    client = client_for(world.users["phong_officer"])
    response = client.post(
        reverse("campaigns:part-edit", args=[plan.campaign.pk, "khen-thuong", plan.award_offer.pk]),
        {"khen-thuong-name": "Giấy khen", "khen-thuong-quota": "9", "khen-thuong-amendment_reason": REASON},
    )
    assert response["Location"] == reverse("campaigns:detail", args=[plan.campaign.pk])
    assert _messages(response) == CLOSED
    assert (AwardOffer.objects.get().quota, Amendment.objects.count()) == (5, 0)


def test_draft_forms_ask_no_reason(world, client_for):
    draft = CampaignFactory(issuer=world.phong_a)
    response = client_for(world.users["phong_officer"]).get(reverse("campaigns:detail", args=[draft.pk]))
    forms = [section["form"] for section in response.context["sections"]]
    assert all(form is not None and "amendment_reason" not in form.fields for form in forms)
    assert "Thêm (điều chỉnh)" not in response.content.decode()


def test_launched_page_offers_amendment_controls_to_the_officer_only(world, client_for):
    plan = _plan(world)
    url = reverse("campaigns:detail", args=[plan.campaign.pk])
    officer_page = client_for(world.users["phong_officer"]).get(url).content.decode()
    leader_page = client_for(world.users["leader"]).get(url).content.decode()
    add_phase = reverse("campaigns:part-add", args=[plan.campaign.pk, "giai-doan"])
    delete_phase = reverse("campaigns:part-delete", args=[plan.campaign.pk, "giai-doan", plan.phase.pk])
    assert (officer_page.count("Thêm (điều chỉnh)"), f'href="{add_phase}"' in officer_page) == (7, True)
    assert f'href="{delete_phase}"' in officer_page
    assert "Thay đổi (điều chỉnh)" in officer_page
    assert ("Thêm (điều chỉnh)" in leader_page, delete_phase in leader_page) == (False, False)


def test_amendment_history_reads_in_vietnamese(world, client_for):
    plan = _plan(world)
    officer = world.users["phong_officer"]
    services.milestone_update(
        milestone=plan.milestone, actor=officer, due_on=datetime.date(2024, 12, 15), amendment_reason=REASON
    )
    services.subject_update(
        subject=plan.subject, actor=officer, kind="individual", amendment_reason="Bổ sung đối tượng cá nhân"
    )
    services.campaign_set_participants(
        campaign=plan.campaign, actor=officer, scope="kinds", kinds=["primary_school"], amendment_reason="Thu hẹp"
    )
    services.campaign_amend(
        campaign=plan.campaign, actor=officer, reason="Đổi ngày", issued_on=datetime.date(2024, 9, 12)
    )
    response = client_for(officer).get(reverse("campaigns:detail", args=[plan.campaign.pk]))
    page = response.content.decode()
    assert [c.title for c in _history(response)] == [
        "Sửa mốc thời gian “Báo cáo sơ kết”",
        "Sửa đối tượng “Các trường”",
        "Sửa danh sách đơn vị tham gia",
        "Sửa phần chính của kế hoạch",
    ]
    for line in (
        "<li>Hạn nộp: 10/12/2024 → 15/12/2024</li>",
        "<li>Các hạn nộp cụ thể: 10/12/2024 → 15/12/2024</li>",
        "<li>Loại: Tập thể → Cá nhân</li>",
        "<li>Đối tượng tham gia: Toàn bộ đơn vị trực thuộc → Một số loại đơn vị trực thuộc</li>",
        "<li>Loại đơn vị tham gia: — → Trường tiểu học</li>",
        "<li>Ngày ban hành: 10/09/2024 → 12/09/2024</li>",
        f"Lý do: {REASON}",
    ):
        assert line in page


def _history(response):
    from campaigns.templatetags.amendment_tags import amendment_change

    @dataclass
    class Line:
        title: str

    return [Line(amendment_change(a)["title"]) for a in response.context["campaign"].amendments.all()]


@pytest.mark.parametrize("amendments", [1, 12])
def test_launched_detail_query_count_does_not_grow_with_amendments(
    world, client_for, django_assert_num_queries, amendments
):
    """21 is what this page cost before parts could be amended (main-part amendments only): the
    amendment controls are links, and the history is read from the prefetched amendments. One more
    reads which sơ kết/tổng kết reports the issuer has numbered (the "Cấp số" buttons)."""
    plan = _plan(world)
    for n in range(amendments):
        services.award_offer_update(
            award_offer=plan.award_offer, actor=world.users["phong_officer"], quota=10 + n, amendment_reason=REASON
        )
    client = client_for(world.users["phong_officer"])
    with django_assert_num_queries(23):
        response = client.get(reverse("campaigns:detail", args=[plan.campaign.pk]))
    assert len(response.context["campaign"].amendments.all()) == amendments
    assert all(section["form"] is None for section in response.context["sections"])
