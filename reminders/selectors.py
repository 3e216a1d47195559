"""Reads of deadline reminders: what is due now (a pure planner), the staff log and the preview.

The planner is a pure function of (today, the units' situation on a deadline, the dispatch keys
that exist). For every unit that still owes the deadline it picks the reminder offset whose day
has come, using the unit's effective due date (an extension moves the whole series):

* On a normal day that is the offset whose day is today.
* After an outage (a tick that runs late) it is the *most recent* offset whose day has passed and
  is at most ``REMINDER_CATCH_UP_DAYS`` old. Older missed offsets are dropped on purpose: a unit
  that comes back from a two-day outage gets the one reminder that is current, not three stale
  ones at once. The key makes it impossible to send any offset twice.
* A unit that submitted or was excused gets nothing; an extension makes a new series against the
  new date (the effective due date is part of the key).

Escalation: units still owing after their due date are grouped by (unit above, effective due date);
on every overdue offset each officer of the unit above gets one digest listing the whole group.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from campaigns.deadlines import milestone_dates
from campaigns.enums import ACTIVE_STATES, ExceptionKind, SubmissionStatus
from campaigns.models import Deadline, DeadlineException, Milestone
from campaigns.selectors import milestone_owing_units, visible_campaigns, with_deadline_status
from reminders.enums import DispatchStatus, ReminderKind
from reminders.models import ReminderDispatch
from units.models import Unit, User

SETTLED_STATUSES = (SubmissionStatus.ON_TIME, SubmissionStatus.LATE, SubmissionStatus.EXCUSED)

# (kind, deadline id, unit id, recipient id, offset, effective due date): the dispatch key.
Key = tuple[str, int, int, int, int, datetime.date]


@dataclass(frozen=True)
class UnitSituation:
    """One unit on one deadline, as the planner needs it."""

    unit_id: int
    parent_id: int | None
    due_on: datetime.date
    settled: bool
    recipient_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlannedDispatch:
    kind: str
    deadline_id: int
    unit_id: int
    recipient_id: int
    offset: int
    due_on: datetime.date
    late_unit_ids: tuple[int, ...] = field(default=())

    @property
    def key(self) -> Key:
        return (self.kind, self.deadline_id, self.unit_id, self.recipient_id, self.offset, self.due_on)

    @property
    def scheduled_for(self) -> datetime.date:
        return self.due_on - datetime.timedelta(days=self.offset)


def reminder_offsets() -> list[int]:
    return sorted({int(o) for o in settings.REMINDER_OFFSETS}, reverse=True)


def current_offset(
    *, today: datetime.date, due_on: datetime.date, offsets: list[int], catch_up_days: int
) -> int | None:
    """The offset whose day is the most recent one not after today, within the catch-up window."""
    came = [o for o in offsets if 0 <= (today - (due_on - datetime.timedelta(days=o))).days <= catch_up_days]
    return min(came) if came else None


def plan_deadline(
    *,
    today: datetime.date,
    deadline_id: int,
    units: list[UnitSituation],
    officers_by_parent: dict[int, tuple[int, ...]],
    existing: set[Key],
    offsets: list[int],
    catch_up_days: int,
) -> list[PlannedDispatch]:
    """What to send now for one deadline. Pure: no database, no clock."""
    planned: list[PlannedDispatch] = []
    late: dict[tuple[int, datetime.date], list[int]] = defaultdict(list)
    offset_by_due: dict[datetime.date, int | None] = {}  # most units share a due date: one computation each
    for unit in units:
        if unit.settled:
            continue
        if today > unit.due_on and unit.parent_id is not None:
            late[(unit.parent_id, unit.due_on)].append(unit.unit_id)
        if unit.due_on not in offset_by_due:
            offset_by_due[unit.due_on] = current_offset(
                today=today, due_on=unit.due_on, offsets=offsets, catch_up_days=catch_up_days
            )
        offset = offset_by_due[unit.due_on]
        if offset is None:
            continue
        for recipient_id in unit.recipient_ids:
            item = PlannedDispatch(ReminderKind.REMINDER, deadline_id, unit.unit_id, recipient_id, offset, unit.due_on)
            if item.key not in existing:
                planned.append(item)
    overdue = [o for o in offsets if o < 0]
    for (parent_id, due_on), late_ids in sorted(late.items()):
        offset = current_offset(today=today, due_on=due_on, offsets=overdue, catch_up_days=catch_up_days)
        if offset is None:
            continue
        for officer_id in officers_by_parent.get(parent_id, ()):
            item = PlannedDispatch(
                ReminderKind.ESCALATION, deadline_id, parent_id, officer_id, offset, due_on, tuple(sorted(late_ids))
            )
            if item.key not in existing:
                planned.append(item)
    return planned


# --- Gathering the situation from the database -----------------------------------------------------


def reminder_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Due dates that can have something to send today."""
    offsets = reminder_offsets()
    overdue = max(0, -min(offsets)) if offsets else 0
    ahead = max(0, max(offsets)) if offsets else 0
    start = today - datetime.timedelta(days=overdue + settings.REMINDER_CATCH_UP_DAYS)
    return start, today + datetime.timedelta(days=ahead)


