"""Table-driven tests of every rule of the engine, with its citation and its boundaries.

Facts are built by hand (the engine is pure); the catalogue is the one the data
migration loads, so these tests also pin the legal data.
"""

import datetime
from dataclasses import replace

import pytest

from awards.eligibility import (
    InitiativeFact,
    PeriodFact,
    PersonFacts,
    RecordFact,
    RestrictionFact,
    RuleSpec,
    UnitFacts,
    judge,
    suggest_for_unit,
)
from awards.enums import Outcome, RuleKind, Verdict
from awards.selectors import load_catalogue

D = datetime.date
JUNE_2026 = D(2026, 6, 15)  # judging school year 2025–2026 under NĐ 152/2025
JUNE_2025 = D(2025, 6, 15)  # judging school year 2024–2025 under NĐ 98/2023
LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"


@pytest.fixture
def catalogue(db):
    return load_catalogue()


def person(**kwargs) -> PersonFacts:
    values = {"id": 1, "name": "Nguyễn Văn An", "unit_path": "0001", "sector_start_year": 2005}
    values.update(kwargs)
    return PersonFacts(**values)


def rec(code, year, award_type="merit", number="12/QĐ-SGDĐT"):
    return RecordFact(code, year, award_type, number, D(year + 1, 6, 1))


def result(judgement, kind):
    matches = [r for r in judgement.results if r.kind == kind]
    assert len(matches) == 1, [r.kind for r in judgement.results]
    return matches[0]


def run(catalogue, code, candidate, year=2025, on=JUNE_2026, unit=None):
    return judge(catalogue, code, candidate, school_year=year, on_date=on, unit=unit)


# --------------------------------------------------------------------- consecutive titles

CHAIN_CASES = [
    # id, records, outcome, chain years, gap
    (
        "exactly_3_years",
        [rec("CSTDCS", 2023), rec("CSTDCS", 2024), rec("CSTDCS", 2025)],
        Outcome.PASS,
        [2023, 2024, 2025],
        None,
    ),
    ("4_years", [rec("CSTDCS", y) for y in (2022, 2023, 2024, 2025)], Outcome.PASS, [2023, 2024, 2025], None),
    ("gap_year", [rec("CSTDCS", 2022), rec("CSTDCS", 2023), rec("CSTDCS", 2025)], Outcome.FAIL, [2025], 2024),
    ("only_2_years", [rec("CSTDCS", 2024), rec("CSTDCS", 2025)], Outcome.FAIL, [2024, 2025], 2023),
    (
        "one_off_inside_chain",
        [rec("CSTDCS", 2023), rec("CSTDCS", 2024, "one_off"), rec("CSTDCS", 2025)],
        Outcome.FAIL,
        [2025],
        2024,
    ),
    (
        "thematic_inside_chain",
        [rec("CSTDCS", 2023), rec("CSTDCS", 2024, "thematic"), rec("CSTDCS", 2025)],
        Outcome.FAIL,
        [2025],
        2024,
    ),
    ("judged_year_not_decided_yet", [rec("CSTDCS", 2023), rec("CSTDCS", 2024)], Outcome.MISSING, [2023, 2024], 2025),
    ("other_title_does_not_count", [rec("LDTT", y) for y in (2023, 2024, 2025)], Outcome.FAIL, [], 2025),
]


@pytest.mark.parametrize(("case", "records", "outcome", "years", "gap"), CHAIN_CASES, ids=[c[0] for c in CHAIN_CASES])
def test_consecutive_titles_rule_counts_school_years_by_chain(catalogue, case, records, outcome, years, gap):
    j = run(catalogue, "CSTD_TINH", person(records=records))
    r = result(j, RuleKind.CONSECUTIVE_TITLES)
    assert (r.outcome, r.data["years"], r.data["gap"]) == (outcome, years, gap)
    assert r.citation == f"Điều 22 {LAW}"


