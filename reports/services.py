"""Every write of the reports app: the number of a campaign's review report."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from reports.documents import REVIEW_KINDS, review_symbol
from reports.enums import ReviewKind
from reports.models import ReviewIssue
from units.models import User
from units.services import log_action, register_take


@transaction.atomic
def review_issue(
    *, campaign: Campaign, kind: str, actor: User | None, today: datetime.date | None = None
) -> ReviewIssue:
    """Issue the campaign's sơ kết / tổng kết report: take its number from the issuer's register
    ("12/BC-SGDĐT") and date it today. Issuing it again returns the report already issued: one number
    per report, whatever the reprints."""
    if kind not in ReviewKind.values:
        raise ValidationError(_("This kind of report does not exist."))
    # The campaign's row serialises two officers pressing the button at once.
    campaign = Campaign.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=campaign.pk)
    existing = ReviewIssue.objects.filter(campaign=campaign, kind=kind).select_related("entry").first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    entry = register_take(
        unit=campaign.issuer,
        symbol=review_symbol(campaign),
        actor=actor,
        summary=f"Báo cáo {REVIEW_KINDS[kind]} thực hiện {campaign.summary or campaign.title}",
        year=today.year,
    )
    issue = ReviewIssue(
        campaign=campaign,
        kind=kind,
        entry=entry,
        issued_on=today,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
    )
    issue.full_clean()
    issue.save()
    log_action(issue, "reports.review_issued", actor=actor, unit=campaign.issuer, data={"number": entry.number_symbol})
    return issue
