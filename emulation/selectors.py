"""Every read of registrations, pacts and exemplars, scoped to the user, with what lists prefetch.

A registration (or exemplar) is visible when its unit is within the user's scope, or when the
user belongs to the campaign's issuer (the unit that receives and reviews registrations).
A pact is visible when its cluster's organiser or one of its members is within the scope.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from campaigns.enums import ACTIVE_STATES, DeliverableKind, SubmissionStatus
from campaigns.models import Campaign, Deadline, DeadlineException, Milestone
from campaigns.rules import oversees_campaign
from campaigns.selectors import campaign_participants, compute_status, unit_takes_part, visible_campaigns
from common.dates import school_year_of
from emulation.enums import RegistrationState
from emulation.models import Exemplar, IndividualRegistration, Pact, PactTarget, UnitRegistration, WorkItem
from units.models import Cluster, Person, Unit, User
from units.selectors import unit_scope_q, visible_units

# --- Deadline --------------------------------------------------------------------------------


def registration_deadline(campaign: Campaign, *, school_year: int | None = None) -> Deadline | None:
    """The campaign's registration deadline: its milestone with deliverable "registration".

    With a school year, the registration deadline falling in that school year (a yearly
    milestone has one per year); else the first one.
    """
    deadlines = list(
        Deadline.objects.filter(
            milestone__campaign=campaign, milestone__deliverable=DeliverableKind.REGISTRATION
        ).order_by("due_on", "id")
    )
    if school_year is not None:
        in_year = [d for d in deadlines if school_year_of(d.due_on) == school_year]
        if in_year:
            return in_year[0]
    return deadlines[0] if deadlines else None


@dataclass(frozen=True)
class RegistrationWindow:
    """Whether a unit may still register: open before the deadline, or under an extension."""

    deadline: Deadline | None
    status: SubmissionStatus | None
    due_on: datetime.date | None

    @property
    def is_open(self) -> bool:
        return self.deadline is None or self.status in (SubmissionStatus.NOT_DUE, SubmissionStatus.EXTENDED)

    @property
    def is_extended(self) -> bool:
        return self.status == SubmissionStatus.EXTENDED


def registration_window(
    campaign: Campaign, unit: Unit, *, today: datetime.date | None = None, school_year: int | None = None
) -> RegistrationWindow:
    today = today or timezone.localdate()
    deadline = registration_deadline(campaign, school_year=school_year)
    if deadline is None:
        return RegistrationWindow(deadline=None, status=None, due_on=None)
    exception = DeadlineException.objects.filter(deadline=deadline, unit=unit).first()
    # An excused unit owes nothing, but it registers like everyone else: by the date.
    if exception is not None and exception.kind != "extended":
        exception = None
    status, due_on = compute_status(due_on=deadline.due_on, first_submitted_on=None, exception=exception, today=today)
    return RegistrationWindow(deadline=deadline, status=status, due_on=due_on)


# --- Registrations ---------------------------------------------------------------------------


def _registration_scope_q(user: User) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = unit_scope_q(user, prefix="unit__")
    if user.unit_id is not None:
        q |= Q(campaign__issuer_id=user.unit_id)
    return q & Q(campaign__in=visible_campaigns(user))


def visible_unit_registrations(user: User) -> QuerySet[UnitRegistration]:
    return UnitRegistration.objects.filter(_registration_scope_q(user))


def visible_individual_registrations(user: User) -> QuerySet[IndividualRegistration]:
    return IndividualRegistration.objects.filter(_registration_scope_q(user))


def unit_registration_get(user: User, pk: int) -> UnitRegistration:
    """Raises DoesNotExist outside the user's scope."""
    return visible_unit_registrations(user).select_related("campaign__issuer", "unit").get(pk=pk)


def individual_registration_get(user: User, pk: int) -> IndividualRegistration:
    return visible_individual_registrations(user).select_related("campaign__issuer", "unit", "person").get(pk=pk)


