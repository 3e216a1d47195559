"""Who may read which official document. Visibility (scope) is the selectors' job; these decide roles."""

import rules

from campaigns.enums import CampaignState
from campaigns.rules import drafts_for_issuer, oversees_campaign
from units.rules import is_system_admin


@rules.predicate
def is_published_plan(user, campaign):
    return campaign is not None and campaign.state != CampaignState.DRAFT


# A launched plan is readable by everyone who sees the campaign; a draft only by those who
# write it or oversee the issuer (the issuer's staff, officers and leaders above it).
rules.add_perm("reports.view_plan", is_published_plan | drafts_for_issuer | oversees_campaign | is_system_admin)
