"""The catalogue as the engine sees it: awards and their rules, each with a validity window.

``Catalogue.rules_for`` picks the rules in force on a date for a candidate's unit
(national rules have no scope; a province or Sở adds its own with a scope).
"""

import datetime
from dataclasses import dataclass, field

from awards.enums import AwardKind, Subject


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
