"""The legal eligibility engine: who qualifies for which title or award, and why.

Design
------
* **Pure functions over prefetched facts.** ``awards.selectors`` loads every fact a
  judgement needs (award records, task ratings, restrictions, initiatives, leave
  periods of a set of people; a unit's own history including its merge
  predecessors; the catalogue with its rules) in a fixed number of queries, into the
  plain dataclasses below. This module never touches the database, so suggestions
  for a whole unit cost the same queries for 10 or 300 people, and tests build facts
  by hand.
* **Rules are data.** Each ``AwardRule`` row names an evaluator ``kind`` (the
  ``EVALUATORS`` registry, keyed by ``awards.enums.RuleKind``), JSON ``params``, a
  citation (document, article, clause) and a validity window. A nomination is
  judged by the rules valid on its date (``on_date``), so the same case judged on
  30/6/2025 cites Nghị định 98/2023 and on 01/7/2025 cites Nghị định 152/2025.
  National rules have no scope; a province or Sở adds its own (quota, deadline) with
  a scope, applied to candidates in that unit's subtree. ``any_of``/``all_of``
  combine options; ``meets_award`` judges another award's rules (CSTĐCS needs the
  LĐTT criteria).
* **Verdict.** Each rule yields met / not met / missing (evidence not in the portal
  yet) / for information. Any "not met" → not eligible; otherwise any "missing" →
  evidence missing; otherwise eligible. An award that is not in force on the date
  (e.g. the Giấy khen of a district chairman after 30/6/2025) or has no rule in force
  is not eligible / evidence missing with that reason.
* **Emulation year = school year** (September–August, ``common.dates.school_year_of``),
  identified by its first calendar year. Consecutive chains count school years
  backwards from the judged year: the judged year must be in the chain; when only
  the judged year is missing, the title of that year may be decided in the same
  session, so the result is "missing", not "not met". ``step`` > 1 counts titles
  that recur every few years (two consecutive CSTĐ cấp tỉnh = years Y and Y−3).
* **Only regular merit builds chains.** Records typed one-off (đột xuất) or thematic
  (chuyên đề) never count toward a chain (NĐ 152/2025 Điều 4 k3); the chain detail
  names the records it skipped.
* **Restrictions.** A discipline, review, investigation, inspection or complaint
  running on the nomination date blocks; a discipline that overlaps the judged
  school year blocks that year, since achievements count only from its end
  (NĐ 152/2025 Điều 4 k4). Maternity leave counts as working time; long sick or
  unpaid leave over the limit (working days, Monday–Friday) does not (Điều 4 k5).
* **Initiatives count once.** An initiative already used for another award is
  reported as used (with that award) and cannot ground a new one.
* **Years of service** (Kỷ niệm chương) = years since joining the sector, minus
  whole years spent under discipline; 5 years fewer are required after at least
  5 years in extremely disadvantaged areas (TT 29/2023 Điều 8).
* **Collectives** are judged on their own rating and history (merge predecessors
  included) and on their current members' facts: share of members holding LĐTT
  (exact ratio, 69.9% < 70%), at least one CSTĐCS, nobody disciplined at "cảnh cáo"
  or above during the year. When no member has any decision for the year yet, the
  member rules say "missing" instead of "not met".
* **Performance.** ``selectors.units_facts`` loads many units at once (11 queries for
  any number of units and people; ``unit_facts`` is the one-unit case, also 11).
  Suggestions stop judging an award at its first rule not met (the verdict cannot
  change), reuse the LĐTT judgement inside CSTĐCS, cache translations, rule lookups
  and chains, and pause the cyclic GC (the facts hold no cycles). A province of
  1,000 schools and 30,000 people takes about 5 s on SQLite (``bench/``).
* **Quotas** (local rules) compare the unit's records of the award with a cap
  (``max``, or ``percent`` of another award's count in the unit that year; when that
  count is still zero the suggestions supply the projected number of eligible
  people).
"""

import datetime
import gc
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import get_language, gettext

