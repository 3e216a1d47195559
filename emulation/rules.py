"""Who may register, review registrations, set up and score pacts, and keep exemplars."""

import rules

from campaigns.rules import decides_for_issuer, oversees_campaign, staff_of, submits_for_unit
from units.enums import AccountRole
from units.rules import is_system_admin, manages_unit


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
        staff_of(user, cluster.head_unit, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER))
        or staff_of(user, cluster.organiser, (AccountRole.HEAD, AccountRole.OFFICER))
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
    return target is not None and staff_of(
        user, target.pact.cluster.head_unit, (AccountRole.CLERK, AccountRole.HEAD, AccountRole.OFFICER)
    )


@rules.predicate
def keeps_exemplar(user, exemplar):
    return exemplar is not None and manages_unit(user, exemplar.unit)


@rules.predicate
def reads_pact_evidence(user, target):
    """A pact member's evidence is for the member itself, the cluster's head unit that cross-scores it,
    and the officers, council members and leaders above the member — not for the other members."""
    if target is None or not user.is_authenticated or user.unit_id is None:
        return False
    member = target.member
    if user.unit_id in (member.pk, target.pact.cluster.head_unit_id):
        return True
    return user.sees_subtree and member.path.startswith(user.unit.path)


rules.add_perm("emulation.view_registrations", oversees_campaign | officer_within_campaign | is_system_admin)
rules.add_perm("emulation.change_registration", registers_for | is_system_admin)
rules.add_perm("emulation.review_registration", reviews_registration | is_system_admin)
rules.add_perm("emulation.add_pact", leads_cluster | is_system_admin)
rules.add_perm("emulation.change_pact", leads_pact | is_system_admin)
rules.add_perm("emulation.self_score_pact", self_scores_target | is_system_admin)
rules.add_perm("emulation.cross_score_pact", cross_scores_target | is_system_admin)
rules.add_perm("emulation.add_exemplar", manages_unit)
rules.add_perm("emulation.change_exemplar", keeps_exemplar | is_system_admin)
rules.add_perm("emulation.view_pact_evidence", reads_pact_evidence | is_system_admin)
