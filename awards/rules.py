"""Permission predicates of the award catalogue and history (django-rules).

Reading history follows the unit scope (``units.rules.can_view_unit``); recording
decisions, ratings, discipline, initiatives and leave is for clerks and heads of
the unit and officers above it (``manages_unit``); leaders read only. Local rules
(quotas, deadlines) are set by officers of a Sở, a province or the ministry.
"""

import rules

from units.enums import AccountRole, UnitKind
from units.rules import can_view_unit, is_clerk_or_head, is_officer, is_system_admin, manages_unit

RULE_SETTING_KINDS = (UnitKind.EDUCATION_DEPARTMENT, UnitKind.PROVINCE_COMMITTEE, UnitKind.MINISTRY)


@rules.predicate
def can_view_person(user, person):
    return person is not None and can_view_unit(user, person.unit)


@rules.predicate
def manages_person_history(user, person):
    return person is not None and manages_unit(user, person.unit)


@rules.predicate
def sets_local_rules(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.has_role(AccountRole.OFFICER) and user.unit is not None and user.unit.kind in RULE_SETTING_KINDS


rules.add_perm("awards.view_catalogue", rules.is_authenticated)
rules.add_perm("awards.search_history", rules.is_authenticated)
rules.add_perm("awards.view_person_history", can_view_person)
rules.add_perm("awards.record_person_history", manages_person_history)
rules.add_perm("awards.view_unit_history", can_view_unit)
rules.add_perm("awards.record_unit_history", manages_unit)
rules.add_perm("awards.add_local_rule", sets_local_rules)
rules.add_perm("awards.import_history", is_clerk_or_head | is_officer | is_system_admin)