from awards.enums import (
    ABSENCE_KINDS,
    CHAIN_TYPES,
    DISCIPLINE_RANK,
    LEAVE_COUNTED_AS_WORK,
    RATING_RANK,
    SCOPE_RANK,
    AwardKind,
    AwardType,
    DisciplineLevel,
    EffectScope,
    Outcome,
    RestrictionKind,
    RuleKind,
    ServicePeriodKind,
    Subject,
    TaskRating,
    Verdict,
)
from common.dates import school_year_label as _school_year_label
from common.dates import short_date

school_year_label = lru_cache(maxsize=256)(_school_year_label)

# Plain strings equal to the enum members keep the hot loop free of enum lookups.
PASS, FAIL, MISSING, INFO = Outcome.PASS.value, Outcome.FAIL.value, Outcome.MISSING.value, Outcome.INFO.value
ELIGIBLE, NOT_ELIGIBLE, EVIDENCE_MISSING = Verdict.ELIGIBLE.value, Verdict.NOT_ELIGIBLE.value, Verdict.MISSING.value
ALL_RESTRICTIONS = tuple(RestrictionKind.values)
DISCIPLINE = RestrictionKind.DISCIPLINE.value
INDIVIDUAL, COLLECTIVE, BOTH = Subject.INDIVIDUAL.value, Subject.COLLECTIVE.value, Subject.BOTH.value

# Translations are looked up once per language: a province-wide run formats
# hundreds of thousands of details, and gettext's thread-local lookup dominates.
_language: ContextVar[str | None] = ContextVar("awards_eligibility_language", default=None)
_translations: dict[tuple[str, str], str] = {}


def _(message: str) -> str:
    language = _language.get()
    if language is None:
        return gettext(message)
    key = (language, message)
    try:
        return _translations[key]
    except KeyError:
        _translations[key] = gettext(message)
        return _translations[key]


