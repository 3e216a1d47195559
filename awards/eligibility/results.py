"""What a judgement says: one result per rule and the verdict that combines them.

Any "not met" → not eligible; otherwise any "missing" → evidence missing; otherwise
eligible. Information never decides.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from awards.eligibility.runtime import school_year_label
from awards.enums import Outcome, Verdict

# Plain strings equal to the enum members keep the hot loop free of enum lookups.
PASS, FAIL, MISSING, INFO = Outcome.PASS.value, Outcome.FAIL.value, Outcome.MISSING.value, Outcome.INFO.value
ELIGIBLE, NOT_ELIGIBLE, EVIDENCE_MISSING = Verdict.ELIGIBLE.value, Verdict.NOT_ELIGIBLE.value, Verdict.MISSING.value

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
