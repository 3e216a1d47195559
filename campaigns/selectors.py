"""Every read of campaigns, scoped to the user's units, with the prefetching lists need.

A user sees a campaign when its issuer is within their scope (their unit, or its subtree
for officers, council members and leaders) or when their unit takes part in it; a draft only
when it is their own unit's (``visible_campaigns``).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone

from campaigns.enums import ACTIVE_STATES, CampaignState, ParticipantScope, SubmissionStatus
from campaigns.models import Campaign, Criterion, Deadline, DeadlineException, Milestone, Submission
from common.text import fold
from units.models import Unit, User
from units.selectors import inherited_units, unit_scope_q


def _ancestor_paths(unit: Unit) -> list[str]:
    steplen = Unit.steplen
    return [unit.path[:i] for i in range(steplen, len(unit.path) + 1, steplen)]


def visible_campaigns(user: User) -> QuerySet[Campaign]:
    """The plans a user may read: those issued within their scope (the issuer's own staff, and the
    officers, council members and leaders above it), and launched plans their unit takes part in.

    A unit that does not take part never sees a plan issued above it (a commune office does not see a
    schools-only plan), and a draft is seen only by the issuer's own accounts: until launch it is the
    issuer's working paper. Participation is decided in SQL the way ``campaign_participants`` decides
    it, so that every page, PDF and export of a plan answers 404 to a unit outside it.
    """
    if not user.is_authenticated:
        return Campaign.objects.none()
    if user.is_superuser:
        return Campaign.objects.all()
    if user.unit_id is None:
        return Campaign.objects.none()
    unit = user.unit
    own_units = Q(issuer_id=user.unit_id) | Q(issuer__in=inherited_units(user.unit_id))
    launched = ~Q(state=CampaignState.DRAFT)
    above = Q(issuer__path__in=_ancestor_paths(unit)) & ~Q(issuer_id=user.unit_id)
    if unit.active_to is not None:
        # A unit closed before the plan started does not take part in it.
        above &= Q(starts_on__lte=unit.active_to)
    listed = Campaign.participant_units.through.objects.filter(
        Q(unit_id=user.unit_id) | Q(unit__in=inherited_units(user.unit_id))
    ).values("campaign_id")
    takes_part_q = (
        (above & Q(participant_scope=ParticipantScope.SUBTREE))
        # The kinds are a JSON list of codes; a quoted code never matches inside another one.
        | (above & Q(participant_scope=ParticipantScope.KINDS, participant_kinds__icontains=f'"{unit.kind}"'))
        | Q(participant_scope=ParticipantScope.LIST, pk__in=listed)
    )
    return Campaign.objects.filter(own_units | (launched & (unit_scope_q(user, prefix="issuer__") | takes_part_q)))


def campaign_list(user: User, *, query: str = "", state: str = "", issuer: Unit | None = None) -> QuerySet[Campaign]:
    qs = visible_campaigns(user).select_related("issuer", "parent")
    if query:
        qs = qs.filter(Q(title_search__contains=fold(query)) | Q(symbol__icontains=query.strip()))
    if state:
        qs = qs.filter(state=state)
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    return qs.annotate(milestone_count=Count("milestones", distinct=True)).order_by("-starts_on", "-id")


def campaign_get(user: User, pk: int, *, prefetch: tuple = ()) -> Campaign:
    """One visible campaign; ``prefetch`` adds what the caller shows (``campaigns.parts.PLAN_PAGE_PREFETCH``)."""
    return (
        visible_campaigns(user)
        .select_related("issuer", "parent", "created_by")
        .prefetch_related(*prefetch, "amendments__decided_by", "participant_units")
        .get(pk=pk)
    )


def linkable_campaigns(user: User, campaign: Campaign) -> QuerySet[Campaign]:
    """The plans an upper document of ``campaign`` may link to: those the user sees, but itself."""
    return visible_campaigns(user).exclude(pk=campaign.pk).select_related("issuer").order_by("title")


def deliverable_recipients(campaign: Campaign) -> QuerySet[Unit]:
    """Who deliverables may go to: the issuer, the units above it, the units directly below."""
    issuer = campaign.issuer
    return Unit.objects.filter(
        Q(path__in=_ancestor_paths(issuer)) | Q(path__startswith=issuer.path, depth=issuer.depth + 1)
    ).order_by("depth", "name_sort")


def campaign_participants(campaign: Campaign) -> QuerySet[Unit]:
    """Units taking part (the issuer itself excluded)."""
    if campaign.participant_scope == ParticipantScope.LIST:
        return campaign.participant_units.all().order_by("name_sort")
    qs = Unit.objects.filter(path__startswith=campaign.issuer.path).exclude(pk=campaign.issuer_id)
    if campaign.participant_scope == ParticipantScope.KINDS:
        qs = qs.filter(kind__in=campaign.participant_kinds or [])
    return qs.filter(Q(active_to__isnull=True) | Q(active_to__gte=campaign.starts_on)).order_by("name_sort")


def takes_part(campaign: Campaign, unit: Unit) -> bool:
    return campaign_participants(campaign).filter(pk=unit.pk).exists()


def milestone_owing_units(milestone: Milestone, participants: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """The units that owe a milestone: the participants (of the kinds it names), or for the issuer's
    own duty the issuer alone."""
    if milestone.owed_by_issuer:
        return Unit.objects.filter(pk=milestone.campaign.issuer_id)
    qs = participants if participants is not None else campaign_participants(milestone.campaign)
    if milestone.owed_by_kinds:
        qs = qs.filter(kind__in=milestone.owed_by_kinds)
    return qs


def implementations_by_unit(campaign: Campaign) -> dict[int, Campaign]:
    """Which units below have issued their own plan for this campaign (cascade)."""
    return {c.issuer_id: c for c in campaign.implementations.select_related("issuer")}


@dataclass(frozen=True)
class UnitDeadlineStatus:
    """Where one unit stands on one deadline."""

    unit: Unit
    deadline: Deadline
    status: SubmissionStatus
    due_on: datetime.date
    latest: Submission | None
    exception: DeadlineException | None


def compute_status(
    *,
    due_on: datetime.date,
    first_submitted_on: datetime.date | None,
    exception: DeadlineException | None,
    today: datetime.date,
) -> tuple[SubmissionStatus, datetime.date]:
    """The status rule, kept pure so that reminders and screens agree.

    Submitted on or before the (possibly extended) due date: on time; after it: late.
    Excused: excused. Not submitted: extended while an extension runs, not yet due before
    the deadline, missing after it.
    """
    effective_due = exception.new_due_on if exception and exception.kind == "extended" else due_on
    if first_submitted_on is not None:
        status = SubmissionStatus.ON_TIME if first_submitted_on <= effective_due else SubmissionStatus.LATE
        return status, effective_due
    if exception and exception.kind == "excused":
        return SubmissionStatus.EXCUSED, effective_due
    if today <= effective_due:
        if exception and exception.kind == "extended":
            return SubmissionStatus.EXTENDED, effective_due
        return SubmissionStatus.NOT_DUE, effective_due
    return SubmissionStatus.MISSING, effective_due


def deadline_statuses(
    deadline: Deadline, units: list[Unit] | QuerySet[Unit], *, today: datetime.date | None = None
) -> list[UnitDeadlineStatus]:
    """Status of every given unit that owes the deadline, in a fixed number of queries: a unit created
    or joining after the due date (``active_from``) does not owe it and is left out."""
    today = today or timezone.localdate()
    units = [unit for unit in units if existed_by(unit, deadline.due_on)]
    unit_ids = [u.pk for u in units]
    first: dict[int, datetime.datetime] = {}
    latest: dict[int, Submission] = {}
    for submission in Submission.objects.filter(deadline=deadline, unit_id__in=unit_ids).order_by("version"):
        first.setdefault(submission.unit_id, submission.submitted_at)
        latest[submission.unit_id] = submission
    exceptions = {e.unit_id: e for e in DeadlineException.objects.filter(deadline=deadline, unit_id__in=unit_ids)}
    result = []
    for unit in units:
        submitted = first.get(unit.pk)
        status, effective_due = compute_status(
            due_on=deadline.due_on,
            first_submitted_on=timezone.localdate(submitted) if submitted else None,
            exception=exceptions.get(unit.pk),
            today=today,
        )
        result.append(
            UnitDeadlineStatus(
                unit=unit,
                deadline=deadline,
                status=status,
                due_on=effective_due,
                latest=latest.get(unit.pk),
                exception=exceptions.get(unit.pk),
            )
        )
    return result


def status_counts(statuses: list[UnitDeadlineStatus]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in statuses:
        counts[item.status] += 1
    return {status: counts.get(status, 0) for status in SubmissionStatus}


# --- The status rule in SQL ---------------------------------------------------------------------
#
# ``compute_status`` stays the reference; ``with_deadline_status`` is the same rule as one SQL
# expression, so that a page over a province's thousand units counts and sorts statuses in the
# database instead of building a Python object per unit (issues 11 and 14). The property test
# ``campaigns/tests/test_status_sql.py`` holds the two together on SQLite and PostgreSQL.

STATUS_ORDER = {
    # Those that need someone's attention first (status pages list them first).
    SubmissionStatus.MISSING: 0,
    SubmissionStatus.LATE: 1,
    SubmissionStatus.EXTENDED: 2,
    SubmissionStatus.NOT_DUE: 3,
    SubmissionStatus.EXCUSED: 4,
    SubmissionStatus.ON_TIME: 5,
}


def owing_units_by(units: QuerySet[Unit], day: datetime.date) -> QuerySet[Unit]:
    """``existed_by`` in SQL: the units there on ``day`` (a unit created after a deadline does not owe it)."""
    return units.filter(Q(active_from__isnull=True) | Q(active_from__lte=day))


def _status_case(today: datetime.date, due_on: datetime.date, out: dict, output_field) -> Case:
    """``compute_status`` as a Case over the annotations ``first_submitted_on``, ``effective_due`` and
    the joined ``deadline_exception``, answering ``out[status]`` (the status itself or its rank)."""
    extended = Q(deadline_exception__kind="extended")

    def value(status):
        return Value(out[status])

    unsent = Case(
        When(deadline_exception__kind="excused", then=value(SubmissionStatus.EXCUSED)),
        When(extended & Q(effective_due__gte=today), then=value(SubmissionStatus.EXTENDED)),
        When(extended, then=value(SubmissionStatus.MISSING)),
        default=value(SubmissionStatus.NOT_DUE if today <= due_on else SubmissionStatus.MISSING),
        output_field=output_field,
    )
    return Case(
        When(first_submitted_on__isnull=True, then=unsent),
        When(first_submitted_on__lte=F("effective_due"), then=value(SubmissionStatus.ON_TIME)),
        default=value(SubmissionStatus.LATE),
        output_field=output_field,
    )


def with_deadline_status(
    deadline: Deadline, units: QuerySet[Unit], *, today: datetime.date | None = None
) -> QuerySet[Unit]:
    """The units of ``units`` that owe ``deadline`` (``existed_by`` its due date), each annotated with
    ``deadline_status`` (a ``SubmissionStatus`` value), ``status_rank`` (``STATUS_ORDER``: missing and
    late first), ``effective_due`` (the date the rule measured against) and ``first_submitted_on`` (the
    local day of the first version, or None): ``compute_status``'s rule in one query.

    The first version's day is its ``submitted_at`` read in the portal's time zone (a report sent at
    23:30 on the due day in Hà Nội is on time, whatever UTC says), on SQLite and PostgreSQL alike. The
    unit's exception is a join (one per deadline and unit), the first version a subquery.
    """
    today = today or timezone.localdate()
    due_on = deadline.due_on
    first_day = Subquery(
        Submission.objects.filter(deadline_id=deadline.pk, unit_id=OuterRef("pk"))
        .order_by("version")
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values("day")[:1],
        output_field=DateField(),
    )
    return (
        owing_units_by(units, due_on)
        .alias(
            deadline_exception=FilteredRelation(
                "deadline_exceptions", condition=Q(deadline_exceptions__deadline_id=deadline.pk)
            )
        )
        .annotate(
            first_submitted_on=first_day,
            effective_due=Case(
                When(deadline_exception__kind="extended", then=F("deadline_exception__new_due_on")),
                default=Value(due_on),
                output_field=DateField(),
            ),
        )
        .annotate(
            deadline_status=_status_case(today, due_on, {s: s.value for s in SubmissionStatus}, CharField()),
            status_rank=_status_case(today, due_on, STATUS_ORDER, IntegerField()),
        )
    )


def deadline_status_counts(
    deadline: Deadline,
    units: QuerySet[Unit],
    *,
    today: datetime.date | None = None,
    group_length: int | None = None,
) -> dict:
    """How many of ``units`` stand at each status on ``deadline``, in one grouped query.

    Without ``group_length``: ``{status: count}`` over every ``SubmissionStatus``. With it: the same
    per path prefix of that length (``Substr(path, 1, n)``: the row unit directly below a root holds
    every unit whose path starts with its own), ``{prefix: {status: count}}`` for the prefixes found.
    """
    qs = with_deadline_status(deadline, units.order_by(), today=today)
    if group_length is None:
        found = dict(qs.values_list("deadline_status").annotate(n=Count("id")).order_by())
        return {status: found.get(status, 0) for status in SubmissionStatus}
    grouped: dict[str, dict[str, int]] = {}
    rows = qs.annotate(prefix=Substr("path", 1, group_length)).values_list("prefix", "deadline_status")
    for prefix, status, n in rows.annotate(n=Count("id")).order_by():
        grouped.setdefault(prefix, dict.fromkeys(SubmissionStatus, 0))[status] += n
    return grouped


# --- A deadline's status page: counts, groups and one page of rows, in a fixed few queries ---------

STATUS_PAGE_SIZE = 50


@dataclass(frozen=True)
class StatusGroup:
    """The units owing a deadline below one unit directly under the page's root (a Phòng, a commune),
    or the root itself when it owes the deadline."""

    unit: Unit
    counts: dict[str, int]

    @property
    def owing(self) -> int:
        return sum(self.counts.values())

    @property
    def late_or_missing(self) -> int:
        return self.counts[SubmissionStatus.LATE] + self.counts[SubmissionStatus.MISSING]


def deadline_status_groups(
    deadline: Deadline, units: QuerySet[Unit], *, root: Unit, today: datetime.date | None = None
) -> list[StatusGroup]:
    """``units``' statuses counted per unit directly below ``root`` (two queries): those with units
    late or missing first, then by name."""
    grouped = deadline_status_counts(deadline, units, today=today, group_length=(root.depth + 1) * Unit.steplen)
    heads = {unit.path: unit for unit in Unit.objects.filter(path__in=list(grouped))}
    groups = [StatusGroup(heads[path], counts) for path, counts in grouped.items() if path in heads]
    return sorted(groups, key=lambda g: (g.unit.pk != root.pk, -g.late_or_missing, g.unit.name_sort))


def status_group_candidates(campaign: Campaign) -> QuerySet[Unit]:
    """The units a campaign's status page may be narrowed to (``?nhom=``): the issuer and its subtree."""
    return Unit.objects.filter(path__startswith=campaign.issuer.path)