def registration_units(user: User, campaign: Campaign) -> QuerySet[Unit]:
    """The participating units whose registrations the user may see."""
    units = campaign_participants(campaign)
    if user.is_superuser or oversees_campaign(user, campaign):
        return units
    return units.filter(unit_scope_q(user))


def registration_unit_get(user: User, campaign: Campaign, unit_pk: int) -> Unit:
    """A participating unit the user may see; raises Unit.DoesNotExist otherwise."""
    return registration_units(user, campaign).get(pk=unit_pk)


def unit_registration_for(campaign: Campaign, unit: Unit) -> UnitRegistration | None:
    return (
        UnitRegistration.objects.filter(campaign=campaign, unit=unit)
        .select_related("decided_by", "created_by", "aimed_award")
        .prefetch_related("work_items__criterion")
        .first()
    )


def individual_registrations_for(campaign: Campaign, unit: Unit) -> QuerySet[IndividualRegistration]:
    return (
        IndividualRegistration.objects.filter(campaign=campaign, unit=unit)
        .select_related("person", "forward", "aimed_award")
        .order_by("-school_year", "person__name_sort", "pk")
    )


def registration_campaigns(user: User) -> QuerySet[Campaign]:
    return visible_campaigns(user).select_related("issuer").prefetch_related("participant_units")


def visible_work_items(user: User) -> QuerySet[WorkItem]:
    return WorkItem.objects.filter(registration__in=visible_unit_registrations(user)).select_related(
        "registration__unit"
    )


def target_criteria(campaign: Campaign) -> QuerySet:
    return campaign.criteria.order_by("order", "id")


@dataclass
class RegistrationRow:
    """One participating unit on the upper unit's overview."""

    unit: Unit
    registration: UnitRegistration | None
    individuals: dict[str, int] = field(default_factory=dict)
    status: SubmissionStatus | None = None

    @property
    def is_registered(self) -> bool:
        return self.registration is not None and self.registration.state != RegistrationState.DRAFT

    @property
    def individuals_forwarded(self) -> int:
        return sum(n for state, n in self.individuals.items() if state != RegistrationState.DRAFT)


def registration_overview(
    user: User,
    campaign: Campaign,
    *,
    only_missing: bool = False,
    page_number=None,
    per_page: int = 50,
    today: datetime.date | None = None,
) -> tuple[Page, int]:
    """One page of the participating units the user may see, registered or not, and how many of them
    all have not registered: a fixed number of queries, only the page's units read in full."""
    today = today or timezone.localdate()
    units_qs = registration_units(user, campaign)
    registered = _registered(campaign)
    missing_count = units_qs.filter(~registered).count()
    if only_missing:
        units_qs = units_qs.filter(~registered)
    page = Paginator(units_qs, per_page).get_page(page_number)
    page.object_list = _overview_rows(campaign, list(page.object_list), today)
    return page, missing_count


def registration_overview_rows(
    user: User, campaign: Campaign, *, only_missing: bool = False, today: datetime.date | None = None
) -> list[RegistrationRow]:
    """Every row of the overview (the export's): the same units and filter as the screen, unpaged."""
    units_qs = registration_units(user, campaign)
    if only_missing:
        units_qs = units_qs.filter(~_registered(campaign))
    return _overview_rows(campaign, list(units_qs), today or timezone.localdate())


def registration_export_count(user: User, campaign: Campaign, *, only_missing: bool = False) -> int:
    """The export's rows, counted (units, then the people they registered): two COUNTs."""
    units_qs = registration_units(user, campaign)
    if only_missing:
        units_qs = units_qs.filter(~_registered(campaign))
    people = IndividualRegistration.objects.filter(campaign=campaign, unit__in=units_qs.values("pk"))
    return units_qs.count() + people.count()


def _registered(campaign: Campaign) -> Exists:
    return Exists(
        UnitRegistration.objects.filter(campaign=campaign, unit=OuterRef("pk")).exclude(state=RegistrationState.DRAFT)
    )


