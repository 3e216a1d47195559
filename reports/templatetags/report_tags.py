from django import template

from common.numbers import number_text
from reports.documents import target_amount

register = template.Library()


@register.filter
def number(value) -> str:
    """ "1.500", "99,5"; an empty figure as a dash."""
    return "–" if value is None else number_text(value)


@register.filter
def target_text(criterion) -> str:
    """A criterion's quantified target as the plan prints it: "344 trường (năm 2025)", "99,5%"."""
    return target_amount(criterion)
