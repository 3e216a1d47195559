"""Permission predicates for campaigns. Visibility is the selectors' job; these decide actions."""

import rules

from campaigns.enums import ACTIVE_STATES
from units.enums import AccountRole
from units.rules import is_system_admin, reaches_unit


def staff_of(user, unit, roles) -> bool:
    return (
        user.is_authenticated
        and unit is not None
        and user.unit_id == unit.pk
        and any(user.has_role(role) for role in roles)
    )


@rules.predicate
def drafts_for_issuer(user, campaign):
    """Clerks, heads and officers of the issuing unit write its plans."""
    return campaign is not None and staff_of(
        user, campaign.issuer, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER)
    )


@rules.predicate
def decides_for_issuer(user, campaign):
    """Launching, amending and closing are for the issuer's head or emulation officer."""
    return campaign is not None and staff_of(user, campaign.issuer, (AccountRole.HEAD, AccountRole.OFFICER))


@rules.predicate
def can_create_in_unit(user, unit):
    return staff_of(user, unit, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER))


@rules.predicate
def submits_for_unit(user, unit):
    """A unit's clerk or head submits its deliverables and registrations."""
    return staff_of(user, unit, (AccountRole.CLERK, AccountRole.HEAD))


@rules.predicate
def campaign_is_running(user, campaign):
    """Launched and not closed: excuses and extensions only make sense while units still submit."""
    return campaign is not None and campaign.state in ACTIVE_STATES


@rules.predicate
def oversees_campaign(user, campaign):
    """Sees per-unit status: the issuer's staff, and officers/leaders/council above or at the issuer."""
    if campaign is None or not user.is_authenticated or user.unit_id is None:
        return False
    if user.unit_id == campaign.issuer_id:
        return True
    return user.sees_subtree and reaches_unit(user, campaign.issuer)


rules.add_perm("campaigns.add_campaign", can_create_in_unit | is_system_admin)
rules.add_perm("campaigns.change_campaign", drafts_for_issuer | is_system_admin)
rules.add_perm("campaigns.decide_campaign", decides_for_issuer | is_system_admin)
rules.add_perm("campaigns.view_status", oversees_campaign | is_system_admin)
rules.add_perm("campaigns.grant_exception", (decides_for_issuer | is_system_admin) & campaign_is_running)
rules.add_perm("campaigns.submit_for_unit", submits_for_unit | is_system_admin)
