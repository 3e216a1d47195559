"""The demo loader: an issued decision per unit with approved nominees, one record revoked; idempotent."""

import pytest

from awards.models import AwardRecord
from decisions import demo
from decisions.enums import DecisionState
from decisions.models import AwardDecision
from decisions.tests.factories import approved_dossier, colleague

pytestmark = pytest.mark.django_db


def test_demo_issues_a_decision_from_the_approved_nominees_and_is_idempotent(world):
    approved_dossier(world, people=[world.person_a1, colleague(world)])
    assert demo.load() == {world.phong_a.code: "01/QĐ-PGDĐTA"}
    assert demo.load() == {}
    decision = AwardDecision.objects.get()
    assert (decision.state, decision.lines.count()) == (DecisionState.ISSUED, 2)
    records = AwardRecord.objects.filter(decision=decision.decision).order_by("person__full_name")
    assert [(r.person.full_name, r.revoked_at is not None) for r in records] == [
        ("Nguyễn Thị Lan", False),
        ("Phạm Minh Đức", True),
    ]
    assert AwardRecord.objects.in_force().count() == 1
