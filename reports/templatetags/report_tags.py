from django import template

from common.numbers import number_text

register = template.Library()


@register.filter
def number(value) -> str:
    """ "1.500", "99,5"; an empty figure as a dash."""
    return "–" if value is None else number_text(value)
