"""The demo councils: built on the dossiers demo, through the services, idempotent."""

import pytest

from councils import demo
from councils.enums import ItemResult, SessionState
from councils.models import Council, Session
from dossiers import demo as dossiers_demo
from units.enums import UnitKind
from units.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_council_votes_on_both_sides_of_the_threshold_and_is_idempotent():
    from awards import services as award_services

    so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, code="SGDDT-QN", name="Sở GD&ĐT Quảng Ninh")
    phong = UnitFactory(
        parent=so, kind=UnitKind.EDUCATION_OFFICE, code="PGDDT-DONGTRIEU", name="Phòng GD&ĐT Đông Triều"
    )
    kinds = (UnitKind.LOWER_SECONDARY_SCHOOL, UnitKind.PRIMARY_SCHOOL, UnitKind.PRESCHOOL)
    for code, kind in zip(("THCS-XUANSON", "TH-XS", "MN-XS"), kinds, strict=True):
        school = UnitFactory(parent=phong, kind=kind, code=code, name=f"Trường {code}")
        for i in range(20):
            person = PersonFactory(unit=school, full_name=f"Giáo viên {code} {i}")
            rating = "excellent" if i < 4 else "good" if i < 16 else "completed"
            award_services.task_rating_set(person=person, unit=school, school_year=2025, rating=rating, actor=None)
    UserFactory(username="dongtrieu.tdkt", unit=phong, is_officer=True)
    dossiers_demo.load()

    made = demo.load()
    council = Council.objects.get(unit=phong)
    assert made == {"PGDDT-DONGTRIEU": 2}
    assert council.members.count() == 7
    assert council.members.get(role="secretary").user.username == "dongtrieu.tdkt"
    closed = Session.objects.get(council=council, state=SessionState.CLOSED)
    results = set(closed.items.values_list("result", flat=True))
    assert results == {ItemResult.APPROVED, ItemResult.NOT_APPROVED}
    assert closed.minutes_entry is not None and closed.count_entry is not None
    assert closed.receipts.filter(written=True).count() == 1
    voting = Session.objects.get(council=council, state=SessionState.OPEN)
    # Members have a secret ballot to cast on their phones.
    assert voting.items.filter(secret=True, award__code="CSTDCS").count() == 1
    # Again: nothing new.
    assert demo.load() == {}
    assert Council.objects.count() == 1
