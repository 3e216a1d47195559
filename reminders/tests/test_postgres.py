"""Exactly once under real concurrency: ticks and senders racing on separate PostgreSQL connections."""

import datetime
from collections import Counter

import pytest
from django.core import mail

from reminders.models import ReminderDispatch
from reminders.selectors import reminders_due
from reminders.services import dispatches_send, reminders_record, reminders_take_due, reminders_tick
from reminders.tests.factories import DUE, at, mailed_dispatches, reminder_world, sent_once_facts
from tests.race import race as _race
from units.models import Notification
from units.tests.factories import UnitFactory, UserFactory

# SQLite lets one writer at a time, so there is no real race to test there: the ``postgres`` marker
# skips these on SQLite, and fails them under CI=true (conftest.py).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
NOW = at(DUE - datetime.timedelta(days=7))


@pytest.fixture
def busy_world(world):
    """The reminder world plus 30 more schools, each with a clerk: 34 reminders due at NOW."""
    reminder_world(world)
    for n in range(30):
        school = UnitFactory(parent=world.phong_a, kind="primary_school", name=f"Trường Tiểu học Đua {n}")
        UserFactory(username=f"clerk_race{n}", unit=school, is_clerk=True)
    return world


@pytest.mark.parametrize("ticks", [2, 3])
def test_concurrent_ticks_send_each_reminder_once(busy_world, ticks):
    mail.outbox.clear()  # launching the campaign told its participants (units.notifications)
    results = _race(ticks, lambda: reminders_tick(now=NOW, enqueue=False))  # joined: every thread is done
    assert sum(r.sent for r in results) == 34
    dispatches = list(ReminderDispatch.objects.all())
    assert len(dispatches) == 34
    # One claim and one sent_at per dispatch, one message per dispatch, one recipient per message.
    assert sent_once_facts(dispatches) == {("sent", 1, True)}
    assert mailed_dispatches(mail.outbox) == Counter({d.pk: 1 for d in dispatches})
    per_recipient = Counter(m.to[0] for m in mail.outbox)
    assert (len(per_recipient), set(per_recipient.values())) == (34, {1})
    assert sorted(Notification.objects.filter(event="").values_list("user_id", flat=True)) == sorted(
        d.recipient_id for d in dispatches
    )
    assert reminders_tick(now=NOW, enqueue=False).sent == 0  # and a third run afterwards adds nothing


def test_four_workers_given_the_same_batch_send_it_once(busy_world):
    reminders_record(planned=reminders_due(today=NOW.date()), now=NOW)
    ids = [pk for _recipient, batch in reminders_take_due(now=NOW) for pk in batch]
    assert len(ids) == 34
    mail.outbox.clear()  # launching the campaign told its participants (units.notifications)
    results = _race(4, lambda: dispatches_send(dispatch_ids=ids, now=NOW))
    assert sum(r["sent"] for r in results) == 34
    assert Counter(Counter(m.to[0] for m in mail.outbox).values()) == Counter({1: 34})
    assert mailed_dispatches(mail.outbox) == Counter(dict.fromkeys(ids, 1))
    assert sent_once_facts(ReminderDispatch.objects.all()) == {("sent", 1, True)}