def test_consecutive_titles_rule_names_the_skipped_one_off_award(catalogue):
    records = [rec("CSTDCS", 2023), rec("CSTDCS", 2024, "one_off"), rec("CSTDCS", 2025)]
    r = result(run(catalogue, "CSTD_TINH", person(records=records)), RuleKind.CONSECUTIVE_TITLES)
    assert r.data["skipped"] == [2024]
    assert "2024–2025" in r.detail


def test_consecutive_titles_rule_for_national_title_steps_by_three_years(catalogue):
    facts = person(records=[rec("CSTD_TINH", 2022), rec("CSTD_BO", 2025)])
    r = result(run(catalogue, "CSTD_TQ", facts), RuleKind.CONSECUTIVE_TITLES)
    assert (r.outcome, r.data["years"], r.citation) == (Outcome.PASS, [2022, 2025], f"Điều 21 {LAW}")


# --------------------------------------------------------------------- initiatives

INITIATIVE_CASES = [
    ("province_scope_free", [InitiativeFact("Dạy học STEM", "province", 2024)], Outcome.PASS),
    ("national_scope_counts_as_province", [InitiativeFact("Chuyển đổi số", "national", 2025)], Outcome.PASS),
    ("only_unit_scope", [InitiativeFact("Sổ điểm điện tử", "unit", 2025)], Outcome.MISSING),
    ("none", [], Outcome.MISSING),
    ("too_old", [InitiativeFact("Dạy học STEM", "province", 2022)], Outcome.MISSING),
    (
        "used_twice",
        [InitiativeFact("Dạy học STEM", "province", 2024, used_for="Chiến sĩ thi đua cấp Bộ 2024–2025", used_for_id=9)],
        Outcome.FAIL,
    ),
]


@pytest.mark.parametrize(("case", "initiatives", "outcome"), INITIATIVE_CASES, ids=[c[0] for c in INITIATIVE_CASES])
def test_initiatives_rule_requires_an_unused_initiative_of_enough_scope(catalogue, case, initiatives, outcome):
    r = result(run(catalogue, "CSTD_TINH", person(initiatives=initiatives)), RuleKind.INITIATIVES)
    assert (r.outcome, r.citation) == (outcome, f"Điều 22 {LAW}")


def test_cstd_tinh_verdict_reads_like_the_council_report(catalogue):
    facts = person(records=[rec("CSTDCS", y) for y in (2023, 2024, 2025)])
    j = run(catalogue, "CSTD_TINH", facts)
    chain = result(j, RuleKind.CONSECUTIVE_TITLES)
    assert (j.verdict, chain.outcome, result(j, RuleKind.INITIATIVES).outcome) == (
        Verdict.MISSING,
        Outcome.PASS,
        Outcome.MISSING,
    )
    assert chain.detail == "2023–2024, 2024–2025, 2025–2026"


# --------------------------------------------------------------------- task rating, LĐTT, CSTĐCS

RATING_CASES = [
    ("excellent", "excellent", Outcome.PASS),
    ("good_is_the_boundary", "good", Outcome.PASS),
    ("completed", "completed", Outcome.FAIL),
    ("not_completed", "not_completed", Outcome.FAIL),
    ("no_rating", None, Outcome.MISSING),
]


@pytest.mark.parametrize(("case", "rating", "outcome"), RATING_CASES, ids=[c[0] for c in RATING_CASES])
def test_task_rating_rule_of_ldtt_needs_good_or_better(catalogue, case, rating, outcome):
    facts = person(ratings={2025: rating} if rating else {})
    r = result(run(catalogue, "LDTT", facts), RuleKind.TASK_RATING)
    assert (r.outcome, r.citation) == (outcome, f"khoản 1 Điều 24 {LAW}")


