import datetime

import pytest
from django.urls import reverse

from units import selectors, services
from units.enums import UnitKind
from units.models import Cluster, Unit
from units.tests.factories import UnitFactory, UserFactory


@pytest.mark.parametrize("rows", [1, 30])
def test_unit_list_query_count_does_not_grow_with_rows(rows, db, client, django_assert_num_queries):
    phong = UnitFactory(kind=UnitKind.EDUCATION_OFFICE, name="Phòng GD&ĐT Đếm")
    for _ in range(rows - 1):
        UnitFactory(parent=phong)
    client.force_login(UserFactory(unit=phong, is_officer=True))
    with django_assert_num_queries(9):
        response = client.get(reverse("units:unit-list"))
    assert len(response.context["page"].object_list) == rows


def test_unit_list_search_ignores_diacritics_and_case(world, client_for):
    response = client_for(world.users["so_officer"]).get(reverse("units:unit-list"), {"q": "TRUONG tieu hoc thu"})
    assert [u.name for u in response.context["page"]] == ["Trường Tiểu học Thử A1", "Trường Tiểu học Thử B1"]


def test_unit_list_filters_by_kind_and_stays_in_scope(world, client_for):
    response = client_for(world.users["phong_officer"]).get(
        reverse("units:unit-list"), {"kind": UnitKind.LOWER_SECONDARY_SCHOOL}
    )
    assert [u.name for u in response.context["page"]] == ["Trường THCS Thử A2"]


