"""``unit_scope_q_resolved`` (the mergers read first, plain path tests) selects exactly what
``unit_scope_q`` selects, mergers included, for units and for rows pointing at a unit."""

import datetime

import pytest

from units import services
from units.enums import UnitKind
from units.models import Person, Unit
from units.selectors import unit_scope_q, unit_scope_q_resolved
from units.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_resolved_scope_equals_the_scope_with_mergers(world):
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
        units = set(Unit.objects.filter(unit_scope_q(user)).values_list("pk", flat=True))
        assert set(Unit.objects.filter(unit_scope_q_resolved(user)).values_list("pk", flat=True)) == units
        people = set(Person.objects.filter(unit_scope_q(user, prefix="unit__")).values_list("pk", flat=True))
        resolved = Person.objects.filter(unit_scope_q_resolved(user, prefix="unit__"))
        assert set(resolved.values_list("pk", flat=True)) == people
        seen[user.username] = units
    # The merged Sở's leader sees the Sở it inherited, and the head of A2 the school merged into it.
    assert world.other_so.pk in seen["leader_hn"]
    assert seen["head_a2_merged"] == {world.school_a2.pk, world.school_a1.pk}
