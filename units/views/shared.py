"""Small helpers the registry's views share."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpResponse

from units import imports, rules

PAGE_SIZE = 50


def require(user, perm: str, obj=None) -> None:
    """In scope but not allowed: 403."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def paginate(request, queryset) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def with_links(user, units) -> list[tuple]:
    """(unit, may the user open it) pairs: a path comparison, no query."""
    return [(unit, rules.can_view_unit(user, unit)) for unit in units]


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=imports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def wants_fragment(request) -> bool:
    """An HTMX request for the table alone (the search box), not a boosted page load."""
    return bool(request.htmx) and not request.htmx.boosted
