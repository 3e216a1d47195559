"""Who prints certificates and sets the blanks' layout (django-rules).

The issuing unit's officers, head and leaders print a decision's certificates; its officers and
head set where the text goes on its pre-printed blanks. A recipient unit's clerk and head download
their own unit's certificates one by one. Everyone else in scope may look (403 on these actions).
"""

import rules

from units.enums import AccountRole

PRINT_ROLES = (AccountRole.OFFICER, AccountRole.HEAD, AccountRole.LEADER)
LAYOUT_ROLES = (AccountRole.OFFICER, AccountRole.HEAD)
RECIPIENT_ROLES = (AccountRole.CLERK, AccountRole.HEAD)


def _of_unit(user, unit_id, roles) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return unit_id is not None and user.unit_id == unit_id and any(user.has_role(role) for role in roles)


@rules.predicate
def prints(user, decision):
    return decision is not None and _of_unit(user, decision.issuer_unit_id, PRINT_ROLES)


@rules.predicate
def sets_layout(user, unit):
    return unit is not None and _of_unit(user, unit.pk, LAYOUT_ROLES)


@rules.predicate
def downloads(user, record):
    if record is None:
        return False
    return _of_unit(user, record.decision.issuer_unit_id, PRINT_ROLES) or _of_unit(
        user, record.unit_id, RECIPIENT_ROLES
    )


@rules.predicate
def in_force(user, record):
    return record is not None and record.revoked_at is None and record.decision.revoked_at is None


rules.add_perm("certificates.print_decision", prints)
rules.add_perm("certificates.set_layout", sets_layout)
# For the menu ({% test_rule %}): the predicate alone, without the model backend's permission queries.
rules.add_rule("certificates.may_set_layout", sets_layout)
rules.add_perm("certificates.download", downloads)
rules.add_perm("certificates.print_record", downloads & in_force)
