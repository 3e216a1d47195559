import datetime

import pytest
from django.urls import reverse

from units import services
from units.enums import PersonRole, UnitKind
from units.models import Person
from units.tests.factories import PersonFactory, UnitFactory, UserFactory


@pytest.mark.parametrize("rows", [1, 30])
def test_person_list_query_count_does_not_grow_with_rows(rows, db, client, django_assert_num_queries):
    school = UnitFactory(kind=UnitKind.PRIMARY_SCHOOL, name="Trường Tiểu học Đếm")
    for _ in range(rows):
        PersonFactory(unit=school)
    client.force_login(UserFactory(unit=school, is_clerk=True))
    with django_assert_num_queries(9):  # 9 while the unit filter was a select of every unit
        response = client.get(reverse("units:person-list"))
    assert len(response.context["page"].object_list) == rows


def test_person_list_search_without_diacritics_finds_the_accented_name(world, client_for):
    PersonFactory(unit=world.school_a1, full_name="Nguyễn Văn An")
    PersonFactory(unit=world.school_a1, full_name="Nguyễn Văn Ân")
    PersonFactory(unit=world.school_b1, full_name="Nguyễn Văn An")  # outside the Phòng A scope
    response = client_for(world.users["phong_officer"]).get(reverse("units:person-list"), {"q": "nguyen van an"})
    assert [(p.full_name, p.unit.name) for p in response.context["page"]] == [
        ("Nguyễn Văn An", "Trường Tiểu học Thử A1"),
        ("Nguyễn Văn Ân", "Trường Tiểu học Thử A1"),
    ]


def test_person_list_orders_by_given_name_and_filters_by_unit_and_role(world, client_for):
    PersonFactory(unit=world.school_a2, full_name="Trần Thị Yến", role=PersonRole.STAFF)
    PersonFactory(unit=world.school_a2, full_name="Lê Văn Anh")
    client = client_for(world.users["phong_officer"])
    response = client.get(reverse("units:person-list"), {"unit": world.school_a2.pk})
    assert [p.full_name for p in response.context["page"]] == ["Lê Văn Anh", "Trần Văn Bình", "Trần Thị Yến"]
    response = client.get(reverse("units:person-list"), {"unit": world.school_a2.pk, "role": PersonRole.STAFF})
    assert [p.full_name for p in response.context["page"]] == ["Trần Thị Yến"]


def test_person_detail_shows_the_national_id_only_to_roles_that_need_it(world, client_for):
    services.person_update(person=world.person_a1, actor=None, national_id="083185001234")
    url = reverse("units:person-detail", args=[world.person_a1.pk])
    shown = {}
    for persona in ("school_clerk", "phong_officer", "leader"):
        body = client_for(world.users[persona]).get(url).content.decode()
        shown[persona] = "083185001234" in body
    assert shown == {"school_clerk": False, "phong_officer": True, "leader": False}


def test_person_create_form_reports_bad_fields_in_vietnamese(world, client_for):
    before = Person.objects.count()
    response = client_for(world.users["phong_officer"]).post(
        reverse("units:person-create", args=[world.school_a1.pk]),
        {"full_name": "Đỗ Thị Hạnh", "gender": "female", "role": "teacher", "national_id": "12345"},
    )
    assert response.context["form"].errors == {"national_id": ["Số định danh cá nhân phải gồm 9 hoặc 12 chữ số."]}
    assert Person.objects.count() == before


def test_person_create_form_hides_the_national_id_from_clerks(world, client_for):
    response = client_for(world.users["school_clerk"]).get(reverse("units:person-create", args=[world.school_a1.pk]))
    assert "national_id" not in response.context["form"].fields


def test_person_transfer_view_moves_the_person_and_keeps_history(world, client_for):
    response = client_for(world.users["phong_officer"]).post(
        reverse("units:person-transfer", args=[world.person_a1.pk]),
        {"to_unit": world.school_a2.pk, "date": "2025-08-15", "decision": "QĐ 5/QĐ-PGDĐT"},
    )
    world.person_a1.refresh_from_db()
    assert response["Location"] == reverse("units:person-detail", args=[world.person_a1.pk])
    assert world.person_a1.unit == world.school_a2
    assert [(t.from_unit, t.to_unit, t.date) for t in world.person_a1.transfers.all()] == [
        (world.school_a1, world.school_a2, datetime.date(2025, 8, 15))
    ]
    # The clerk of the old school no longer sees the person.
    assert client_for(world.users["school_clerk"]).get(response["Location"]).status_code == 404


def test_person_deactivate_view_hides_the_person_from_lists(world, client_for):
    client = client_for(world.users["school_clerk"])
    client.post(reverse("units:person-deactivate", args=[world.person_a1.pk]), {"reason": "Nghỉ hưu"})
    world.person_a1.refresh_from_db()
    response = client.get(reverse("units:person-list"))
    assert (world.person_a1.is_active, list(response.context["page"])) == (False, [])


def test_person_deactivate_view_requires_a_reason(world, client_for):
    response = client_for(world.users["school_clerk"]).post(
        reverse("units:person-deactivate", args=[world.person_a1.pk]), {"reason": ""}
    )
    world.person_a1.refresh_from_db()
    assert (response.context["form"].errors, world.person_a1.is_active) == (
        {"reason": ["Trường này là bắt buộc."]},
        True,
    )
