"""Builders shared by the reminder tests: a launched campaign of the Sở with one deadline.

Owing units (primary and lower-secondary schools): school_a1 (clerk), school_a2 (head), school_b1
(a clerk and a head added here). The units above: phong_a (phong_officer), phong_b (an officer
added here).
"""

import datetime
from collections import Counter

from campaigns import services
from campaigns.tests.factories import CampaignFactory
from units.enums import UnitKind
from units.tests.factories import UserFactory

DUE = datetime.date(2025, 2, 5)


def reminder_world(world, *, due_on=DUE, title="Nộp báo cáo sơ kết phong trào"):
    campaign = CampaignFactory(
        issuer=world.so,
        title="Phong trào “Đổi mới, sáng tạo trong dạy và học”",
        starts_on=min(datetime.date(2024, 9, 1), due_on - datetime.timedelta(days=200)),
        ends_on=max(datetime.date(2026, 8, 31), due_on + datetime.timedelta(days=200)),
    )
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="midterm_report",
        title=title,
        due_on=due_on,
        owed_by_kinds=[UnitKind.PRIMARY_SCHOOL, UnitKind.LOWER_SECONDARY_SCHOOL],
        recipient=world.so,
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    users = world.users
    users["b1_clerk"] = UserFactory(username="clerk_b1", unit=world.school_b1, is_clerk=True)
    users["b1_head"] = UserFactory(username="head_b1", unit=world.school_b1, is_unit_head=True)
    users["pb_officer"] = UserFactory(username="officer_pb", unit=world.phong_b, is_officer=True)
    world.extra.update(campaign=campaign, milestone=milestone, deadline=milestone.deadlines.get())
    return world.extra["deadline"]


def at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    """An aware datetime on ``day`` in the portal's zone."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def mailed_dispatches(outbox) -> Counter:
    """How many messages carried each dispatch, read from the header the senders stamp on every
    message (``X-Reminder-Dispatch``: one id, or a digest's ids joined by commas)."""
    return Counter(int(pk) for message in outbox for pk in message.extra_headers["X-Reminder-Dispatch"].split(","))


def sent_once_facts(dispatches) -> set:
    """(status, attempts, has sent_at) of the given dispatch rows: {("sent", 1, True)} when each was
    claimed once and sent once."""
    return {(d.status, d.attempts, d.sent_at is not None) for d in dispatches}


def claim_and_hand_over(dispatch_ids: list[int], now: datetime.datetime) -> list:
    """What a worker does up to the SMTP handoff: claim the rows, then mark each one handed over.
    A test stops here to play a worker killed while the mail server held the message."""
    from reminders.services import dispatch_hand_over, dispatches_claim

    claimed, _cancelled = dispatches_claim(dispatch_ids=dispatch_ids, now=now, via_digest=False)
    return [item for item in claimed if dispatch_hand_over(items=[item])]