def deadlines_to_remind(today: datetime.date) -> QuerySet[Deadline]:
    """Deadlines of active campaigns whose date, or an extension of it, falls in the window."""
    start, end = reminder_window(today)
    extended = DeadlineException.objects.filter(kind=ExceptionKind.EXTENDED, new_due_on__range=(start, end)).values(
        "deadline_id"
    )
    return (
        Deadline.objects.filter(milestone__campaign__state__in=ACTIVE_STATES)
        .filter(Q(due_on__range=(start, end)) | Q(pk__in=extended))
        .select_related("milestone__campaign__issuer", "milestone__phase")
        .order_by("due_on", "id")
    )


def _parent_path(path: str, depth: int) -> str | None:
    return path[: -Unit.steplen] if depth > 1 else None


def deadline_situation(
    deadline: Deadline, *, today: datetime.date
) -> tuple[list[UnitSituation], dict[int, tuple[int, ...]]]:
    """The owing units of a deadline with their recipients, and the officers of the units above.

    A fixed number of queries whatever the number of units.
    """
    # Statuses come from SQL (``with_deadline_status``: ``compute_status``'s rule, property-tested
    # against it) as plain values: a province's thousand units cost no model object each, which the
    # preview's fifteen planning days and the beat's every tick would otherwise build.
    rows = list(
        with_deadline_status(deadline, milestone_owing_units(deadline.milestone), today=today)
        .order_by("path")
        .values_list("pk", "path", "depth", "deadline_status", "effective_due")
    )
    unit_ids = [row[0] for row in rows]
    recipients: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in (
        User.objects.filter(Q(is_clerk=True) | Q(is_unit_head=True), is_active=True, unit_id__in=unit_ids)
        .order_by("pk")
        .values_list("pk", "unit_id")
    ):
        recipients[unit_id].append(user_id)
    parent_paths = {_parent_path(path, depth) for _pk, path, depth, _s, _d in rows} - {None}
    parent_by_path = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "pk"))
    officers: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in (
        User.objects.filter(is_officer=True, is_active=True, unit_id__in=parent_by_path.values())
        .order_by("pk")
        .values_list("pk", "unit_id")
    ):
        officers[unit_id].append(user_id)
    situations = [
        UnitSituation(
            unit_id=pk,
            parent_id=parent_by_path.get(_parent_path(path, depth)),
            due_on=effective_due,
            settled=status in SETTLED_STATUSES,
            recipient_ids=tuple(recipients.get(pk, ())),
        )
        for pk, path, depth, status, effective_due in rows
    ]
    return situations, {parent: tuple(ids) for parent, ids in officers.items()}


def existing_keys(deadline_ids: list[int]) -> set[Key]:
    return set(
        ReminderDispatch.objects.filter(deadline_id__in=deadline_ids).values_list(
            "kind", "deadline_id", "unit_id", "recipient_id", "offset", "due_on"
        )
    )


def reminders_due(*, today: datetime.date) -> list[PlannedDispatch]:
    """Every dispatch that should exist by today and does not yet."""
    offsets, catch_up = reminder_offsets(), settings.REMINDER_CATCH_UP_DAYS
    planned = []
    for deadline in deadlines_to_remind(today):
        if deadline.due_on not in milestone_dates(deadline.milestone):
            # Moved by an amendment and kept only for its submissions: the new date has its own series.
            continue
        units, officers = deadline_situation(deadline, today=today)
        planned += plan_deadline(
            today=today,
            deadline_id=deadline.pk,
            units=units,
            officers_by_parent=officers,
            existing=existing_keys([deadline.pk]),
            offsets=offsets,
            catch_up_days=catch_up,
        )
    return planned


def reminder_preview(deadline: Deadline, *, today: datetime.date, days: int = 14) -> list[PlannedDispatch]:
    """The reminders the next ``days`` days will send, if nobody submits meanwhile."""
    units, officers = deadline_situation(deadline, today=today)
    existing = existing_keys([deadline.pk])
    offsets, catch_up = reminder_offsets(), settings.REMINDER_CATCH_UP_DAYS
    preview = []
    for step in range(days + 1):
        day = today + datetime.timedelta(days=step)
        planned = plan_deadline(
            today=day,
            deadline_id=deadline.pk,
            units=units,
            officers_by_parent=officers,
            existing=existing,
            offsets=offsets,
            catch_up_days=catch_up if step == 0 else 0,
        )
        existing |= {item.key for item in planned}
        preview += planned
    return preview


