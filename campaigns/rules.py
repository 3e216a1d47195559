"""Permission predicates for campaigns. Visibility is the selectors' job; these decide actions."""

import rules

from campaigns.enums import ACTIVE_STATES
from units.enums import AccountRole
from units.rules import is_system_admin, manages_unit


def _staff_of(user, unit, roles) -> bool:
    return (
        user.is_authenticated
        and unit is not None
        and user.unit_id == unit.pk
        and any(user.has_role(role) for role in roles)
    )


@rules.predicate
def drafts_for_issuer(user, campaign):
    """Clerks, heads and officers of the issuing unit write its plans."""
    return campaign is not None and _staff_of(
        user, campaign.issuer, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER)
    )


@rules.predicate
def decides_for_issuer(user, campaign):
    """Launching, amending and closing are for the issuer's head or emulation officer."""
    return campaign is not None and _staff_of(user, campaign.issuer, (AccountRole.HEAD, AccountRole.OFFICER))


@rules.predicate
def can_create_in_unit(user, unit):
    return _staff_of(user, unit, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER))


@rules.predicate
def submits_for_unit(user, unit):
    """A unit's clerk or head submits its deliverables and registrations."""
    return _staff_of(user, unit, (AccountRole.CLERK, AccountRole.HEAD))


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
    return user.sees_subtree and campaign.issuer.path.startswith(user.unit.path)


rules.add_perm("campaigns.add_campaign", can_create_in_unit | is_system_admin)
rules.add_perm("campaigns.change_campaign", drafts_for_issuer | is_system_admin)
rules.add_perm("campaigns.decide_campaign", decides_for_issuer | is_system_admin)
rules.add_perm("campaigns.view_status", oversees_campaign | is_system_admin)
rules.add_perm("campaigns.grant_exception", (decides_for_issuer | is_system_admin) & campaign_is_running)
rules.add_perm("campaigns.submit_for_unit", submits_for_unit | is_system_admin)


# --- Registration, pacts, exemplars ----------------------------------------------------------


@rules.predicate
def officer_within_campaign(user, campaign):
    """An emulation officer of a unit inside the issuer's subtree follows its units' registrations."""
    return (
        campaign is not None
        and user.is_authenticated
        and user.unit_id is not None
        and user.has_role(AccountRole.OFFICER)
        and user.unit.path.startswith(campaign.issuer.path)
    )


@rules.predicate
def registers_for(user, registration):
    """The registration's unit clerk or head keeps it (a unit or an individual registration)."""
    return registration is not None and submits_for_unit(user, registration.unit)


@rules.predicate
def reviews_registration(user, registration):
    """The issuer's head or emulation officer accepts or returns registrations."""
    return registration is not None and decides_for_issuer(user, registration.campaign)


@rules.predicate
def leads_cluster(user, cluster):
    """Pacts are set up by the head unit's staff or by the organiser's head or officer."""
    return cluster is not None and (
        _staff_of(user, cluster.head_unit, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER))
        or _staff_of(user, cluster.organiser, (AccountRole.HEAD, AccountRole.OFFICER))
    )


@rules.predicate
def leads_pact(user, pact):
    return pact is not None and leads_cluster(user, pact.cluster)


@rules.predicate
def self_scores_target(user, target):
    """Each member's clerk or head scores its own targets."""
    return target is not None and submits_for_unit(user, target.member)


@rules.predicate
def cross_scores_target(user, target):
    """The cluster's head unit cross-scores every member."""
    return target is not None and _staff_of(
        user, target.pact.cluster.head_unit, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER)
    )


@rules.predicate
def keeps_exemplar(user, exemplar):
    return exemplar is not None and manages_unit(user, exemplar.unit)


rules.add_perm("campaigns.view_registrations", oversees_campaign | officer_within_campaign | is_system_admin)
rules.add_perm("campaigns.change_registration", registers_for | is_system_admin)
rules.add_perm("campaigns.review_registration", reviews_registration | is_system_admin)
rules.add_perm("campaigns.add_pact", leads_cluster | is_system_admin)
rules.add_perm("campaigns.change_pact", leads_pact | is_system_admin)
rules.add_perm("campaigns.self_score_pact", self_scores_target | is_system_admin)
rules.add_perm("campaigns.cross_score_pact", cross_scores_target | is_system_admin)
rules.add_perm("campaigns.add_exemplar", manages_unit)
rules.add_perm("campaigns.change_exemplar", keeps_exemplar | is_system_admin)
