"""Small helpers the registry's views share."""

from common.views import paginate, require, xlsx_response
from units import rules

# Re-exported: the registry's views take every shared helper from here.
__all__ = ["paginate", "require", "wants_fragment", "with_links", "xlsx_response"]


def with_links(user, units) -> list[tuple]:
    """(unit, may the user open it) pairs: a path comparison, no query."""
    return [(unit, rules.can_view_unit(user, unit)) for unit in units]


def wants_fragment(request) -> bool:
    """An HTMX request for the table alone (the search box), not a boosted page load."""
    return bool(request.htmx) and not request.htmx.boosted
