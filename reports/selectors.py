"""Reads of the records that documents are printed from, scoped to the user."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from awards.models import AwardRecord
from campaigns.enums import ACTIVE_STATES, CampaignState, SubmissionStatus
from campaigns.models import Campaign, Deadline
from campaigns.selectors import deadline_statuses, milestone_owing_units, status_counts, visible_campaigns
from common.dates import school_year_of
from units.models import Person, Unit, User
from units.selectors import unit_scope_q


def plan_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns whose plan the user may look for; ``reports.documents.plan_context`` prefetches the rest."""
    return visible_campaigns(user).select_related("issuer")


# --- The dashboard: what a leader watches over their unit's tree ----------------------------------

DASHBOARD_DEADLINES = 8
DASHBOARD_WINDOW_DAYS = 30


@dataclass(frozen=True)
class DeadlineWatch:
    """One deadline near today with where the units of the viewer's scope stand on it."""

    deadline: Deadline
    counts: dict[str, int]
    owing: int
    # Where its "details" link leads: the per-unit status for those who oversee the campaign, the
    # submission page for the clerk or head of a unit that owes it, none otherwise (never a link
    # answering 403: a Phòng officer whose Phòng owes the deadline does not submit it).
    can_view_status: bool = False
    can_submit: bool = False

    @property
    def late_or_missing(self) -> int:
        return self.counts[SubmissionStatus.LATE] + self.counts[SubmissionStatus.MISSING]


@dataclass(frozen=True)
class Dashboard:
    awards_school_year: int  # the last school year that has ended: its awards are decided
    unit_count: int
    people_count: int
    campaigns_by_state: list[tuple[CampaignState, int]]
    deadlines: list[DeadlineWatch]
    awards: list[dict]


def _scope_units(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user)).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=timezone.localdate())
    )


def dashboard(user: User, *, today: datetime.date | None = None) -> Dashboard:
    """Figures over the user's scope, in a number of queries that does not grow with its units
    (each of the at most ``DASHBOARD_DEADLINES`` deadlines costs a fixed few)."""
    today = today or timezone.localdate()
    awards_school_year = school_year_of(today) - 1
    units = _scope_units(user)
    unit_count = units.count()
    people_count = Person.objects.filter(unit_scope_q(user, prefix="unit__"), is_active=True).count()

    # Campaigns issued inside the scope, and those above it that the scope takes part in.
    campaigns = visible_campaigns(user)
    by_state = dict(campaigns.values_list("state").annotate(n=Count("id")).order_by())
    campaigns_by_state = [(state, by_state.get(state, 0)) for state in CampaignState]

    window = (
        today - datetime.timedelta(days=DASHBOARD_WINDOW_DAYS),
        today + datetime.timedelta(days=DASHBOARD_WINDOW_DAYS),
    )
    nearby = (
        Deadline.objects.filter(milestone__campaign__in=campaigns.filter(state__in=ACTIVE_STATES), due_on__range=window)
        .select_related("milestone__campaign__issuer", "milestone__recipient")
        .prefetch_related("milestone__campaign__participant_units")
        .order_by("due_on", "id")[:DASHBOARD_DEADLINES]
    )
    watches = []
    for deadline in nearby:
        owing = milestone_owing_units(deadline.milestone).filter(unit_scope_q(user))
        statuses = deadline_statuses(deadline, owing, today=today)
        watches.append(
            DeadlineWatch(
                deadline=deadline,
                counts=status_counts(statuses),
                owing=len(statuses),
                can_view_status=user.has_perm("campaigns.view_status", deadline.milestone.campaign),
                can_submit=any(s.unit.pk == user.unit_id for s in statuses)
                and user.has_perm("campaigns.submit_for_unit", user.unit),
            )
        )

    awards = list(
        AwardRecord.objects.filter(unit_scope_q(user, prefix="unit__"), school_year=awards_school_year)
        .values("award__name")
        .annotate(count=Count("id"))
        .order_by("-count", "award__name")[:10]
    )
    return Dashboard(
        awards_school_year=awards_school_year,
        unit_count=unit_count,
        people_count=people_count,
        campaigns_by_state=campaigns_by_state,
        deadlines=watches,
        awards=awards,
    )
