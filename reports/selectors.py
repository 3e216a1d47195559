"""Reads of the records that documents are printed from, scoped to the user."""

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from awards.models import AwardRecord
from campaigns.enums import ACTIVE_STATES, CampaignState, SubmissionStatus
from campaigns.models import Campaign, Criterion, Deadline, Submission
from campaigns.selectors import (
    campaign_participants,
    deadline_status_counts,
    deadline_statuses,
    existed_by,
    milestone_owing_units,
    unit_owes,
    visible_campaigns,
    with_deadline_status,
)
from common.dates import school_year_of
from common.text import fold
from dossiers.enums import DossierState
from dossiers.models import AwardRound, Dossier, RoundAward
from dossiers.selectors import round_nominees, running_clocks
from emulation.enums import ExemplarStep, RegistrationState
from emulation.models import Exemplar, IndividualRegistration, Pact, UnitRegistration
from emulation.selectors import RankingRow, pact_ranking, review_pacts
from reports.models import ReviewIssue
from units import selectors as units_selectors
from units.enums import Gender, PersonRole
from units.models import Person, Unit, User
from units.selectors import unit_scope_q


def plan_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns whose plan the user may look for; ``reports.documents.plan_context`` prefetches the rest."""
    return visible_campaigns(user).select_related("issuer")


# --- The dashboard: what a leader watches over their unit's tree ----------------------------------

DASHBOARD_DEADLINES = 8
# What the status rule and the per-row sums read of a unit: loading whole rows for every unit of a
# province's deadlines costs more than the queries themselves.
STATUS_FIELDS = ("id", "path", "depth", "active_from", "name", "short_name", "name_sort")
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
    own_unit_owes: bool = False  # the viewer's own unit owes it (the same for every account of the unit)

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


# The dashboard's figures are kept a minute per scope (the viewer's unit and whether they see its
# subtree), filters and day: a leader reloading the page, or the to-do home and the dashboard opened
# one after the other, cost one computation. A figure a minute old is acceptable here: these pages
# show trends over a thousand units and weeks of deadlines, nobody acts on one unit from them, and
# the pages a clerk or officer acts on (a deadline's status page, the submission page) are never
# cached. ``REPORTS_CACHE_SECONDS = 0`` (the test settings) turns it off.


def _cache_seconds() -> int:
    return getattr(settings, "REPORTS_CACHE_SECONDS", 60)


def _scope_key(user: User) -> str:
    """What the figures depend on of the viewer: their unit, and whether they see its subtree or all."""
    return f"{user.unit_id}:{int(bool(user.sees_subtree))}:{int(user.is_superuser)}"


def _cached(parts: tuple, compute):
    seconds = _cache_seconds()
    if not seconds:
        return compute()
    key = "reports:" + ":".join(str(p) for p in parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _scope_units(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user)).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=timezone.localdate())
    )


def dashboard(user: User, *, today: datetime.date | None = None) -> Dashboard:
    """Figures over the user's scope, in a number of queries that does not grow with its units (each
    of the at most ``DASHBOARD_DEADLINES`` deadlines is one grouped query), kept a minute per scope
    (``_cached``); the links each deadline offers are the viewer's own, decided on every call."""
    today = today or timezone.localdate()
    data = _cached(("dashboard", _scope_key(user), today), lambda: _dashboard(user, today))
    submits = user.unit is not None and user.has_perm("campaigns.submit_for_unit", user.unit)
    watches = [
        replace(
            watch,
            can_view_status=user.has_perm("campaigns.view_status", watch.deadline.milestone.campaign),
            can_submit=watch.own_unit_owes and submits,
        )
        for watch in data.deadlines
    ]
    return replace(data, deadlines=watches)