def _overview_rows(campaign: Campaign, units: list[Unit], today: datetime.date) -> list[RegistrationRow]:
    """The overview's row for each of ``units``: a fixed number of queries whatever their number."""
    registrations = {
        r.unit_id: r
        for r in UnitRegistration.objects.filter(campaign=campaign, unit__in=units).annotate(
            item_count=Count("work_items")
        )
    }
    individuals: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        IndividualRegistration.objects.filter(campaign=campaign, unit__in=units)
        .values("unit_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    ):
        individuals[row["unit_id"]][row["state"]] = row["n"]
    deadline = registration_deadline(campaign)
    exceptions = (
        {e.unit_id: e for e in DeadlineException.objects.filter(deadline=deadline, unit__in=units)} if deadline else {}
    )
    rows = []
    for unit in units:
        registration = registrations.get(unit.pk)
        status = None
        if deadline is not None:
            submitted = registration.submitted_at if registration else None
            status, _due = compute_status(
                due_on=deadline.due_on,
                first_submitted_on=timezone.localdate(submitted) if submitted else None,
                exception=exceptions.get(unit.pk),
                today=today,
            )
        rows.append(
            RegistrationRow(unit=unit, registration=registration, individuals=individuals[unit.pk], status=status)
        )
    return rows


@dataclass
class IndexRow:
    campaign: Campaign
    takes_part: bool
    registration: UnitRegistration | None
    deadline: Deadline | None


def registration_index(user: User) -> list[IndexRow]:
    """Active campaigns the user sees, with their own unit's registration and the deadline."""
    if not user.is_authenticated:
        return []
    my_unit_id = user.unit_id or 0
    campaigns = (
        visible_campaigns(user)
        .filter(state__in=ACTIVE_STATES)
        .select_related("issuer")
        .prefetch_related(
            "participant_units",
            Prefetch(
                "unit_registrations",
                queryset=UnitRegistration.objects.filter(unit_id=my_unit_id),
                to_attr="own_registrations",
            ),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(deliverable=DeliverableKind.REGISTRATION).prefetch_related(
                    "deadlines"
                ),
                to_attr="registration_milestones",
            ),
        )
        .order_by("-starts_on", "-id")
    )
    rows = []
    for campaign in campaigns:
        deadlines = sorted(
            (d for m in campaign.registration_milestones for d in m.deadlines.all()), key=lambda d: d.due_on
        )
        rows.append(
            IndexRow(
                campaign=campaign,
                takes_part=user.unit is not None and unit_takes_part(campaign, user.unit),
                registration=campaign.own_registrations[0] if campaign.own_registrations else None,
                deadline=deadlines[0] if deadlines else None,
            )
        )
    return rows


# --- Pacts -----------------------------------------------------------------------------------


def _visible_clusters(user: User) -> QuerySet[Cluster]:
    scope = visible_units(user)
    return Cluster.objects.filter(Q(organiser__in=scope) | Q(members__in=scope)).values("pk")


def visible_pacts(user: User) -> QuerySet[Pact]:
    if not user.is_authenticated:
        return Pact.objects.none()
    return Pact.objects.filter(cluster__in=_visible_clusters(user))


def pact_list(user: User) -> QuerySet[Pact]:
    return (
        visible_pacts(user)
        .select_related("cluster__head_unit", "cluster__organiser", "campaign")
        .annotate(target_count=Count("targets"))
        .order_by("-signed_on", "-id")
    )


def pact_export_count(pact_id: int) -> int:
    """The export's rows: one per member (the ranking), one per target (two COUNTs; the pact is in scope)."""
    members = Unit.objects.filter(clusters__pacts__pk=pact_id).count()
    return members + PactTarget.objects.filter(pact_id=pact_id).count()


def pact_get(user: User, pk: int) -> Pact:
    return (
        visible_pacts(user)
        .select_related("cluster__head_unit", "cluster__organiser", "cluster__deputy_unit", "campaign")
        .prefetch_related(
            Prefetch("cluster__members", queryset=Unit.objects.order_by("name_sort")),
            Prefetch(
                "targets",
                queryset=PactTarget.objects.select_related("member").order_by("member__name_sort", "order", "id"),
            ),
        )
        .get(pk=pk)
    )


