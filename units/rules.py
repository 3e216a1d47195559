"""Permission predicates of the unit registry (django-rules).

Scope answers "can the user see it" (selectors); these predicates answer "may the
user do this to it". Views check them against the object; templates ask the same.
"""

import rules

from units.enums import ADMIN_GRANTABLE_ROLES, OFFICER_GRANTABLE_ROLES, AccountRole
from units.selectors import inherited_paths


def _within(user, unit) -> bool:
    """The unit is in the user's subtree, or in the subtree of a unit merged into the user's."""
    if not user.unit_id or unit is None:
        return False
    if unit.path.startswith(user.unit.path):
        return True
    # An ancestor of the user's unit (an issuer above it) is never inherited: no query for it.
    return not user.unit.path.startswith(unit.path) and any(unit.path.startswith(p) for p in inherited_paths(user))


def _is_own(user, unit) -> bool:
    """The user's own unit, or one merged into it."""
    if not user.unit_id or unit is None:
        return False
    if unit.pk == user.unit_id:
        return True
    return not user.unit.path.startswith(unit.path) and unit.path in inherited_paths(user)


# Public for the apps above: a unit the user reaches (their subtree, or an inherited one's), and
# the user's own unit (or one merged into it). Both follow the 2025 mergers.
reaches_unit = _within
is_own_unit = _is_own


@rules.predicate
def is_system_admin(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_officer(user):
    return user.is_authenticated and user.has_role(AccountRole.OFFICER)


@rules.predicate
def is_clerk_or_head(user):
    return user.is_authenticated and (user.has_role(AccountRole.CLERK) or user.has_role(AccountRole.HEAD))


@rules.predicate
def is_leader(user):
    return user.is_authenticated and user.has_role(AccountRole.LEADER)


@rules.predicate
def can_view_unit(user, unit):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.sees_subtree:
        return _within(user, unit)
    return _is_own(user, unit)


@rules.predicate
def manages_unit(user, unit):
    """Clerks and heads keep their own unit's records; officers those of the units below too."""
    if unit is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.has_role(AccountRole.OFFICER) and _within(user, unit):
        return True
    return (user.has_role(AccountRole.CLERK) or user.has_role(AccountRole.HEAD)) and _is_own(user, unit)


@rules.predicate
def supervises_unit(user, unit):
    """An officer acting on a unit strictly below their own (create, move, rename it)."""
    if unit is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.has_role(AccountRole.OFFICER) and _within(user, unit) and unit.pk != user.unit_id


@rules.predicate
def manages_person(user, person):
    return manages_unit(user, person.unit if person else None)


@rules.predicate
def can_see_national_id(user, person):
    # National IDs are needed for state-award dossiers only: heads, officers, admins.
    return is_system_admin(user) or (
        person is not None
        and can_view_unit(user, person.unit)
        and (user.has_role(AccountRole.HEAD) or user.has_role(AccountRole.OFFICER))
    )


@rules.predicate
def can_see_personal_details(user, person):
    """Birth date and phone in full (NĐ 13/2023): those who keep the person's record; others see them masked."""
    return manages_person(user, person)


@rules.predicate
def sees_national_ids(user):
    """Roles that may read national ID numbers at all (exports, import columns)."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(AccountRole.HEAD) or user.has_role(AccountRole.OFFICER)
    )


def grantable_roles(user, unit) -> list[AccountRole]:
    """Roles ``user`` may give to an account of ``unit``: all but ADMIN for a system
    administrator; clerk and head for an officer, in their subtree; nothing for others."""
    if unit is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(ADMIN_GRANTABLE_ROLES)
    if user.has_role(AccountRole.OFFICER) and _within(user, unit):
        return list(OFFICER_GRANTABLE_ROLES)
    return []


@rules.predicate
def manages_account(user, account):
    """A system administrator manages every account; an officer the clerk and head accounts
    of the units in their subtree (never an officer's, leader's or administrator's)."""
    if account is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    allowed = set(grantable_roles(user, account.unit))
    return bool(allowed) and set(account.roles) <= allowed


rules.add_perm("units.view_unit", can_view_unit)
rules.add_perm("units.change_unit", manages_unit)
rules.add_perm("units.add_child_unit", manages_unit & (is_officer | is_system_admin))
rules.add_perm("units.restructure_unit", supervises_unit)
rules.add_perm("units.add_person", manages_unit)
rules.add_perm("units.change_person", manages_person)
rules.add_perm("units.transfer_person", manages_person & (is_officer | is_system_admin))
rules.add_perm("units.view_national_id", can_see_national_id)
rules.add_perm("units.export_national_ids", sees_national_ids)
rules.add_perm("units.view_personal_details", can_see_personal_details)
rules.add_perm("units.import_data", is_clerk_or_head | is_officer | is_system_admin)
rules.add_perm("units.manage_clusters", is_officer | is_system_admin)
rules.add_perm("units.organise_cluster", manages_unit & (is_officer | is_system_admin))
rules.add_perm("units.add_root_unit", is_system_admin)
rules.add_perm("units.manage_accounts", is_officer | is_system_admin)
rules.add_perm("units.change_account", manages_account)
# For menus and buttons ({% test_rule %}): answered by the predicate alone, without the
# model backend's permission queries on every page of the users who do not hold it.
rules.add_rule("units.may_manage_accounts", is_officer | is_system_admin)
rules.add_rule("units.may_add_root_unit", is_system_admin)
