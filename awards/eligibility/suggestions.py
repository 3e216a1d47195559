"""Who in a unit qualifies for which suggested award, with each quota used and left."""

import datetime
from dataclasses import dataclass

from awards.eligibility.catalogue import Catalogue
from awards.eligibility.evaluators import Context, quota
from awards.eligibility.facts import PersonFacts, UnitFacts
from awards.eligibility.judge import judge
from awards.eligibility.results import ELIGIBLE, EVIDENCE_MISSING, Judgement
from awards.eligibility.runtime import TranslationSnapshot, cyclic_gc_paused
from awards.enums import RuleKind, Subject


@dataclass
class Suggestion:
    candidate: PersonFacts | UnitFacts
    judgement: Judgement


@dataclass
class QuotaLine:
    award_code: str
    award_name: str
    cap: int | None
    used: int
    suggested: int
    citation: str

    @property
    def left(self) -> int | None:
        return None if self.cap is None else max(self.cap - self.used, 0)

    @property
    def over(self) -> int:
        return 0 if self.cap is None else max(self.used + self.suggested - self.cap, 0)


@dataclass
class UnitSuggestions:
    unit: UnitFacts
    school_year: int
    on_date: datetime.date
    people: list[Suggestion]  # eligible (person, award) pairs, in name order
    collective: list[Suggestion]
    missing: list[Suggestion]  # evidence missing: worth a look
    quotas: list[QuotaLine]

    @property
    def by_award(self) -> dict[str, list[Suggestion]]:
        grouped: dict[str, list[Suggestion]] = {}
        for suggestion in self.people:
            grouped.setdefault(suggestion.judgement.award_code, []).append(suggestion)
        return grouped


def suggest_for_unit(
    catalogue: Catalogue, unit: UnitFacts, *, school_year: int, on_date: datetime.date
) -> UnitSuggestions:
    """Who in ``unit`` qualifies for which suggested award in ``school_year``."""
    with TranslationSnapshot(), cyclic_gc_paused():
        return _suggest_for_unit(catalogue, unit, school_year=school_year, on_date=on_date)


def _suggest_for_unit(
    catalogue: Catalogue, unit: UnitFacts, *, school_year: int, on_date: datetime.date
) -> UnitSuggestions:
    memo: dict = {}
    individual = [a for a in catalogue.awards.values() if a.suggest and a.subject != Subject.COLLECTIVE]
    collective = [a for a in catalogue.awards.values() if a.suggest and a.subject != Subject.INDIVIDUAL]
    eligible: list[Suggestion] = []
    missing: list[Suggestion] = []
    projected: dict[str, int] = {}
    unit.projected_counts = projected
    # Award by award, so that a quota based on another award (CSTĐCS ≤ 15% of LĐTT)
    # sees the number of people already found eligible for that one.
    for award in individual:
        for person in unit.members:
            j = judge(
                catalogue,
                award.code,
                person,
                school_year=school_year,
                on_date=on_date,
                unit=unit,
                memo=memo,
                stop_on_fail=True,
            )
            if j.verdict == ELIGIBLE:
                eligible.append(Suggestion(person, j))
                projected[award.code] = projected.get(award.code, 0) + 1
            elif j.verdict == EVIDENCE_MISSING:
                missing.append(Suggestion(person, j))
    collective_ok = []
    for award in collective:
        j = judge(catalogue, award.code, unit, school_year=school_year, on_date=on_date, unit=unit)
        if j.verdict == ELIGIBLE:
            collective_ok.append(Suggestion(unit, j))
        elif j.verdict == EVIDENCE_MISSING:
            missing.append(Suggestion(unit, j))
    quotas = []
    for code, rules in catalogue.rules.items():
        for rule in rules:
            if rule.kind != RuleKind.QUOTA or not rule.in_force(on_date):
                continue
            if rule.scope_path and not unit.path.startswith(rule.scope_path):
                continue
            ctx = Context(catalogue, unit, code, school_year, on_date, unit=unit)
            _outcome, _detail, data, _children = quota(ctx, rule.params)
            quotas.append(
                QuotaLine(
                    award_code=code,
                    award_name=catalogue.name(code),
                    cap=data.get("cap"),
                    used=unit.award_counts.get(code, 0),
                    suggested=projected.get(code, 0),
                    citation=rule.citation,
                )
            )
    return UnitSuggestions(unit, school_year, on_date, eligible, collective_ok, missing, quotas)
