import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from awards import services
from awards.eligibility import judge
from awards.enums import Outcome, RuleKind, Verdict
from awards.models import AwardRecord, AwardRule, Decision, Initiative
from awards.selectors import load_catalogue, person_facts, unit_facts
from awards.tests.factories import AwardRecordFactory, TaskRatingFactory, catalogue_award
from units import services as unit_services
from units.tests.factories import PersonFactory, UnitFactory

D = datetime.date


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_decision_shared_by_several_recipients_is_one_decision(world):
    AwardRecordFactory(person=world.person_a1, decision_number="12/QĐ-SGDĐT", decision_date=D(2025, 6, 1))
    AwardRecordFactory(person=world.person_a2, decision_number="12/QĐ-SGDĐT", decision_date=D(2025, 6, 1))
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (1, 2)


def test_decision_number_reused_by_the_same_issuer_in_the_same_year_is_refused(world):
    AwardRecordFactory(person=world.person_a1, decision_number="12/QĐ-SGDĐT", decision_date=D(2025, 6, 1))
    with pytest.raises(ValidationError) as exc:
        AwardRecordFactory(person=world.person_a2, decision_number="12/qđ-sgdđt ", decision_date=D(2025, 6, 20))
    assert exc.value.messages == [
        "Số quyết định 12/qđ-sgdđt của Sở GD&ĐT Thử nghiệm đã được dùng trong năm 2025 cho quyết định "
        "ngày 01/06/2025; không được dùng lại số trong cùng một năm."
    ]
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (1, 1)


def test_decision_number_of_another_year_or_issuer_is_accepted(world):
    AwardRecordFactory(
        person=world.person_a1,
        code="LDTT",
        school_year=2023,
        decision_number="12/QĐ-SGDĐT",
        decision_date=D(2024, 6, 1),
    )
    AwardRecordFactory(
        person=world.person_a1,
        code="LDTT",
        school_year=2024,
        decision_number="12/QĐ-SGDĐT",
        decision_date=D(2025, 6, 1),
    )
    AwardRecordFactory(
        person=world.person_a2,
        code="LDTT",
        school_year=2024,
        decision_number="12/QĐ-SGDĐT",
        decision_date=D(2025, 6, 20),
        issuer="UBND xã Bằng Mạc",
    )
    assert Decision.objects.count() == 3


def test_decision_create_refuses_any_reuse(world):
    services.decision_create(number="7/QĐ-UBND", date=D(2025, 5, 1), issuer="UBND xã Bằng Mạc", actor=None)
    with pytest.raises(ValidationError):
        services.decision_create(number="7/QĐ-UBND", date=D(2025, 5, 1), issuer="UBND xã Bằng Mạc", actor=None)
    assert Decision.objects.count() == 1


def test_award_dated_before_the_person_joined_the_sector_is_refused(world):
    person = PersonFactory(unit=world.school_a1, full_name="Phạm Thị Hoa", sector_start_year=2022)
    with pytest.raises(ValidationError) as exc:
        AwardRecordFactory(person=person, code="LDTT", school_year=2020, decision_date=D(2021, 6, 1))
    assert exc.value.messages == [
        "Phạm Thị Hoa vào ngành năm 2022; khen thưởng ghi ngày 01/06/2021 là trước thời điểm đó."
    ]
    assert (AwardRecord.objects.count(), Decision.objects.count()) == (0, 0)


def test_same_title_twice_in_a_school_year_is_refused(world):
    AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024, decision_number="1/QĐ-SGDĐT")
    with pytest.raises(ValidationError):
        AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2024, decision_number="2/QĐ-SGDĐT")
    assert AwardRecord.objects.count() == 1


def test_collective_title_cannot_go_to_a_person(world):
    with pytest.raises(ValidationError):
        AwardRecordFactory(person=world.person_a1, code="TTLDTT", school_year=2024)
    assert AwardRecord.objects.count() == 0


def _initiative(person, title="Ứng dụng AI trong chấm bài", number="5/QĐ-SGDĐT", scope="province"):
    return services.initiative_create(
        person=person,
        title=title,
        effect_scope=scope,
        school_year=2024,
        recognised_by="Sở GD&ĐT Thử nghiệm",
        decision_number=number,
        decision_date=D(2025, 5, 5),
        actor=None,
    )


def test_initiative_claimed_twice_is_refused(world):
    _initiative(world.person_a1)
    with pytest.raises(ValidationError):
        _initiative(world.person_a1, title="ứng dụng  AI trong chấm bài", number="9/QĐ-SGDĐT")
    with pytest.raises(ValidationError) as exc:
        _initiative(world.person_a2)
    assert "Nguyễn Thị Lan" in exc.value.messages[0]
    assert Initiative.objects.count() == 1


def test_initiative_used_twice_is_refused_and_nothing_is_saved(world):
    initiative = _initiative(world.person_a1)
    AwardRecordFactory(
        person=world.person_a1, code="CSTDCS", school_year=2024, decision_number="1/QĐ-SGDĐT", initiatives=[initiative]
    )
    with pytest.raises(ValidationError) as exc:
        AwardRecordFactory(
            person=world.person_a1,
            code="BK_TINH",
            school_year=2024,
            decision_number="2/QĐ-UBND",
            issuer="UBND tỉnh",
            initiatives=[initiative],
        )
    assert "chỉ được tính một lần" in exc.value.messages[0]
    assert list(AwardRecord.objects.values_list("award__code", flat=True)) == ["CSTDCS"]


