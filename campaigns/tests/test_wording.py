"""Words users read on the campaign screens: the history as sentences, a draft's missing number."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign
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


@time_machine.travel(datetime.datetime(2025, 5, 9, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_submitted_figures_show_their_labels_not_keys(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="midterm_report",
        title="Báo cáo sơ kết",
        due_on=datetime.date(2025, 5, 10),
        figures=[{"key": "so_giao_vien_dat_chien_si_thi_dua_co_so", "label": "Giáo viên đạt CSTĐCS", "unit": "người"}],
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    services.submission_create(
        deadline=deadline, unit=world.school_a1, actor=None, figures={"so_giao_vien_dat_chien_si_thi_dua_co_so": 12}
    )
    clerk = client_for(world.users["school_clerk"]).get(reverse("campaigns:submit", args=[deadline.pk]))
    assert '<span data-testid="figure">Giáo viên đạt CSTĐCS: 12 người</span>' in clerk.content.decode()
    officer = client_for(world.users["phong_officer"]).get(reverse("campaigns:deadline-status", args=[deadline.pk]))
    for page in (clerk.content.decode(), officer.content.decode()):
        assert "so_giao_vien_dat_chien_si_thi_dua_co_so" not in re.sub(r"<[^>]+>", " ", page)  # in no text read
    assert "Giáo viên đạt CSTĐCS: 12 người" in officer.content.decode()


@time_machine.travel(datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_launching_a_plan_whose_period_ended_asks_for_confirmation(world, client_for):
    campaign = CampaignFactory(
        issuer=world.phong_a, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2025, 8, 31)
    )
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:set-state", args=[campaign.pk])
    response = client.post(url, {"state": "launched", "reason": "Phát động muộn"})
    page = response.content.decode()
    assert "Thời gian của kế hoạch này (01/09/2024 – 31/08/2025) đã kết thúc." in page
    assert '<input type="hidden" name="reason" value="Phát động muộn">' in page
    campaign.refresh_from_db()
    assert campaign.state == "draft"

    response = client.post(url, {"state": "launched", "reason": "Phát động muộn", "confirm_past": "on"})
    campaign.refresh_from_db()
    assert (response.status_code, campaign.state) == (302, "launched")


@time_machine.travel(datetime.datetime(2025, 1, 10, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_launching_a_plan_within_its_period_needs_no_confirmation(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a)
    response = client_for(world.users["phong_officer"]).post(
        reverse("campaigns:set-state", args=[campaign.pk]), {"state": "launched"}
    )
    campaign.refresh_from_db()
    assert (response.status_code, campaign.state) == (302, "launched")


@time_machine.travel(datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_a_unit_created_after_a_deadline_does_not_owe_it(world, client_for):
    from units.tests.factories import UnitFactory

    campaign = CampaignFactory(issuer=world.phong_a)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch của trường",
        recurrence="yearly",
        due_month=10,
        due_day=15,
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    UnitFactory(parent=world.phong_a, name="Trường Tiểu học Mới Lập", active_from=datetime.date(2025, 1, 1))
    client = client_for(world.users["phong_officer"])
    owed = {}
    for deadline in milestone.deadlines.order_by("due_on"):
        response = client.get(reverse("campaigns:deadline-status", args=[deadline.pk]))
        owed[deadline.due_on.year] = sorted(row.unit.name for row in response.context["statuses"])
    assert "Trường Tiểu học Mới Lập" not in owed[2024]  # created after 15/10/2024
    assert "Trường Tiểu học Mới Lập" in owed[2025]


def test_no_text_is_cut_silently_the_limit_is_said_at_the_field(world, client_for):
    from campaigns.tests.test_views_ui import _main_form

    client = client_for(world.users["phong_officer"])
    page = client.get(reverse("campaigns:create")).content.decode()
    title_input = re.search(r'<textarea name="title"[^>]*>|<input type="text" name="title"[^>]*>', page)[0]
    assert "maxlength" not in title_input
    assert 'data-max-length="500"' in title_input
    assert "Tối đa 500 ký tự." in page
    long_title = "Phong trào thi đua " * 30  # 570 characters
    response = client.post(reverse("campaigns:create"), _main_form(title=long_title))
    form = response.context["form"]
    assert form.errors["title"] == ["Giá trị này chỉ có tối đa 500 kí tự (hiện có 569)"]
    assert long_title.strip() in response.content.decode()  # given back whole, to be shortened
    assert Campaign.objects.count() == 0


@time_machine.travel(datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_issuers_own_duty_is_tracked_for_the_issuer(world, client_for):
    from campaigns.selectors import deadlines_owed_by, unit_owes

    campaign = CampaignFactory(issuer=world.phong_a)
    conference = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="conference",
        title="Tổ chức hội nghị tổng kết",
        recurrence="yearly",
        due_month=8,
        due_day=31,
        owed_by_issuer=True,
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = conference.deadlines.order_by("due_on").first()
    response = client_for(world.users["phong_officer"]).get(reverse("campaigns:deadline-status", args=[deadline.pk]))
    assert [row.unit for row in response.context["statuses"]] == [world.phong_a]
    assert (unit_owes(conference, world.phong_a), unit_owes(conference, world.school_a1)) == (True, False)
    owed = deadlines_owed_by(world.phong_a, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    assert [d.pk for d in owed] == [conference.deadlines.get(due_on=datetime.date(2025, 8, 31)).pk]
    submission = services.submission_create(deadline=deadline, unit=world.phong_a, actor=None, note="Hội nghị")
    assert (submission.unit, submission.version) == (world.phong_a, 1)


@time_machine.travel(datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_a_yearly_duty_without_a_date_is_a_yearly_target_per_unit(world, client_for):
    campaign = CampaignFactory(
        issuer=world.phong_a, starts_on=datetime.date(2024, 4, 12), ends_on=datetime.date(2025, 10, 31)
    )
    target = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="other",
        title="Mỗi đơn vị ít nhất 01 điển hình trong một năm",
        recurrence="target",
    )
    assert list(target.deadlines.values_list("due_on", flat=True)) == [
        datetime.date(2024, 12, 31),
        datetime.date(2025, 10, 31),  # the period ends before the year does
    ]
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = target.deadlines.get(due_on=datetime.date(2024, 12, 31))
    response = client_for(world.users["phong_officer"]).get(reverse("campaigns:deadline-status", args=[deadline.pk]))
    rows = {row.unit.name: row.status.value for row in response.context["statuses"]}
    assert rows == {"Trường Tiểu học Thử A1": "missing", "Trường THCS Thử A2": "missing"}
    page = client_for(world.users["phong_officer"]).get(reverse("campaigns:detail", args=[campaign.pk]))
    assert "chỉ tiêu hằng năm, theo dõi từng đơn vị đến cuối mỗi năm" in page.content.decode()