def test_unit_list_search_by_htmx_returns_the_table_alone(world, client_for):
    response = client_for(world.users["so_officer"]).get(
        reverse("units:unit-list"), {"q": "thu b"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert ("<html" in body, "Phòng GD&amp;ĐT Thử B" in body, "Trường Tiểu học Thử B1" in body) == (False, True, True)


def test_unit_list_sorts_in_vietnamese_order(db, client):
    root = UnitFactory(kind=UnitKind.EDUCATION_OFFICE, name="Phòng Thứ tự")
    for name in ("Trường Tiểu học Đông", "Trường Tiểu học Dương", "Trường Tiểu học Ân", "Trường Tiểu học An"):
        UnitFactory(parent=Unit.objects.get(pk=root.pk), name=name)
    client.force_login(UserFactory(unit=root, is_officer=True))
    response = client.get(reverse("units:unit-list"), {"q": "truong tieu hoc"})
    assert [u.name for u in response.context["page"]] == [
        "Trường Tiểu học An",
        "Trường Tiểu học Ân",
        "Trường Tiểu học Dương",
        "Trường Tiểu học Đông",
    ]


def test_unit_detail_shows_ancestors_children_and_predecessors(world, client_for):
    services.unit_merge(sources=[world.school_b1], into=world.school_a1, date=datetime.date(2025, 7, 1), actor=None)
    response = client_for(world.users["phong_officer"]).get(reverse("units:unit-detail", args=[world.school_a1.pk]))
    assert [(u.name, linkable) for u, linkable in response.context["ancestors"]] == [
        ("Sở Giáo dục và Đào tạo Thử nghiệm", False),
        ("Phòng GD&ĐT Thử A", True),
    ]
    # The predecessor lies outside the Phòng officer's scope: named, not linked.
    assert [(u.name, linkable) for u, linkable in response.context["predecessors"]] == [
        ("Trường Tiểu học Thử B1", False)
    ]
    assert "Sáp nhập" in response.content.decode()


def test_unit_detail_lists_only_children_in_scope(world, client_for):
    response = client_for(world.users["so_officer"]).get(reverse("units:unit-detail", args=[world.so.pk]))
    assert [u.name for u in response.context["children"]] == ["Phòng GD&ĐT Thử A", "Phòng GD&ĐT Thử B"]


def test_unit_create_child_saves_through_the_service(world, client_for):
    response = client_for(world.users["phong_officer"]).post(
        reverse("units:unit-create-child", args=[world.phong_a.pk]),
        {"kind": UnitKind.PRESCHOOL, "name": " Trường  Mầm non Hoa Sen ", "code": "mn-hoasen", "short_name": "MNHS"},
    )
    unit = Unit.objects.get(code="MN-HOASEN")
    assert response["Location"] == reverse("units:unit-detail", args=[unit.pk])
    assert (unit.name, Unit.objects.get_parent(unit).pk, unit.name_search) == (
        "Trường Mầm non Hoa Sen",
        world.phong_a.pk,
        "truong mam non hoa sen",
    )


def test_unit_create_child_reports_missing_and_duplicate_fields_in_vietnamese(world, client_for):
    before = Unit.objects.count()
    client = client_for(world.users["phong_officer"])
    url = reverse("units:unit-create-child", args=[world.phong_a.pk])
    response = client.post(url, {"kind": UnitKind.PRESCHOOL, "name": "", "code": "MN-X"})
    assert response.context["form"].errors == {"name": ["Trường này là bắt buộc."]}
    response = client.post(url, {"kind": UnitKind.PRESCHOOL, "name": "Trường Mầm non Trùng", "code": world.so.code})
    assert response.context["form"].errors == {"code": ["Đơn vị có Mã đã tồn tại."]}
    assert Unit.objects.count() == before


def test_unit_rename_view_records_the_old_name(world, client_for):
    client_for(world.users["phong_officer"]).post(
        reverse("units:unit-rename", args=[world.school_a2.pk]),
        {"new_name": "Trường THCS Lê Lợi", "date": "2025-07-01", "decision": "QĐ 12/QĐ-UBND"},
    )
    event = world.school_a2.events.get()
    assert (event.old_name, event.new_name, event.decision) == (
        "Trường THCS Thử A2",
        "Trường THCS Lê Lợi",
        "QĐ 12/QĐ-UBND",
    )


def test_unit_merge_view_offers_only_units_the_user_may_restructure(world, client_for):
    client = client_for(world.users["phong_officer"])
    url = reverse("units:unit-merge", args=[world.school_a1.pk])
    form = client.get(url).context["form"]
    assert [u.name for u in form.fields["sources"].queryset] == ["Trường THCS Thử A2"]
    response = client.post(url, {"sources": [world.phong_a.pk], "date": "2025-07-01"})
    assert response.context["form"].errors == {
        "sources": [f"Hãy chọn một lựa chọn hợp lệ. {world.phong_a.pk} không phải là một trong các lựa chọn khả thi."]
    }
    assert world.school_a1.events.count() == 0


def test_unit_merge_view_records_the_merge_and_moves_people(world, client_for):
    response = client_for(world.users["phong_officer"]).post(
        reverse("units:unit-merge", args=[world.school_a1.pk]),
        {"sources": [world.school_a2.pk], "date": "2025-07-01", "decision": "QĐ 7/QĐ-UBND", "move_people": "on"},
    )
    world.refresh()
    world.person_a2.refresh_from_db()
    assert response["Location"] == reverse("units:unit-detail", args=[world.school_a1.pk])
    assert (world.school_a2.active_to, world.person_a2.unit) == (datetime.date(2025, 6, 30), world.school_a1)
    assert [u.name for u in selectors.unit_predecessors(world.school_a1)] == ["Trường THCS Thử A2"]


def test_unit_split_view_links_the_parts_to_their_source(world, client_for):
    part = UnitFactory(parent=Unit.objects.get(pk=world.phong_a.pk), name="Trường Tiểu học Thử A1 cơ sở 2")
    client_for(world.users["phong_officer"]).post(
        reverse("units:unit-split", args=[world.school_a1.pk]),
        {"parts": [part.pk], "date": "2025-07-01", "close_source": ""},
    )
    world.refresh()
    assert ([u.pk for u in selectors.unit_predecessors(part)], world.school_a1.active_to) == (
        [world.school_a1.pk],
        None,
    )


def test_unit_move_view_moves_the_subtree(world, client_for):
    client_for(world.users["so_officer"]).post(
        reverse("units:unit-move", args=[world.school_a2.pk]), {"new_parent": world.phong_b.pk, "date": "2025-07-01"}
    )
    world.refresh()
    assert Unit.objects.get_parent(world.school_a2).pk == world.phong_b.pk


def test_cluster_create_view_records_head_and_deputy(world, client_for):
    response = client_for(world.users["phong_officer"]).post(
        reverse("units:cluster-create"),
        {
            "organiser": world.phong_a.pk,
            "kind": "block",
            "name": "Khối tiểu học và THCS",
            "school_year": 2025,
            "members": [world.school_a1.pk, world.school_a2.pk],
            "head_unit": world.school_a2.pk,
            "deputy_unit": world.school_a1.pk,
        },
    )
    cluster = Cluster.objects.get()
    assert response["Location"] == reverse("units:cluster-detail", args=[cluster.pk])
    assert (cluster.head_unit, cluster.deputy_unit, cluster.school_year_label) == (
        world.school_a2,
        world.school_a1,
        "2025–2026",
    )


def test_cluster_create_view_rejects_a_head_outside_the_members(world, client_for):
    response = client_for(world.users["phong_officer"]).post(
        reverse("units:cluster-create"),
        {
            "organiser": world.phong_a.pk,
            "kind": "cluster",
            "name": "Cụm thiếu trưởng",
            "school_year": 2025,
            "members": [world.school_a1.pk],
            "head_unit": world.school_a2.pk,
        },
    )
    assert response.context["form"].errors == {"head_unit": ["Đơn vị trưởng cụm phải là thành viên của cụm."]}
    assert Cluster.objects.count() == 0


@pytest.mark.parametrize("rows", [1, 30])
def test_cluster_list_query_count_does_not_grow_with_rows(rows, world, client_for, django_assert_num_queries):
    for n in range(rows):
        services.cluster_create(
            organiser=world.phong_a,
            name=f"Cụm {n}",
            school_year=2025,
            head_unit=world.school_a1,
            members=[world.school_a1, world.school_a2],
            actor=None,
        )
    client = client_for(world.users["phong_officer"])
    # 9: the scope's inherited paths are read once (path prefixes, no subquery per row).
    with django_assert_num_queries(9):
        response = client.get(reverse("units:cluster-list"))
    assert len(response.context["page"].object_list) == rows
