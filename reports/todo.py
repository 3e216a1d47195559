"""The to-do home: what waits for each account, section by section, for the roles it holds.

A small registry kept in ``reports`` (the top layer): lower apps cannot register here, so each
section is a function of this module that reads the selectors of ``campaigns``, ``emulation`` and
``dossiers``, ``councils`` and ``decisions``. A new app adds its section here with one ``section`` call.
Every link a section gives is checked against the reader's permission before it is offered, so a
reader never follows a link to a 403 or a 404.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.enums import ACTIVE_STATES, SubmissionStatus
from campaigns.models import Campaign, Deadline, Submission
from campaigns.selectors import (
    deadline_status_counts,
    deadlines_owed_by,
    milestone_owing_units,
    statuses_for_unit,
    visible_campaigns,
)
from councils.models import BallotReceipt
from councils.selectors import my_open_sessions
from decisions.enums import DecisionState as DS
from decisions.selectors import candidates, decision_list, disclosure_open
from dossiers.enums import DossierState
from dossiers.models import Dossier
from dossiers.selectors import queue_all
from emulation.enums import RegistrationState
from emulation.models import IndividualRegistration, UnitRegistration
from reports.selectors import leader_summary
from units.enums import AccountRole
from units.models import User

SOON_DAYS = 7  # "owed soon": due within a week
OVERDUE_LOOKBACK_DAYS = 180  # a deadline missed more than half a year ago is history, not a to-do
LATE_WINDOW_DAYS = 30  # units late on the deadlines of the last month
CLOCK_WARNING_DAYS = 2  # working days left on an appraisal clock before it shows as running out
ROWS_SHOWN = 5


@dataclass
class Row:
    """One thing behind a count, with where to act on it."""

    text: str
    url: str = ""
    note: str = ""


@dataclass
class Item:
    label: str
    count: int
    url: str = ""
    tone: str = "primary"  # a Bootstrap colour: danger (overdue), warning (soon), primary
    rows: list[Row] = field(default_factory=list)
    testid: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]
    note: str = ""

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    applies: Callable[[User], bool]
    build: Callable[[User, datetime.date], Section]


SECTIONS: list[SectionSpec] = []


def section(key: str, *, title, applies: Callable[[User], bool]):
    """Declare a to-do section: ``build(user, today)`` returns its items; ``applies`` says for whom."""

    def wrap(build):
        SECTIONS.append(SectionSpec(key, title, applies, build))
        return build

    return wrap


def sections_for(user: User, *, today: datetime.date | None = None) -> list[Section]:
    """The sections of every role the user holds, in registry order."""
    today = today or timezone.localdate()
    return [spec.build(user, today) for spec in SECTIONS if spec.applies(user)]


def _has(role):
    return lambda user: user.is_authenticated and user.unit_id is not None and user.has_role(role)


def _title(spec_key: str) -> str:
    return str(next(spec.title for spec in SECTIONS if spec.key == spec_key))


# --- Clerk: what the unit owes ------------------------------------------------------------------


@section("clerk", title=gettext_lazy("What my unit owes"), applies=_has(AccountRole.CLERK))
def clerk_section(user: User, today: datetime.date) -> Section:
    unit = user.unit
    deadlines = deadlines_owed_by(
        unit,
        start=today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS),
        end=today + datetime.timedelta(days=SOON_DAYS),
    )
    statuses = statuses_for_unit(unit, deadlines, today=today)
    soon, overdue = [], []
    for deadline in deadlines:
        status = statuses[deadline.pk]
        if status.status == SubmissionStatus.MISSING:
            overdue.append(status)
        elif status.status in (SubmissionStatus.NOT_DUE, SubmissionStatus.EXTENDED) and status.due_on <= today + (
            datetime.timedelta(days=SOON_DAYS)
        ):
            soon.append(status)
    may_submit = user.has_perm("campaigns.submit_for_unit", unit)

    def rows(items):
        return [
            Row(
                f"{s.deadline.milestone.title} · {_campaign_name(s.deadline.milestone.campaign)}",
                reverse("campaigns:submit", args=[s.deadline.pk]) if may_submit else "",
                s.due_on.strftime("%d/%m/%Y"),
            )
            for s in items[:ROWS_SHOWN]
        ]

    calendar = reverse("campaigns:my-deadlines")
    items = [
        Item(_("Deadlines overdue"), len(overdue), calendar, "danger", rows(overdue), "clerk-overdue"),
        Item(
            _("Deadlines due within %(days)d days") % {"days": SOON_DAYS},
            len(soon),
            calendar,
            "warning",
            rows(soon),
            "clerk-soon",
        ),
    ]
    items.append(_returned_registrations(user))
    items.append(_own_dossiers(user, DossierState.RETURNED, _("Dossiers returned for amendment"), "clerk-dossiers"))
    return Section("clerk", _title("clerk"), items)


def _campaign_name(campaign) -> str:
    return campaign.number_symbol or campaign.title


def _registration_rows(user: User, state: str) -> tuple[int, list[Row]]:
    """Unit and individual registrations of the user's unit in one state, one row per campaign."""
    unit_regs = UnitRegistration.objects.filter(unit_id=user.unit_id, state=state).select_related("campaign")
    people = IndividualRegistration.objects.filter(unit_id=user.unit_id, state=state).select_related("campaign")
    campaigns: dict[int, tuple[object, int]] = {}
    count = 0
    for registration in [*unit_regs, *people]:
        count += 1
        campaign, n = campaigns.get(registration.campaign_id, (registration.campaign, 0))
        campaigns[registration.campaign_id] = (campaign, n + 1)
    rows = [
        Row(
            _campaign_name(campaign),
            reverse("emulation:registration-unit", args=[campaign.pk, user.unit_id]),
            str(n),
        )
        for campaign, n in list(campaigns.values())[:ROWS_SHOWN]
    ]
    return count, rows