@contextmanager
def cyclic_gc_paused():
    """Pause the cyclic garbage collector while facts are built and judged.

    Facts and results are hundreds of thousands of small objects without reference
    cycles (reference counting frees them); the collector's repeated scans of them
    cost about as much as the judging itself in a province-wide run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _TranslationSnapshot:
    """Within this block ``_`` uses the language active on entry, cached."""

    def __enter__(self):
        self.token = _language.set(get_language() or "")

    def __exit__(self, *exc):
        _language.reset(self.token)


# --------------------------------------------------------------------------- facts


@dataclass(slots=True)
class RecordFact:
    award_code: str
    school_year: int
    award_type: str = AwardType.MERIT
    decision_number: str = ""
    decision_date: datetime.date | None = None
    id: int | None = None


@dataclass(slots=True)
class RestrictionFact:
    kind: str
    start: datetime.date
    end: datetime.date | None = None
    level: str = ""


@dataclass(slots=True)
class InitiativeFact:
    title: str
    effect_scope: str
    school_year: int
    used_for: str = ""  # label of the award it already grounded, empty when unused
    used_for_id: int | None = None
    id: int | None = None


@dataclass(slots=True)
class PeriodFact:
    kind: str
    start: datetime.date
    end: datetime.date


@dataclass
class PersonFacts:
    id: int | None
    name: str
    unit_id: int | None = None
    unit_path: str = ""
    sector_start_year: int | None = None
    records: list[RecordFact] = field(default_factory=list)
    ratings: dict[int, str] = field(default_factory=dict)
    restrictions: list[RestrictionFact] = field(default_factory=list)
    initiatives: list[InitiativeFact] = field(default_factory=list)
    periods: list[PeriodFact] = field(default_factory=list)
    chains: dict = field(default_factory=dict, repr=False, compare=False)  # cache of _titles_by_year

    is_collective = False


@dataclass
class UnitFacts:
    id: int | None
    name: str
    path: str = ""
    records: list[RecordFact] = field(default_factory=list)  # its own and its predecessors'
    ratings: dict[int, str] = field(default_factory=dict)
    restrictions: list[RestrictionFact] = field(default_factory=list)
    members: list[PersonFacts] = field(default_factory=list)
    # award code -> records of that award in the unit for the judged school year
    award_counts: dict[str, int] = field(default_factory=dict)
    # award code -> people the suggestions expect to qualify (quota base before decisions)
    projected_counts: dict[str, int] = field(default_factory=dict)
    chains: dict = field(default_factory=dict, repr=False, compare=False)  # cache of _titles_by_year

    is_collective = True


@dataclass(frozen=True)
class AwardSpec:
    code: str
    name: str
    kind: str = AwardKind.TITLE
    subject: str = Subject.INDIVIDUAL
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    legal_basis: str = ""
    ended_by: str = ""
    suggest: bool = False
    position: int = 0


@dataclass(frozen=True)
class RuleSpec:
    award_code: str
    kind: str
    params: dict
    description: str
    citation: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    scope_path: str = ""
    scope_name: str = ""
    applies_to: str = Subject.BOTH
    confirmed: bool = True
    id: int | None = None
    position: int = 0

    def in_force(self, on_date: datetime.date) -> bool:
        return self.valid_from <= on_date and (self.valid_to is None or on_date <= self.valid_to)


@dataclass
class Catalogue:
    awards: dict[str, AwardSpec]
    rules: dict[str, list[RuleSpec]]
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def rules_for(self, code: str, *, on_date: datetime.date, unit_path: str, collective: bool) -> list[RuleSpec]:
        key = (code, on_date, unit_path, collective, id(self.rules))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._rules_for(code, on_date, unit_path, collective)
        return found

    def _rules_for(self, code: str, on_date: datetime.date, unit_path: str, collective: bool) -> list[RuleSpec]:
        subject = Subject.COLLECTIVE if collective else Subject.INDIVIDUAL
        return [
            rule
            for rule in self.rules.get(code, [])
            if rule.in_force(on_date)
            and rule.applies_to in (Subject.BOTH, subject)
            and (not rule.scope_path or unit_path.startswith(rule.scope_path))
        ]

    def name(self, code: str) -> str:
        award = self.awards.get(code)
        return award.name if award else code


# --------------------------------------------------------------------------- results

OUTCOME_CSS = {PASS: "success", FAIL: "danger", MISSING: "warning", INFO: "secondary"}


@dataclass(slots=True)
class RuleResult:
    outcome: str
    label: str
    detail: str = ""
    citation: str = ""
    confirmed: bool = True
    kind: str = ""
    scope_name: str = ""
    data: dict = field(default_factory=dict)
    children: list["RuleResult"] = field(default_factory=list)

    @property
    def symbol(self) -> str:
        return {PASS: "✓", FAIL: "✗", MISSING: "?", INFO: "i"}[self.outcome]

    @property
    def css(self) -> str:
        return OUTCOME_CSS[self.outcome]

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)

    def __str__(self):
        text = f"{self.label}"
        if self.detail:
            text += f" ({self.detail})"
        return f"{text} {self.symbol}"


@dataclass
class Judgement:
    award_code: str
    award_name: str
    verdict: str
    school_year: int
    on_date: datetime.date
    results: list[RuleResult]

    @property
    def eligible(self) -> bool:
        return self.verdict == ELIGIBLE

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def css(self) -> str:
        return OUTCOME_CSS[VERDICT_TO_OUTCOME[self.verdict]]

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def reasons(self) -> list[RuleResult]:
        return [r for r in self.results if r.outcome in (FAIL, MISSING)]

    def outcome_of(self, kind: str) -> str | None:
        for result in self.results:
            if result.kind == kind:
                return result.outcome
        return None

    def __str__(self):
        return f"{self.award_name}: " + "; ".join(str(r) for r in self.results)


@dataclass(slots=True)
class Context:
    catalogue: Catalogue
    candidate: PersonFacts | UnitFacts
    award_code: str
    school_year: int
    on_date: datetime.date
    unit: UnitFacts | None = None  # the candidate's unit (quotas), or the collective itself
    depth: int = 0
    memo: dict | None = None  # judgements already made in this run, reused by meets_award

    @property
    def year_start(self) -> datetime.date:
        return datetime.date(self.school_year, 9, 1)

    @property
    def year_end(self) -> datetime.date:
        return datetime.date(self.school_year + 1, 8, 31)


Evaluator = Callable[[Context, dict], tuple[str, str, dict, list[RuleResult]]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(kind: str):
    def register(func: Evaluator) -> Evaluator:
        EVALUATORS[kind] = func
        return func

    return register


def combine(outcomes: Iterable[str]) -> str:
    """The verdict of a set of rule outcomes (information never decides)."""
    outcomes = list(outcomes)
    if FAIL in outcomes:
        return NOT_ELIGIBLE
    if MISSING in outcomes:
        return EVIDENCE_MISSING
    return ELIGIBLE


VERDICT_TO_OUTCOME = {
    ELIGIBLE: PASS,
    NOT_ELIGIBLE: FAIL,
    EVIDENCE_MISSING: MISSING,
}


# --------------------------------------------------------------------------- helpers


def _years_label(years: Iterable[int]) -> str:
    return ", ".join(school_year_label(y) for y in sorted(years))


def _rating_label(rating: str) -> str:
    return str(TaskRating(rating).label)


def _overlaps(start: datetime.date, end: datetime.date | None, lo: datetime.date, hi: datetime.date) -> bool:
    return start <= hi and (end is None or end >= lo)


def _working_days(start: datetime.date, end: datetime.date) -> int:
    """Monday–Friday days from start to end inclusive."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(rest):
        if (start + datetime.timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def _titles_by_year(candidate, codes: Iterable[str]) -> tuple[dict[int, RecordFact], list]:
    """Chain-eligible records per school year, and the one-off/thematic ones skipped.

    Cached on the facts object: a suggestion run asks the same question many times.
    """
    key = tuple(codes)
    cache = candidate.chains
    if key in cache:
        return cache[key]
    wanted = set(key)
    held: dict[int, RecordFact] = {}
    skipped = []
    for record in candidate.records:
        if record.award_code not in wanted:
            continue
        if record.award_type in CHAIN_TYPES:
            held.setdefault(record.school_year, record)
        else:
            skipped.append(record)
    cache[key] = (held, skipped)
    return held, skipped


def _chain(held: Iterable[int], *, end_year: int, length: int, step: int) -> tuple[list[int], int | None]:
    """Years of the chain ending at ``end_year`` (most recent first) and the first gap."""
    held = set(held)
    years = []
    for index in range(length):
        year = end_year - index * step
        if year not in held:
            return years, year
        years.append(year)
    return years, None


def _holders(members: list[PersonFacts], code: str, school_year: int) -> list[PersonFacts]:
    return [m for m in members if any(r.award_code == code and r.school_year == school_year for r in m.records)]


def _any_decision(members: list[PersonFacts], school_year: int) -> bool:
    return any(r.school_year == school_year for m in members for r in m.records)


# --------------------------------------------------------------------------- evaluators


@evaluator(RuleKind.TASK_RATING)
def task_rating(ctx: Context, params: dict):
    minimum = params.get("min", TaskRating.GOOD)
    rating = ctx.candidate.ratings.get(ctx.school_year)
    data = {"rating": rating, "min": minimum}
    if rating is None:
        return (
            MISSING,
            _("no task rating for %(year)s") % {"year": school_year_label(ctx.school_year)},
            data,
            [],
        )
    met = RATING_RANK[rating] >= RATING_RANK[minimum]
    return (PASS if met else FAIL), _rating_label(rating), data, []


@evaluator(RuleKind.CONSECUTIVE_RATINGS)
def consecutive_ratings(ctx: Context, params: dict):
    minimum = params.get("min", TaskRating.EXCELLENT)
    length = int(params.get("years", 2))
    good = [y for y, r in ctx.candidate.ratings.items() if RATING_RANK[r] >= RATING_RANK[minimum]]
    years, gap = _chain(good, end_year=ctx.school_year, length=length, step=1)
    data = {"years": sorted(years), "gap": gap}
    if gap is None:
        return PASS, _years_label(years), data, []
    if gap == ctx.school_year and ctx.school_year not in ctx.candidate.ratings:
        rest, rest_gap = _chain(good, end_year=ctx.school_year - 1, length=length - 1, step=1)
        if rest_gap is None:
            detail = _("%(years)s; the rating of %(year)s is not recorded yet") % {
                "years": _years_label(rest),
                "year": school_year_label(gap),
            }
            return MISSING, detail, {**data, "years": sorted(rest)}, []
    detail = _("chain broken in %(year)s") % {"year": school_year_label(gap)}
    return FAIL, detail, data, []


@evaluator(RuleKind.CONSECUTIVE_TITLES)
def consecutive_titles(ctx: Context, params: dict):
    codes = params.get("titles") or [params["title"]]
    length = int(params.get("years", 3))
    step = int(params.get("step", 1))
    held, skipped = _titles_by_year(ctx.candidate, codes)
    years, gap = _chain(held, end_year=ctx.school_year, length=length, step=step)
    chain_span = {ctx.school_year - i * step for i in range(length)}
    skipped_in_chain = [r for r in skipped if r.school_year in chain_span]
    data = {"years": sorted(years), "gap": gap, "skipped": sorted(r.school_year for r in skipped_in_chain)}
    notes = []
    if skipped_in_chain:
        notes.append(
            _("one-off or thematic awards do not count: %(years)s")
            % {"years": _years_label(r.school_year for r in skipped_in_chain)}
        )
    if gap is None:
        return PASS, "; ".join([_years_label(years), *notes]), data, []
    if gap == ctx.school_year:
        rest, rest_gap = _chain(held, end_year=ctx.school_year - step, length=length - 1, step=step)
        if rest_gap is None and gap not in {r.school_year for r in skipped_in_chain}:
            detail = _("%(years)s; %(year)s not decided yet") % {
                "years": _years_label(rest),
                "year": school_year_label(gap),
            }
            return MISSING, "; ".join([detail, *notes]), {**data, "years": sorted(rest)}, []
    detail = _("%(count)s of %(length)s years, missing %(year)s") % {
        "count": len(years),
        "length": length,
        "year": school_year_label(gap),
    }
    return FAIL, "; ".join([detail, *notes]), data, []


@evaluator(RuleKind.INITIATIVES)
def initiatives(ctx: Context, params: dict):
    minimum = params.get("min_scope", EffectScope.UNIT)
    count = int(params.get("count", 1))
    within = int(params.get("within_years", 1))
    first_year = ctx.school_year - within + 1
    relevant = [
        i
        for i in getattr(ctx.candidate, "initiatives", [])
        if SCOPE_RANK[i.effect_scope] >= SCOPE_RANK[minimum] and first_year <= i.school_year <= ctx.school_year
    ]
    free = [i for i in relevant if not i.used_for]
    used = [i for i in relevant if i.used_for]
    data = {"free": [i.title for i in free], "used": [i.title for i in used], "count": count}
    if len(free) >= count:
        return PASS, "; ".join(f"«{i.title}»" for i in free[:count]), data, []
    parts = []
    if used:
        parts.append(
            _("already used once: %(list)s") % {"list": "; ".join(f"«{i.title}» → {i.used_for}" for i in used)}
        )
    if used and not free:
        return FAIL, "; ".join(parts), data, []
    parts.insert(0, _("%(have)s of %(count)s, missing") % {"have": len(free), "count": count})
    return MISSING, "; ".join(parts), data, []


@evaluator(RuleKind.NO_RESTRICTION)
def no_restriction(ctx: Context, params: dict):
    kinds = params.get("kinds") or ALL_RESTRICTIONS
    problems = []
    for r in ctx.candidate.restrictions:
        if r.kind not in kinds:
            continue
        if _overlaps(r.start, r.end, ctx.on_date, ctx.on_date):
            problems.append(
                _("%(kind)s since %(start)s") % {"kind": RestrictionKind(r.kind).label, "start": short_date(r.start)}
            )
        elif r.kind == DISCIPLINE and _overlaps(r.start, r.end, ctx.year_start, ctx.year_end):
            problems.append(
                _("disciplined during the year; achievements count only from %(date)s")
                % {"date": short_date(r.end + datetime.timedelta(days=1))}
            )
    if problems:
        return FAIL, "; ".join(problems), {"problems": len(problems)}, []
    return PASS, "", {"problems": 0}, []


@evaluator(RuleKind.ABSENCE_LIMIT)
def absence_limit(ctx: Context, params: dict):
    limit = int(params.get("days", 40))
    absent = maternity = 0
    for p in getattr(ctx.candidate, "periods", []):
        lo, hi = max(p.start, ctx.year_start), min(p.end, ctx.year_end)
        if p.kind in ABSENCE_KINDS:
            absent += _working_days(lo, hi)
        elif p.kind in LEAVE_COUNTED_AS_WORK:
            maternity += _working_days(lo, hi)
    data = {"absent_days": absent, "maternity_days": maternity, "limit": limit}
    parts = [_("%(days)s working days of leave") % {"days": absent}]
    if maternity:
        parts.append(_("%(days)s days of maternity leave count as work") % {"days": maternity})
    return (PASS if absent < limit else FAIL), "; ".join(parts), data, []


@evaluator(RuleKind.YEARS_OF_SERVICE)
def years_of_service(ctx: Context, params: dict):
    candidate = ctx.candidate
    required = int(params.get("years", 20))
    if candidate.sector_start_year is None:
        return MISSING, _("the year joined the sector is not recorded"), {}, []
    discipline_days = sum(
        ((r.end or ctx.on_date) - r.start).days + 1
        for r in candidate.restrictions
        if r.kind == DISCIPLINE and r.start <= ctx.on_date
    )
    hardship_days = sum(
        (min(p.end, ctx.on_date) - p.start).days + 1
        for p in candidate.periods
        if p.kind == ServicePeriodKind.HARDSHIP_AREA and p.start <= ctx.on_date
    )
    service = ctx.on_date.year - candidate.sector_start_year - discipline_days // 365
    hardship = hardship_days // 365
    if params.get("hardship_years") and hardship >= int(params["hardship_years"]):
        required -= int(params.get("reduced_by", 5))
    data = {"service": service, "required": required, "hardship": hardship}
    detail = _("%(service)s of %(required)s years (since %(start)s)") % {
        "service": service,
        "required": required,
        "start": candidate.sector_start_year,
    }
    if hardship:
        detail += "; " + _("%(years)s years in extremely disadvantaged areas") % {"years": hardship}
    return (PASS if service >= required else FAIL), detail, data, []


@evaluator(RuleKind.NOT_HELD)
def not_held(ctx: Context, params: dict):
    code = params.get("award") or ctx.award_code
    ever = params.get("scope") == "ever"
    found = [r for r in ctx.candidate.records if r.award_code == code and (ever or r.school_year == ctx.school_year)]
    if found:
        record = found[0]
        detail = _("already received in %(year)s (decision %(number)s)") % {
            "year": school_year_label(record.school_year),
            "number": record.decision_number,
        }
        return FAIL, detail, {"held": True}, []
    return PASS, "", {"held": False}, []


@evaluator(RuleKind.MEETS_AWARD)
def meets_award(ctx: Context, params: dict):
    code = params["award"]
    for record in ctx.candidate.records:
        if record.award_code == code and record.school_year == ctx.school_year:
            detail = _("recognised (decision %(number)s)") % {"number": record.decision_number}
            return PASS, detail, {"held": True}, []
    if ctx.depth > 3:
        return MISSING, "", {}, []
    key = (id(ctx.candidate), code, ctx.school_year, ctx.on_date)
    if ctx.memo is not None and key in ctx.memo:
        sub = ctx.memo[key]
        return VERDICT_TO_OUTCOME[sub.verdict], "", {"held": False}, sub.results
    sub = judge(
        ctx.catalogue,
        code,
        ctx.candidate,
        school_year=ctx.school_year,
        on_date=ctx.on_date,
        unit=ctx.unit,
        depth=ctx.depth + 1,
        skip_kinds=(RuleKind.NOT_HELD,),
        memo=ctx.memo,
    )
    return VERDICT_TO_OUTCOME[sub.verdict], "", {"held": False}, sub.results


_option_specs: dict[int, tuple[dict, list[RuleSpec]]] = {}


def _sub_results(ctx: Context, params: dict) -> list[RuleResult]:
    cached = _option_specs.get(id(params))
    if cached is None or cached[0] is not params:
        specs = [
            RuleSpec(
                award_code=ctx.award_code,
                kind=option["kind"],
                params=option.get("params", {}),
                description=option.get("label", ""),
                citation="",
                valid_from=datetime.date.min,
            )
            for option in params.get("options", [])
        ]
        cached = _option_specs[id(params)] = (params, specs)
    return [_run(ctx, spec) for spec in cached[1]]


@evaluator(RuleKind.ANY_OF)
def any_of(ctx: Context, params: dict):
    children = _sub_results(ctx, params)
    outcomes = [c.outcome for c in children]
    if PASS in outcomes:
        met = children[outcomes.index(PASS)]
        return PASS, f"{met.label} ({met.detail})" if met.detail else met.label, {}, children
    if MISSING in outcomes:
        return MISSING, "", {}, children
    return FAIL, "", {}, children


@evaluator(RuleKind.ALL_OF)
def all_of(ctx: Context, params: dict):
    children = _sub_results(ctx, params)
    return VERDICT_TO_OUTCOME[combine(c.outcome for c in children)], "", {}, children


def _members(ctx: Context) -> list[PersonFacts]:
    return ctx.candidate.members if isinstance(ctx.candidate, UnitFacts) else []


@evaluator(RuleKind.MEMBER_RATIO)
def member_ratio(ctx: Context, params: dict):
    members = _members(ctx)
    code = params.get("title", "LDTT")
    percent = Decimal(str(params.get("percent", 70)))
    holders = len(_holders(members, code, ctx.school_year))
    total = len(members)
    share = (Decimal(holders) * 100 / total).quantize(Decimal("0.1")) if total else Decimal(0)
    data = {"holders": holders, "members": total, "percent": str(percent)}
    detail = _("%(holders)s of %(members)s members (%(share)s%%)") % {
        "holders": holders,
        "members": total,
        "share": str(share).replace(".", ","),
    }
    if not total:
        return MISSING, _("no members recorded"), data, []
    if not holders and not _any_decision(members, ctx.school_year):
        return MISSING, _("no decisions recorded for the year yet"), data, []
    met = Decimal(holders) * 100 >= percent * total
    return (PASS if met else FAIL), detail, data, []


@evaluator(RuleKind.MEMBER_COUNT)
def member_count(ctx: Context, params: dict):
    members = _members(ctx)
    code = params.get("title", "CSTDCS")
    needed = int(params.get("count", 1))
    holders = _holders(members, code, ctx.school_year)
    data = {"holders": len(holders), "needed": needed}
    if len(holders) >= needed:
        return PASS, ", ".join(h.name for h in holders[:5]), data, []
    if not _any_decision(members, ctx.school_year):
        return MISSING, _("no decisions recorded for the year yet"), data, []
    return FAIL, _("%(have)s of %(needed)s") % {"have": len(holders), "needed": needed}, data, []


@evaluator(RuleKind.MEMBER_RATINGS)
def member_ratings(ctx: Context, params: dict):
    members = _members(ctx)
    minimum = params.get("min", TaskRating.COMPLETED)
    percent = Decimal(str(params.get("percent", 100)))
    rated = [m for m in members if ctx.school_year in m.ratings]
    ok = [m for m in rated if RATING_RANK[m.ratings[ctx.school_year]] >= RATING_RANK[minimum]]
    data = {"ok": len(ok), "rated": len(rated), "members": len(members)}
    if not members:
        return MISSING, _("no members recorded"), data, []
    detail = _("%(ok)s of %(members)s members") % {"ok": len(ok), "members": len(members)}
    if Decimal(len(ok)) * 100 >= percent * len(members):
        return PASS, detail, data, []
    if len(rated) < len(members) and Decimal(len(ok) + len(members) - len(rated)) * 100 >= percent * len(members):
        missing = len(members) - len(rated)
        return MISSING, detail + "; " + _("%(count)s not rated yet") % {"count": missing}, data, []
    return FAIL, detail, data, []


@evaluator(RuleKind.NO_MEMBER_DISCIPLINE)
def no_member_discipline(ctx: Context, params: dict):
    minimum = params.get("min_level", DisciplineLevel.WARNING)
    offenders = [
        m.name
        for m in _members(ctx)
        if any(
            r.kind == DISCIPLINE
            and r.level
            and DISCIPLINE_RANK[r.level] >= DISCIPLINE_RANK[minimum]
            and _overlaps(r.start, r.end, ctx.year_start, ctx.year_end)
            for r in m.restrictions
        )
    ]
    if offenders:
        return FAIL, ", ".join(offenders), {"offenders": offenders}, []
    return PASS, "", {"offenders": []}, []


@evaluator(RuleKind.QUOTA)
def quota(ctx: Context, params: dict):
    unit = ctx.unit
    if unit is None:
        return MISSING, _("the unit is not known"), {}, []
    used = unit.award_counts.get(ctx.award_code, 0)
    if "max" in params:
        cap = int(params["max"])
    else:
        base_code = params.get("of", "LDTT")
        base = unit.award_counts.get(base_code) or unit.projected_counts.get(base_code, 0)
        if not base:
            detail = _("no %(award)s yet to compute the quota") % {"award": ctx.catalogue.name(base_code)}
            return MISSING, detail, {"used": used, "cap": None}, []
        cap = int(Decimal(base) * Decimal(str(params["percent"])) / 100)
    data = {"used": used, "cap": cap, "left": max(cap - used, 0)}
    detail = _("used %(used)s of %(cap)s, %(left)s left") % data
    return (PASS if used < cap else FAIL), detail, data, []


@evaluator(RuleKind.DEADLINE)
def deadline(ctx: Context, params: dict):
    due = datetime.date(ctx.school_year + int(params.get("year_offset", 1)), int(params["month"]), int(params["day"]))
    data = {"due": due.isoformat()}
    if ctx.on_date <= due:
        return PASS, _("due %(date)s") % {"date": short_date(due)}, data, []
    return FAIL, _("the deadline %(date)s has passed") % {"date": short_date(due)}, data, []


@evaluator(RuleKind.MANUAL)
def manual(ctx: Context, params: dict):
    return MISSING, _("to be confirmed by the council"), {}, []


# --------------------------------------------------------------------------- judging


def _run(ctx: Context, rule: RuleSpec) -> RuleResult:
    func = EVALUATORS.get(rule.kind)
    if func is None:
        return RuleResult(MISSING, rule.description, _("unknown rule kind"), rule.citation, kind=rule.kind)
    outcome, detail, data, children = func(ctx, rule.params or {})
    return RuleResult(
        outcome, rule.description, detail, rule.citation, rule.confirmed, rule.kind, rule.scope_name, data, children
    )


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
    if depth == 0 and _language.get() is None:
        with _TranslationSnapshot():
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
    ctx = Context(catalogue, candidate, award_code, school_year, on_date, unit=unit, depth=depth, memo=memo)
    for rule in rules:
        result = _run(ctx, rule)
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


# --------------------------------------------------------------------------- suggestions


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
    with _TranslationSnapshot(), cyclic_gc_paused():
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
