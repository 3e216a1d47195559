"""The rule evaluators, one per ``awards.enums.RuleKind``, and the registry that names them.

An evaluator takes the ``Context`` of one judgement and the rule's JSON ``params`` and
returns ``(outcome, detail, data, children)``. ``meets_award`` judges another award
through ``Context.judge`` (the judge hands itself in), so this module never imports
``awards.eligibility.judge``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from awards.eligibility.catalogue import Catalogue, RuleSpec
from awards.eligibility.facts import PersonFacts, RecordFact, UnitFacts
from awards.eligibility.results import (
    FAIL,
    MISSING,
    PASS,
    VERDICT_TO_OUTCOME,
    Judgement,
    RuleResult,
    combine,
)
from awards.eligibility.runtime import cached_gettext as _
from awards.eligibility.runtime import school_year_label
from awards.enums import (
    ABSENCE_KINDS,
    CHAIN_TYPES,
    DISCIPLINE_RANK,
    LEAVE_COUNTED_AS_WORK,
    RATING_RANK,
    SCOPE_RANK,
    DisciplineLevel,
    EffectScope,
    RestrictionKind,
    RuleKind,
    ServicePeriodKind,
    TaskRating,
)
from common.dates import short_date
from common.numbers import decimal_text

ALL_RESTRICTIONS = tuple(RestrictionKind.values)
DISCIPLINE = RestrictionKind.DISCIPLINE.value


class Judge(Protocol):
    def __call__(
        self,
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
    ) -> Judgement: ...


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
    judge: Judge | None = None  # the judge that made this context, for meets_award

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
    if ctx.depth > 3 or ctx.judge is None:
        return MISSING, "", {}, []
    key = (id(ctx.candidate), code, ctx.school_year, ctx.on_date)
    if ctx.memo is not None and key in ctx.memo:
        sub = ctx.memo[key]
        return VERDICT_TO_OUTCOME[sub.verdict], "", {"held": False}, sub.results
    sub = ctx.judge(
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
    return [run_rule(ctx, spec) for spec in cached[1]]


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
        "share": decimal_text(share),
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


def run_rule(ctx: Context, rule: RuleSpec) -> RuleResult:
    func = EVALUATORS.get(rule.kind)
    if func is None:
        return RuleResult(MISSING, rule.description, _("unknown rule kind"), rule.citation, kind=rule.kind)
    outcome, detail, data, children = func(ctx, rule.params or {})
    return RuleResult(
        outcome, rule.description, detail, rule.citation, rule.confirmed, rule.kind, rule.scope_name, data, children
    )