def visible_pact_targets(user: User) -> QuerySet[PactTarget]:
    return PactTarget.objects.filter(pact__in=visible_pacts(user)).select_related(
        "pact__cluster__head_unit", "pact__cluster__organiser", "member"
    )


def pact_clusters_led_by(user: User) -> QuerySet[Cluster]:
    """Clusters for which the user may set up pacts: staff of the head unit, officers/heads of the organiser."""
    if not user.is_authenticated:
        return Cluster.objects.none()
    if user.is_superuser:
        return Cluster.objects.select_related("organiser", "head_unit").order_by("-school_year", "name")
    if user.unit_id is None:
        return Cluster.objects.none()
    q = Q(pk__in=[])
    if user.is_clerk or user.is_unit_head or user.is_officer:
        q |= Q(head_unit_id=user.unit_id)
    if user.is_unit_head or user.is_officer:
        q |= Q(organiser_id=user.unit_id)
    return Cluster.objects.filter(q).select_related("organiser", "head_unit").order_by("-school_year", "name")


def review_pacts(user: User, campaign: Campaign) -> list[Pact]:
    """The pacts a campaign's sơ kết / tổng kết reports on, within the user's scope: the campaign's own
    and the yearly pacts of clusters organised within the issuer's subtree for the school years of the
    campaign's period; prefetched for ``pact_ranking`` (three queries whatever their number)."""
    years = range(school_year_of(campaign.starts_on), school_year_of(campaign.ends_on) + 1)
    own = Q(campaign=campaign)
    yearly = Q(
        campaign__isnull=True,
        cluster__organiser__path__startswith=campaign.issuer.path,
        cluster__school_year__in=list(years),
    )
    return list(
        visible_pacts(user)
        .filter(own | yearly)
        .select_related("cluster")
        .prefetch_related(
            Prefetch("cluster__members", queryset=Unit.objects.order_by("name_sort")),
            Prefetch("targets", queryset=PactTarget.objects.select_related("member").order_by("order", "id")),
        )
        .order_by("cluster__school_year", "cluster__name", "id")
    )


@dataclass
class RankingRow:
    unit: Unit
    self_total: Decimal
    cross_total: Decimal | None
    total: Decimal
    max_total: Decimal
    targets: int
    rank: int | None = None  # None: not yet cross-scored, listed apart from the ranking

    @property
    def is_ranked(self) -> bool:
        return self.rank is not None


def pact_ranking(pact: Pact) -> list[RankingRow]:
    """Members the head unit has cross-scored, ranked by their total (each target counting its
    cross-score, else its self-score); then, unranked (``rank`` None), the members not yet
    cross-scored, whose self-scores alone never place them above a scored member.

    Equal totals share a rank and are listed in Vietnamese name order. Uses the prefetched
    targets and members of ``pact_get``.
    """
    rows: dict[int, RankingRow] = {
        m.pk: RankingRow(
            unit=m, self_total=Decimal(0), cross_total=None, total=Decimal(0), max_total=Decimal(0), targets=0
        )
        for m in pact.cluster.members.all()
    }
    for target in pact.targets.all():
        row = rows.setdefault(
            target.member_id,
            RankingRow(
                unit=target.member,
                self_total=Decimal(0),
                cross_total=None,
                total=Decimal(0),
                max_total=Decimal(0),
                targets=0,
            ),
        )
        row.targets += 1
        row.max_total += target.max_score
        row.self_total += target.self_score or 0
        if target.cross_score is not None:
            row.cross_total = (row.cross_total or 0) + target.cross_score
            row.total += target.cross_score
        else:
            row.total += target.self_score or 0
    ordered = sorted(rows.values(), key=lambda r: (r.cross_total is None, -r.total, r.unit.name_sort))
    previous_total, previous_rank = None, 0
    for position, row in enumerate((r for r in ordered if r.cross_total is not None), start=1):
        row.rank = previous_rank if row.total == previous_total else position
        previous_total, previous_rank = row.total, row.rank
    return ordered


