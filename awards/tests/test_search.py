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
    # A school's records are named first (its own, its people's), then people's and units' records
    # are read and counted as two streams, after the units named so and the scope's inherited paths:
    # a fixed 15 however many rows.
    with django_assert_num_queries(15):
        response = client.get(reverse("awards:search"), {"q": "nguyen"})
    assert response.context["page"].paginator.count == rows


def _fold_reference(user, query):
    """The search as the fold was meant: every record in scope, names folded in Python."""
    from awards.models import AwardRecord
    from awards.selectors import history_scope_q
    from common.text import fold

    folded = fold(query)
    records = AwardRecord.objects.filter(history_scope_q(user)).select_related("person", "unit", "award")
    return sorted(
        (r.person.full_name if r.person else r.unit.name, r.award.code, r.school_year)
        for r in records
        if folded in fold(r.person.full_name if r.person else r.unit.name)
    )


@pytest.fixture
def hoa(world):
    """Nguyễn Thị Hoà in Phòng A, a namesake in another province, a Hòa spelt the other way in Phòng B."""
    here = PersonFactory(unit=world.school_a1, full_name="Nguyễn Thị Hoà")
    there = PersonFactory(unit=world.other_so, full_name="Nguyễn Thị Hoà")
    other_spelling = PersonFactory(unit=world.school_b1, full_name="Phạm Thị Hòa")
    AwardRecordFactory(person=here, code="LDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    AwardRecordFactory(person=there, code="LDTT", school_year=2024, decision_number="3/QĐ-SGDN", issuer="Sở Ngoài")
    AwardRecordFactory(person=other_spelling, code="LDTT", school_year=2023, decision_number="15/QĐ-SGDĐT")
    return here


HOA_QUERIES = [
    ("nguyen thi hoa", [("Nguyễn Thị Hoà", "LDTT", 2024)]),
    ("Nguyễn Thị Hòa", [("Nguyễn Thị Hoà", "LDTT", 2024)]),
    ("hòa", [("Nguyễn Thị Hoà", "LDTT", 2024), ("Phạm Thị Hòa", "LDTT", 2023)]),
    ("HOÀ", [("Nguyễn Thị Hoà", "LDTT", 2024), ("Phạm Thị Hòa", "LDTT", 2023)]),
    ("thi hoa", [("Nguyễn Thị Hoà", "LDTT", 2024), ("Phạm Thị Hòa", "LDTT", 2023)]),
    ("ngoai", []),  # the other province's Sở: a unit name, never a record of this scope
    ("tieu hoc thu", []),  # a unit name, but no collective record of it here
]


def _assert_hoa_searches(world):
    for query, expected in HOA_QUERIES:
        found = sorted(names(history_search(world.users["so_officer"], query=query)))
        assert (query, found) == (query, expected)
        assert (query, found) == (query, _fold_reference(world.users["so_officer"], query))
    # The other province's officer finds only their own Hoà.
    assert names(history_search(world.users["outsider"], query="hoa")) == [("Nguyễn Thị Hoà", "LDTT", 2024)]
    assert _fold_reference(world.users["outsider"], "hoa") == [("Nguyễn Thị Hoà", "LDTT", 2024)]
    # Phòng A sees its Hoà and not Phòng B's Hòa.
    assert names(history_search(world.users["phong_officer"], query="hoa")) == [("Nguyễn Thị Hoà", "LDTT", 2024)]


def test_history_search_finds_diacritic_variants_inside_the_scope_only(hoa, world):
    _assert_hoa_searches(world)


@pytest.mark.postgres
def test_history_search_finds_diacritic_variants_on_postgresql_too(hoa, world):
    assert connection.vendor == "postgresql"
    _assert_hoa_searches(world)


@pytest.mark.postgres
def test_people_name_search_is_served_by_the_trigram_index(hoa, world):
    """With sequential scans priced out, the planner reaches people by name through the GIN index."""
    from units.models import Person

    queryset = Person.objects.filter(name_search__contains="thi hoa").values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert ("units_person_name_search_trgm" in plan, "units_person_name_search_idx" in plan) == (True, False)


def test_search_page_caps_the_count(world, client_for, monkeypatch):
    from awards import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 3)
    for i in range(5):
        AwardRecordFactory(
            person=PersonFactory(unit=world.school_a1, full_name=f"Nguyễn Văn Số {i}"),
            code="LDTT",
            school_year=2024,
            decision_number="9/QĐ-SGDĐT",
        )
    response = client_for(world.users["school_clerk"]).get(reverse("awards:search"), {"q": "nguyen van so"})
    body = response.content.decode()
    page = response.context["page"]
    assert (page.paginator.count, page.paginator.is_capped, len(page.object_list)) == (4, True, 4)
    assert "Hơn 3 kết quả" in body


@pytest.mark.parametrize("units", [10, 1000])
def test_search_page_costs_the_same_at_10_and_1000_units(world, client_for, django_assert_num_queries, units):
    from units.tests.factories import bulk_schools

    schools = bulk_schools(world.phong_a, units, people_each=1)
    for school in schools[:3]:
        AwardRecordFactory(person=school.people.get(), code="LDTT", school_year=2024, decision_number="9/QĐ-SGDĐT")
    client = client_for(world.users["so_officer"])
    client.get(reverse("awards:search"), {"q": "nguyen van dem"})  # warm the session
    with django_assert_num_queries(13):
        response = client.get(reverse("awards:search"), {"q": "nguyen van dem"})
    assert (response.context["page"].paginator.count, len(response.content) < 200 * 1024) == (3, True)


@pytest.mark.parametrize("per_page", [1, 2, 3, 7])
def test_a_search_page_holds_the_records_of_the_full_search_in_the_same_order(world, per_page):
    """The page reads people's and units' records as two streams merged (``RecordIds``); page after
    page it must give exactly what the one ordered query gives, a school named after a person
    ("Trường Tiểu học Thử A1" beside "Thử Văn A…") interleaved where its name falls."""
    from awards.selectors import history_search_ids

    for given in ("An", "Bình", "Anh", "Ánh", "Zung"):
        person = PersonFactory(unit=world.school_a1, full_name=f"Thử Văn {given}")
        for year in (2022, 2024):
            AwardRecordFactory(person=person, code="LDTT", school_year=year, decision_number=f"{year}/QĐ-SGDĐT")
    AwardRecordFactory(unit=world.school_a1, code="TTLDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    AwardRecordFactory(unit=world.school_a1, code="TTLDTT", school_year=2022, decision_number="12/QĐ-SGDĐT")
    AwardRecordFactory(unit=world.school_b1, code="TTLDTT", school_year=2023, decision_number="13/QĐ-SGDĐT")
    user = world.users["so_officer"]
    for query in ("thu", "tieu hoc thu", "van an", ""):
        expected = list(history_search(user, query=query).values_list("pk", flat=True))
        ids = history_search_ids(user, query=query)
        pages = [ids[start : start + per_page] for start in range(0, len(expected) + per_page, per_page)]
        assert (query, [pk for page in pages for pk in page]) == (query, expected)
        assert ids.capped_count(1000) == len(expected)
        assert ids.capped_count(3) == min(len(expected), 4)
    # The units' records and the people's are both in the "thu" search: the merge was exercised.
    assert {r.person is None for r in history_search(user, query="thu")} == {True, False}