def _returned_registrations(user: User) -> Item:
    count, rows = _registration_rows(user, RegistrationState.RETURNED)
    return Item(
        _("Registrations returned for changes"),
        count,
        reverse("emulation:registration-index"),
        "danger",
        rows,
        "clerk-registrations",
    )


def _own_dossiers(user: User, state: str, label: str, testid: str) -> Item:
    dossiers = list(Dossier.objects.filter(unit_id=user.unit_id, state=state).select_related("round").order_by("id"))
    rows = [Row(d.round.title, reverse("dossiers:dossier-detail", args=[d.pk])) for d in dossiers[:ROWS_SHOWN]]
    return Item(
        label,
        len(dossiers),
        reverse("dossiers:round-list"),
        "danger" if state == DossierState.RETURNED else "primary",
        rows,
        testid,
    )


# --- Head: what the clerk prepared --------------------------------------------------------------


@section("head", title=gettext_lazy("Waiting for my sending"), applies=_has(AccountRole.HEAD))
def head_section(user: User, today: datetime.date) -> Section:
    count, rows = _registration_rows(user, RegistrationState.DRAFT)
    items = [
        _own_dossiers(user, DossierState.DRAFT, _("Dossiers prepared, not sent yet"), "head-dossiers"),
        Item(
            _("Registrations prepared, not sent yet"),
            count,
            reverse("emulation:registration-index"),
            "primary",
            rows,
            "head-registrations",
        ),
    ]
    items.append(_decisions_to_issue(user))
    return Section("head", _title("head"), items)


def _decisions_to_issue(user: User) -> Item:
    """Drafts of the unit's award decisions that wait for the head's signature (disclosed lists count
    once their window closed)."""
    drafts = [
        d
        for d in decision_list(user).filter(issuer_unit_id=user.unit_id, state__in=(DS.DRAFT, DS.DISCLOSED))
        if not disclosure_open(d)
    ]
    rows = [
        Row(d.summary or _("Award decision"), reverse("decisions:decision-detail", args=[d.pk]), str(d.line_count))
        for d in drafts[:ROWS_SHOWN]
    ]
    return Item(
        _("Award decisions waiting for issuing"),
        len(drafts),
        reverse("decisions:decision-list"),
        "warning",
        rows,
        "head-decisions",
    )


# --- Officer: what the units below sent ---------------------------------------------------------


