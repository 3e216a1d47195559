import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from awards import services
from awards.enums import RuleKind
from awards.models import AwardRecord, AwardRule, Decision, TaskRatingRecord
from awards.tests.factories import AwardRecordFactory, TaskRatingFactory, catalogue_award
from units.models import Person
from units.tests.factories import PersonFactory

D = datetime.date


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_person_history_page_shows_titles_ratings_and_initiatives(world, client_for):
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2024, decision_number="215/QĐ-PGDĐT")
    TaskRatingFactory(person=world.person_a1, school_year=2024, rating="excellent")
    services.initiative_create(
        person=world.person_a1,
        title="Sổ tay số môn Toán",
        effect_scope="unit",
        school_year=2024,
        recognised_by="Trường Tiểu học Thử A1",
        decision_number="3/QĐ-TH",
        decision_date=D(2025, 4, 1),
        actor=None,
    )
    body = client_for(world.users["school_clerk"]).get(reverse("awards:person-history", args=[world.person_a1.pk]))
    text = body.content.decode()
    assert ["Chiến sĩ thi đua cơ sở" in text, "215/QĐ-PGDĐT" in text, "Hoàn thành xuất sắc nhiệm vụ" in text] == [
        True,
        True,
        True,
    ]
    assert "Sổ tay số môn Toán" in text and "chưa sử dụng" in text


def test_eligibility_panel_gives_the_verdict_with_citations(world, client_for):
    for year in (2023, 2024, 2025):
        AwardRecordFactory(
            person=world.person_a1,
            code="CSTDCS",
            school_year=year,
            decision_number=f"{year}/QĐ-PGDĐT",
            decision_date=D(year + 1, 5, 20),
        )
    url = reverse("awards:person-history", args=[world.person_a1.pk])
    response = client_for(world.users["phong_officer"]).get(
        url, {"award": "CSTD_TINH", "nam": 2025, "ngay": "2026-06-15"}
    )
    judgement = response.context["judgement"]
    assert (judgement.verdict, str(judgement)) == (
        "missing",
        "Chiến sĩ thi đua cấp tỉnh: 3 năm liên tục Chiến sĩ thi đua cơ sở (không tính khen thưởng đột xuất, chuyên đề)"
        " (2023–2024, 2024–2025, 2025–2026) ✓; Sáng kiến/đề tài có phạm vi ảnh hưởng cấp tỉnh (cấp Bộ)"
        " (có 0/1 — thiếu) ?; Chưa được tặng trong năm học ✓; Không trong thời gian bị kỷ luật, xem xét kỷ luật,"
        " điều tra, thanh tra, khiếu nại ✓",
    )
    text = response.content.decode()
    assert "Thiếu minh chứng" in text and "Điều 22 Luật Thi đua, khen thưởng 06/2022/QH15" in text


def test_record_form_saves_an_award_with_its_initiative(world, client_for):
    initiative = services.initiative_create(
        person=world.person_a1,
        title="Dạy học STEM",
        effect_scope="unit",
        school_year=2024,
        recognised_by="Trường",
        decision_number="1/QĐ-TH",
        decision_date=D(2025, 3, 1),
        actor=None,
    )
    data = {
        "award": catalogue_award("CSTDCS").pk,
        "school_year": 2024,
        "award_type": "merit",
        "decision_number": "88/QĐ-PGDĐT",
        "decision_date": "2025-05-30",
        "issuer": "Phòng GD&ĐT Thử A",
        "initiatives": [initiative.pk],
    }
    client = client_for(world.users["school_clerk"])
    response = client.post(reverse("awards:person-award-add", args=[world.person_a1.pk]), data)
    record = AwardRecord.objects.get()
    initiative.refresh_from_db()
    assert (response.status_code, record.award.code, record.unit_id, initiative.used_for_id) == (
        302,
        "CSTDCS",
        world.school_a1.pk,
        record.pk,
    )