CSTDCS_CASES = [
    ("excellent_rating", {2025: "excellent"}, [], Verdict.ELIGIBLE),
    ("good_rating_with_unit_initiative", {2025: "good"}, [InitiativeFact("Sổ điểm", "unit", 2025)], Verdict.ELIGIBLE),
    ("good_rating_without_initiative", {2025: "good"}, [], Verdict.MISSING),
    (
        "good_rating_initiative_used_twice",
        {2025: "good"},
        [InitiativeFact("Sổ điểm", "unit", 2025, "LĐTT", 3)],
        Verdict.NOT_ELIGIBLE,
    ),
    ("completed_rating", {2025: "completed"}, [], Verdict.NOT_ELIGIBLE),
]


@pytest.mark.parametrize(("case", "ratings", "initiatives", "verdict"), CSTDCS_CASES, ids=[c[0] for c in CSTDCS_CASES])
def test_cstdcs_needs_ldtt_criteria_and_excellence_or_an_initiative(catalogue, case, ratings, initiatives, verdict):
    j = run(catalogue, "CSTDCS", person(ratings=ratings, initiatives=initiatives))
    assert j.verdict == verdict
    assert result(j, RuleKind.MEETS_AWARD).citation == f"Điều 23 {LAW}"


def test_meets_award_rule_accepts_a_recorded_ldtt(catalogue):
    facts = person(ratings={2025: "excellent"}, records=[rec("LDTT", 2025, number="45/QĐ-SGDĐT")])
    r = result(run(catalogue, "CSTDCS", facts), RuleKind.MEETS_AWARD)
    assert (r.outcome, r.data["held"]) == (Outcome.PASS, True)


def test_not_held_rule_refuses_a_second_title_in_the_same_year(catalogue):
    facts = person(ratings={2025: "good"}, records=[rec("LDTT", 2025, number="45/QĐ-SGDĐT")])
    r = result(run(catalogue, "LDTT", facts), RuleKind.NOT_HELD)
    assert (r.outcome, r.citation) == (Outcome.FAIL, f"Điều 5 {LAW}")


# --------------------------------------------------------------------- restrictions

DISCIPLINE_MID_YEAR = RestrictionFact("discipline", D(2024, 10, 1), D(2025, 1, 15), "reprimand")
RESTRICTION_CASES = [
    ("discipline_ending_mid_year_blocks_that_year", [DISCIPLINE_MID_YEAR], 2024, JUNE_2025, Outcome.FAIL),
    ("discipline_ending_mid_year_frees_next_year", [DISCIPLINE_MID_YEAR], 2025, JUNE_2026, Outcome.PASS),
    (
        "discipline_ended_the_day_before_the_year",
        [RestrictionFact("discipline", D(2024, 9, 1), D(2025, 8, 31), "warning")],
        2025,
        JUNE_2026,
        Outcome.PASS,
    ),
    (
        "discipline_starting_the_first_day_of_the_year",
        [RestrictionFact("discipline", D(2025, 9, 1), D(2025, 12, 1), "warning")],
        2025,
        JUNE_2026,
        Outcome.FAIL,
    ),
    ("pending_inspection", [RestrictionFact("inspection", D(2026, 5, 1), None)], 2025, JUNE_2026, Outcome.FAIL),
    (
        "complaint_settled_before",
        [RestrictionFact("complaint", D(2026, 1, 1), D(2026, 6, 14))],
        2025,
        JUNE_2026,
        Outcome.PASS,
    ),
    (
        "complaint_settled_on_the_day",
        [RestrictionFact("complaint", D(2026, 1, 1), JUNE_2026)],
        2025,
        JUNE_2026,
        Outcome.FAIL,
    ),
    ("nothing", [], 2025, JUNE_2026, Outcome.PASS),
]


@pytest.mark.parametrize(
    ("case", "restrictions", "year", "on", "outcome"), RESTRICTION_CASES, ids=[c[0] for c in RESTRICTION_CASES]
)
def test_no_restriction_rule_blocks_discipline_and_pending_cases(catalogue, case, restrictions, year, on, outcome):
    facts = person(restrictions=restrictions, ratings={year: "good"})
    r = result(run(catalogue, "LDTT", facts, year=year, on=on), RuleKind.NO_RESTRICTION)
    assert r.outcome == outcome


