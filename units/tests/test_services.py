import datetime

import pytest
from django.core.exceptions import ValidationError

from units import selectors, services
from units.enums import UnitEventKind, UnitKind
from units.models import PersonTransfer, UnitEvent
from units.tests.factories import UnitFactory


def test_unit_merge_keeps_predecessors_reachable_and_closes_the_sources(world):
    new_so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo Hợp nhất", code="SGD-HN")
    services.unit_merge(sources=[world.so, world.other_so], into=new_so, date=datetime.date(2025, 7, 1), actor=None)
    world.refresh()
    assert sorted(u.name for u in selectors.unit_predecessors(new_so)) == [
        "Sở Giáo dục và Đào tạo Ngoài",
        "Sở Giáo dục và Đào tạo Thử nghiệm",
    ]
    assert (world.so.active_to, world.other_so.active_to) == (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))


def test_unit_predecessors_follow_a_chain_of_merges(world):
    middle = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Trung gian", code="SGD-TG")
    last = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Sau cùng", code="SGD-SC")
    services.unit_merge(sources=[world.so], into=middle, date=datetime.date(2024, 1, 1), actor=None)
    services.unit_merge(sources=[middle], into=last, date=datetime.date(2025, 7, 1), actor=None)
    assert [u.code for u in selectors.unit_predecessors(last)] == ["SGD-TG", world.so.code]


def test_unit_merge_moves_people_with_a_transfer_record(world):
    services.unit_merge(sources=[world.school_a1], into=world.school_a2, date=datetime.date(2025, 8, 1), actor=None)
    world.person_a1.refresh_from_db()
    transfer = PersonTransfer.objects.get(person=world.person_a1)
    assert (world.person_a1.unit_id, transfer.from_unit_id, transfer.to_unit_id) == (
        world.school_a2.pk,
        world.school_a1.pk,
        world.school_a2.pk,
    )


def test_person_transfer_keeps_history(world):
    services.person_transfer(
        person=world.person_a1, to_unit=world.school_a2, date=datetime.date(2024, 8, 15), actor=None
    )
    services.person_transfer(
        person=world.person_a1, to_unit=world.school_b1, date=datetime.date(2025, 8, 15), actor=None
    )
    history = [(t.from_unit.name, t.to_unit.name, t.date) for t in selectors.person_transfers(world.person_a1)]
    assert history == [
        ("Trường Tiểu học Thử A1", "Trường THCS Thử A2", datetime.date(2024, 8, 15)),
        ("Trường THCS Thử A2", "Trường Tiểu học Thử B1", datetime.date(2025, 8, 15)),
    ]


def test_unit_rename_writes_an_event_and_refreshes_search_keys(world):
    services.unit_rename(
        unit=world.school_a1, new_name="Trường Tiểu học Đông Hòa", date=datetime.date(2025, 7, 1), actor=None
    )
    event = UnitEvent.objects.get(unit=world.school_a1)
    world.school_a1.refresh_from_db()
    assert (event.kind, event.old_name, event.new_name) == (
        UnitEventKind.RENAMED,
        "Trường Tiểu học Thử A1",
        "Trường Tiểu học Đông Hòa",
    )
    assert world.school_a1.name_search == "truong tieu hoc dong hoa"


def test_cluster_create_refuses_members_outside_the_organiser(world):
    with pytest.raises(ValidationError) as caught:
        services.cluster_create(
            organiser=world.phong_a,
            name="Cụm lạc",
            school_year=2025,
            head_unit=world.school_a1,
            members=[world.school_a1, world.school_b1],
            actor=None,
        )
    assert caught.value.message_dict == {"members": ["Thành viên phải là đơn vị trực thuộc đơn vị tổ chức."]}
