"""Exactly once under real concurrency: ticks and senders racing on separate PostgreSQL connections."""

import datetime
import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection, connections

from reminders.models import ReminderDispatch
from reminders.selectors import reminders_due
from reminders.services import dispatches_send, reminders_record, reminders_take_due, reminders_tick
from reminders.tests.factories import DUE, at, reminder_world
from units.models import Notification
from units.tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
NOW = at(DUE - datetime.timedelta(days=7))


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite lets one writer at a time, so there is no real race to test")


@pytest.fixture
def busy_world(world):
    """The reminder world plus 30 more schools, each with a clerk: 34 reminders due at NOW."""
    reminder_world(world)
    for n in range(30):
        school = UnitFactory(parent=world.phong_a, kind="primary_school", name=f"Trường Tiểu học Đua {n}")
        UserFactory(username=f"clerk_race{n}", unit=school, is_clerk=True)
    return world


def _race(count: int, work):
    """Run ``work`` in ``count`` threads released together, each on its own database connection."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # reported below: a thread must not die silently
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


@pytest.mark.parametrize("ticks", [2, 3])
def test_concurrent_ticks_send_each_reminder_once(busy_world, ticks):
    mail.outbox.clear()  # launching the campaign told its participants (units.notifications)
    results = _race(ticks, lambda: reminders_tick(now=NOW, enqueue=False))
    assert sum(r.sent for r in results) == 34
    per_recipient = Counter(m.to[0] for m in mail.outbox)
    assert (len(per_recipient), set(per_recipient.values())) == (34, {1})
    assert ReminderDispatch.objects.filter(status="sent").count() == 34
    assert Notification.objects.filter(event="").count() == 34
    assert reminders_tick(now=NOW, enqueue=False).sent == 0  # and a third run afterwards adds nothing


def test_four_workers_given_the_same_batch_send_it_once(busy_world):
    reminders_record(planned=reminders_due(today=NOW.date()), now=NOW)
    ids = [pk for _recipient, batch in reminders_take_due(now=NOW) for pk in batch]
    assert len(ids) == 34
    mail.outbox.clear()  # launching the campaign told its participants (units.notifications)
    results = _race(4, lambda: dispatches_send(dispatch_ids=ids, now=NOW))
    assert sum(r["sent"] for r in results) == 34
    assert Counter(Counter(m.to[0] for m in mail.outbox).values()) == Counter({1: 34})
    assert set(ReminderDispatch.objects.values_list("status", "attempts")) == {("sent", 1)}
