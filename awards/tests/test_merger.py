"""Merger continuity (the 2025 reforms): after a Sở merged into another on 01/7/2025, the successor's
accounts see the schools that came with it, their people and their award history; eligibility counts
the years before the merger; schools moved from a district Phòng to a commune keep their history; the
district Giấy khen is not offered for dates after the district level ended."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.enums import RuleKind, Subject
from awards.selectors import award_choices, history_search, unit_history
from awards.tests.factories import AwardRecordFactory, catalogue_award
from units import services as unit_services
from units.enums import UnitKind
from units.tests.factories import PersonFactory, UnitFactory, UserFactory
from units.tests.url_cases import merged_into_vinhlong

D = datetime.date


@pytest.fixture
def merged(world):
    for year in (2021, 2022, 2023, 2024):
        AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=year, decision_number=f"{year}/QĐ-SGDĐT")
    AwardRecordFactory(unit=world.school_a1, code="TTLDTT", school_year=2024, decision_number="2024/QĐ-SGDĐT")
    merged_into_vinhlong(world)
    return world


def _names(records):
    return sorted((r.person.full_name if r.person else r.unit.name, r.award.code, r.school_year) for r in records)


def test_successor_officer_and_leader_find_the_merged_history(merged):
    for persona in ("vinhlong_officer", "vinhlong_leader"):
        found = history_search(merged.users[persona], query="nguyen thi lan")
        assert _names(found) == [("Nguyễn Thị Lan", "CSTDCS", y) for y in (2021, 2022, 2023, 2024)]
        assert _names(history_search(merged.users[persona], award="TTLDTT")) == [
            ("Trường Tiểu học Thử A1", "TTLDTT", 2024)
        ]


def test_an_unrelated_officer_still_finds_nothing(merged):
    assert list(history_search(merged.users["outsider"], query="nguyen thi lan")) == []


def test_successor_officer_opens_the_person_history_with_the_chain_of_years(merged, client):
    client.force_login(merged.users["vinhlong_officer"])
    # After the merger the teacher moves to a school of the new Sở and earns the title there too.
    school = UnitFactory(parent=merged.extra["vinhlong"], kind=UnitKind.PRIMARY_SCHOOL, name="Trường TH Vĩnh Long Thử")
    unit_services.person_transfer(person=merged.person_a1, to_unit=school, date=D(2025, 8, 15), actor=None)
    AwardRecordFactory(person=merged.person_a1, code="CSTDCS", school_year=2025, decision_number="2025/QĐ-SGDĐT")
    response = client.get(
        reverse("awards:person-history", kwargs={"pk": merged.person_a1.pk}),
        {"award": "CSTD_TINH", "nam": 2025, "ngay": "2026-06-15"},
    )
    chain = next(r for r in response.context["judgement"].results if r.kind == RuleKind.CONSECUTIVE_TITLES)
    assert chain.data["years"] == [2023, 2024, 2025]
    assert [r.school_year for r in response.context["history"]["records"]] == [2025, 2024, 2023, 2022, 2021]


def test_commune_inherits_the_schools_and_history_of_the_closed_district_phong(world):
    """01/7/2025: the district level ends; Phòng A's schools move under a commune, which also
    takes over the Phòng itself (its collective history)."""
    AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2023, decision_number="23/QĐ-PGDĐT")
    AwardRecordFactory(unit=world.phong_a, code="TTLDTT", school_year=2024, decision_number="24/QĐ-UBND")
    commune = UnitFactory(parent=world.so, kind=UnitKind.COMMUNE_COMMITTEE, name="Ủy ban nhân dân xã Thử Mới")
    for school in (world.school_a1, world.school_a2):
        school.refresh_from_db()
        commune.refresh_from_db()
        unit_services.unit_move(unit=school, new_parent=commune, date=D(2025, 7, 1), actor=None)
    commune.refresh_from_db()
    world.phong_a.refresh_from_db()
    unit_services.unit_merge(sources=[world.phong_a], into=commune, date=D(2025, 7, 1), actor=None, move_people=False)
    officer = UserFactory(username="xathumoi.tdkt", unit=commune, is_officer=True)
    assert _names(history_search(officer)) == [
        ("Nguyễn Thị Lan", "LDTT", 2023),
        ("Phòng GD&ĐT Thử A", "TTLDTT", 2024),
    ]
    assert [r.unit.name for r in unit_history(commune)["collective"]] == ["Phòng GD&ĐT Thử A"]


def test_district_giay_khen_is_not_offered_after_the_district_level_ended(db):
    before = set(award_choices(subject=Subject.INDIVIDUAL, on_date=D(2025, 6, 30)).values_list("code", flat=True))
    after = set(award_choices(subject=Subject.INDIVIDUAL, on_date=D(2025, 7, 1)).values_list("code", flat=True))
    assert ("GK_HUYEN" in before, "GK_HUYEN" in after) == (True, False)
    assert before - after == {"GK_HUYEN"}


def test_district_giay_khen_cannot_be_recorded_with_a_decision_after_it_ended(world):
    person = PersonFactory(unit=world.school_a1, full_name="Võ Thị Hạnh")
    with pytest.raises(ValidationError) as refused:
        services.award_record_create(
            award=catalogue_award("GK_HUYEN"),
            person=person,
            school_year=2024,
            decision_number="99/QĐ-UBND",
            decision_date=D(2025, 7, 15),
            issuer="UBND huyện Thử",
            actor=None,
        )
    assert "30/06/2025" in " ".join(refused.value.messages)
    kept = services.award_record_create(
        award=catalogue_award("GK_HUYEN"),
        person=person,
        school_year=2024,
        decision_number="98/QĐ-UBND",
        decision_date=D(2025, 6, 20),
        issuer="UBND huyện Thử",
        actor=None,
    )
    assert kept.award.code == "GK_HUYEN"


def test_demo_vinhlong_officer_finds_the_ben_tre_history(db, client):
    """The issue's reproduction: with the demo data, vinhlong.tdkt found nothing and a Bến Tre school answered 404."""
    from awards import demo as awards_demo
    from units import demo as units_demo
    from units.models import Unit, User

    units_demo.load()
    awards_demo.load()
    officer = User.objects.get(username="vinhlong.tdkt")
    ben_tre_officer = User.objects.get(username="bentre.tdkt")
    assert history_search(officer).count() == history_search(ben_tre_officer).count() > 0
    school = Unit.objects.get(code="THPT-CHUYENBENTRE")
    assert _names(history_search(officer, unit=school)) == _names(history_search(ben_tre_officer, unit=school))
    client.force_login(officer)
    page = client.get(reverse("units:unit-detail", args=[school.pk]))
    assert (page.status_code, page.context["unit"]) == (200, school)
