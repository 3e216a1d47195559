import pytest
from django.db import connection
from django.urls import reverse

from awards.selectors import history_search
from awards.tests.factories import AwardRecordFactory
from units.tests.factories import PersonFactory


@pytest.fixture
def people(world):
    an = PersonFactory(unit=world.school_a1, full_name="Nguyễn Văn An")
    anh = PersonFactory(unit=world.school_a1, full_name="Đặng Thị Ánh")
    AwardRecordFactory(person=an, code="LDTT", school_year=2023, decision_number="15/QĐ-SGDĐT")
    AwardRecordFactory(
        person=an, code="CSTDCS", school_year=2024, decision_number="215/QĐ-PGDĐT", issuer="Phòng GD&ĐT Thử A"
    )
    AwardRecordFactory(person=anh, code="LDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    AwardRecordFactory(person=world.person_b1, code="LDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    AwardRecordFactory(unit=world.school_a1, code="TTLDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    return an, anh


def names(records):
    return [(r.person.full_name if r.person else r.unit.name, r.award.code, r.school_year) for r in records]


SEARCHES = [
    (
        "without_diacritics",
        {"query": "nguyen van an"},
        [("Nguyễn Văn An", "CSTDCS", 2024), ("Nguyễn Văn An", "LDTT", 2023)],
    ),
    ("upper_case_with_d_stroke", {"query": "ĐẶNG THỊ"}, [("Đặng Thị Ánh", "LDTT", 2024)]),
    ("given_name_without_tone", {"query": "anh"}, [("Đặng Thị Ánh", "LDTT", 2024)]),
    ("collective_by_unit_name", {"query": "tieu hoc thu a1"}, [("Trường Tiểu học Thử A1", "TTLDTT", 2024)]),
    ("by_decision_number_folded", {"decision": "215/qd-pgddt"}, [("Nguyễn Văn An", "CSTDCS", 2024)]),
    ("by_award_and_year", {"award": "LDTT", "year": 2023}, [("Nguyễn Văn An", "LDTT", 2023)]),
]


@pytest.mark.parametrize(("case", "kwargs", "expected"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_history_search_is_insensitive_to_vietnamese_diacritics(people, world, case, kwargs, expected):
    assert names(history_search(world.users["so_officer"], **kwargs)) == expected


def test_history_search_lists_names_in_vietnamese_alphabetical_order(people, world):
    records = history_search(world.users["so_officer"], award="LDTT", year=2024)
    # By given name first: Ánh < Cường < Lan (the collective record is a TTLĐTT, not listed here).
    assert [r.person.full_name for r in records] == ["Đặng Thị Ánh", "Lê Văn Cường", "Nguyễn Thị Lan"]


def test_history_search_stays_in_the_users_scope(people, world):
    assert names(history_search(world.users["outsider"], query="nguyen")) == []
    clerk = names(history_search(world.users["school_clerk"], award="LDTT", year=2024))
    assert clerk == [("Đặng Thị Ánh", "LDTT", 2024), ("Nguyễn Thị Lan", "LDTT", 2024)]


def test_history_search_by_unit_includes_its_subtree(people, world):
    records = history_search(world.users["so_officer"], unit=world.phong_b)
    assert names(records) == [("Lê Văn Cường", "LDTT", 2024)]


@pytest.mark.postgres
def test_history_search_folds_diacritics_on_postgresql_too(people, world):
    assert connection.vendor == "postgresql"
    assert names(history_search(world.users["so_officer"], query="NGUYEN VAN AN")) == [
        ("Nguyễn Văn An", "CSTDCS", 2024),
        ("Nguyễn Văn An", "LDTT", 2023),
    ]
    assert [r.person.full_name for r in history_search(world.users["so_officer"], award="LDTT", year=2024)] == [
        "Đặng Thị Ánh",
        "Lê Văn Cường",
        "Nguyễn Thị Lan",
    ]


def test_search_page_shows_matches(people, world, client_for):
    response = client_for(world.users["school_clerk"]).get(reverse("awards:search"), {"q": "nguyen van an"})
    body = response.content.decode()
    assert (response.status_code, body.count("Nguyễn Văn An"), "215/QĐ-PGDĐT" in body) == (200, 2, True)


def test_search_page_reports_an_unknown_unit_code(people, world, client_for):
    response = client_for(world.users["school_clerk"]).get(reverse("awards:search"), {"don_vi": "KHONG-CO"})
    assert response.context["form"].errors == {"don_vi": ["Không có đơn vị mang mã này trong phạm vi quản lý của bạn."]}


@pytest.mark.parametrize("rows", [1, 30])
def test_search_page_query_count_does_not_grow_with_rows(world, client_for, django_assert_num_queries, rows):
    for i in range(rows):
        AwardRecordFactory(
            person=PersonFactory(unit=world.school_a1, full_name=f"Nguyễn Văn Số {i}"),
            code="LDTT",
            school_year=2024,
            decision_number="9/QĐ-SGDĐT",
        )
    client = client_for(world.users["school_clerk"])
    client.get(reverse("awards:search"), {"q": "nguyen"})  # warm the session
    with django_assert_num_queries(10):
        response = client.get(reverse("awards:search"), {"q": "nguyen"})
    assert response.context["page"].paginator.count == rows