# --- Staff screens -----------------------------------------------------------------------------------


def milestone_for_reminders(user: User, pk: int) -> Milestone:
    """Raises Milestone.DoesNotExist outside the user's scope (→ 404)."""
    return (
        Milestone.objects.filter(campaign__in=visible_campaigns(user))
        .select_related("campaign__issuer", "recipient")
        .prefetch_related("deadlines")
        .get(pk=pk)
    )


def dispatch_for_staff(user: User, pk: int) -> ReminderDispatch:
    """A dispatch of a campaign the user can see; raises DoesNotExist otherwise (→ 404)."""
    return (
        ReminderDispatch.objects.filter(deadline__milestone__campaign__in=visible_campaigns(user))
        .select_related("deadline__milestone__campaign__issuer", "recipient", "unit")
        .get(pk=pk)
    )


def reminder_log(deadline: Deadline) -> QuerySet[ReminderDispatch]:
    return (
        ReminderDispatch.objects.filter(deadline=deadline)
        .select_related("recipient", "unit")
        .order_by("-scheduled_for", "-id")
    )


def is_unknown(dispatch: ReminderDispatch, *, now: datetime.datetime | None = None) -> bool:
    """A mail handed to the mail server whose answer never came back: the tick has marked it
    ``in_doubt``, or (the tick not having run since) it is ``sending`` for longer than the timeout."""
    if dispatch.status == DispatchStatus.IN_DOUBT:
        return True
    now = now or timezone.now()
    timeout = datetime.timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT_SECONDS)
    return dispatch.status == DispatchStatus.SENDING and (
        dispatch.claimed_at is None or dispatch.claimed_at < now - timeout
    )


def can_resend(dispatch: ReminderDispatch, *, now: datetime.datetime | None = None) -> bool:
    """Staff may send again a failed reminder, or one whose sending is unknown; nothing else.

    The one rule the log's button and ``services.dispatch_resend`` both follow.
    """
    return dispatch.status == DispatchStatus.FAILED or is_unknown(dispatch, now=now)


def reminder_preview_summary(deadline: Deadline, *, today: datetime.date) -> list[dict]:
    """What the beat will send for ``deadline`` from ``today``, counted per day, kind and offset:
    one planning pass, no person or unit loaded (the units of one line: ``reminder_preview_group``)."""
    groups: dict[tuple, dict] = {}
    for item in reminder_preview(deadline, today=today):
        key = (max(item.scheduled_for, today), item.kind, item.offset)
        group = groups.setdefault(key, {"units": set(), "messages": 0})
        group["units"].add(item.unit_id)
        group["messages"] += 1
    return [
        {
            "when": when,
            "kind": kind,
            "offset": offset,
            "is_digest": kind == ReminderKind.ESCALATION,
            "units": len(group["units"]),
            "messages": group["messages"],
        }
        for (when, kind, offset), group in sorted(
            groups.items(), key=lambda pair: (pair[0][0], pair[0][1] == ReminderKind.ESCALATION, -pair[0][2])
        )
    ]


def reminder_preview_group(
    deadline: Deadline, *, today: datetime.date, when: datetime.date, kind: str, offset: int
) -> list[dict]:
    """The reminders of one line of the summary, with their people and units read in bulk, by unit name."""
    planned = [
        item
        for item in reminder_preview(deadline, today=today)
        if (max(item.scheduled_for, today), item.kind, item.offset) == (when, kind, offset)
    ]
    users = User.objects.in_bulk({p.recipient_id for p in planned})
    units = Unit.objects.only("pk", "name", "name_sort").in_bulk(
        {p.unit_id for p in planned} | {pk for p in planned for pk in p.late_unit_ids}
    )
    rows = [
        {
            "when": when,
            "recipient": users[item.recipient_id],
            "unit": units[item.unit_id],
            "kind": item.kind,
            "offset": item.offset,
            "late_units": sorted((units[pk] for pk in item.late_unit_ids), key=lambda u: u.name_sort),
            "is_digest": item.kind == ReminderKind.ESCALATION,
        }
        for item in planned
    ]
    return sorted(rows, key=lambda row: (row["unit"].name_sort, row["recipient"].pk))


def default_deadline(milestone: Milestone, *, today: datetime.date) -> Deadline | None:
    deadlines = list(milestone.deadlines.all())
    upcoming = [d for d in deadlines if d.due_on >= today - datetime.timedelta(days=7)]
    return upcoming[0] if upcoming else (deadlines[-1] if deadlines else None)