@section("officer", title=gettext_lazy("To review"), applies=_has(AccountRole.OFFICER))
def officer_section(user: User, today: datetime.date) -> Section:
    # The ids once (a handful): the queries below filter on a plain list instead of each compiling
    # and running the visibility subquery again.
    own = list(
        visible_campaigns(user).filter(issuer_id=user.unit_id, state__in=ACTIVE_STATES).values_list("pk", flat=True)
    )
    waiting = Q(campaign__in=own, state=RegistrationState.SUBMITTED)
    # Counted per campaign in SQL; only the campaigns shown are loaded (newest first, like the lists).
    counts: dict[int, int] = {}
    for model in (UnitRegistration, IndividualRegistration):
        for campaign_id, n in (
            model.objects.filter(waiting).values_list("campaign_id").annotate(n=Count("id")).order_by()
        ):
            counts[campaign_id] = counts.get(campaign_id, 0) + n
    shown = Campaign.objects.filter(pk__in=counts)[:ROWS_SHOWN] if counts else []
    campaigns = {c.pk: [c, counts[c.pk]] for c in shown}
    registrations = Item(
        _("Registrations to accept or return"),
        sum(counts.values()),
        reverse("emulation:registration-index"),
        "warning",
        [
            Row(_campaign_name(c), reverse("emulation:registration-overview", args=[c.pk]), str(n))
            for c, n in campaigns.values()
        ],
        "officer-registrations",
    )

    # Submissions received in the last week on the unit's own campaigns.
    since = timezone.now() - datetime.timedelta(days=SOON_DAYS)
    received_counts = dict(
        Submission.objects.filter(deadline__milestone__campaign__in=own, submitted_at__gte=since)
        .values_list("deadline_id")
        .annotate(n=Count("id"))
        .order_by("deadline_id")
    )
    shown_deadlines = Deadline.objects.filter(pk__in=sorted(received_counts)[:ROWS_SHOWN]).select_related("milestone")
    received = {d.pk: [d, received_counts[d.pk]] for d in sorted(shown_deadlines, key=lambda d: d.pk)}
    submissions = Item(
        _("Submissions received in the last %(days)d days") % {"days": SOON_DAYS},
        sum(received_counts.values()),
        "",
        "primary",
        [
            Row(d.milestone.title, reverse("campaigns:deadline-status", args=[d.pk]), str(n))
            for d, n in received.values()
        ],
        "officer-submissions",
    )

    # Units late: missing on a deadline of the last month (a fixed few deadlines, each a few queries).
    late_rows, late_total = [], 0
    recent = (
        Deadline.objects.filter(
            milestone__campaign__in=own,
            due_on__range=(today - datetime.timedelta(days=LATE_WINDOW_DAYS), today - datetime.timedelta(days=1)),
        )
        .select_related("milestone__campaign__issuer", "milestone__recipient")
        .prefetch_related("milestone__campaign__participant_units")
        .order_by("-due_on", "id")[:ROWS_SHOWN]
    )
    for deadline in recent:
        counts = deadline_status_counts(deadline, milestone_owing_units(deadline.milestone), today=today)
        missing = counts[SubmissionStatus.MISSING]
        if missing:
            late_total += missing
            late_rows.append(
                Row(deadline.milestone.title, reverse("campaigns:deadline-status", args=[deadline.pk]), str(missing))
            )
    late = Item(_("Units that have not submitted a past deadline"), late_total, "", "danger", late_rows, "officer-late")

    queue = queue_all(user, today=today)
    running = [d for d in queue if d.clock is not None]
    short = [d for d in running if d.clock.left <= CLOCK_WARNING_DAYS]
    queue_url = reverse("dossiers:queue")
    dossiers = Item(_("Dossiers to receive or appraise"), len(running), queue_url, "primary", [], "officer-dossiers")
    clocks = Item(
        _("Legal clocks running out (%(days)d working days or less)") % {"days": CLOCK_WARNING_DAYS},
        len(short),
        queue_url,
        "danger",
        [
            Row(d.unit.name, reverse("dossiers:dossier-detail", args=[d.pk]), str(d.clock.left))
            for d in short[:ROWS_SHOWN]
        ],
        "officer-clocks",
    )
    approved = candidates(user.unit).count() if user.unit_id else 0
    decisions = Item(
        _("Nominees the council approved, waiting for a decision"),
        approved,
        reverse("decisions:decision-create"),
        "primary",
        [],
        "officer-decisions",
    )
    return Section("officer", _title("officer"), [registrations, submissions, late, dossiers, clocks, decisions])


# --- Council member: the sessions voting now, and whether my ballot is in --------------------------


@section("council", title=gettext_lazy("Council sessions and votes"), applies=_has(AccountRole.COUNCIL))
def council_section(user: User, today: datetime.date) -> Section:
    sessions = list(
        my_open_sessions(user).annotate(
            voted=Exists(BallotReceipt.objects.filter(session=OuterRef("pk"), member__user=user))
        )
    )
    waiting = [s for s in sessions if not s.voted]
    url = reverse("councils:list")
    return Section(
        "council",
        _title("council"),
        [
            Item(
                _("Ballots waiting for my vote"),
                len(waiting),
                url,
                "danger",
                [
                    Row(s.title, reverse("councils:session-detail", args=[s.pk]), s.date.strftime("%d/%m/%Y"))
                    for s in waiting[:ROWS_SHOWN]
                ],
                "council-ballots",
            ),
            Item(_("Council sessions voting now"), len(sessions), url, "primary", [], "council-sessions"),
        ],
    )


# --- Leader: the dashboard's key numbers --------------------------------------------------------


@section("leader", title=gettext_lazy("What I watch"), applies=_has(AccountRole.LEADER))
def leader_section(user: User, today: datetime.date) -> Section:
    summary = leader_summary(user, today=today)
    url = reverse("reports:dashboard")
    return Section(
        "leader",
        _title("leader"),
        [
            Item(
                _("Units late or missing on the deadlines of the last month"),
                summary["late"],
                url,
                "danger",
                [],
                "leader-late",
            ),
            Item(
                _("Dossiers on their way through the levels"),
                summary["dossiers"],
                url,
                "primary",
                [],
                "leader-dossiers",
            ),
            Item(_("Awards of the last school year"), summary["awards"], url, "primary", [], "leader-awards"),
        ],
    )
