from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from common.text import without_unverified_notes

register = template.Library()


@register.simple_tag
def catalogue_text(text, empty="—"):
    """A catalogue text (legal basis, report template) without the notes its authors left for the
    maintainers ("(số điều chưa xác minh)"); where there was one, a neutral badge says so."""
    shown, unverified = without_unverified_notes(text or "")
    if not shown:
        return empty
    if not unverified:
        return shown
    badge = _("basis not yet verified")
    return format_html('{} <span class="badge text-bg-light border" data-testid="unverified">{}</span>', shown, badge)
