import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.tests.factories import registration_deadline, running_campaign
from emulation import services
from emulation.models import IndividualRegistration, UnitRegistration, WorkItem
from emulation.tests.factories import PDF_BYTES, exemplar, individual_registration, pact_target, unit_registration
from units.services import cluster_create
from units.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("unit_count", [1, 50])
def test_registration_overview_costs_the_same_for_1_and_50_units(
    world, client_for, django_assert_num_queries, unit_count
):
    """Phòng B issues a campaign to its schools; every other school has registered, with people."""
    officer = UserFactory(username="officer_pb", unit=world.phong_b, is_officer=True)
    campaign = running_campaign(world, issuer=world.phong_b)
    schools = [world.school_b1] + [
        UnitFactory(parent=world.phong_b, name=f"Trường Tiểu học Số {n:02d}") for n in range(unit_count - 1)
    ]
    for index, school in enumerate(schools):
        if index % 2 == 0:
            unit_registration(world, campaign, unit=school, state="submitted", items=2)
            person = PersonFactory(unit=school)
            individual_registration(world, campaign, person=person, state="submitted")
    client = client_for(officer)
    url = reverse("emulation:registration-overview", args=[campaign.pk])
    with django_assert_num_queries(16):  # 13 before paging: + the count of the page and of the units not registered
        response = client.get(url)
    rows = {row.unit: row for row in response.context["rows"]}
    first = rows[world.school_b1]
    assert len(rows) == unit_count
    assert (first.registration.state, first.registration.item_count, first.individuals_forwarded) == ("submitted", 2, 1)
    assert response.context["missing_count"] == unit_count // 2


@pytest.mark.parametrize("count", [1, 30])
def test_registration_index_costs_the_same_for_1_and_30_campaigns(world, client_for, django_assert_num_queries, count):
    campaigns = [running_campaign(world) for _ in range(count)]
    for campaign in campaigns:
        registration_deadline(campaign, campaign.ends_on - datetime.timedelta(days=40))
    unit_registration(world, campaigns[0])
    client = client_for(world.users["school_clerk"])
    with django_assert_num_queries(12):
        response = client.get(reverse("emulation:registration-index"))
    rows = response.context["rows"]
    assert len(rows) == count
    assert (rows[-1].registration.state, rows[-1].takes_part, rows[-1].can_view_overview) == ("draft", True, False)


@pytest.mark.parametrize("count", [1, 30])
def test_unit_registration_page_costs_the_same_for_1_and_30_people(world, client_for, django_assert_num_queries, count):
    campaign = running_campaign(world)
    unit_registration(world, campaign, items=count)
    for n in range(count):
        individual_registration(world, campaign, person=PersonFactory(unit=world.school_a1, full_name=f"Người {n}"))
    client = client_for(world.users["school_clerk"])
    with django_assert_num_queries(14):
        response = client.get(reverse("emulation:registration-unit", args=[campaign.pk, world.school_a1.pk]))
    assert (len(response.context["individuals"]), response.context["pending_count"]) == (count, count)
    assert _text(response).count("Đầu việc ") == count


@pytest.mark.parametrize("count", [1, 30])
def test_pact_list_and_detail_cost_the_same_for_1_and_30_rows(world, client_for, django_assert_num_queries, count):
    pacts = []
    for n in range(count):
        cluster = cluster_create(
            organiser=world.phong_a,
            name=f"Cụm {n}",
            school_year=2025,
            head_unit=world.school_a1,
            members=[world.school_a1, world.school_a2],
            actor=None,
        )
        pacts.append(
            services.pact_create(
                cluster=cluster, actor=None, title=f"Giao ước {n}", signed_on=datetime.date(2025, 9, 5)
            )
        )
    for n in range(count):
        target = services.pact_target_add(
            pact=pacts[0], member=world.school_a2, actor=None, criterion=f"Tiêu chí {n}", max_score=10
        )
        services.pact_self_score(target=target, actor=None, score="9", evidence="Báo cáo")
    client = client_for(world.users["other_head"])
    with django_assert_num_queries(9):
        response = client.get(reverse("emulation:pact-list"))
    assert len(response.context["pacts"]) == count
    with django_assert_num_queries(10):
        response = client.get(reverse("emulation:pact-detail", args=[pacts[0].pk]))
    ranking = response.context["ranking"]
    assert [(r.unit.name, r.total) for r in ranking] == [
        ("Trường THCS Thử A2", 9 * count),
        ("Trường Tiểu học Thử A1", 0),
    ]
    assert [t.can_self_score for t in response.context["targets"]] == [True] * count


