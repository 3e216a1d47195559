import datetime

import pytest

from awards import demo
from awards.eligibility import judge
from awards.enums import Outcome, RuleKind
from awards.models import AwardRecord, AwardRule, Initiative, Restriction, TaskRatingRecord
from awards.selectors import load_catalogue, unit_facts, unit_members
from units.enums import Gender, UnitKind
from units.models import Person
from units.tests.factories import PersonFactory, UnitFactory

D = datetime.date


@pytest.fixture
def demo_units(db):
    bentre = UnitFactory(
        kind=UnitKind.EDUCATION_DEPARTMENT, code="SGDDT-BENTRE", name="Sở GD&ĐT Bến Tre", short_name="SGDĐT"
    )
    schools = [
        UnitFactory(parent=bentre, code=f"BT-TH{i}", name=f"Trường Tiểu học Bến Tre {i}", short_name=f"TH{i}")
        for i in (1, 2)
    ]
    xuanson = UnitFactory(kind=UnitKind.LOWER_SECONDARY_SCHOOL, code="THCS-XUANSON", name="Trường THCS Xuân Sơn")
    for school in schools:
        for i in range(15):
            PersonFactory(
                unit=school,
                full_name=f"Giáo viên {school.short_name} {i:02d}",
                gender=Gender.FEMALE if i % 2 else Gender.MALE,
                birth_date=D(1980, 1, 1),
                sector_start_year=2008,
            )
    for i in range(4):
        PersonFactory(
            unit=xuanson, full_name=f"Giáo viên Xuân Sơn {i}", birth_date=D(1990, 1, 1), sector_start_year=2015
        )
    return bentre, schools, xuanson


def _counts():
    return tuple(m.objects.count() for m in (AwardRecord, TaskRatingRecord, Restriction, Initiative, AwardRule))


def test_demo_load_is_idempotent_and_skips_missing_units(demo_units):
    first = demo.load()
    counts = _counts()
    second = demo.load()
    assert (sorted(first), second, _counts()) == (["SGDDT-BENTRE", "THCS-XUANSON"], {}, counts)
    assert counts[0] > 60
    _bentre, schools, xuanson = demo_units
    assert [p.full_name for p in unit_members(xuanson)] == [f"Giáo viên Xuân Sơn {i}" for i in range(4)]
    assert Person.objects.filter(unit__in=schools).count() == 30


def _outcomes(results, into):
    for result in results:
        into.setdefault(result.kind, set()).add(result.outcome)
        _outcomes(result.children, into)


def test_demo_history_has_pass_and_fail_cases_of_every_rule(demo_units):
    demo.load()
    _bentre, schools, xuanson = demo_units
    catalogue = load_catalogue()
    seen: dict[str, set] = {}
    judgements = [(2024, D(2025, 6, 15)), (2025, D(2026, 6, 15)), (2025, D(2026, 7, 20))]
    for unit in [*schools, xuanson]:
        for year, on_date in judgements:
            facts = unit_facts(unit, school_year=year)
            for person in facts.members:
                for code in ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "KNC_GD"):
                    _outcomes(
                        judge(catalogue, code, person, school_year=year, on_date=on_date, unit=facts).results, seen
                    )
            for code in ("TTLDTT", "TTLDXS", "BK_TINH"):
                _outcomes(judge(catalogue, code, facts, school_year=year, on_date=on_date).results, seen)
    judged = {kind for kind in RuleKind if kind != RuleKind.MANUAL}
    missing = {
        kind: seen.get(kind, set()) for kind in judged if not {Outcome.PASS, Outcome.FAIL} <= seen.get(kind, set())
    }
    assert missing == {}
