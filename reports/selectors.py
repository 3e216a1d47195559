"""Reads of the records that documents are printed from, scoped to the user."""

from django.db.models import QuerySet

from campaigns.models import Campaign
from campaigns.selectors import visible_campaigns
from units.models import User


def plan_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns whose plan the user may look for; ``reports.documents.plan_context`` prefetches the rest."""
    return visible_campaigns(user).select_related("issuer")
