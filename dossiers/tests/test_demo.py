"""The demo loader: Xuân Sơn's round and dossiers through the services, idempotent."""

import datetime

import pytest

from dossiers import demo
from dossiers.models import AwardRound, Dossier, RoundExtension
from units.enums import UnitKind
from units.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_demo_builds_dossiers_in_several_states_and_is_idempotent():
    so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, code="SGDDT-QN", name="Sở GD&ĐT Quảng Ninh")
    phong = UnitFactory(
        parent=so, kind=UnitKind.EDUCATION_OFFICE, code="PGDDT-DONGTRIEU", name="Phòng GD&ĐT Đông Triều"
    )
    schools = [
        UnitFactory(
            parent=phong, kind=UnitKind.LOWER_SECONDARY_SCHOOL, code="THCS-XUANSON", name="Trường THCS Xuân Sơn"
        ),
        UnitFactory(parent=phong, kind=UnitKind.PRIMARY_SCHOOL, code="TH-XS", name="Trường Tiểu học Xuân Sơn"),
        UnitFactory(parent=phong, kind=UnitKind.PRESCHOOL, code="MN-XS", name="Trường Mầm non Xuân Sơn"),
    ]
    from awards import services as award_services

    for school in schools:
        for i in range(12):
            person = PersonFactory(unit=school, full_name=f"Giáo viên {school.code} {i}")
            rating = "good" if i < 9 else "completed"
            award_services.task_rating_set(person=person, unit=school, school_year=2025, rating=rating, actor=None)
    UserFactory(username="dongtrieu.tdkt", unit=phong, is_officer=True)
    made = demo.load()
    assert made == {"THCS-XUANSON": 7}
    award_round = AwardRound.objects.get(organiser=phong)
    states = sorted(Dossier.objects.filter(round=award_round).values_list("state", flat=True))
    assert states == sorted(demo.STATES)
    xuan_son = Dossier.objects.filter(unit__code="THCS-XUANSON").order_by("id").first()
    assert (xuan_son.state, xuan_son.receiver) == ("sent", phong)
    verdicts = sorted(xuan_son.nominees.values_list("verdict", flat=True))
    assert verdicts == ["eligible", "eligible", "eligible", "not_eligible"]
    assert all(n.verdict_frozen_at for n in xuan_son.nominees.all())
    assert RoundExtension.objects.get(unit__code="THCS-XUANSON").until >= D(2026, 7, 10)
    assert demo.load() == {}
    assert Dossier.objects.count() == 7
