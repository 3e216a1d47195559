from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from common.numbers import number_text
from reports.documents import target_amount

register = template.Library()

REVIEW_LABELS = {"so-ket": gettext_noop("Mid-term review report"), "tong-ket": gettext_noop("Final review report")}


@register.filter
def number(value) -> str:
    """ "1.500", "99,5"; an empty figure as a dash."""
    return "–" if value is None else number_text(value)


@register.filter
def target_text(criterion) -> str:
    """A criterion's quantified target as the plan prints it: "344 trường (năm 2025)", "99,5%"."""
    return target_amount(criterion)


@register.simple_tag
def review_reports(campaign) -> list[tuple[str, str, object]]:
    """(kind, label, the issued report or None) of each review report of the campaign: one query."""
    from reports import selectors
    from reports.enums import ReviewKind

    issued = selectors.review_issues(campaign)
    return [(kind.value, _(REVIEW_LABELS[kind.value]), issued.get(kind.value)) for kind in ReviewKind]