@pytest.mark.parametrize("count", [1, 30])
def test_exemplar_list_costs_the_same_for_1_and_30_exemplars(world, client_for, django_assert_num_queries, count):
    campaign = running_campaign(world, min_exemplars_per_unit=1)
    for _ in range(count):
        exemplar(world, campaign)
    client = client_for(world.users["phong_officer"])
    with django_assert_num_queries(13):
        response = client.get(reverse("emulation:exemplar-list", args=[campaign.pk]))
    assert len(response.context["exemplars"]) == count
    assert [(r.unit.name, r.count, r.shortfall) for r in response.context["counts"]] == [
        ("Phòng GD&ĐT Thử A", 0, 1),
        ("Trường THCS Thử A2", 0, 1),
        ("Trường Tiểu học Thử A1", count, 0),
    ]


# --- Behaviour through the screens ------------------------------------------------------------------


def test_clerk_registers_adds_a_work_item_and_sends(world, client_for):
    campaign = running_campaign(world)
    client = client_for(world.users["school_clerk"])
    response = client.post(
        reverse("emulation:registration-create", args=[campaign.pk, world.school_a1.pk]),
        {"aimed_award": "TTLDXS", "note": "Phấn đấu tập thể xuất sắc"},
    )
    registration = UnitRegistration.objects.get()
    assert response["Location"] == reverse("emulation:registration-unit", args=[campaign.pk, world.school_a1.pk])
    assert (registration.unit, registration.aimed_award.code, registration.created_by) == (
        world.school_a1,
        "TTLDXS",
        world.users["school_clerk"],
    )
    response = client.post(
        reverse("emulation:registration-item-add", args=[registration.pk]),
        {
            "title": "Ứng dụng công nghệ thông tin",
            "starts_on": campaign.starts_on.isoformat(),
            "ends_on": (campaign.starts_on + datetime.timedelta(days=100)).isoformat(),
            "target_value": "95",
            "target_unit": "%",
        },
    )
    assert response.status_code == 302
    client.post(reverse("emulation:registration-submit", args=[registration.pk]))
    registration.refresh_from_db()
    assert (registration.state, registration.work_items.get().target_value) == ("submitted", 95)


def test_bad_work_item_shows_the_message_at_the_field_and_saves_nothing(world, client_for):
    registration = unit_registration(world, items=0)
    client = client_for(world.users["school_clerk"])
    response = client.post(
        reverse("emulation:registration-item-add", args=[registration.pk]),
        {"title": "Đầu việc", "starts_on": "2025-03-01", "ends_on": "2025-02-01", "target_value": "nhiều"},
    )
    assert response.context["form"].errors == {
        "ends_on": ["Ngày kết thúc đầu việc không được trước ngày bắt đầu."],
        "target_value": ["Chỉ tiêu phải là một số, ví dụ 344 hoặc 99,5."],
    }
    assert "Ngày kết thúc đầu việc không được trước ngày bắt đầu." in _text(response)
    assert WorkItem.objects.count() == 0


def test_registering_twice_through_the_screen_shows_the_refusal(world, client_for):
    registration = unit_registration(world)
    client = client_for(world.users["school_clerk"])
    response = client.post(
        reverse("emulation:registration-create", args=[registration.campaign_id, world.school_a1.pk]), {}
    )
    assert response.context["form"].non_field_errors() == ["Đơn vị đã đăng ký thi đua cho phong trào này."]
    assert UnitRegistration.objects.count() == 1


def test_officer_returns_with_comments_and_the_unit_sees_them(world, client_for):
    registration = unit_registration(world, state="submitted")
    officer_client = client_for(world.users["so_officer"])
    officer_client.post(reverse("emulation:registration-review", args=[registration.pk]), {"action": "return"})
    registration.refresh_from_db()
    assert registration.state == "submitted"  # no comment: refused
    officer_client.post(
        reverse("emulation:registration-review", args=[registration.pk]),
        {"action": "return", "comment": "Bổ sung thời điểm bắt đầu"},
    )
    registration.refresh_from_db()
    assert registration.state == "returned"
    response = client_for(world.users["school_clerk"]).get(
        reverse("emulation:registration-unit", args=[registration.campaign_id, world.school_a1.pk])
    )
    assert "Bổ sung thời điểm bắt đầu" in _text(response)
    assert "Gửi lại" in _text(response)


def test_overview_shows_who_has_not_registered_and_an_officer_below_sees_only_his_units(world, client_for):
    campaign = running_campaign(world)
    unit_registration(world, campaign, state="submitted")
    response = client_for(world.users["so_officer"]).get(
        reverse("emulation:registration-overview", args=[campaign.pk]), {"chua_dang_ky": "1"}
    )
    assert [row.unit.name for row in response.context["rows"]] == [
        "Phòng GD&ĐT Thử A",
        "Phòng GD&ĐT Thử B",
        "Trường THCS Thử A2",
        "Trường Tiểu học Thử B1",
    ]
    response = client_for(world.users["phong_officer"]).get(
        reverse("emulation:registration-overview", args=[campaign.pk])
    )
    assert [(row.unit.name, row.is_registered) for row in response.context["rows"]] == [
        ("Phòng GD&ĐT Thử A", False),
        ("Trường THCS Thử A2", False),
        ("Trường Tiểu học Thử A1", True),
    ]


