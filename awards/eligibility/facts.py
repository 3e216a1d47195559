"""The facts a judgement reads: plain dataclasses that ``awards.selectors`` fills.

Nothing here touches the database; tests build facts by hand.
"""

import datetime
from dataclasses import dataclass, field

from awards.enums import AwardType


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
