from django import template
from django.utils.translation import gettext_lazy as _

from common.audit import action_sentence
from common.dates import official_date
from common.documents import marker as document_marker
from common.numbers import decimal_text

register = template.Library()


@register.filter
def number_vi(value) -> str:
    """344 → "344", 99.500 → "99,5": numbers as written in the plans."""
    return decimal_text(value)


@register.filter
def official(value) -> str:
    return official_date(value) if value else ""


@register.filter
def depth_indent(depth) -> str:
    """Bootstrap padding class for a nested criterion (ps-0 … ps-5)."""
    return f"ps-{min(int(depth) * 3, 5)}"


@register.filter
def figures_labelled(values, milestone) -> list[tuple[str, str]]:
    """A submission's figures as (label, value with its unit) in the milestone's order, never their keys;
    a figure the milestone no longer asks for keeps its key as its label."""
    values = dict(values or {})
    asked = [f for f in (getattr(milestone, "figures", None) or []) if isinstance(f, dict) and f.get("key")]
    lines = []
    for figure in asked:
        if figure["key"] in values:
            value = str(values.pop(figure["key"]))
            unit = figure.get("unit") or ""
            lines.append((figure.get("label") or figure["key"], f"{value} {unit}".strip()))
    lines.extend((key, str(value)) for key, value in values.items())
    return lines


@register.filter
def plan_number(campaign) -> str:
    """ "914/KH-SGD&ĐT"; a plan not yet numbered says so ("chưa cấp số"), never "   /KH-…"."""
    if getattr(campaign, "number", None):
        return campaign.number_symbol
    return str(_("not yet numbered"))


@register.filter
def marker(number) -> str:
    """A criterion's marker as written: "2.1" → "2.1.", "II" → "II.", but "a)", "b.", "-" unchanged."""
    return document_marker(number)


@register.filter
def unit_kind_labels(values) -> str:
    from units.enums import UnitKind

    return ", ".join(str(UnitKind(v).label) if v in UnitKind.values else v for v in values or [])


@register.filter
def audit_label(action: str) -> str:
    """What an audit action reads as, without the entry's details (``common.audit``)."""
    return action_sentence(action)


@register.simple_tag(takes_context=True)
def extension_links(context, place: str, **extra):
    """The links other apps add to a launched campaign's page (``campaigns.extensions``).

    Rendered with the page's own context (no second run of the context processors).
    """
    from django.utils.safestring import mark_safe

    from campaigns import extensions
    from campaigns.enums import CampaignState

    campaign = context.get("campaign")
    if campaign is None or campaign.state == CampaignState.DRAFT:
        return ""
    engine = context.template.engine
    with context.push(**extra):
        html = [engine.get_template(name).render(context) for name in extensions.link_templates(place)]
    # Our own templates, autoescaped as they render: their output is safe to join.
    return mark_safe("".join(html))
