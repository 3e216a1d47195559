"""Real races on PostgreSQL: heads issuing at the same moment."""

import queue

import pytest

from awards.models import AwardRecord, Decision
from decisions import services
from decisions.enums import DecisionState
from decisions.models import AwardDecision
from decisions.tests.factories import D, colleague, phong_head, quick_approved_dossier
from dossiers import services as dossier_services
from dossiers.enums import CouncilResult
from tests.race import race, race_outcomes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _drafts(world, count):
    drafts = []
    for index in range(count):
        person = world.person_a1 if index == 0 else colleague(world, f"Giáo viên Đua {index:02d}")
        nominee = quick_approved_dossier(world, person=person).nominees.get()
        dossier_services.nominee_council_result_set(nominee=nominee, result=CouncilResult.APPROVED, actor=None)
        drafts.append(services.decision_create(unit=world.phong_a, nominees=[nominee], actor=None))
    return drafts


def test_decisions_issued_at_once_take_consecutive_numbers_of_the_issuer(world):
    head = phong_head(world)
    waiting = queue.Queue()
    for draft in _drafts(world, 5):
        waiting.put(draft)

    def issue():
        decision = services.decision_issue(decision=waiting.get(), actor=head, dated=D(2026, 12, 1), signer_name="Lê")
        return decision.number_symbol

    numbers = race(5, issue)
    assert sorted(numbers) == [f"0{n}/QĐ-PGDĐTA" for n in range(1, 6)]
    assert sorted(Decision.objects.values_list("number", flat=True)) == sorted(numbers)
    assert AwardRecord.objects.count() == 5


def test_the_same_decision_issued_twice_at_once_is_issued_once(world):
    head = phong_head(world)
    (draft,) = _drafts(world, 1)
    results, errors = race_outcomes(
        2, lambda: services.decision_issue(decision=draft, actor=head, dated=D(2026, 12, 1), signer_name="Lê")
    )
    assert (len(results), [e.messages for e in errors]) == (
        1,
        [["Quyết định khen thưởng không thể chuyển từ “Đã ban hành” sang “Đã ban hành”."]],
    )
    assert AwardDecision.objects.get().state == DecisionState.ISSUED
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (1, 1)