# --------------------------------------------------------------------- absence and maternity leave

ABSENCE_CASES = [
    # 2025-09-01 is a Monday: 39 working days end on Thu 23/10, 40 on Fri 24/10.
    ("39_working_days", "sick_leave", D(2025, 9, 1), D(2025, 10, 23), Outcome.PASS, 39),
    ("40_working_days", "sick_leave", D(2025, 9, 1), D(2025, 10, 24), Outcome.FAIL, 40),
    ("unpaid_leave_over_limit", "unpaid_leave", D(2026, 1, 5), D(2026, 4, 30), Outcome.FAIL, 84),
    ("maternity_leave_counts_as_work", "maternity", D(2025, 11, 1), D(2026, 4, 30), Outcome.PASS, 0),
    ("leave_before_the_year", "sick_leave", D(2025, 3, 1), D(2025, 8, 31), Outcome.PASS, 0),
]


@pytest.mark.parametrize(
    ("case", "kind", "start", "end", "outcome", "days"), ABSENCE_CASES, ids=[c[0] for c in ABSENCE_CASES]
)
def test_absence_limit_rule_counts_working_days_but_not_maternity(catalogue, case, kind, start, end, outcome, days):
    facts = person(ratings={2025: "good"}, periods=[PeriodFact(kind, start, end)])
    r = result(run(catalogue, "LDTT", facts), RuleKind.ABSENCE_LIMIT)
    assert (r.outcome, r.data["absent_days"]) == (outcome, days)
    assert r.citation == "khoản 5 Điều 4 Nghị định 152/2025/NĐ-CP"


def test_maternity_leave_keeps_ldtt_eligible(catalogue):
    facts = person(ratings={2025: "good"}, periods=[PeriodFact("maternity", D(2025, 11, 1), D(2026, 4, 30))])
    j = run(catalogue, "LDTT", facts)
    assert (j.verdict, result(j, RuleKind.ABSENCE_LIMIT).data["maternity_days"]) == (Verdict.ELIGIBLE, 129)


# --------------------------------------------------------------------- years of service (Kỷ niệm chương)

SERVICE_CASES = [
    ("exactly_20_years", 2006, [], [], Outcome.PASS, 20),
    ("19_years", 2007, [], [], Outcome.FAIL, 19),
    (
        "15_years_with_5_in_hardship_areas",
        2011,
        [],
        [PeriodFact("hardship_area", D(2011, 9, 1), D(2016, 9, 5))],
        Outcome.PASS,
        15,
    ),
    (
        "15_years_with_4_in_hardship_areas",
        2011,
        [],
        [PeriodFact("hardship_area", D(2011, 9, 1), D(2015, 9, 5))],
        Outcome.FAIL,
        15,
    ),
    (
        "20_years_minus_a_year_of_discipline",
        2006,
        [RestrictionFact("discipline", D(2010, 1, 1), D(2010, 12, 31), "warning")],
        [],
        Outcome.FAIL,
        19,
    ),
]


@pytest.mark.parametrize(
    ("case", "start", "restrictions", "periods", "outcome", "service"), SERVICE_CASES, ids=[c[0] for c in SERVICE_CASES]
)
def test_years_of_service_rule_of_the_commemorative_medal(
    catalogue, case, start, restrictions, periods, outcome, service
):
    facts = person(sector_start_year=start, restrictions=restrictions, periods=periods)
    r = result(run(catalogue, "KNC_GD", facts), RuleKind.YEARS_OF_SERVICE)
    assert (r.outcome, r.data["service"], r.citation) == (outcome, service, "Điều 8 Thông tư 29/2023/TT-BGDĐT")


