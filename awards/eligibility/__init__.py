"""The legal eligibility engine: who qualifies for which title or award, and why.

Design
------
* **Pure functions over prefetched facts.** ``awards.selectors`` loads every fact a
  judgement needs (award records, task ratings, restrictions, initiatives, leave
  periods of a set of people; a unit's own history including its merge
  predecessors; the catalogue with its rules) in a fixed number of queries, into the
  plain dataclasses of ``facts``. This package never touches the database, so suggestions
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

Layout (each module imports only those above it; none imports one that imports it back)
-------------------------------------------------------------------------------------------
* ``runtime``: cached translations and the paused cyclic collector of a run.
* ``facts``: the people's and units' facts (records, ratings, restrictions, …).
* ``catalogue``: awards and rules with their validity windows and scopes.
* ``results``: a rule's result, a judgement, and how outcomes combine into a verdict.
* ``evaluators``: the ``EVALUATORS`` registry and one function per rule kind; the
  judgement context. ``meets_award`` reaches the judge through ``Context.judge``.
* ``judge``: one candidate, one award, the rules valid on a date.
* ``suggestions``: every suggested award for a unit's people and the unit itself,
  with quotas.
"""

from awards.eligibility.catalogue import AwardSpec, Catalogue, RuleSpec
from awards.eligibility.evaluators import EVALUATORS
from awards.eligibility.facts import (
    InitiativeFact,
    PeriodFact,
    PersonFacts,
    RecordFact,
    RestrictionFact,
    UnitFacts,
)
from awards.eligibility.judge import judge
from awards.eligibility.runtime import cyclic_gc_paused
from awards.eligibility.suggestions import suggest_for_unit

# Exactly the names that callers outside the package import (selectors, services,
# views, tests, bench/); anything else is imported from its module.
__all__ = [
    "EVALUATORS",
    "AwardSpec",
    "Catalogue",
    "InitiativeFact",
    "PeriodFact",
    "PersonFacts",
    "RecordFact",
    "RestrictionFact",
    "RuleSpec",
    "UnitFacts",
    "cyclic_gc_paused",
    "judge",
    "suggest_for_unit",
]
