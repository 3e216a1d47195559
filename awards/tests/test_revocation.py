"""Cash rewards from the base salary in force, and revocation (Luật 06/2022 Chương VII)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from awards import services
from awards.models import AwardRecord
from awards.selectors import base_salary_on, cash_amount, person_facts, person_history
from awards.tests.factories import AwardRecordFactory, catalogue_award

D = datetime.date


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("date", "amount"),
    [(D(2023, 6, 30), 1_490_000), (D(2023, 7, 1), 1_800_000), (D(2024, 6, 30), 1_800_000), (D(2024, 7, 1), 2_340_000)],
)
def test_the_base_salary_is_the_one_in_force_on_the_date(db, date, amount):
    assert base_salary_on(date).amount == amount


@pytest.mark.parametrize(
    ("code", "date", "amount"),
    [("CSTDCS", D(2025, 6, 1), 2_340_000), ("LDTT", D(2025, 6, 1), 702_000), ("LDTT", D(2024, 6, 1), 540_000)],
)
def test_the_cash_reward_is_the_catalogue_multiplier_times_the_base_salary(db, code, date, amount):
    assert cash_amount(catalogue_award(code), date) == amount


def test_a_revoked_record_stays_in_the_history_but_no_longer_counts(world):
    kept = AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2023)
    revoked = AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024)
    services.award_record_revoke(
        record=revoked, reason="Kê khai không trung thực", number="45/QĐ-SGDĐT", date=D(2026, 3, 2), actor=None
    )
    revoked.refresh_from_db()
    assert (revoked.revoked_by_number, revoked.revoked_by_date, revoked.revoked_at is not None) == (
        "45/QĐ-SGDĐT",
        D(2026, 3, 2),
        True,
    )
    assert [r.school_year for r in person_facts(world.person_a1).records] == [kept.school_year]
    assert {r.pk for r in person_history(world.person_a1)["records"]} == {kept.pk, revoked.pk}
    # The same title for the same year may be given again once the first is revoked.
    AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024, decision_number="99/QĐ-SGDĐT")


def test_revoking_needs_a_reason_a_number_and_a_date_and_happens_once(world):
    record = AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024)
    with pytest.raises(ValidationError) as exc:
        services.award_record_revoke(record=record, reason=" ", number="", date=None, actor=None)
    assert exc.value.message_dict == {
        "reason": ["Hãy nêu lý do thu hồi."],
        "number": ["Hãy nhập số quyết định thu hồi."],
        "date": ["Hãy nhập ngày của quyết định thu hồi."],
    }
    services.award_record_revoke(record=record, reason="Sai sót", number="46/QĐ-SGDĐT", date=D(2026, 3, 2), actor=None)
    with pytest.raises(ValidationError) as exc:
        services.award_record_revoke(
            record=record, reason="Sai sót", number="47/QĐ-SGDĐT", date=D(2026, 3, 3), actor=None
        )
    assert exc.value.messages == ["Khen thưởng này đã bị thu hồi."]
    assert AwardRecord.objects.get(pk=record.pk).revoked_by_number == "46/QĐ-SGDĐT"


def test_revoking_a_decision_revokes_every_record_it_gave(world):
    first = AwardRecordFactory(person=world.person_a1, code="LDTT", decision_number="12/QĐ-SGDĐT")
    second = AwardRecordFactory(person=world.person_a2, code="LDTT", decision_number="12/QĐ-SGDĐT")
    decision = first.decision
    services.decision_revoke(
        decision=decision, reason="Xét duyệt sai quy định", number="50/QĐ-SGDĐT", date=D(2026, 4, 1), actor=None
    )
    assert AwardRecord.objects.filter(pk__in=[first.pk, second.pk]).in_force().count() == 0
    decision.refresh_from_db()
    assert (decision.revoked_by_number, decision.revoked_reason) == ("50/QĐ-SGDĐT", "Xét duyệt sai quy định")