def _dashboard(user: User, today: datetime.date) -> Dashboard:
    awards_school_year = school_year_of(today) - 1
    units = _scope_units(user)
    unit_count = units.count()
    # The scope as plain path prefixes (mergers read first): a subquery the database joins once, where
    # the EXISTS over the merger events, or a list of a thousand ids, cost more on every query.
    scope_q = unit_scope_q(user)
    in_scope = Unit.objects.filter(scope_q).values("id")
    people_count = Person.objects.filter(unit_id__in=in_scope, is_active=True).count()

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
    own = user.unit
    watches = []
    for deadline in nearby:
        owing = milestone_owing_units(deadline.milestone).filter(scope_q)
        counts = deadline_status_counts(deadline, owing, today=today)
        campaign = deadline.milestone.campaign
        watches.append(
            DeadlineWatch(
                deadline=deadline,
                counts=counts,
                owing=sum(counts.values()),
                # ``milestone_owing_units`` for the viewer's own unit, read from the prefetched plan.
                own_unit_owes=own is not None
                and unit_owes(deadline.milestone, own)
                and existed_by(own, deadline.due_on)
                and (own.active_to is None or own.active_to >= campaign.starts_on),
            )
        )

    awards = list(
        AwardRecord.objects.filter(unit_id__in=in_scope, school_year=awards_school_year)
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


# --- The leader dashboard: charts over a subtree, with drill-down ---------------------------------

HEATMAP_DEADLINES = 8  # the most recent deadlines already due, newest first
COVERAGE_CAMPAIGNS = 5
AWARD_YEARS = 5
CLOCK_SHORT_DAYS = 2  # working days left on a legal clock before the board counts it as running out
HEAT_STATUSES = (SubmissionStatus.ON_TIME, SubmissionStatus.LATE, SubmissionStatus.MISSING, SubmissionStatus.EXCUSED)


@dataclass
class HeatCell:
    """Where one row unit's subtree stands on one deadline. Its figures are worked out once: the
    dashboard's template and charts read them many times over a province's rows."""

    counts: dict[str, int]

    @cached_property
    def owing(self) -> int:
        return sum(self.counts[s] for s in HEAT_STATUSES)

    @cached_property
    def on_time_share(self) -> int | None:
        """Per cent submitted on time among those owing (excused units left out); None when nobody owes."""
        owing = self.owing - self.counts[SubmissionStatus.EXCUSED]
        return None if owing <= 0 else round(100 * self.counts[SubmissionStatus.ON_TIME] / owing)

    @cached_property
    def heat(self) -> str:
        """A CSS class of the heatmap (the stylesheet colours it): 0 worst … 4 all on time, none."""
        share = self.on_time_share
        if share is None:
            return "heat-none"
        return f"heat-{min(share // 25, 4)}"


@dataclass
class Board:
    """The dashboard of one subtree: its root, the rows (units directly below it) and each table."""

    root: Unit | None
    breadcrumb: list[Unit]
    rows: list[Unit]  # the root itself first, then the units directly below it
    deadlines: list[Deadline]
    heatmap: list[tuple[Unit, list[HeatCell]]]
    coverage: list[dict]  # {campaign, rows: [(unit, participants, registered)]}
    award_years: list[int]
    awards: list[dict]  # {name, counts: [per year]}
    awards_by_unit: list[tuple[Unit, int]]
    pipeline: list[tuple[str, str, int]]  # (state, label, count)
    # The legal clocks running at the row units' subtrees: (unit, overdue, running out, on track).
    clocks: list[tuple[Unit, int, int, int]] = field(default_factory=list)
    targets: list["TargetProgress"] = field(default_factory=list)
    quotas: "QuotaBoard | None" = None


def drill_units(user: User) -> QuerySet[Unit]:
    """The units a user may open the dashboard for: exactly the scope of the lists (404 outside)."""
    return Unit.objects.filter(unit_scope_q(user))


def dashboard_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns offered in the dashboard's filter: launched ones the user sees."""
    return (
        visible_campaigns(user)
        .exclude(state=CampaignState.DRAFT)
        .select_related("issuer")
        .order_by("-starts_on", "-id")
    )


def _label_rows(rows: list[Unit]) -> None:
    """Give each row unit the label its chart bar and table row show (``row_label``): its short name,
    unless another row shares it (three Phòng all called "PGD&ĐT"), then its full name."""
    taken = Counter(u.short_name for u in rows if u.short_name)
    for unit in rows:
        unit.row_label = unit.short_name if unit.short_name and taken[unit.short_name] == 1 else unit.name


def _row_of(rows: list[Unit], root: Unit | None):
    """A function mapping a unit path (or a longer prefix of one) to the row that holds it: a unit
    directly below the root or below one of its predecessors, else the root itself."""
    by_path = {u.path: u for u in rows}
    lengths = sorted({len(u.path) for u in rows if u is not root}, reverse=True)

    def row(path: str) -> Unit | None:
        for length in lengths:
            found = by_path.get(path[:length])
            if found is not None:
                return found
        return by_path.get(path)

    return row


def board(
    user: User,
    *,
    root: Unit | None = None,
    campaign: Campaign | None = None,
    school_year: int | None = None,
    kind: str = "",
    today: datetime.date | None = None,
) -> Board:
    """The dashboard tables for ``root``'s subtree (the user's unit when None): the root's own row, then
    one row per unit directly below it, each summing that unit's subtree. A fixed number of queries
    whatever the number of units: each table is one grouped query, each heatmap deadline one grouped
    query. Kept a minute per scope, root, filters and day (``_cached``)."""
    today = today or timezone.localdate()
    root = root or user.unit
    parts = ("board", _scope_key(user), root.pk if root else "", campaign.pk if campaign else "", school_year, kind)
    return _cached(
        (*parts, today),
        lambda: _board(user, root=root, campaign=campaign, school_year=school_year, kind=kind, today=today),
    )


def _board(
    user: User,
    *,
    root: Unit | None,
    campaign: Campaign | None,
    school_year: int | None,
    kind: str,
    today: datetime.date,
) -> Board:
    # After a merger the root's tree includes its predecessors' (Vĩnh Long's Sở holds Bến Tre's Phòng
    # and schools): their units directly below them are rows beside the root's own.
    tops = [root, *units_selectors.inherited_units(root.pk)] if root else []
    in_root = Q(path__startswith=root.path) if root else Q()
    below_root = Q(depth=root.depth + 1, path__startswith=root.path) if root else Q(depth=1)
    for top in tops[1:]:
        in_root |= Q(path__startswith=top.path)
        below_root |= Q(depth=top.depth + 1, path__startswith=top.path)
    live = Q(active_to__isnull=True) | Q(active_to__gte=today)
    scope_q = unit_scope_q(user)  # see ``_dashboard``
    scope = Unit.objects.filter(scope_q).filter(in_root, live)
    # The units counted: tested on a Unit query directly, a subquery for the other tables.
    member_q = scope_q & in_root & live & (Q(kind=kind) if kind else Q())
    # The root's own row first (what the unit itself owes or received), then one row per unit below.
    rows = ([root] if root is not None else []) + list(scope.filter(below_root).order_by("name_sort"))
    _label_rows(rows)
    row_of = _row_of(rows, root)
    # The units counted, as subqueries (see ``_dashboard``).
    members = Unit.objects.filter(member_q).values("id")
    breadcrumb = []
    if root is not None and user.unit is not None:
        top = user.unit.depth
        breadcrumb = [u for u in units_selectors.unit_ancestors(root) if u.depth >= top]
        if breadcrumb and breadcrumb[0].pk != user.unit.pk:
            # Under a predecessor of the user's unit: the way back up starts at the user's unit.
            breadcrumb = [user.unit, *(u for u in breadcrumb if u.depth > top)]

    # Heatmap: the latest deadlines already due, of the campaigns the user sees (or the one chosen).
    campaigns = dashboard_campaigns(user)
    if campaign is not None:
        campaigns = campaigns.filter(pk=campaign.pk)
    deadlines = Deadline.objects.filter(milestone__campaign__in=campaigns, due_on__lt=today)
    if school_year:
        deadlines = deadlines.filter(
            due_on__range=(datetime.date(school_year, 9, 1), datetime.date(school_year + 1, 8, 31))
        )
    deadlines = list(
        deadlines.select_related("milestone__campaign__issuer", "milestone__recipient")
        .prefetch_related("milestone__campaign__participant_units")
        .order_by("-due_on", "-id")[:HEATMAP_DEADLINES]
    )
    cells = {(r.pk, d.pk): dict.fromkeys(SubmissionStatus, 0) for r in rows for d in deadlines}
    # Each deadline's statuses counted in SQL, grouped by the row holding each unit (its path's prefix).
    row_length = max(
        (len(r.path) for r in rows if r is not root), default=((root.depth if root else 0) + 1) * Unit.steplen
    )
    for deadline in deadlines:
        owing = milestone_owing_units(deadline.milestone).filter(scope_q, in_root)
        if kind:
            owing = owing.filter(kind=kind)
        grouped = deadline_status_counts(deadline, owing, today=today, group_length=row_length)
        for prefix, counts in grouped.items():
            row = row_of(prefix)
            if row is not None:
                for status, n in counts.items():
                    cells[(row.pk, deadline.pk)][status] += n
    heatmap = [(r, [HeatCell(cells[(r.pk, d.pk)]) for d in deadlines]) for r in rows]

    # Registration coverage: units taking part against units that sent a registration.
    coverage = []
    for item in campaigns.filter(state__in=ACTIVE_STATES)[:COVERAGE_CAMPAIGNS]:
        taking_part: dict[int, int] = {}
        registered: dict[int, int] = {}
        participants = campaign_participants(item).filter(member_q)
        for path in participants.values_list("path", flat=True):
            row = row_of(path)
            if row is not None:
                taking_part[row.pk] = taking_part.get(row.pk, 0) + 1
        sent = UnitRegistration.objects.filter(campaign=item, unit_id__in=members)
        sent = sent.exclude(state=RegistrationState.DRAFT)
        for path in sent.values_list("unit__path", flat=True):
            row = row_of(path)
            if row is not None:
                registered[row.pk] = registered.get(row.pk, 0) + 1
        coverage.append(
            {"campaign": item, "rows": [(r, taking_part.get(r.pk, 0), registered.get(r.pk, 0)) for r in rows]}
        )

    # Awards per form and school year (in force), and per row unit for the chosen (or last ended) year.
    last_year = school_year_of(today) - 1
    years = [school_year] if school_year else list(range(last_year - AWARD_YEARS + 1, last_year + 1))
    records = AwardRecord.objects.in_force().filter(unit_id__in=members, school_year__in=years)
    grid: dict[str, dict[int, int]] = {}
    for name, year, n in records.values_list("award__name", "school_year").annotate(n=Count("id")).order_by():
        grid.setdefault(name, {})[year] = n
    awards = sorted(
        ({"name": name, "counts": [by_year.get(y, 0) for y in years]} for name, by_year in grid.items()),
        key=lambda a: (-sum(a["counts"]), a["name"]),
    )
    per_row: dict[int, int] = {}
    for path, n in records.filter(school_year=years[-1]).values_list("unit__path").annotate(n=Count("id")).order_by():
        row = row_of(path)
        if row is not None:
            per_row[row.pk] = per_row.get(row.pk, 0) + n
    awards_by_unit = [(r, per_row.get(r.pk, 0)) for r in rows]

    # The dossier pipeline: dossiers sent by units of the subtree, by state.
    dossiers = Dossier.objects.filter(unit_id__in=members)
    if school_year:
        dossiers = dossiers.filter(round__school_year=school_year)
    by_state = dict(dossiers.values_list("state").annotate(n=Count("id")).order_by())
    pipeline = [(state.value, str(state.label), by_state.get(state, 0)) for state in DossierState]

    # The appraisal clocks: dossiers waiting at a unit of the subtree (to check or to appraise).
    clock_counts: dict[int, list[int]] = {r.pk: [0, 0, 0] for r in rows}
    for dossier in running_clocks(members, today=today):
        row = row_of(dossier.receiver.path)
        if row is not None:
            left = dossier.clock.left
            clock_counts[row.pk][0 if left < 0 else 1 if left <= CLOCK_SHORT_DAYS else 2] += 1
    clocks = [(r, *clock_counts[r.pk]) for r in rows]

    return Board(
        root=root,
        breadcrumb=breadcrumb,
        rows=rows,
        deadlines=deadlines,
        heatmap=heatmap,
        coverage=coverage,
        award_years=years,
        awards=awards,
        awards_by_unit=awards_by_unit,
        pipeline=pipeline,
        clocks=clocks,
        targets=board_targets(
            campaigns if campaign is not None else campaigns.filter(state__in=ACTIVE_STATES),
            # Every unit of the subtree in scope (a unit closed since still reported), or those of the kind chosen.
            members if kind else Unit.objects.filter(scope_q & in_root).values("id"),
            today=today,
            school_year=school_year,
        ),
        quotas=board_quotas(rows, root, campaign=campaign, school_year=school_year),
    )


# --- The board's targets and quotas (each part its own helper, a fixed few queries) -------------

TARGET_CAMPAIGNS = 5


@dataclass
class TargetProgress:
    """One quantified target of a campaign against what the units counted reported on the latest
    deadline already due of the milestone asking for the matching figure (None: no such figure)."""

    campaign: Campaign
    criterion: Criterion
    figure: dict | None
    deadline: Deadline | None
    value: Decimal | None  # the sum, or the average of a share ("%"), over the latest reports
    reported: int  # units whose latest report gives the figure

    @property
    def progress(self) -> int | None:
        target = self.criterion.target_value
        if self.value is None or not target:
            return None
        return round(100 * self.value / target)

    @property
    def suffix(self) -> str:
        """What follows the value: "%" for a share, " trường" for a count of schools."""
        unit = (self.figure or {}).get("unit") or ""
        return unit if unit.strip() == "%" else (f" {unit}" if unit else "")

    @property
    def bar(self) -> int:
        """The progress bar's length: the progress capped at 100."""
        return max(0, min(self.progress or 0, 100))


def board_targets(
    campaigns: QuerySet[Campaign],
    unit_ids: QuerySet | list[int],
    *,
    today: datetime.date,
    school_year: int | None = None,
) -> list[TargetProgress]:
    """The quantified targets of ``campaigns`` (the chosen one, or the active ones: the first
    ``TARGET_CAMPAIGNS``) against the figures reported by ``unit_ids``: five queries at most, whatever
    the number of units, campaigns or targets (``school_year``: the latest deadline of that school year).
    A target matches a figure as on the figures page
    (``_targets_for``); a share is averaged, any other figure summed."""
    chosen = list(
        campaigns.prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.filter(target_value__isnull=False).order_by("id")),
            "milestones",
        )[:TARGET_CAMPAIGNS]
    )
    if not any(c.criteria.all() for c in chosen):
        return []
    asking = {m.pk: m for c in chosen for m in c.milestones.all() if m.figures}
    latest: dict[int, Deadline] = {}
    deadlines = Deadline.objects.filter(milestone_id__in=list(asking), due_on__lte=today)
    if school_year:  # the latest deadline of that school year
        deadlines = deadlines.filter(
            due_on__range=(datetime.date(school_year, 9, 1), datetime.date(school_year + 1, 8, 31))
        )
    for deadline in deadlines.order_by("due_on", "id"):
        latest[deadline.milestone_id] = deadline
    reports: dict[int, dict[int, dict]] = {}  # deadline → unit → the figures of its latest submission
    if latest:
        for deadline_id, unit_id, figures in (
            Submission.objects.filter(deadline_id__in=[d.pk for d in latest.values()], unit_id__in=unit_ids)
            .order_by("version", "id")
            .values_list("deadline_id", "unit_id", "figures")
        ):
            reports.setdefault(deadline_id, {})[unit_id] = figures or {}
    result = []
    for campaign in chosen:
        matched: dict[int, tuple[dict, Deadline]] = {}
        # The milestone due last first: a target asked for twice is read from the latest report.
        milestones = sorted(
            (asking[pk] for pk in asking if asking[pk].campaign_id == campaign.pk and pk in latest),
            key=lambda m: (latest[m.pk].due_on, latest[m.pk].pk),
            reverse=True,
        )
        for milestone in milestones:
            figures = [f for f in milestone.figures if isinstance(f, dict) and f.get("key")]
            for figure, criterion in zip(figures, _targets_for(campaign, figures), strict=True):
                if criterion is not None and criterion.pk not in matched:
                    matched[criterion.pk] = (figure, latest[milestone.pk])
        for criterion in campaign.criteria.all():
            figure, deadline = matched.get(criterion.pk, (None, None))
            value, reported = None, 0
            if figure is not None:
                numbers = []
                for figures in reports.get(deadline.pk, {}).values():
                    raw = figures.get(figure["key"])
                    if raw is not None:
                        try:
                            numbers.append(Decimal(str(raw)))
                        except ArithmeticError:
                            continue
                reported = len(numbers)
                if numbers:
                    value = sum(numbers)
                    if averaged(figure):
                        value = (value / len(numbers)).quantize(Decimal("0.01"))
            result.append(TargetProgress(campaign, criterion, figure, deadline, value, reported))
    return result


