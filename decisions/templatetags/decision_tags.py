"""Money as Vietnamese documents write it, for the decision pages."""

from django import template

from common.numbers import money_text

register = template.Library()


@register.filter
def money(amount):
    """ "2.340.000 đ"; an award without a cash reward reads "—"."""
    return money_text(amount) if amount not in (None, "") else "—"
