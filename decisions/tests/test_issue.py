"""Issuing a decision: number, cash, history, dossiers, all or nothing; the guards."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from awards import services as award_services
from awards.eligibility import judge
from awards.enums import RuleKind
from awards.models import AwardRecord, Decision
from awards.selectors import load_catalogue, person_facts
from awards.tests.factories import AwardRecordFactory
from decisions import services
from decisions.enums import DecisionState
from decisions.tests.factories import (
    D,
    approved_dossier,
    colleague,
    draft_decision,
    issued_decision,
    phong_head,
)
from dossiers import services as dossier_services
from dossiers.enums import CouncilResult, DossierState
from dossiers.tests.factories import appraised_dossier, good_year
from units.models import RegisterEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_issuing_numbers_the_decision_and_writes_the_history(world):
    decision = issued_decision(world)
    decision.refresh_from_db()
    assert (decision.state, decision.number_symbol, decision.dated) == (
        DecisionState.ISSUED,
        "01/QĐ-PGDĐTA",
        D(2026, 12, 1),
    )
    record = AwardRecord.objects.get(person=world.person_a1)
    assert (record.award.code, record.school_year, record.unit, record.cash_amount) == (
        "LDTT",
        2025,
        world.school_a1,
        702_000,
    )
    assert (record.decision.number, record.decision.issuer_unit, record.decision.signer_name) == (
        "01/QĐ-PGDĐTA",
        world.phong_a,
        "Lê Văn Trưởng",
    )
    assert (record.decision.signing_authority, record.decision.place) == ("KT. TRƯỞNG PHÒNG", "Thử A")
    assert decision.decision == record.decision
    nominee = decision.lines.get().nominee
    nominee.refresh_from_db()
    assert nominee.award_record == record
    assert nominee.dossier.state == DossierState.CLOSED
    assert list(decision.transitions.values_list("from_state", "to_state")) == [("draft", "issued")]
    assert decision.transitions.get().actor == phong_head(world)


def test_the_eligibility_engine_sees_the_award_the_next_day(world):
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2023)
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2024)
    good_year(world.person_a1, rating="excellent")
    issued_decision(world, code="CSTDCS")
    with time_machine.travel(datetime.datetime(2026, 12, 2, 8, 0, tzinfo=datetime.UTC), tick=False):
        facts = person_facts(world.person_a1)
        assert sorted((r.award_code, r.school_year) for r in facts.records) == [
            ("CSTDCS", 2023),
            ("CSTDCS", 2024),
            ("CSTDCS", 2025),
        ]
        verdict = judge(load_catalogue(), "CSTD_TINH", facts, school_year=2025, on_date=D(2026, 12, 2))
        chain = next(r for r in verdict.results if r.kind == RuleKind.CONSECUTIVE_TITLES)
        assert (chain.outcome, chain.data["years"]) == ("pass", [2023, 2024, 2025])


def test_a_revoked_record_no_longer_counts_for_eligibility(world):
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2023)
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2024)
    good_year(world.person_a1, rating="excellent")
    decision = issued_decision(world, code="CSTDCS")
    line = decision.lines.get()
    services.line_revoke(
        line=line, reason="Kê khai không trung thực", number="15/QĐ-PGDĐTA", date=D(2026, 12, 1), actor=None
    )
    record = AwardRecord.objects.get(person=world.person_a1, school_year=2025)
    assert (record.revoked_by_number, record.revoked_reason) == ("15/QĐ-PGDĐTA", "Kê khai không trung thực")
    facts = person_facts(world.person_a1)
    assert sorted(r.school_year for r in facts.records) == [2023, 2024]
    verdict = judge(load_catalogue(), "CSTD_TINH", facts, school_year=2025, on_date=D(2026, 12, 2))
    chain = next(r for r in verdict.results if r.kind == RuleKind.CONSECUTIVE_TITLES)
    assert chain.outcome != "pass"
    assert chain.data["years"] == [2023, 2024]


@pytest.mark.parametrize(("dated", "amount"), [(D(2024, 6, 30), 540_000), (D(2024, 7, 1), 702_000)])
def test_the_cash_is_from_the_base_salary_in_force_on_the_decision_date(world, dated, amount):
    with time_machine.travel(datetime.datetime(2024, 7, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        dossier = approved_dossier(world)
        # A decision for the 2023–2024 school year dated around the change of the base salary.
        dossier.round.school_year = 2023
        dossier.round.save(update_fields=["school_year"])
        decision = issued_decision(world, dossier=dossier, dated=dated)
    line = decision.lines.get()
    assert line.cash_amount == amount
    assert AwardRecord.objects.get(person=world.person_a1).cash_amount == amount
    assert decision.number_symbol == "01/QĐ-PGDĐTA"
    assert RegisterEntry.objects.get(unit=world.phong_a).year == 2024


def test_numbers_run_in_sequence_per_issuer_and_year(world):
    first = issued_decision(world)
    second = issued_decision(world, people=[colleague(world)])
    assert (first.number_symbol, second.number_symbol) == ("01/QĐ-PGDĐTA", "02/QĐ-PGDĐTA")
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        third = issued_decision(world, people=[colleague(world, "Võ Thị Hạnh")], dated=D(2027, 1, 4))
    assert third.number_symbol == "01/QĐ-PGDĐTA"


def test_a_failing_notification_leaves_nothing_behind(world, monkeypatch):
    from decisions import services as decision_services

    decision = draft_decision(world)

    def broken(code, obj, *, actor=None):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(decision_services, "announce", broken)
    with pytest.raises(RuntimeError):
        services.decision_issue(decision=decision, actor=phong_head(world), dated=D(2026, 12, 1), signer_name="Lê")
    decision.refresh_from_db()
    assert (decision.state, decision.number_symbol, decision.decision_id) == (DecisionState.DRAFT, "", None)
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (0, 0)
    assert RegisterEntry.objects.filter(unit=world.phong_a).count() == 0
    nominee = decision.lines.get().nominee
    nominee.refresh_from_db()
    assert (nominee.award_record_id, nominee.dossier.state) == (None, DossierState.APPRAISED)
    monkeypatch.undo()
    services.decision_issue(decision=decision, actor=phong_head(world), dated=D(2026, 12, 1), signer_name="Lê")
    decision.refresh_from_db()
    assert decision.number_symbol == "01/QĐ-PGDĐTA"  # the number was not consumed by the failed attempt


def test_a_nominee_the_council_did_not_approve_is_refused(world):
    dossier = appraised_dossier(world, people=[world.person_a1, colleague(world)])
    first, second = dossier.nominees.order_by("pk")
    dossier_services.nominee_council_result_set(nominee=first, result=CouncilResult.APPROVED, actor=None)
    dossier_services.nominee_council_result_set(nominee=second, result=CouncilResult.NOT_APPROVED, actor=None)
    with pytest.raises(ValidationError) as exc:
        services.decision_create(unit=world.phong_a, nominees=[first, second], actor=world.users["phong_officer"])
    assert exc.value.messages == ["Hội đồng không đề nghị khen thưởng Phạm Minh Đức."]
    from decisions.selectors import candidates

    assert list(candidates(world.phong_a)) == [first]


def test_a_nominee_already_awarded_or_on_another_decision_is_refused(world):
    dossier = approved_dossier(world, people=[world.person_a1, colleague(world)])
    first, second = dossier.nominees.order_by("pk")
    officer = world.users["phong_officer"]
    services.decision_create(unit=world.phong_a, nominees=[first], actor=officer)
    with pytest.raises(ValidationError) as exc:
        services.decision_create(unit=world.phong_a, nominees=[first, second], actor=officer)
    assert exc.value.messages == ["Nguyễn Thị Lan đã có trong một quyết định khác."]
    record = AwardRecordFactory(person=second.person, code="LDTT", school_year=2025, decision_date=D(2026, 6, 1))
    dossier_services.nominee_award_record_set(nominee=second, record=record, actor=None)
    with pytest.raises(ValidationError) as exc:
        services.decision_create(unit=world.phong_a, nominees=[second], actor=officer)
    assert exc.value.messages == ["Phạm Minh Đức đã được khen thưởng."]


def test_a_register_number_already_in_the_history_is_refused(world):
    award_services.decision_create(number="01/QĐ-PGDĐTA", date=D(2026, 3, 1), issuer="Phòng GD&ĐT Thử A", actor=None)
    decision = draft_decision(world)
    with pytest.raises(ValidationError) as exc:
        services.decision_issue(decision=decision, actor=phong_head(world), dated=D(2026, 12, 1), signer_name="Lê")
    assert "01/QĐ-PGDĐTA" in exc.value.messages[0]
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_only_the_head_or_a_leader_of_the_issuing_unit_issues(world):
    from django.core.exceptions import PermissionDenied

    decision = draft_decision(world)
    for user in (world.users["phong_officer"], world.users["so_officer"], world.users["leader"]):
        with pytest.raises(PermissionDenied):
            services.decision_issue(decision=decision, actor=user, signer_name="Lê")
    assert DecisionState(decision.state) == DecisionState.DRAFT


def test_a_decision_cannot_be_dated_in_the_future(world):
    decision = draft_decision(world)
    with pytest.raises(ValidationError) as exc:
        services.decision_issue(decision=decision, actor=phong_head(world), dated=D(2026, 12, 2), signer_name="Lê")
    assert exc.value.message_dict == {"dated": ["Quyết định không thể ghi ngày trong tương lai."]}