@dataclass
class QuotaBoard:
    """The quota used against the quota of each row unit in one award round: ``awards`` are the
    round's awards with a quota per proposing unit; each row (unit, used per award)."""

    round: AwardRound
    awards: list[RoundAward]
    rows: list[tuple[Unit, list[int]]]

    @property
    def quota(self) -> int:
        """The quota of one proposing unit, over every award of the round."""
        return sum(a.quota for a in self.awards)

    @property
    def lines(self) -> list[tuple[Unit, list[tuple[int, int]], int, int]]:
        """(unit, [(used, quota) per award], used in all, over the quota in all) for the table."""
        return [
            (
                unit,
                list(zip(counts, (a.quota for a in self.awards), strict=True)),
                sum(counts),
                sum(max(n - a.quota, 0) for n, a in zip(counts, self.awards, strict=True)),
            )
            for unit, counts in self.rows
        ]


def board_quotas(
    rows: list[Unit], root: Unit | None, *, campaign: Campaign | None = None, school_year: int | None = None
) -> QuotaBoard | None:
    """Quota used (the nominees a row unit proposes for an award in its live dossiers of the round,
    as the dossier's quota meter counts them) against the round's quota per proposing unit, for the
    latest round with a quota that the rows propose in: organised by the root or a unit above it
    (of the chosen campaign or school year). Three queries whatever the number of units."""
    rounds = AwardRound.objects.filter(awards__quota__isnull=False)
    if root is not None:
        rounds = rounds.filter(
            organiser__path__in=[root.path[:i] for i in range(Unit.steplen, len(root.path) + 1, Unit.steplen)]
        )
    if campaign is not None:
        rounds = rounds.filter(campaign=campaign)
    if school_year:
        rounds = rounds.filter(school_year=school_year)
    award_round = rounds.order_by("-school_year", "-opens_on", "-id").first()
    if award_round is None:
        return None
    awards = list(
        RoundAward.objects.filter(round=award_round, quota__isnull=False)
        .select_related("award")
        .order_by("award__position", "award__code")
    )
    proposing = [u for u in rows if u.pk != award_round.organiser_id]
    used: dict[tuple[int, int], int] = {}
    for unit_id, award_id, n in (
        round_nominees(award_round)
        .filter(dossier__unit_id__in=[u.pk for u in proposing])
        .values_list("dossier__unit_id", "award_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        used[(unit_id, award_id)] = n
    return QuotaBoard(award_round, awards, [(u, [used.get((u.pk, a.award_id), 0) for a in awards]) for u in proposing])


def leader_summary(user: User, *, today: datetime.date | None = None) -> dict[str, int]:
    """The few numbers the to-do page shows a leader: units late or missing on last month's deadlines,
    dossiers on their way, awards of the last school year (all within the scope)."""
    today = today or timezone.localdate()
    data = dashboard(user, today=today)
    late = sum(w.late_or_missing for w in data.deadlines if w.deadline.due_on < today)
    on_the_way = (
        Dossier.objects.filter(unit_scope_q(user, prefix="unit__"))
        .exclude(state__in=(DossierState.DRAFT, DossierState.CLOSED, DossierState.REFUSED))
        .count()
    )
    return {"late": late, "dossiers": on_the_way, "awards": sum(row["count"] for row in data.awards)}


# --- Fairness signals: where awards may not follow merit ------------------------------------------

FAIR_YEARS = 3  # "every year": the last three school years that have ended
EVEN_SHARE = 90  # "nearly every member": at least 90 % of the unit's active people
NEVER_YEARS = 5
LATE_DEADLINES = 10  # the latest deadlines already due
LATE_MIN_OWED = 3
LATE_SHARE = 80  # "always late": late or missing on at least 80 % of the deadlines it owed
FAIR_SHOWN = 20  # units or people listed per signal on the page unless "show all" is asked
EVEN_AWARD = "LDTT"
REPEAT_AWARD = "CSTDCS"


@dataclass
class Fairness:
    root: Unit | None
    years: list[int]
    never_years: list[int]
    even_units: list[tuple[Unit, int, list[int]]]  # unit, active people, % with LĐTT per year
    repeat_people: list[Person]
    never_units: list[tuple[Unit, int]]  # unit, active people
    roles: list[tuple[str, int, int, int, int]]  # role label, people, awards, % of people, % of awards
    women: tuple[int, int, int, int]  # % of people, % of awards, awards to women, awards to people
    late_units: list[tuple[Unit, int, int]]  # unit, deadlines owed, late or missing


def _pct(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def fairness(user: User, *, root: Unit | None = None, today: datetime.date | None = None) -> Fairness:
    """Each signal in one or two grouped queries over ``root``'s subtree within the user's scope
    (the late-units signal: a fixed few per deadline, at most ``LATE_DEADLINES``). Kept a minute per
    scope, root and day like the board (``_cached``): over a province the awards of five years are
    scanned (hundreds of milliseconds), and the signals look at whole school years."""
    today = today or timezone.localdate()
    root = root or user.unit
    return _cached(("fairness", _scope_key(user), root.pk if root else "", today), lambda: _fairness(user, root, today))


def _fairness(user: User, root: Unit | None, today: datetime.date) -> Fairness:
    last = school_year_of(today) - 1
    years = list(range(last - FAIR_YEARS + 1, last + 1))
    never_years = list(range(last - NEVER_YEARS + 1, last + 1))
    unit_in_root = Q(path__startswith=root.path) if root else Q()
    # The scope as a subquery (see ``_dashboard``).
    scope_q = unit_scope_q(user) & unit_in_root
    scoped = Unit.objects.filter(scope_q).values("id")
    people = Person.objects.filter(unit_id__in=scoped, is_active=True)
    members = dict(people.values_list("unit_id").annotate(n=Count("id")).order_by())
    units = {u.pk: u for u in Unit.objects.filter(pk__in=members).order_by("name_sort")}
    records = AwardRecord.objects.in_force().filter(unit_id__in=scoped)

    # Cào bằng: nearly every member of a unit with LĐTT, every one of the last years.
    even: dict[int, dict[int, int]] = {}
    for unit_id, year, n in (
        # Among the people counted as members: those still active (the headcount is today's).
        # ``person_id IN`` the active people rather than a join: a hash semi-join, not one index probe
        # per record (fifty thousand over a province).
        records.filter(
            award__code=EVEN_AWARD,
            person_id__in=Person.objects.filter(is_active=True).values("id"),
            school_year__in=years,
        )
        .values_list("unit_id", "school_year")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    ):
        even.setdefault(unit_id, {})[year] = n
    even_units = []
    for unit in units.values():
        shares = [_pct(even.get(unit.pk, {}).get(y, 0), members[unit.pk]) for y in years]
        if all(share >= EVEN_SHARE for share in shares):
            even_units.append((unit, members[unit.pk], shares))

    # The same names as CSTĐCS every year.
    repeat_ids = (
        records.filter(award__code=REPEAT_AWARD, person__isnull=False, school_year__in=years)
        .values("person_id")
        .annotate(n=Count("school_year", distinct=True))
        .filter(n=len(years))
        .values("person_id")
    )
    repeat_people = list(Person.objects.filter(pk__in=repeat_ids).select_related("unit").order_by("name_sort"))

    # Units with people and no award at all in the last NEVER_YEARS school years.
    # ``order_by()``: the model's ordering would make DISTINCT run over every record (and fetch them all).
    awarded = set(records.filter(school_year__in=never_years).order_by().values_list("unit_id", flat=True).distinct())
    never_units = [(u, members[u.pk]) for u in units.values() if u.pk not in awarded]

    # Who receives: classroom teachers and front-line staff against managers; women.
    person_records = records.filter(person__isnull=False, school_year__in=years)
    # One grouped query each for the awards and the people, the women counted alongside (FILTER).
    female = Q(person__gender=Gender.FEMALE)
    awards_by_role, women_awards = {}, 0
    for role, n, women_n in (
        person_records.values_list("person__role").annotate(n=Count("id"), women=Count("id", filter=female)).order_by()
    ):
        awards_by_role[role] = n
        women_awards += women_n
    people_by_role, women_people = {}, 0
    for role, n, women_n in (
        people.values_list("role").annotate(n=Count("id"), women=Count("id", filter=Q(gender=Gender.FEMALE))).order_by()
    ):
        people_by_role[role] = n
        women_people += women_n
    total_people, total_awards = sum(people_by_role.values()), sum(awards_by_role.values())
    roles = [
        (
            str(role.label),
            people_by_role.get(role, 0),
            awards_by_role.get(role, 0),
            _pct(people_by_role.get(role, 0), total_people),
            _pct(awards_by_role.get(role, 0), total_awards),
        )
        for role in PersonRole
        if people_by_role.get(role) or awards_by_role.get(role)
    ]
    women = (_pct(women_people, total_people), _pct(women_awards, total_awards), women_awards, total_awards)

    # Units always late: late or missing on most of the latest deadlines they owed.
    deadlines = (
        Deadline.objects.filter(milestone__campaign__in=dashboard_campaigns(user), due_on__lt=today)
        .select_related("milestone__campaign__issuer", "milestone__recipient")
        .prefetch_related("milestone__campaign__participant_units")
        .order_by("-due_on", "-id")[:LATE_DEADLINES]
    )
    owed: dict[int, list[int]] = {}
    counted = (SubmissionStatus.ON_TIME, SubmissionStatus.LATE, SubmissionStatus.MISSING, SubmissionStatus.EXCUSED)
    late_statuses = (SubmissionStatus.LATE, SubmissionStatus.MISSING)
    for deadline in deadlines:
        # One query per deadline: the id and status of each unit owing it (no model instance per unit).
        owing = milestone_owing_units(deadline.milestone).filter(scope_q)
        for unit_id, status in (
            with_deadline_status(deadline, owing.order_by(), today=today)
            .filter(deadline_status__in=counted)
            .values_list("pk", "deadline_status")
        ):
            counts = owed.setdefault(unit_id, [0, 0])
            counts[0] += 1
            counts[1] += status in late_statuses
    flagged = {pk: (n, late) for pk, (n, late) in owed.items() if n >= LATE_MIN_OWED and _pct(late, n) >= LATE_SHARE}
    late_units = sorted(
        ((unit, *flagged[unit.pk]) for unit in Unit.objects.filter(pk__in=flagged)),
        key=lambda row: (-row[2] / row[1], row[0].name_sort),
    )
    return Fairness(
        root=root,
        years=years,
        never_years=never_years,
        even_units=even_units,
        repeat_people=repeat_people,
        never_units=never_units,
        roles=roles,
        women=women,
        late_units=late_units,
    )


# --- Figures summed up the tree -----------------------------------------------------------------


def averaged(figure: dict) -> bool:
    """A share (unit "%") is averaged over the units that reported it; every other figure is summed."""
    return (figure.get("unit") or "").strip() == "%"


@dataclass
class FigureRow:
    unit: Unit
    owing: int
    reported: int
    values: list[Decimal | None]  # per figure: sum or average over the reports of the row's subtree
    missing: list[Unit]  # units of the row's subtree that owe the deadline and have not reported


@dataclass
class FigureSummary:
    """``progress``: per figure, the whole subtree's value against its target in per cent (or None)."""

    deadline: Deadline
    root: Unit | None
    breadcrumb: list[Unit]
    figures: list[dict]  # the milestone's figures, each with "averaged" and its matching "target" (or None)
    rows: list[FigureRow]
    total: FigureRow
    progress: list[int | None]


def figure_deadlines(user: User) -> QuerySet[Deadline]:
    """Deadlines whose figures the user may sum: of campaigns the user oversees (issuer's staff, or an
    officer/leader/council member above the issuer): the views check ``campaigns.view_status``."""
    return Deadline.objects.filter(milestone__campaign__in=visible_campaigns(user)).select_related(
        "milestone__campaign__issuer", "milestone__recipient"
    )


def _targets_for(campaign: Campaign, figures: list[dict]) -> list:
    """A figure's target: the campaign's quantified target with the same unit whose heading holds the
    figure's label (or the other way round), compared folded; None when no target matches."""
    targets = [c for c in campaign.criteria.all() if c.target_value is not None]
    found = []
    for figure in figures:
        label, unit = fold(figure.get("label", "")), fold(figure.get("unit") or "")
        match = next(
            (
                c
                for c in targets
                if fold(c.target_unit) == unit and label and (label in fold(c.title) or fold(c.title) in label)
            ),
            None,
        )
        found.append(match)
    return found


def figure_summary(user: User, deadline: Deadline, *, root: Unit | None = None, today=None) -> FigureSummary:
    """The figures units reported on a deadline (their latest submission), summed (or averaged) per unit
    directly below ``root`` and for the whole subtree, with who has not reported. A fixed few queries."""
    today = today or timezone.localdate()
    root = root or user.unit
    campaign = deadline.milestone.campaign
    figures = [dict(f) for f in (deadline.milestone.figures or []) if isinstance(f, dict) and f.get("key")]
    for figure, target in zip(figures, _targets_for(campaign, figures), strict=True):
        figure["averaged"] = averaged(figure)
        figure["target"] = target
    in_root = Q(path__startswith=root.path) if root else Q()
    scoped = Unit.objects.filter(unit_scope_q(user)).filter(in_root).values_list("id", flat=True)
    owing = milestone_owing_units(deadline.milestone).filter(pk__in=list(scoped)).only(*STATUS_FIELDS)
    statuses = deadline_statuses(deadline, owing, today=today)
    below = list(
        Unit.objects.filter(unit_scope_q(user))
        .filter(in_root, depth=(root.depth + 1) if root else 1)
        .order_by("name_sort")
    )
    rows_units = ([root] if root is not None else []) + below
    row_of = _row_of(rows_units, root)
    grouped: dict[int, list] = {u.pk: [] for u in rows_units}
    for status in statuses:
        row = row_of(status.unit.path)
        if row is not None:
            grouped[row.pk].append(status)

    def summarise(unit: Unit, items: list) -> FigureRow:
        reports = [s.latest.figures for s in items if s.latest is not None]
        values = []
        for figure in figures:
            numbers = [Decimal(str(r[figure["key"]])) for r in reports if r.get(figure["key"]) is not None]
            if not numbers:
                values.append(None)
            elif figure["averaged"]:
                values.append((sum(numbers) / len(numbers)).quantize(Decimal("0.01")))
            else:
                values.append(sum(numbers))
        missing = sorted(
            (s.unit for s in items if s.latest is None and s.status != SubmissionStatus.EXCUSED),
            key=lambda u: u.name_sort,
        )
        return FigureRow(unit, len(items), len(reports), values, missing)

    rows = [summarise(u, grouped[u.pk]) for u in rows_units]
    rows = [r for r in rows if r.owing or r.unit != root]
    total = summarise(root, statuses) if root else summarise(Unit(name=""), statuses)
    breadcrumb = []
    if root is not None and user.unit is not None:
        breadcrumb = [u for u in units_selectors.unit_ancestors(root) if u.depth >= user.unit.depth]
    progress = [
        round(100 * value / figure["target"].target_value) if value is not None and figure["target"] else None
        for figure, value in zip(figures, total.values, strict=True)
    ]
    return FigureSummary(deadline, root, breadcrumb, figures, rows, total, progress)


# --- The campaign's sơ kết / tổng kết report: what it is drafted from ------------------------------


@dataclass
class ReviewData:
    campaign: Campaign
    figures: list[FigureSummary]  # the latest deadline already due of each milestone asking for figures
    registered: list[tuple[str, int, int]]  # title aimed for, people registered, of them awarded it
    exemplars: list[tuple[str, int]]  # step label, exemplars at that step
    awards: list[tuple[str, int]]  # award name, awards given in the campaign's period (in force)
    pacts: list[tuple[Pact, list[RankingRow]]] = field(default_factory=list)  # each pact and its ranking


def review_data(user: User, campaign: Campaign, *, today: datetime.date | None = None) -> ReviewData:
    """Everything the report states, over the user's scope: a few queries per milestone with figures."""
    today = today or timezone.localdate()
    root = campaign.issuer  # the readers of the report oversee the campaign: its issuer is in their scope
    summaries = []
    latest: dict[int, Deadline] = {}
    for deadline in (
        Deadline.objects.filter(milestone__campaign=campaign, due_on__lte=today)
        .select_related("milestone__campaign__issuer", "milestone__recipient")
        .order_by("milestone_id", "due_on")
    ):
        if deadline.milestone.figures:
            latest[deadline.milestone_id] = deadline
    for deadline in latest.values():
        summaries.append(figure_summary(user, deadline, root=root, today=today))

    registrations = list(
        IndividualRegistration.objects.filter(campaign=campaign, unit__in=Unit.objects.filter(unit_scope_q(user)))
        .exclude(state=RegistrationState.DRAFT)
        .values_list("person_id", "aimed_award_id", "aimed_award__name", "school_year")
    )
    awarded = set(
        AwardRecord.objects.in_force()
        .filter(person_id__in={r[0] for r in registrations})
        .values_list("person_id", "award_id", "school_year")
    )
    by_title: dict[str, list[int]] = {}
    for person_id, award_id, name, year in registrations:
        counts = by_title.setdefault(name, [0, 0])
        counts[0] += 1
        counts[1] += int((person_id, award_id, year) in awarded)
    registered = [(name, n, got) for name, (n, got) in sorted(by_title.items())]

    steps = dict(
        Exemplar.objects.filter(campaign=campaign, unit__in=Unit.objects.filter(unit_scope_q(user)))
        .values_list("step")
        .annotate(n=Count("id"))
        .order_by()
    )
    exemplars = [(str(step.label), steps.get(step, 0)) for step in ExemplarStep]

    given = (
        AwardRecord.objects.in_force()
        .filter(unit_scope_q(user, prefix="unit__"), unit__path__startswith=campaign.issuer.path)
        .filter(decision__date__range=(campaign.starts_on, min(campaign.ends_on, today)))
        .values_list("award__name")
        .annotate(n=Count("id"))
        .order_by("-n", "award__name")
    )
    pacts = [(pact, pact_ranking(pact)) for pact in review_pacts(user, campaign)]
    return ReviewData(campaign, summaries, registered, exemplars, list(given), pacts)


def review_issue_for(campaign: Campaign, kind: str) -> ReviewIssue | None:
    """The report of that kind already issued (its number and day), or None while it is a draft."""
    return ReviewIssue.objects.filter(campaign=campaign, kind=kind).select_related("entry").first()


def review_issues(campaign: Campaign) -> dict[str, ReviewIssue]:
    """The campaign's issued review reports by kind (the campaign page's buttons)."""
    return {i.kind: i for i in ReviewIssue.objects.filter(campaign=campaign).select_related("entry")}