def test_commemorative_medal_is_given_once(catalogue):
    facts = person(sector_start_year=2000, records=[rec("KNC_GD", 2020)])
    j = run(catalogue, "KNC_GD", facts)
    assert (j.verdict, result(j, RuleKind.NOT_HELD).outcome) == (Verdict.NOT_ELIGIBLE, Outcome.FAIL)


# --------------------------------------------------------------------- collectives


def members(total, holders, code="LDTT", year=2025, rating="good"):
    return [
        person(id=i, name=f"Người {i}", records=[rec(code, year)] if i < holders else [], ratings={year: rating})
        for i in range(total)
    ]


RATIO_CASES = [
    ("70_percent", 10, 7, Outcome.PASS),
    ("69_9_percent", 1000, 699, Outcome.FAIL),
    ("70_0_percent_of_1000", 1000, 700, Outcome.PASS),
    ("60_percent", 10, 6, Outcome.FAIL),
]


@pytest.mark.parametrize(("case", "total", "holders", "outcome"), RATIO_CASES, ids=[c[0] for c in RATIO_CASES])
def test_member_ratio_rule_needs_70_percent_ldtt(catalogue, case, total, holders, outcome):
    unit = UnitFacts(
        id=5, name="Trường THCS Xuân Sơn", path="0001", ratings={2025: "good"}, members=members(total, holders)
    )
    r = result(run(catalogue, "TTLDTT", unit), RuleKind.MEMBER_RATIO)
    assert (r.outcome, r.data["holders"], r.data["members"]) == (outcome, holders, total)


def test_member_ratio_rule_waits_for_the_years_decisions(catalogue):
    unit = UnitFacts(id=5, name="Trường", path="0001", ratings={2025: "good"}, members=members(10, 0))
    assert result(run(catalogue, "TTLDTT", unit), RuleKind.MEMBER_RATIO).outcome == Outcome.MISSING


MEMBER_DISCIPLINE_CASES = [
    ("reprimand_is_below_warning", "reprimand", Outcome.PASS),
    ("warning", "warning", Outcome.FAIL),
    ("dismissal", "dismissal", Outcome.FAIL),
]


@pytest.mark.parametrize(
    ("case", "level", "outcome"), MEMBER_DISCIPLINE_CASES, ids=[c[0] for c in MEMBER_DISCIPLINE_CASES]
)
def test_no_member_discipline_rule_stops_at_warning(catalogue, case, level, outcome):
    people = members(10, 8)
    people[9] = replace(people[9], restrictions=[RestrictionFact("discipline", D(2025, 10, 1), D(2026, 3, 1), level)])
    unit = UnitFacts(id=5, name="Trường", path="0001", ratings={2025: "good"}, members=people)
    r = result(run(catalogue, "TTLDTT", unit), RuleKind.NO_MEMBER_DISCIPLINE)
    assert r.outcome == outcome


TTLDXS_CASES = [
    ("all_met", 10, 8, 1, "excellent", "completed", Verdict.ELIGIBLE),
    ("no_cstdcs", 10, 8, 0, "excellent", "completed", Verdict.NOT_ELIGIBLE),
    ("unit_only_good", 10, 8, 1, "good", "completed", Verdict.NOT_ELIGIBLE),
    ("a_member_failed", 10, 8, 1, "excellent", "not_completed", Verdict.NOT_ELIGIBLE),
]


@pytest.mark.parametrize(
    ("case", "total", "ldtt", "cstdcs", "unit_rating", "last_rating", "verdict"),
    TTLDXS_CASES,
    ids=[c[0] for c in TTLDXS_CASES],
)
def test_ttldxs_needs_excellence_all_members_complete_and_a_cstdcs(
    catalogue, case, total, ldtt, cstdcs, unit_rating, last_rating, verdict
):
    people = members(total, ldtt)
    for i in range(cstdcs):
        people[i].records.append(rec("CSTDCS", 2025))
    people[-1].ratings[2025] = last_rating
    unit = UnitFacts(id=5, name="Trường", path="0001", ratings={2025: unit_rating}, members=people)
    assert run(catalogue, "TTLDXS", unit).verdict == verdict


