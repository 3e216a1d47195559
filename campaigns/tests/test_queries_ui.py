"""The campaign pages run a fixed number of queries, whatever the number of rows or units."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import services
from campaigns.tests.factories import CampaignFactory
from units.enums import UnitKind
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _schools(world, count: int) -> list:
    """``count`` schools under Phòng A in all (A1 and A2 already exist)."""
    extra = [
        UnitFactory(parent=world.phong_a, kind=UnitKind.PRIMARY_SCHOOL, name=f"Trường Tiểu học Thêm {n}")
        for n in range(max(count - 2, 0))
    ]
    return [world.school_a1, world.school_a2, *extra][:count]


def _campaign_with_parts(world):
    campaign = CampaignFactory(issuer=world.phong_a, title="Phong trào có đủ phần")
    services.upper_document_add(campaign=campaign, actor=None, number_symbol="1592/KH-PGDĐT")
    phase = services.phase_add(
        campaign=campaign,
        actor=None,
        name="Giai đoạn 1",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 8, 31),
    )
    services.subject_add(campaign=campaign, actor=None, kind="collective", description="Các trường")
    parent = services.criterion_add(campaign=campaign, actor=None, title="Nội dung", number="2")
    services.criterion_add(campaign=campaign, actor=None, title="Trường chuẩn", number="2.1", target_value="344")
    services.award_offer_add(campaign=campaign, actor=None, name="Giấy khen", quota=5)
    services.dossier_component_add(campaign=campaign, actor=None, name="Tờ trình")
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch",
        due_on=datetime.date(2024, 10, 1),
        phase=phase,
    )
    assert parent.pk
    return campaign, milestone.deadlines.get()


@pytest.mark.parametrize("rows", [1, 30])
def test_campaign_list_query_count_does_not_grow(world, client_for, django_assert_num_queries, rows):
    for n in range(rows):
        campaign = CampaignFactory(issuer=world.phong_a if n % 2 else world.so)
        services.milestone_create(
            campaign=campaign, actor=None, deliverable="plan", title="Kế hoạch", due_on=datetime.date(2024, 10, 1)
        )
        if campaign.issuer == world.so:
            # Phòng A sees the Sở's plans it takes part in once launched, never its drafts.
            services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    client = client_for(world.users["phong_officer"])
    with django_assert_num_queries(9):
        response = client.get(reverse("campaigns:list"), {"q": "thu nghiem"})
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("units", [1, 50])
def test_campaign_detail_query_count_does_not_grow_with_units(world, client_for, django_assert_num_queries, units):
    schools = _schools(world, units)
    campaign, _deadline = _campaign_with_parts(world)
    services.campaign_set_participants(campaign=campaign, actor=None, scope="list", units=schools)
    campaign = services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    for school in schools:
        services.campaign_cascade(upper=campaign, unit=school, actor=None)
    client = client_for(world.users["phong_officer"])
    with django_assert_num_queries(22):  # with the review reports already issued (reports' links)
        response = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert len(response.context["units_below"]) == units


@pytest.mark.parametrize("units", [1, 50])
def test_draft_detail_with_forms_query_count_does_not_grow(world, client_for, django_assert_num_queries, units):
    schools = _schools(world, units)
    campaign, _deadline = _campaign_with_parts(world)
    services.campaign_set_participants(campaign=campaign, actor=None, scope="list", units=schools)
    client = client_for(world.users["phong_officer"])
    # 25: the award offer form lists the catalogue (one query, whatever the number of units); the
    # criterion form's parent picker reads the prefetched tree.
    with django_assert_num_queries(26):
        response = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert len(response.context["units_below"]) == units


@pytest.mark.parametrize("units", [1, 50])
def test_deadline_status_query_count_does_not_grow_with_units(world, client_for, django_assert_num_queries, units):
    schools = _schools(world, units)
    campaign, deadline = _campaign_with_parts(world)
    services.campaign_set_participants(campaign=campaign, actor=None, scope="list", units=schools)
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    for n, school in enumerate(schools):
        if n % 2 == 0:
            services.submission_create(
                deadline=deadline, unit=school, actor=None, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
            )
        else:
            services.deadline_excuse(deadline=deadline, unit=school, reason="Lý do", actor=None)
    client = client_for(world.users["phong_officer"])
    # Counts, groups and their units, the page's count and rows, their versions and exceptions.
    with django_assert_num_queries(15):
        response = client.get(reverse("campaigns:deadline-status", args=[deadline.pk]))
    assert len(response.context["statuses"]) == units


@pytest.mark.parametrize("rows", [1, 30])
def test_my_deadlines_query_count_does_not_grow(world, client_for, django_assert_num_queries, rows):
    campaign = CampaignFactory(
        issuer=world.phong_a, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2025, 8, 31)
    )
    for n in range(rows):
        services.milestone_create(
            campaign=campaign,
            actor=None,
            deliverable="other",
            title=f"Báo cáo {n}",
            due_on=datetime.date(2024, 9, 2) + datetime.timedelta(days=n * 10),
        )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    client = client_for(world.users["school_clerk"])
    with django_assert_num_queries(10):
        response = client.get(reverse("campaigns:my-deadlines"), {"nam": "2024"})
    assert sum(len(m["items"]) for m in response.context["months"]) == rows
