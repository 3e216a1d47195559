"""A nominee's outcome after appraisal (council result, award record) and the dossier closing on it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from awards.tests.factories import AwardRecordFactory
from dossiers import services
from dossiers.enums import CouncilResult
from dossiers.enums import DossierState as S
from dossiers.tests.factories import appraised_dossier, ready_dossier


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_the_dossier_closes_once_every_nominee_has_a_result(world):
    dossier = appraised_dossier(world, people=[world.person_a1, world.extra.setdefault("p2", _colleague(world))])
    first, second = dossier.nominees.order_by("pk")
    services.nominee_council_result_set(nominee=first, result=CouncilResult.NOT_APPROVED, actor=None)
    dossier.refresh_from_db()
    assert dossier.state == S.APPRAISED  # the second nominee still waits
    services.nominee_council_result_set(nominee=second, result=CouncilResult.APPROVED, actor=None)
    record = AwardRecordFactory(
        person=second.person, code="LDTT", school_year=2025, decision_date=datetime.date(2026, 6, 1)
    )
    services.nominee_award_record_set(nominee=second, record=record, actor=None)
    dossier.refresh_from_db()
    assert dossier.state == S.CLOSED
    assert list(dossier.transitions.values_list("to_state", flat=True))[-1] == S.CLOSED


def test_a_council_result_needs_an_appraised_dossier(world):
    dossier = ready_dossier(world)
    with pytest.raises(ValidationError) as exc:
        services.nominee_council_result_set(nominee=dossier.nominees.get(), result=CouncilResult.APPROVED, actor=None)
    assert exc.value.messages == ["Chỉ những người được đề nghị trong hồ sơ đã thẩm định mới được đưa ra Hội đồng."]


def _colleague(world):
    from units.tests.factories import PersonFactory

    return PersonFactory(unit=world.school_a1, full_name="Phạm Minh Đức")
