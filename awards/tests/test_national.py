"""The award history of the national-scale provinces (``awards.demo.load_national``), written by COPY."""

from collections import Counter

import pytest

from awards import demo
from awards.models import AwardRecord, Decision, Initiative, Restriction, TaskRatingRecord
from units import demo as unit_demo
from units.models import Person, Unit


@pytest.mark.postgres
def test_load_national_gives_each_province_province_history_shape(db):
    roots = unit_demo.generate_national(provinces=2, schools=4, people=40)
    totals = demo.load_national(roots)
    assert (totals["schools"], totals["people"], totals["decisions"]) == (8, 80, 8 * 4 * 2)
    # Every person and school has a task rating for each of the five years.
    assert totals["ratings"] == TaskRatingRecord.objects.filter(source="demo").count() == 80 * 5 + 8 * 5
    assert totals["award_records"] == AwardRecord.objects.filter(source="demo").count()
    assert totals["initiatives"] == Initiative.objects.filter(source="demo").count()
    assert totals["restrictions"] == Restriction.objects.filter(source="demo").count()
    for root in roots:
        people = Person.objects.filter(unit__path__startswith=root.path)
        ratings = Counter(
            TaskRatingRecord.objects.filter(person__in=people).values_list("person_id", "school_year").distinct()
        )
        assert len(ratings) == 40 * 5
    # An LĐTT for every good or excellent year but the one being judged (2025), a CSTĐCS for every
    # excellent one, each under its school's Phòng's decision of the year after.
    ldtt = set(AwardRecord.objects.filter(award__code="LDTT", source="demo").values_list("person_id", "school_year"))
    rated = set(
        TaskRatingRecord.objects.filter(
            person__isnull=False, rating__in=["good", "excellent"], school_year__lt=2025
        ).values_list("person_id", "school_year")
    )
    assert ldtt == rated
    cstdcs = set(
        AwardRecord.objects.filter(award__code="CSTDCS", source="demo").values_list("person_id", "school_year")
    )
    excellent = set(
        TaskRatingRecord.objects.filter(person__isnull=False, rating="excellent", school_year__lt=2025).values_list(
            "person_id", "school_year"
        )
    )
    assert cstdcs == excellent
    record = AwardRecord.objects.select_related("decision", "unit").filter(source="demo").first()
    parent = Unit.objects.get(path=record.unit.path[: -Unit.steplen])
    assert (record.decision.issuer_unit_id, record.decision.issuer, record.decision.year) == (
        parent.pk,
        parent.name,
        record.school_year + 1,
    )
    assert Decision.objects.filter(source="demo", number_key="").count() == 0
    # Idempotent: a second run leaves the provinces alone.
    assert demo.load_national(roots) == {}
    assert AwardRecord.objects.filter(source="demo").count() == totals["award_records"]
