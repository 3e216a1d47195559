"""The campaign events people hear of; registered into ``units.notifications`` from ``ready``.

Participants are the clerks, heads and officers of the units taking part; the issuer's side is
its emulation officers. Titles are English msgids translated to Vietnamese.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from units.enums import AccountRole
from units.notifications import register
from units.selectors import accounts_with_roles

UNIT_KEEPERS = [AccountRole.CLERK, AccountRole.HEAD]
OFFICERS = [AccountRole.OFFICER]


def _participants_accounts(campaign):
    """Clerks and heads of every participating unit, and the officers of those that run their own
    units below (a Phòng implements the Sở's plan)."""
    from campaigns.selectors import campaign_participants

    return accounts_with_roles(campaign_participants(campaign), roles=[*UNIT_KEEPERS, *OFFICERS])


def _campaign_url(campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.pk])


def _exception_title(exception) -> str:
    deadline = exception.deadline
    values = {"title": deadline.milestone.title, "campaign": deadline.milestone.campaign.title}
    if exception.new_due_on:
        from common.dates import short_date

        values["date"] = short_date(exception.new_due_on)
        return _("Deadline extended to %(date)s: %(title)s (%(campaign)s)") % values
    return _("Excused from: %(title)s (%(campaign)s)") % values


def register_events() -> None:
    register(
        "campaign.launched",
        label=_("A campaign was launched"),
        recipients=_participants_accounts,
        title=lambda campaign: _("New campaign: %(title)s") % {"title": campaign.title},
        url=_campaign_url,
        body=lambda campaign: campaign.summary,
    )
    register(
        "campaign.amended",
        label=_("A launched campaign was amended"),
        recipients=_participants_accounts,
        title=lambda campaign: _("The campaign was amended: %(title)s") % {"title": campaign.title},
        url=_campaign_url,
    )
    for code, label in (
        ("deadline.extended", _("A deadline was extended for a unit")),
        ("deadline.excused", _("A unit was excused from a deadline")),
    ):
        register(
            code,
            label=label,
            recipients=lambda exception: accounts_with_roles([exception.unit], roles=UNIT_KEEPERS),
            title=_exception_title,
            url=lambda exception: reverse("campaigns:submit", args=[exception.deadline_id]),
            body=lambda exception: exception.reason,
        )
    register(
        "submission.received",
        label=_("A deliverable was received"),
        recipients=lambda submission: accounts_with_roles(
            [submission.deadline.milestone.recipient or submission.deadline.milestone.campaign.issuer], roles=OFFICERS
        ),
        title=lambda submission: (
            _("%(unit)s submitted: %(title)s")
            % {"unit": submission.unit.name, "title": submission.deadline.milestone.title}
        ),
        url=lambda submission: reverse("campaigns:deadline-status", args=[submission.deadline_id]),
    )
