"""The people list's unit filter typed with suggestions (no select of every unit), and list pages that
cost the same at 10 and 1,000 units (issue 14)."""

import pytest
from django.urls import reverse

from units.tests.factories import PersonFactory, bulk_schools

MAX_HTML = 200 * 1024


def test_unit_suggest_is_diacritic_insensitive_and_scoped(world, client_for):
    url = reverse("units:unit-suggest")
    so = client_for(world.users["so_officer"]).get(url, {"unit_name": "TIEU HOC THU"})
    phong = client_for(world.users["phong_officer"]).get(url, {"unit_name": "tiểu học thử"})
    outsider = client_for(world.users["outsider"]).get(url, {"unit_name": "tieu hoc thu"})
    assert [u.name for u in so.context["units"]] == ["Trường Tiểu học Thử A1", "Trường Tiểu học Thử B1"]
    assert [u.name for u in phong.context["units"]] == ["Trường Tiểu học Thử A1"]
    assert (list(outsider.context["units"]), "Không có đơn vị nào" in outsider.content.decode()) == ([], True)
    body = phong.content.decode()
    assert (f'data-unit-pick="{world.school_a1.pk}"' in body, f'data-unit-pick="{world.school_b1.pk}"' in body) == (
        True,
        False,
    )


def test_unit_suggest_offers_at_most_twenty(world, client_for):
    bulk_schools(world.phong_a, 30)
    response = client_for(world.users["phong_officer"]).get(reverse("units:unit-suggest"), {"unit_name": "so 00"})
    assert (len(response.context["units"]), response.content.decode().count('data-testid="suggest-unit"')) == (20, 20)


def test_unit_suggest_says_nothing_for_an_empty_text(world, client_for):
    response = client_for(world.users["so_officer"]).get(reverse("units:unit-suggest"), {"unit_name": "  "})
    assert (list(response.context["units"]), response.content.decode().strip()) == ([], "")


def test_person_list_filters_by_a_picked_unit_and_keeps_it_shown(world, client_for):
    response = client_for(world.users["phong_officer"]).get(
        reverse("units:person-list"), {"unit": world.school_a2.pk, "unit_name": "Trường THCS Thử A2"}
    )
    body = response.content.decode()
    assert [p.full_name for p in response.context["page"]] == ["Trần Văn Bình"]
    assert (f'name="unit" id="id_unit" value="{world.school_a2.pk}"' in body, 'value="Trường THCS Thử A2"' in body) == (
        True,
        True,
    )


def test_person_list_without_javascript_filters_by_the_best_match_of_a_typed_name(world, client_for):
    response = client_for(world.users["phong_officer"]).get(reverse("units:person-list"), {"unit_name": "thcs thu a2"})
    assert ([p.full_name for p in response.context["page"]], response.context["chosen_unit"]) == (
        ["Trần Văn Bình"],
        world.school_a2,
    )


def test_person_list_typed_over_a_picked_unit_goes_by_the_text(world, client_for):
    response = client_for(world.users["phong_officer"]).get(
        reverse("units:person-list"), {"unit": world.school_a2.pk, "unit_name": "tieu hoc thu a1"}
    )
    assert [p.full_name for p in response.context["page"]] == ["Nguyễn Thị Lan"]


def test_person_list_says_when_no_unit_matches_and_keeps_the_other_filters(world, client_for):
    PersonFactory(unit=world.school_a2, full_name="Nguyễn Văn Hải")
    response = client_for(world.users["phong_officer"]).get(
        reverse("units:person-list"), {"q": "nguyen", "unit_name": "khong co truong nay"}
    )
    assert response.context["form"].errors == {
        "unit_name": ["Không có đơn vị nào trong phạm vi quản lý của bạn khớp với “khong co truong nay”."]
    }
    assert [p.full_name for p in response.context["page"]] == ["Nguyễn Văn Hải", "Nguyễn Thị Lan"]


def test_person_list_ignores_an_out_of_scope_unit_with_a_message(world, client_for):
    response = client_for(world.users["school_clerk"]).get(reverse("units:person-list"), {"unit": world.school_b1.pk})
    assert response.context["form"].errors == {"unit_name": ["Đơn vị này không thuộc phạm vi quản lý của bạn."]}
    assert [p.full_name for p in response.context["page"]] == ["Nguyễn Thị Lan"]
    assert "Lê Văn Cường" not in response.content.decode()


@pytest.mark.parametrize("units", [10, 1000])
def test_person_list_costs_the_same_at_10_and_1000_units(units, world, client_for, django_assert_num_queries):
    bulk_schools(world.phong_a, units, people_each=2)
    client = client_for(world.users["so_officer"])
    client.get(reverse("units:person-list"))  # warm the session
    with django_assert_num_queries(9):
        response = client.get(reverse("units:person-list"))
    assert (response.context["page"].paginator.count, len(response.context["page"].object_list)) == (
        units * 2 + 3,
        min(units * 2 + 3, 50),
    )
    assert len(response.content) < MAX_HTML
    assert response.content.decode().count("<option") == 1 + 5  # the role select only: "all roles" and five roles


@pytest.mark.parametrize("units", [10, 1000])
def test_unit_list_costs_the_same_at_10_and_1000_units(units, world, client_for, django_assert_num_queries):
    bulk_schools(world.phong_a, units, people_each=2)
    PersonFactory(unit=world.school_a1, full_name="Đỗ Văn Thêm")
    client = client_for(world.users["so_officer"])
    client.get(reverse("units:unit-list"))  # warm the session
    with django_assert_num_queries(9):
        response = client.get(reverse("units:unit-list"), {"q": "thu a1"})
    assert [(u.name, u.people_count) for u in response.context["page"]] == [("Trường Tiểu học Thử A1", 2)]
    with django_assert_num_queries(9):
        response = client.get(reverse("units:unit-list"))
    counts = {u.name: u.people_count for u in response.context["page"]}
    assert (response.context["page"].paginator.count, counts["Trường Tiểu học Số 0001"]) == (
        units + 6,
        2,
    )  # the Sở, two Phòng, three schools and the new ones
    assert len(response.content) < MAX_HTML