def deadline_status_rows(
    deadline: Deadline, units: QuerySet[Unit], *, today: datetime.date | None = None
) -> QuerySet[Unit]:
    """The units owing the deadline annotated with their status, missing and late ones first."""
    return with_deadline_status(deadline, units.order_by(), today=today).order_by("status_rank", "name_sort", "pk")


def status_rows_for(deadline: Deadline, units: list[Unit]) -> list[UnitDeadlineStatus]:
    """``UnitDeadlineStatus`` for units annotated by ``with_deadline_status`` (one page of them), with
    each unit's latest version and exception: two queries whatever the page holds."""
    ids = [unit.pk for unit in units]
    latest = {
        s.unit_id: s
        for s in Submission.objects.filter(deadline=deadline, unit_id__in=ids).order_by("unit_id", "version")
    }
    exceptions = {e.unit_id: e for e in DeadlineException.objects.filter(deadline=deadline, unit_id__in=ids)}
    return [
        UnitDeadlineStatus(
            unit=unit,
            deadline=deadline,
            status=SubmissionStatus(unit.deadline_status),
            due_on=unit.effective_due,
            latest=latest.get(unit.pk),
            exception=exceptions.get(unit.pk),
        )
        for unit in units
    ]


def unit_takes_part(campaign: Campaign, unit: Unit) -> bool:
    """Participation decided in Python on a campaign whose participant_units are prefetched."""
    if not unit.path.startswith(campaign.issuer.path) or unit.pk == campaign.issuer_id:
        return False
    if campaign.participant_scope == ParticipantScope.KINDS:
        return unit.kind in (campaign.participant_kinds or [])
    if campaign.participant_scope == ParticipantScope.LIST:
        return any(u.pk == unit.pk for u in campaign.participant_units.all())
    return True