# --- Exemplars -------------------------------------------------------------------------------


def visible_exemplars(user: User) -> QuerySet[Exemplar]:
    return Exemplar.objects.filter(_registration_scope_q(user))


def exemplar_list(user: User, campaign: Campaign, *, year: int | None = None) -> QuerySet[Exemplar]:
    qs = visible_exemplars(user).filter(campaign=campaign)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("unit", "subject_unit", "person").order_by("-year", "unit__name_sort", "id")


def exemplar_get(user: User, pk: int) -> Exemplar:
    return (
        visible_exemplars(user)
        .select_related("campaign__issuer", "unit", "subject_unit", "person")
        .prefetch_related("step_records__recorded_by")
        .get(pk=pk)
    )


@dataclass
class ExemplarCount:
    unit: Unit
    count: int
    minimum: int

    @property
    def shortfall(self) -> int:
        return max(self.minimum - self.count, 0)


def exemplar_counts(user: User, campaign: Campaign, *, year: int) -> list[ExemplarCount]:
    """Per unit the user may see, this year's exemplars against the campaign's minimum.

    The issuer is held to ``min_exemplars_issuer``, every participating unit to
    ``min_exemplars_per_unit``. Shortfalls are flagged by the screen.
    """
    units_qs = registration_units(user, campaign)
    counts = dict(
        Exemplar.objects.filter(campaign=campaign, year=year)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("unit_id", "n")
    )
    rows = []
    if user.is_superuser or oversees_campaign(user, campaign):
        rows.append(
            ExemplarCount(
                unit=campaign.issuer, count=counts.get(campaign.issuer_id, 0), minimum=campaign.min_exemplars_issuer
            )
        )
    rows.extend(
        ExemplarCount(unit=unit, count=counts.get(unit.pk, 0), minimum=campaign.min_exemplars_per_unit)
        for unit in units_qs
    )
    return rows


def exemplar_form_choices(units: list[Unit]) -> tuple[QuerySet[Unit], QuerySet[Unit], QuerySet[Person]]:
    """For units that may record exemplars: those units, the collectives below them, their people."""
    below = Q(pk__in=[])
    for unit in units:
        below |= Q(path__startswith=unit.path)
    subject_units = Unit.objects.filter(below).order_by("depth", "name_sort")
    people = (
        Person.objects.filter(unit__in=Unit.objects.filter(below).values("pk"), is_active=True)
        .select_related("unit")
        .order_by("name_sort", "pk")
    )
    builders = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("depth", "name_sort")
    return builders, subject_units, people


def registrable_people(unit: Unit) -> QuerySet[Person]:
    """The unit's active people, who may register for a title."""
    return Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "pk")


# --- Exports ---------------------------------------------------------------------------------


def individual_registrations_of(campaign: Campaign, units: list[Unit]) -> QuerySet[IndividualRegistration]:
    """Every person registered for the campaign by the given units (the overview's rows: already
    scoped), in unit then Vietnamese name order, for the export."""
    return (
        IndividualRegistration.objects.filter(campaign=campaign, unit__in=[unit.pk for unit in units])
        .select_related("unit", "person", "aimed_award")
        .order_by("unit__name_sort", "person__name_sort", "-school_year", "pk")
    )


def exemplar_export_count(user: User, campaign: Campaign, *, year: int) -> int:
    """The export's rows: the year's exemplars, then the units counted (two COUNTs)."""
    return exemplar_list(user, campaign, year=year).order_by().count() + registration_units(user, campaign).count()


def exemplar_export(user: User, campaign: Campaign, *, year: int | None = None) -> QuerySet[Exemplar]:
    """The exemplar list with each exemplar's step records (their dates), in a fixed number of queries."""
    return exemplar_list(user, campaign, year=year).prefetch_related("step_records")
