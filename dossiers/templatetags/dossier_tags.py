from django import template
from django.utils.html import format_html

from dossiers.enums import STATE_COLOURS, AppraisalResult, DossierState, Verdict

register = template.Library()

VERDICT_COLOURS = {Verdict.ELIGIBLE: "success", Verdict.NOT_ELIGIBLE: "danger", Verdict.MISSING: "warning"}
OUTCOME_COLOURS = {"pass": "success", "fail": "danger", "missing": "warning", "info": "secondary"}
OUTCOME_SYMBOLS = {"pass": "✓", "fail": "✗", "missing": "?", "info": "i"}
APPRAISAL_COLOURS = {
    AppraisalResult.PENDING: "secondary",
    AppraisalResult.QUALIFIED: "success",
    AppraisalResult.NOT_QUALIFIED: "danger",
}


@register.simple_tag
def state_badge(state: str):
    label = DossierState(state).label if state in DossierState.values else state
    return format_html('<span class="badge text-bg-{}">{}</span>', STATE_COLOURS.get(state, "secondary"), label)


@register.simple_tag
def verdict_badge(verdict: str):
    if verdict not in Verdict.values:
        return ""
    return format_html('<span class="badge text-bg-{}">{}</span>', VERDICT_COLOURS[verdict], Verdict(verdict).label)


@register.simple_tag
def appraisal_badge(result: str):
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        APPRAISAL_COLOURS.get(result, "secondary"),
        AppraisalResult(result).label,
    )


@register.filter
def outcome_colour(outcome: str) -> str:
    return OUTCOME_COLOURS.get(outcome, "secondary")


@register.filter
def outcome_symbol(outcome: str) -> str:
    return OUTCOME_SYMBOLS.get(outcome, "")
