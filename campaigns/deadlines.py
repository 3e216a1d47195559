"""A milestone's concrete due dates and the Deadline rows that follow them.

The services call ``milestone_expand`` inside their transaction whenever a milestone, its phase or
the campaign period changes (see ``campaigns.parts`` for the milestone's and the phase's hooks);
reminders read ``milestone_dates`` to know which dates a milestone still has.
"""

import datetime

from django.db import transaction

from campaigns.enums import Recurrence
from campaigns.models import Deadline, Milestone


def milestone_dates(milestone: Milestone) -> list[datetime.date]:
    """Concrete due dates: the one-off date, the yearly day in every year of the period, or for a
    yearly target without a fixed date the end of every year of the period.

    A yearly milestone runs over its phase when it has one, else over the campaign.
    """
    campaign = milestone.campaign
    if milestone.recurrence == Recurrence.ONCE:
        return [milestone.due_on] if milestone.due_on else []
    start, end = (
        (milestone.phase.starts_on, milestone.phase.ends_on)
        if milestone.phase_id
        else (campaign.starts_on, campaign.ends_on)
    )
    dates = []
    if milestone.recurrence == Recurrence.YEARLY_TARGET:
        # A yearly target: owed by the end of each calendar year of the period (its last day at most).
        return [min(datetime.date(year, 12, 31), end) for year in range(start.year, end.year + 1)]
    for year in range(start.year, end.year + 1):
        try:
            day = datetime.date(year, milestone.due_month, milestone.due_day)
        except ValueError:  # 29/2 in a common year falls on 28/2
            day = datetime.date(year, milestone.due_month, milestone.due_day - 1)
        if start <= day <= end:
            dates.append(day)
    return dates


def deadline_dates(milestone: Milestone) -> list[datetime.date]:
    """The dates of the Deadline rows a milestone has now."""
    return [d.due_on for d in milestone.deadlines.order_by("due_on")]


@transaction.atomic
def milestone_expand(*, milestone: Milestone) -> list[Deadline]:
    """Make the Deadline rows match the milestone's dates, moving rows rather than replacing them.

    A moved date (an amendment) moves its Deadline row: the one-off deadline, or for a yearly
    milestone the deadline of the same year. Submissions, exceptions and the reminder log stay
    with the row, so a unit that already submitted is judged against the new date and does not
    owe the deadline a second time. Reminders are keyed on (deadline, unit, recipient, offset,
    effective due date), so the new date gets a fresh reminder series and pending reminders for
    the old date are never sent (the planner only reminds about dates the milestone has).
    A date that no longer exists at all (a shorter period) loses its row unless units submitted
    against it; such a row is kept, with its submissions, and no longer reminded about.
    """
    wanted = sorted(set(milestone_dates(milestone)))
    existing = sorted(milestone.deadlines.all(), key=lambda d: d.due_on)
    unmatched_rows = [d for d in existing if d.due_on not in wanted]
    unmatched_dates = [day for day in wanted if day not in {d.due_on for d in existing}]

    def same_slot(row: Deadline, day: datetime.date) -> bool:
        return milestone.recurrence == Recurrence.ONCE or row.due_on.year == day.year

    to_create = []
    for day in unmatched_dates:
        row = next((r for r in unmatched_rows if same_slot(r, day)), None)
        if row is None:
            to_create.append(Deadline(milestone=milestone, due_on=day))
            continue
        unmatched_rows.remove(row)
        Deadline.objects.filter(pk=row.pk).update(due_on=day)
    for row in unmatched_rows:
        if not row.submissions.exists():
            row.delete()
    Deadline.objects.bulk_create(to_create, ignore_conflicts=True)
    return list(milestone.deadlines.order_by("due_on"))