def test_used_initiative_no_longer_grounds_a_higher_title(world):
    initiative = _initiative(world.person_a1)
    AwardRecordFactory(
        person=world.person_a1,
        code="CSTD_BO",
        school_year=2024,
        decision_number="3/QĐ-BGDĐT",
        issuer="Bộ GDĐT",
        initiatives=[initiative],
    )
    facts = person_facts(world.person_a1)
    j = judge(load_catalogue(), "CSTD_TINH", facts, school_year=2024, on_date=D(2025, 6, 15))
    r = next(r for r in j.results if r.kind == RuleKind.INITIATIVES)
    assert (r.outcome, r.data["used"]) == (Outcome.FAIL, ["Ứng dụng AI trong chấm bài"])


def _local_rule(scope, start, end=None, **kwargs):
    return services.rule_create(
        award=catalogue_award("CSTDCS"),
        kind=RuleKind.QUOTA,
        params={"percent": 15, "of": "LDTT"},
        description="Chiến sĩ thi đua cơ sở không quá 15% số Lao động tiên tiến",
        document="Quyết định 86/2025/QĐ-UBND",
        article="Điều 4",
        valid_from=start,
        valid_to=end,
        scope=scope,
        actor=None,
        **kwargs,
    )


def test_local_rule_with_overlapping_validity_for_the_same_scope_is_refused(world):
    _local_rule(world.so, D(2024, 9, 1), D(2025, 8, 31))
    with pytest.raises(ValidationError) as exc:
        _local_rule(world.so, D(2025, 8, 31))
    assert "chồng lấn" in exc.value.messages[0]
    _local_rule(world.so, D(2025, 9, 1))  # the day after: accepted
    _local_rule(world.other_so, D(2024, 9, 1))  # another scope: accepted
    assert AwardRule.objects.filter(kind=RuleKind.QUOTA).count() == 3


def test_open_ended_rule_blocks_any_later_one(world):
    _local_rule(world.so, D(2024, 9, 1))
    with pytest.raises(ValidationError):
        _local_rule(world.so, D(2030, 1, 1))


def test_local_quota_rule_applies_inside_its_scope_only(world):
    _local_rule(world.so, D(2024, 9, 1))
    catalogue = load_catalogue()
    inside = judge(catalogue, "CSTDCS", person_facts(world.person_a1), school_year=2025, on_date=D(2026, 6, 1))
    other = PersonFactory(unit=UnitFactory(parent=world.other_so))
    outside = judge(catalogue, "CSTDCS", person_facts(other), school_year=2025, on_date=D(2026, 6, 1))
    assert (inside.outcome_of(RuleKind.QUOTA), outside.outcome_of(RuleKind.QUOTA)) == (Outcome.MISSING, None)


def test_history_follows_a_person_across_a_transfer(world):
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2023, decision_number="1/QĐ-PGDĐT")
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2024, decision_number="2/QĐ-PGDĐT")
    unit_services.person_transfer(person=world.person_a1, to_unit=world.school_b1, date=D(2025, 8, 15), actor=None)
    AwardRecordFactory(
        person=world.person_a1,
        code="CSTDCS",
        school_year=2025,
        decision_number="3/QĐ-PGDĐT",
        decision_date=D(2026, 5, 20),
    )
    facts = person_facts(world.person_a1)
    j = judge(load_catalogue(), "CSTD_TINH", facts, school_year=2025, on_date=D(2026, 6, 1))
    chain = next(r for r in j.results if r.kind == RuleKind.CONSECUTIVE_TITLES)
    assert (chain.outcome, chain.data["years"]) == (Outcome.PASS, [2023, 2024, 2025])
    units_at_the_time = list(
        AwardRecord.objects.filter(person=world.person_a1).order_by("school_year").values_list("unit__name", flat=True)
    )
    assert units_at_the_time == ["Trường Tiểu học Thử A1", "Trường Tiểu học Thử A1", "Trường Tiểu học Thử B1"]


def test_collective_history_follows_a_unit_across_a_merge(world):
    TaskRatingFactory(unit=world.school_a2, school_year=2024, rating="excellent")
    AwardRecordFactory(
        unit=world.school_a2, code="TTLDXS", school_year=2024, decision_number="40/QĐ-UBND", issuer="UBND tỉnh"
    )
    merged = UnitFactory(parent=world.phong_a, name="Trường Liên cấp Thử A")
    unit_services.unit_merge(sources=[world.school_a2, world.school_a1], into=merged, date=D(2025, 8, 1), actor=None)
    TaskRatingFactory(unit=merged, school_year=2025, rating="excellent")
    facts = unit_facts(merged, school_year=2025)
    j = judge(load_catalogue(), "BK_TINH", facts, school_year=2025, on_date=D(2026, 6, 1))
    assert (j.verdict, sorted(facts.ratings)) == (Verdict.ELIGIBLE, [2024, 2025])
    assert [m.name for m in facts.members] == ["Trần Văn Bình", "Nguyễn Thị Lan"]


def test_task_rating_is_one_per_year_and_can_be_corrected(world):
    TaskRatingFactory(person=world.person_a1, school_year=2024, rating="good")
    TaskRatingFactory(person=world.person_a1, school_year=2024, rating="excellent")
    assert list(world.person_a1.task_ratings.values_list("school_year", "rating")) == [(2024, "excellent")]


def test_discipline_needs_a_level_and_a_sane_period(world):
    with pytest.raises(ValidationError):
        services.restriction_create(
            person=world.person_a1, unit=world.school_a1, kind="discipline", start=D(2025, 1, 1), actor=None
        )
    with pytest.raises(ValidationError):
        services.restriction_create(
            person=world.person_a1,
            unit=world.school_a1,
            kind="inspection",
            start=D(2025, 1, 1),
            end=D(2024, 1, 1),
            actor=None,
        )
    assert world.person_a1.restrictions.count() == 0