BK_UNIT_CASES = [
    ("two_excellent_years", {2024: "excellent", 2025: "excellent"}, [], Verdict.ELIGIBLE),
    ("two_ttldxs_years", {2025: "good"}, [rec("TTLDXS", 2024), rec("TTLDXS", 2025)], Verdict.ELIGIBLE),
    ("gap", {2023: "excellent", 2025: "excellent", 2024: "good"}, [], Verdict.NOT_ELIGIBLE),
]


@pytest.mark.parametrize(("case", "ratings", "records", "verdict"), BK_UNIT_CASES, ids=[c[0] for c in BK_UNIT_CASES])
def test_collective_bang_khen_needs_two_consecutive_excellent_years(catalogue, case, ratings, records, verdict):
    unit = UnitFacts(id=5, name="Trường", path="0001", ratings=ratings, records=records)
    j = run(catalogue, "BK_TINH", unit)
    assert (j.verdict, result(j, RuleKind.ANY_OF).citation) == (verdict, f"Điều 74 {LAW}")


BK_PERSON_CASES = [
    ("two_cstdcs", {}, [rec("CSTDCS", 2024), rec("CSTDCS", 2025)], [], Verdict.ELIGIBLE),
    (
        "two_excellent_years_and_two_initiatives",
        {2024: "excellent", 2025: "excellent"},
        [],
        [InitiativeFact("A", "unit", 2024), InitiativeFact("B", "unit", 2025)],
        Verdict.ELIGIBLE,
    ),
    (
        "two_excellent_years_one_initiative",
        {2024: "excellent", 2025: "excellent"},
        [],
        [InitiativeFact("A", "unit", 2024)],
        Verdict.MISSING,
    ),
    ("one_cstdcs", {2025: "good"}, [rec("CSTDCS", 2025)], [], Verdict.NOT_ELIGIBLE),
]


@pytest.mark.parametrize(
    ("case", "ratings", "records", "initiatives", "verdict"), BK_PERSON_CASES, ids=[c[0] for c in BK_PERSON_CASES]
)
def test_individual_bang_khen_alternatives(catalogue, case, ratings, records, initiatives, verdict):
    facts = person(ratings=ratings, records=records, initiatives=initiatives)
    assert run(catalogue, "BK_BO", facts).verdict == verdict


def test_award_for_collectives_only_is_refused_to_a_person(catalogue):
    j = run(catalogue, "TTLDTT", person())
    assert j.verdict == Verdict.NOT_ELIGIBLE


# --------------------------------------------------------------------- local rules: quota and deadline


def with_local(catalogue, code, kind, params, scope_path="0001"):
    spec = RuleSpec(
        code, kind, params, "Quy định của Sở", "Quyết định 12/QĐ-SGDĐT", D(2024, 1, 1), scope_path=scope_path
    )
    catalogue.rules = {**catalogue.rules, code: [*catalogue.rules[code], spec]}
    return catalogue


QUOTA_CASES = [
    ("2_of_3_used", 20, 2, Outcome.PASS, 3),
    ("3_of_3_used", 20, 3, Outcome.FAIL, 3),
    ("no_ldtt_yet", 0, 0, Outcome.MISSING, None),
]


@pytest.mark.parametrize(("case", "ldtt", "used", "outcome", "cap"), QUOTA_CASES, ids=[c[0] for c in QUOTA_CASES])
def test_quota_rule_caps_cstdcs_at_15_percent_of_ldtt(catalogue, case, ldtt, used, outcome, cap):
    catalogue = with_local(catalogue, "CSTDCS", RuleKind.QUOTA, {"percent": 15, "of": "LDTT"})
    unit = UnitFacts(id=5, name="Trường", path="0001", award_counts={"LDTT": ldtt, "CSTDCS": used})
    j = run(catalogue, "CSTDCS", person(unit_path="00010003", ratings={2025: "excellent"}), unit=unit)
    r = result(j, RuleKind.QUOTA)
    assert (r.outcome, r.data.get("cap"), r.citation) == (outcome, cap, "Quyết định 12/QĐ-SGDĐT")


