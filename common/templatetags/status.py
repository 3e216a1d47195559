"""``{% status_badge obj "state" %}``: a state as a coloured badge with its Vietnamese label."""

from django import template
from django.utils.html import format_html

from common import status

register = template.Library()


@register.simple_tag
def status_badge(obj, field: str = "state", extra_class: str = ""):
    shown = status.badge(obj, field)
    return format_html(
        '<span class="badge text-bg-{} {}" data-state="{}">{}</span>',
        shown.colour,
        extra_class,
        shown.value,
        shown.label,
    )
