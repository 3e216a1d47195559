"""Demo reminder rows for the generated province (``seed_demo --scale province``).

The demo provinces get their reminders from the beat as it runs; the generated province gets the
history a year of reminders leaves: for each past deadline of its plans, every owing unit's clerk
reminded 7 and 1 days before and 3 days after (mostly sent, a few failed, a few no longer needed),
and the officers above told of the late units; reminders still ahead wait. Rows are written in bulk.
Idempotent: a province whose deadlines already have reminder rows is left alone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns import demo as campaigns_demo
from campaigns.models import Deadline
from campaigns.selectors import campaign_participants
from reminders.enums import DispatchStatus, ReminderKind
from reminders.models import ReminderDispatch
from units.models import Unit, User

OFFSETS = (7, 1, -3)


def load(*, stdout=None) -> None:
    """Nothing for the demo provinces: the beat makes their reminders."""


def load_province(province: Unit, *, stdout=None) -> int:
    deadlines = list(
        Deadline.objects.filter(milestone__campaign__in=campaigns_demo.province_campaigns(province))
        .select_related("milestone__campaign__issuer")
        .order_by("due_on", "id")
    )
    if ReminderDispatch.objects.filter(deadline__in=deadlines).exists():
        if stdout is not None:
            stdout.write("Province reminders already there.\n")
        return 0
    today = timezone.localdate()
    clerks = dict(User.objects.filter(unit__path__startswith=province.path, is_clerk=True).values_list("unit_id", "pk"))
    officers = dict(
        User.objects.filter(unit__path__startswith=province.path, is_officer=True).values_list("unit_id", "pk")
    )
    by_path = dict(Unit.objects.filter(path__startswith=province.path).values_list("path", "pk"))
    rows = []
    for deadline in deadlines:
        campaign = deadline.milestone.campaign
        kinds = deadline.milestone.owed_by_kinds
        owing = [u for u in campaign_participants(campaign) if not kinds or u.kind in kinds]
        late_by_parent: dict[int, list[int]] = {}
        for position, unit in enumerate(owing):
            recipient = clerks.get(unit.pk) or officers.get(unit.pk)
            if recipient is None:
                continue
            for offset in OFFSETS:
                day = deadline.due_on - datetime.timedelta(days=offset)
                if offset < 0 and position % 4:
                    continue  # only the units still late hear again after the deadline
                if day >= today:
                    status, sent = DispatchStatus.PENDING, None
                elif position % 23 == 5:
                    status, sent = DispatchStatus.FAILED, None
                elif position % 31 == 7:
                    status, sent = DispatchStatus.CANCELLED, None
                else:
                    status, sent = DispatchStatus.SENT, _at(day)
                rows.append(
                    ReminderDispatch(
                        kind=ReminderKind.REMINDER,
                        deadline=deadline,
                        unit=unit,
                        recipient_id=recipient,
                        offset=offset,
                        due_on=deadline.due_on,
                        scheduled_for=day,
                        status=status,
                        attempts=0 if status == DispatchStatus.PENDING else 1,
                        last_error="SMTP 451: máy chủ thư tạm thời từ chối" if status == DispatchStatus.FAILED else "",
                        next_attempt_at=_at(day) if status == DispatchStatus.PENDING else None,
                        sent_at=sent,
                        notified_at=sent,
                    )
                )
                if offset < 0:
                    late_by_parent.setdefault(by_path[unit.path[: -Unit.steplen]], []).append(unit.pk)
        day = deadline.due_on + datetime.timedelta(days=3)
        for parent_id, late in late_by_parent.items():
            recipient = officers.get(parent_id)
            if recipient is None:
                continue
            ahead = day >= today
            rows.append(
                ReminderDispatch(
                    kind=ReminderKind.ESCALATION,
                    deadline=deadline,
                    unit_id=parent_id,
                    recipient_id=recipient,
                    offset=-3,
                    due_on=deadline.due_on,
                    scheduled_for=day,
                    late_units=late,
                    status=DispatchStatus.PENDING if ahead else DispatchStatus.SENT,
                    attempts=0 if ahead else 1,
                    next_attempt_at=_at(day) if ahead else None,
                    sent_at=None if ahead else _at(day),
                    notified_at=None if ahead else _at(day),
                )
            )
    with transaction.atomic():
        ReminderDispatch.objects.bulk_create(rows, batch_size=2000)
    if stdout is not None:
        stdout.write(f"Province reminders: {len(rows)} rows.\n")
    return len(rows)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(7), tzinfo=timezone.get_current_timezone())