def test_local_rule_applies_only_inside_its_scope(catalogue):
    catalogue = with_local(catalogue, "LDTT", RuleKind.DEADLINE, {"month": 7, "day": 10}, scope_path="0002")
    j = run(catalogue, "LDTT", person(unit_path="00010003", ratings={2025: "good"}))
    assert j.outcome_of(RuleKind.DEADLINE) is None


DEADLINE_CASES = [("on_the_day", D(2026, 7, 10), Outcome.PASS), ("a_day_late", D(2026, 7, 11), Outcome.FAIL)]


@pytest.mark.parametrize(("case", "on", "outcome"), DEADLINE_CASES, ids=[c[0] for c in DEADLINE_CASES])
def test_deadline_rule_of_a_province(catalogue, case, on, outcome):
    catalogue = with_local(catalogue, "LDTT", RuleKind.DEADLINE, {"month": 7, "day": 10})
    j = run(catalogue, "LDTT", person(ratings={2025: "good"}), on=on)
    assert result(j, RuleKind.DEADLINE).outcome == outcome


# --------------------------------------------------------------------- the same case either side of 01/7/2025


def test_same_case_is_judged_under_nd_98_before_and_nd_152_after_1_july_2025(catalogue):
    facts = person(ratings={2024: "good"})
    before = run(catalogue, "LDTT", facts, year=2024, on=D(2025, 6, 30))
    after = run(catalogue, "LDTT", facts, year=2024, on=D(2025, 7, 1))
    assert (before.verdict, after.verdict) == (Verdict.ELIGIBLE, Verdict.ELIGIBLE)
    assert result(before, RuleKind.NO_RESTRICTION).citation == "Nghị định 98/2023/NĐ-CP"
    assert result(after, RuleKind.NO_RESTRICTION).citation == "khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP"
    assert result(before, RuleKind.NO_RESTRICTION).confirmed is False


def test_district_giay_khen_is_refused_after_the_district_level_ended(catalogue):
    facts = person(ratings={2024: "excellent"})
    before = run(catalogue, "GK_HUYEN", facts, year=2024, on=D(2025, 6, 30))
    after = run(catalogue, "GK_HUYEN", facts, year=2024, on=D(2025, 7, 1))
    assert (before.verdict, after.verdict) == (Verdict.MISSING, Verdict.NOT_ELIGIBLE)
    assert result(after, "in_force").citation.startswith("Nghị định 129/2025/NĐ-CP Điều 59")


def test_no_rule_in_force_before_the_2022_law(catalogue):
    j = run(catalogue, "LDTT", person(ratings={2022: "good"}), year=2022, on=D(2023, 6, 1))
    assert j.verdict == Verdict.MISSING


# --------------------------------------------------------------------- suggestions


def test_suggestions_list_who_qualifies_and_the_quota_left(catalogue):
    catalogue = with_local(catalogue, "CSTDCS", RuleKind.QUOTA, {"percent": 15, "of": "LDTT"})
    people = [
        person(id=i, name=f"Người {i}", sector_start_year=2015, ratings={2025: "excellent" if i < 3 else "good"})
        for i in range(20)
    ]
    unit = UnitFacts(id=5, name="Trường", path="0001", ratings={2025: "good"}, members=people)
    result_ = suggest_for_unit(catalogue, unit, school_year=2025, on_date=JUNE_2026)
    assert {code: len(items) for code, items in result_.by_award.items()} == {"LDTT": 20, "CSTDCS": 3}
    quota = result_.quotas[0]
    assert (quota.award_code, quota.cap, quota.used, quota.suggested, quota.over) == ("CSTDCS", 3, 0, 3, 0)