def existed_by(unit: Unit, day: datetime.date) -> bool:
    """Whether the unit was there (created, merged or joined) on that day: one created after a deadline
    does not owe it."""
    return unit.active_from is None or unit.active_from <= day


def unit_owes(milestone: Milestone, unit: Unit) -> bool:
    if milestone.owed_by_issuer:
        return unit is not None and unit.pk == milestone.campaign.issuer_id
    return unit_takes_part(milestone.campaign, unit) and (
        not milestone.owed_by_kinds or unit.kind in milestone.owed_by_kinds
    )


def deadlines_owed_by(unit: Unit, *, start: datetime.date, end: datetime.date) -> list[Deadline]:
    """Deadlines of active campaigns above ``unit`` that it owes between two dates (calendar, .ics)."""
    candidates = (
        Deadline.objects.filter(
            due_on__range=(start, end),
            milestone__campaign__state__in=ACTIVE_STATES,
            milestone__campaign__issuer__path__in=_ancestor_paths(unit),  # its own plans: its own duties
        )
        .select_related("milestone__campaign__issuer", "milestone__recipient")
        .prefetch_related("milestone__campaign__participant_units")
        .order_by("due_on", "id")
    )
    return [
        deadline for deadline in candidates if existed_by(unit, deadline.due_on) and unit_owes(deadline.milestone, unit)
    ]


