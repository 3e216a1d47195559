"""Places on the campaign pages where the apps built on campaigns add their links.

Registration, exemplars and the reminder log belong to apps above this one; campaigns must not
name them. Each of those apps adds its template here from its ``AppConfig.ready``, and the
campaign pages draw whatever was added (``{% extension_links "campaign" %}``), once the plan is
launched. The templates get the page's context, with ``item`` for a milestone.
"""

CAMPAIGN = "campaign"  # the campaign page's panel of areas (context: campaign, user)
MILESTONE = "milestone"  # each milestone's line of links (context: campaign, item, user)

_TEMPLATES: dict[str, list[str]] = {CAMPAIGN: [], MILESTONE: []}


def add_links(place: str, template_name: str) -> None:
    if template_name not in _TEMPLATES[place]:
        _TEMPLATES[place].append(template_name)


def link_templates(place: str) -> list[str]:
    return list(_TEMPLATES[place])
