import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import PERSONAS
from tests.url_table import all_cases

CASES = all_cases()
# Django's own screens are not ours to scope: admin has its own permissions.
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_NAMES = {"login", "logout"}


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from _named_urls(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_has_a_row_in_the_permission_table():
    covered = {case.name for case in CASES}
    missing = sorted(set(_named_urls()) - covered - EXEMPT_NAMES)
    assert missing == []


def test_every_row_names_every_persona():
    incomplete = {case.label: sorted(set(PERSONAS) - {"anonymous"} - set(case.expect)) for case in CASES}
    assert {label: gaps for label, gaps in incomplete.items() if gaps} == {}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[case.label for case in CASES])
def test_url_answers_persona_as_the_table_says(case, persona, world, client_for):
    if case.setup:
        case.setup(world)
    url = case.url(world)
    client = client_for(world.users[persona])
    data = case.data(world) if case.data else {}
    response = getattr(client, case.method)(url, data)
    expected = case.expect.get(persona, 302 if persona == "anonymous" else None)
    assert (persona, response.status_code) == (persona, expected)
    if persona == "anonymous" and expected == 302:
        assert response["Location"].startswith("/dang-nhap/")


MERGER_CASES = [case for case in CASES if case.extra_personas]


@pytest.mark.parametrize("case", MERGER_CASES, ids=[case.label for case in MERGER_CASES])
def test_url_answers_extra_personas_as_the_table_says(case, world, client_for):
    """Personas a row's setup adds (the Vĩnh Long accounts after Bến Tre merged in, 01/7/2025)."""
    case.setup(world)
    url = case.url(world)
    data = case.data(world) if case.data else {}
    answers = {
        persona: getattr(client_for(world.users[persona]), case.method)(url, data).status_code
        for persona in case.extra_personas
    }
    assert answers == case.extra_personas
