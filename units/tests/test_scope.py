"""``unit_scope_q`` (the mergers read first, plain path tests) selects exactly what the rule says,
mergers included, for units and for rows pointing at a unit: checked against the rule written out
in Python over the tree and the unit events."""

import datetime

import pytest

from units import services
from units.enums import UnitKind
from units.models import Person, Unit, UnitEvent
from units.selectors import unit_scope_q
from units.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _predecessors(unit: Unit) -> set[Unit]:
    return {p for event in UnitEvent.objects.filter(unit=unit) for p in event.predecessors.all()}


def _expected_units(user) -> set[int]:
    """The scope as the rule reads: the own unit (and, for subtree roles, everything under it), and the
    same for the units merged into it and the units merged into those."""
    if user.is_superuser:
        return set(Unit.objects.values_list("pk", flat=True))
    if user.unit is None:
        return set()
    first = _predecessors(user.unit)
    roots = {user.unit, *first, *(p for unit in first for p in _predecessors(unit))}
    if not user.sees_subtree:
        return {unit.pk for unit in roots}
    return {unit.pk for unit in Unit.objects.all() if any(unit.path.startswith(root.path) for root in roots)}


def test_the_scope_follows_the_tree_and_the_mergers(world):
    merged = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo Hợp nhất", code="SGD-HN")
    services.unit_merge(sources=[world.other_so], into=merged, date=datetime.date(2025, 7, 1), actor=None)
    services.unit_merge(sources=[world.school_a1], into=world.school_a2, date=datetime.date(2025, 8, 1), actor=None)
    users = [
        *(user for user in world.users.values() if user is not None),
        UserFactory(username="leader_hn", unit=merged, is_leader=True),
        UserFactory(username="clerk_hn", unit=merged, is_clerk=True),
        UserFactory(username="head_a2_merged", unit=world.school_a2, is_unit_head=True),
        UserFactory(username="admin_all", is_superuser=True),
    ]
    seen = {}
    for user in users:
        expected = _expected_units(user)
        units = set(Unit.objects.filter(unit_scope_q(user)).values_list("pk", flat=True))
        assert (user.username, units) == (user.username, expected)
        people = set(Person.objects.filter(unit_scope_q(user, prefix="unit__")).values_list("pk", flat=True))
        assert people == set(Person.objects.filter(unit_id__in=expected).values_list("pk", flat=True))
        seen[user.username] = units
    # The merged Sở's leader sees the Sở it inherited; the head of A2 the school merged into it.
    assert seen["leader_hn"] == {merged.pk, world.other_so.pk}
    assert seen["head_a2_merged"] == {world.school_a2.pk, world.school_a1.pk}
