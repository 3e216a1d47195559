"""Who may see a milestone's reminder log and resend a reminder: the issuer's heads and officers,
and the emulation officers of the units above it. Imported by ``views_reminders``."""

import rules

from campaigns.rules import decides_for_issuer
from units.enums import AccountRole
from units.rules import is_system_admin


@rules.predicate
def officer_at_or_above_issuer(user, campaign):
    return (
        campaign is not None
        and user.is_authenticated
        and user.unit_id is not None
        and user.has_role(AccountRole.OFFICER)
        and campaign.issuer.path.startswith(user.unit.path)
    )


rules.add_perm("reminders.manage_reminders", decides_for_issuer | officer_at_or_above_issuer | is_system_admin)