def test_clerk_forwards_the_list_and_the_officer_accepts_one(world, client_for):
    campaign = running_campaign(world)
    client = client_for(world.users["school_clerk"])
    client.post(
        reverse("emulation:individual-add", args=[campaign.pk, world.school_a1.pk]),
        {"person": world.person_a1.pk, "aimed_award": "CSTDCS", "school_year": campaign.starts_on.year},
    )
    client.post(reverse("emulation:individual-forward", args=[campaign.pk, world.school_a1.pk]), {"note": "Đợt 1"})
    registration = IndividualRegistration.objects.get()
    assert (registration.state, registration.forward.note, registration.forward.count) == ("submitted", "Đợt 1", 1)
    client_for(world.users["so_officer"]).post(
        reverse("emulation:individual-review", args=[registration.pk]), {"action": "accept"}
    )
    registration.refresh_from_db()
    assert (registration.state, registration.decided_by) == ("accepted", world.users["so_officer"])


def test_evidence_is_downloaded_with_its_bytes_and_bad_files_are_refused_at_the_field(world, client_for):
    target = pact_target(world)
    client = client_for(world.users["other_head"])
    response = client.post(
        reverse("emulation:pact-self-score", args=[target.pk]),
        {
            "self_score": "9",
            "self_evidence": "Biên bản kiểm tra",
            "evidence_file": SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>", "application/pdf"),
        },
    )
    assert response.context["form"].errors == {
        "evidence_file": [
            "Tệp này không phải là tệp PDF, Word (.docx), Excel (.xlsx) hay ảnh (PNG, JPEG), dù tên tệp ghi thế nào."
        ]
    }
    client.post(
        reverse("emulation:pact-self-score", args=[target.pk]),
        {
            "self_score": "9",
            "self_evidence": "Biên bản kiểm tra",
            "evidence_file": SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    response = client_for(world.users["so_officer"]).get(reverse("emulation:pact-evidence", args=[target.pk]))
    assert (b"".join(response.streaming_content), response["Content-Disposition"]) == (
        PDF_BYTES,
        'attachment; filename="bien-ban.pdf"',
    )


def test_head_unit_cross_scores_and_the_ranking_follows(world, client_for):
    target = pact_target(world, scored=True)
    client = client_for(world.users["school_clerk"])
    client.post(
        reverse("emulation:pact-cross-score", args=[target.pk]),
        {"cross_score": "7,5", "cross_note": "Thiếu minh chứng"},
    )
    response = client.get(reverse("emulation:pact-detail", args=[target.pact_id]))
    assert [(r.rank, r.unit.name, str(r.total)) for r in response.context["ranking"]] == [
        (1, "Trường THCS Thử A2", "7.50"),
        (None, "Trường Tiểu học Thử A1", "0"),
    ]
    page = response.content.decode()
    assert page.count('data-testid="ranked"') == 1
    assert page.count('data-testid="unranked"') == 1
    assert "Cách xếp hạng: chỉ xếp hạng các thành viên đã được đơn vị trưởng cụm chấm chéo" in page


def test_exemplar_is_created_and_advanced_through_the_screens(world, client_for):
    campaign = running_campaign(world)
    client = client_for(world.users["school_clerk"])
    today = timezone.localdate()
    response = client.post(
        reverse("emulation:exemplar-create", args=[campaign.pk]),
        {
            "unit": world.school_a1.pk,
            "subject_kind": "individual",
            "person": world.person_a1.pk,
            "title": "Giáo viên tiêu biểu chuyển đổi số",
            "year": today.year,
            "built_on": today.isoformat(),
        },
    )
    exemplar = world.school_a1.exemplars.get()
    assert response["Location"] == reverse("emulation:exemplar-detail", args=[exemplar.pk])
    client.post(
        reverse("emulation:exemplar-advance", args=[exemplar.pk]), {"new_step": "study", "on_date": today.isoformat()}
    )
    exemplar.refresh_from_db()
    assert exemplar.step == "build"
    client.post(
        reverse("emulation:exemplar-advance", args=[exemplar.pk]),
        {"new_step": "publicise", "on_date": today.isoformat(), "note": "Đăng trên trang tin của Sở"},
    )
    exemplar.refresh_from_db()
    assert (exemplar.step, exemplar.step_records.get(step="publicise").note) == (
        "publicise",
        "Đăng trên trang tin của Sở",
    )