def submissions_for(deadline: Deadline, unit: Unit) -> QuerySet[Submission]:
    return Submission.objects.filter(deadline=deadline, unit=unit).select_related("submitted_by").order_by("-version")


# --- Campaign screens -------------------------------------------------------------------------


def criteria_tree(campaign: Campaign) -> list[tuple[Criterion, int]]:
    """The criteria in plan order with their depth ("2", "2.1", "2.1.1"), from the prefetched list."""
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for criterion in campaign.criteria.all():
        children[criterion.parent_id].append(criterion)
    result: list[tuple[Criterion, int]] = []

    def walk(parent_id, depth):
        for criterion in children.get(parent_id, []):
            result.append((criterion, depth))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return result


def units_below_with_plans(campaign: Campaign) -> tuple[list[tuple[Unit, Campaign | None]], list[Campaign]]:
    """Participating units directly below the issuer, each with its implementing plan (or None),
    and the implementing plans of units further down."""
    implementations = implementations_by_unit(campaign)
    units = campaign_participants(campaign).filter(depth=campaign.issuer.depth + 1)
    return [(unit, implementations.pop(unit.pk, None)) for unit in units], list(implementations.values())


def visible_campaign_ids(user: User, ids) -> set[int]:
    ids = [pk for pk in ids if pk]
    if not ids:
        return set()
    return set(visible_campaigns(user).filter(pk__in=ids).values_list("pk", flat=True))


