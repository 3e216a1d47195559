"""Judging one candidate for one award by the rules valid on a date."""

import datetime

from awards.eligibility.catalogue import Catalogue
from awards.eligibility.evaluators import Context, run_rule
from awards.eligibility.facts import PersonFacts, UnitFacts
from awards.eligibility.results import FAIL, MISSING, Judgement, RuleResult, combine
from awards.eligibility.runtime import TranslationSnapshot, translation_snapshot_active
from awards.eligibility.runtime import cached_gettext as _
from awards.enums import Subject
from common.dates import short_date

INDIVIDUAL, COLLECTIVE, BOTH = Subject.INDIVIDUAL.value, Subject.COLLECTIVE.value, Subject.BOTH.value


def judge(
    catalogue: Catalogue,
    award_code: str,
    candidate: PersonFacts | UnitFacts,
    *,
    school_year: int,
    on_date: datetime.date,
    unit: UnitFacts | None = None,
    depth: int = 0,
    skip_kinds: tuple = (),
    memo: dict | None = None,
    stop_on_fail: bool = False,
) -> Judgement:
    """Judge ``candidate`` for ``award_code`` in ``school_year`` by the rules valid on ``on_date``.

    ``stop_on_fail`` (suggestions) stops at the first rule not met: the verdict is the
    same, only the list of reasons of a not-eligible candidate is cut short.
    """
    if depth == 0 and not translation_snapshot_active():
        with TranslationSnapshot():
            return judge(
                catalogue,
                award_code,
                candidate,
                school_year=school_year,
                on_date=on_date,
                unit=unit,
                skip_kinds=skip_kinds,
                memo=memo,
                stop_on_fail=stop_on_fail,
            )
    award = catalogue.awards[award_code]
    collective = candidate.is_collective
    if collective and unit is None:
        unit = candidate
    results: list[RuleResult] = []
    subject_ok = award.subject == BOTH or award.subject == (COLLECTIVE if collective else INDIVIDUAL)
    if not subject_ok:
        results.append(RuleResult(FAIL, _("Awarded to"), str(Subject(award.subject).label), award.legal_basis, kind=""))
    if (award.valid_from and on_date < award.valid_from) or (award.valid_to and on_date > award.valid_to):
        detail = _("not in force on %(date)s") % {"date": short_date(on_date)}
        citation = award.ended_by if award.valid_to and on_date > award.valid_to else award.legal_basis
        results.append(RuleResult(FAIL, _("Award form in force"), detail, citation, kind="in_force"))
    unit_path = candidate.path if collective else candidate.unit_path
    rules = [
        r
        for r in catalogue.rules_for(award_code, on_date=on_date, unit_path=unit_path, collective=collective)
        if r.kind not in skip_kinds
    ]
    if not rules and not results:
        results.append(
            RuleResult(
                MISSING,
                _("Rules in force"),
                _("no rule of this award is in force on %(date)s") % {"date": short_date(on_date)},
                kind="",
            )
        )
    ctx = Context(
        catalogue, candidate, award_code, school_year, on_date, unit=unit, depth=depth, memo=memo, judge=judge
    )
    for rule in rules:
        result = run_rule(ctx, rule)
        results.append(result)
        if stop_on_fail and result.outcome == FAIL:
            break
    judgement = Judgement(
        award_code=award_code,
        award_name=award.name,
        verdict=combine(r.outcome for r in results),
        school_year=school_year,
        on_date=on_date,
        results=results,
    )
    if memo is not None and not skip_kinds:
        memo[(id(candidate), award_code, school_year, on_date)] = judgement
    return judgement
