"""Who may read which official document. Visibility (scope) is the selectors' job; these decide roles."""

import rules

from campaigns.enums import CampaignState
from campaigns.rules import decides_for_issuer, drafts_for_issuer, oversees_campaign
from units.rules import is_system_admin


@rules.predicate
def is_published_plan(user, campaign):
    return campaign is not None and campaign.state != CampaignState.DRAFT


# A launched plan is readable by everyone who sees the campaign; a draft only by those who
# write it or oversee the issuer (the issuer's staff, officers and leaders above it).
rules.add_perm("reports.view_plan", is_published_plan | drafts_for_issuer | oversees_campaign | is_system_admin)

# The review report takes its number from the issuer's register: the issuer's head or emulation officer,
# who sign and send its documents (as they launch and amend its plans).
rules.add_perm("reports.issue_review", decides_for_issuer | is_system_admin)