def visible_deadlines(user: User) -> QuerySet[Deadline]:
    return Deadline.objects.filter(milestone__campaign__in=visible_campaigns(user)).select_related(
        "milestone__campaign__issuer", "milestone__phase", "milestone__recipient"
    )


def deadline_get(user: User, pk: int) -> Deadline:
    """Raises Deadline.DoesNotExist when the user cannot see its campaign."""
    return visible_deadlines(user).get(pk=pk)


def visible_submissions(user: User) -> QuerySet[Submission]:
    """Submissions of the units in the user's scope, and those sent to campaigns issued in it."""
    if not user.is_authenticated:
        return Submission.objects.none()
    if user.is_superuser:
        return Submission.objects.all()
    return Submission.objects.filter(
        unit_scope_q(user, prefix="unit__") | unit_scope_q(user, prefix="deadline__milestone__campaign__issuer__")
    )


def statuses_for_unit(
    unit: Unit, deadlines: list[Deadline], *, today: datetime.date | None = None
) -> dict[int, UnitDeadlineStatus]:
    """One unit's status on many deadlines, in two queries (calendar, .ics)."""
    today = today or timezone.localdate()
    ids = [d.pk for d in deadlines]
    first: dict[int, datetime.datetime] = {}
    latest: dict[int, Submission] = {}
    for submission in Submission.objects.filter(unit=unit, deadline_id__in=ids).order_by("deadline_id", "version"):
        first.setdefault(submission.deadline_id, submission.submitted_at)
        latest[submission.deadline_id] = submission
    exceptions = {e.deadline_id: e for e in DeadlineException.objects.filter(unit=unit, deadline_id__in=ids)}
    result = {}
    for deadline in deadlines:
        submitted = first.get(deadline.pk)
        status, effective_due = compute_status(
            due_on=deadline.due_on,
            first_submitted_on=timezone.localdate(submitted) if submitted else None,
            exception=exceptions.get(deadline.pk),
            today=today,
        )
        result[deadline.pk] = UnitDeadlineStatus(
            unit=unit,
            deadline=deadline,
            status=status,
            due_on=effective_due,
            latest=latest.get(deadline.pk),
            exception=exceptions.get(deadline.pk),
        )
    return result


def participant_candidates(campaign: Campaign) -> QuerySet[Unit]:
    """Every unit below the issuer, in tree order: those a plan may name as its participants."""
    return Unit.objects.filter(path__startswith=campaign.issuer.path).exclude(pk=campaign.issuer_id).order_by("path")