def test_record_form_shows_the_services_vietnamese_refusal(world, client_for):
    AwardRecordFactory(
        person=world.person_a2,
        code="LDTT",
        school_year=2024,
        decision_number="88/QĐ-PGDĐT",
        decision_date=D(2025, 5, 30),
        issuer="Phòng GD&ĐT Thử A",
    )
    data = {
        "award": catalogue_award("LDTT").pk,
        "school_year": 2024,
        "award_type": "merit",
        "decision_number": "88/QĐ-PGDĐT",
        "decision_date": "2025-06-02",
        "issuer": "Phòng GD&ĐT Thử A",
    }
    response = client_for(world.users["phong_officer"]).post(
        reverse("awards:person-award-add", args=[world.person_a1.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Số quyết định 88/QĐ-PGDĐT của Phòng GD&ĐT Thử A đã được dùng trong năm 2025 cho quyết định ngày "
        "30/05/2025; không được dùng lại số trong cùng một năm."
    ]
    assert AwardRecord.objects.count() == 1


def test_local_rule_form_adds_a_rule_scoped_to_the_officers_department(world, client_for):
    data = {
        "kind": "quota",
        "params": '{"percent": 15, "of": "LDTT"}',
        "applies_to": "both",
        "description": "CSTĐCS không quá 15% số LĐTT",
        "document": "Quyết định 12/QĐ-SGDĐT",
        "valid_from": "2025-09-01",
    }
    client = client_for(world.users["so_officer"])
    first = client.post(reverse("awards:rule-add", args=["CSTDCS"]), data)
    second = client.post(reverse("awards:rule-add", args=["CSTDCS"]), {**data, "valid_from": "2026-01-01"})
    rule = AwardRule.objects.get(kind=RuleKind.QUOTA)
    assert (first.status_code, second.status_code, rule.scope_id, rule.params) == (
        302,
        200,
        world.so.pk,
        {"percent": 15, "of": "LDTT"},
    )
    assert "chồng lấn" in second.context["form"].non_field_errors()[0]


def _staff(unit, count):
    """``count`` people with a good rating and LĐTT for 2024 and an excellent rating for 2025."""
    people = [PersonFactory(unit=unit, full_name=f"Giáo viên {i:03d}", sector_start_year=2010) for i in range(count)]
    TaskRatingRecord.objects.bulk_create(
        [
            TaskRatingRecord(person=p, unit=unit, school_year=y, rating=r)
            for p in people
            for y, r in ((2024, "good"), (2025, "excellent"))
        ]
    )
    decision = Decision.objects.create(
        number="1/QĐ-PGDĐT", date=D(2025, 6, 1), year=2025, issuer="Phòng", issuer_key="phong", number_key="1/qd-pgddt"
    )
    AwardRecord.objects.bulk_create(
        [
            AwardRecord(award=catalogue_award("LDTT"), person=p, unit=unit, school_year=2024, decision=decision)
            for p in people
        ]
    )
    return people


@pytest.mark.parametrize("count", [10, 300])
def test_suggestions_cost_the_same_queries_for_10_and_300_people(world, client_for, django_assert_num_queries, count):
    _staff(world.school_a1, count)
    client = client_for(world.users["school_clerk"])
    url = reverse("awards:suggestions", args=[world.school_a1.pk])
    client.get(url, {"nam": 2025, "ngay": "2026-06-15"})
    with django_assert_num_queries(21):
        response = client.get(url, {"nam": 2025, "ngay": "2026-06-15"})
    by_award = {code: len(items) for code, items in response.context["result"].by_award.items()}
    assert by_award == {"LDTT": count, "CSTDCS": count}


def test_suggestions_confirm_records_one_decision_for_the_chosen_people(world, client_for):
    people = _staff(world.school_a1, 3)
    url = reverse("awards:suggestions", args=[world.school_a1.pk])
    response = client_for(world.users["school_clerk"]).post(
        f"{url}?nam=2025",
        {
            "award": "LDTT",
            "nam": 2025,
            "people": [people[0].pk, people[2].pk],
            "decision_number": "77/QĐ-TH",
            "decision_date": "2026-05-28",
            "issuer": "Trường Tiểu học Thử A1",
        },
    )
    created = AwardRecord.objects.filter(decision__number="77/QĐ-TH")
    assert (response.status_code, sorted(created.values_list("person_id", flat=True))) == (
        302,
        sorted([people[0].pk, people[2].pk]),
    )


def test_suggestions_ignore_people_of_other_units(world, client_for):
    url = reverse("awards:suggestions", args=[world.school_a1.pk])
    client_for(world.users["school_clerk"]).post(
        url,
        {
            "award": "LDTT",
            "nam": 2025,
            "people": [world.person_a2.pk],
            "decision_number": "77/QĐ-TH",
            "decision_date": "2026-05-28",
            "issuer": "Trường",
        },
    )
    assert AwardRecord.objects.count() == 0


@pytest.mark.parametrize("rows", [1, 30])
def test_person_history_query_count_does_not_grow_with_records(world, client_for, django_assert_num_queries, rows):
    for i in range(rows):
        year = 2025 - i % 15
        AwardRecordFactory(
            person=world.person_a1,
            code="GK_TRUONG",
            school_year=year,
            decision_number=f"{i}/QĐ-TH",
            issuer="Trường",
            decision_date=D(year + 1, 5, 1),
        )
    client = client_for(world.users["school_clerk"])
    url = reverse("awards:person-history", args=[world.person_a1.pk])
    client.get(url)
    with django_assert_num_queries(15):
        response = client.get(url)
    assert len(response.context["history"]["records"]) == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_unit_history_query_count_does_not_grow_with_records(world, client_for, django_assert_num_queries, rows):
    for _ in range(rows):
        AwardRecordFactory(
            person=PersonFactory(unit=world.school_a1), code="LDTT", school_year=2024, decision_number="5/QĐ-PGDĐT"
        )
    client = client_for(world.users["phong_officer"])
    url = reverse("awards:unit-history", args=[world.school_a1.pk])
    client.get(url)
    with django_assert_num_queries(16):
        response = client.get(url)
    assert len(response.context["history"]["individual"]) == rows


def test_catalogue_lists_every_award_with_its_rule_count(world, client_for):
    response = client_for(world.users["leader"]).get(reverse("awards:catalogue"))
    awards = {a.code: a.rule_count for a in response.context["awards"]}
    assert (len(awards), awards["LDTT"], awards["NGND"]) == (21, 6, 0)


def test_award_detail_shows_citations_and_validity(world, client_for):
    response = client_for(world.users["leader"]).get(reverse("awards:award-detail", args=["LDTT"]))
    text = response.content.decode()
    assert "khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP" in text
    assert "01/07/2025" in text and "30/06/2025" in text
    assert "0,3 × 2.340.000 đ = 702.000 đ" in text


def test_people_list_on_unit_history_is_in_vietnamese_order(world, client_for):
    for name in ("Trần Thị Ánh", "Lê Văn An", "Phạm Minh Ân"):
        PersonFactory(unit=world.school_a1, full_name=name)
    response = client_for(world.users["school_clerk"]).get(reverse("awards:unit-history", args=[world.school_a1.pk]))
    assert [p.full_name for p in response.context["members"]] == [
        "Lê Văn An",
        "Trần Thị Ánh",
        "Phạm Minh Ân",
        "Nguyễn Thị Lan",
    ]
    assert Person.objects.count() == 6


def test_catalogue_page_costs_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    client = client_for(world.users["leader"])
    client.get(reverse("awards:catalogue"))
    with django_assert_num_queries(9):
        response = client.get(reverse("awards:catalogue"))
    assert len(response.context["awards"]) == 21


@pytest.mark.parametrize("rows", [1, 30])
def test_award_detail_query_count_does_not_grow_with_rules(world, client_for, django_assert_num_queries, rows):
    for i in range(rows):
        services.rule_create(
            award=catalogue_award("GK_SO"),
            kind=RuleKind.DEADLINE,
            params={"month": 7, "day": 10},
            description=f"Hạn nộp {i}",
            document="Quyết định 1/QĐ-SGDĐT",
            valid_from=D(2000 + i, 1, 1),
            valid_to=D(2000 + i, 12, 31),
            scope=world.so,
            actor=None,
        )
    client = client_for(world.users["so_officer"])
    client.get(reverse("awards:award-detail", args=["GK_SO"]))
    with django_assert_num_queries(8):
        response = client.get(reverse("awards:award-detail", args=["GK_SO"]))
    assert len(response.context["local_rules"]) == rows


def test_admin_lists_the_catalogue_and_the_history(world, client_for):
    from units.tests.factories import UserFactory

    admin_user = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024)
    client = client_for(admin_user)
    pages = ["award", "awardrule", "decision", "awardrecord", "taskratingrecord", "restriction", "initiative"]
    statuses = {page: client.get(f"/quan-tri/awards/{page}/").status_code for page in pages}
    assert statuses == dict.fromkeys(pages, 200)
    assert client.get(f"/quan-tri/awards/award/{catalogue_award('LDTT').pk}/change/").status_code == 200


def test_eligibility_panel_refuses_a_date_before_the_school_year(world, client_for):
    url = reverse("awards:person-history", args=[world.person_a1.pk])
    response = client_for(world.users["school_clerk"]).get(url, {"award": "LDTT", "nam": 2025, "ngay": "2025-06-30"})
    assert (response.context["judgement"], response.context["form"].errors) == (
        None,
        {"ngay": ["Ngày xét không thể trước khi năm học bắt đầu."]},
    )
