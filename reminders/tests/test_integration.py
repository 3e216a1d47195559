"""End to end: the beat's tick through a real Celery worker, the real Redis and a real SMTP server.

The worker runs in this process (``celery.contrib.testing.worker.start_worker``) so that it sees the
test database and the test's clock; messages travel through Redis on 127.0.0.1:6379 and the mail goes
over SMTP to an aiosmtpd server on a free loopback port. "Exactly once" is read from the database and
the mail server once the worker has drained the queue, never from a count after a sleep.
"""

import contextlib
import datetime
import email
import email.policy
import itertools
import socket
import threading
import time
from collections import Counter

import pytest
import time_machine
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from django.db import OperationalError, connection
from django.test import override_settings

from common.dates import official_date
from config.celery import app as celery_app
from reminders import tasks
from reminders.enums import DispatchStatus
from reminders.models import ReminderDispatch
from reminders.tests.factories import DUE, at, reminder_world
from units.models import Notification

REDIS_URL = "redis://127.0.0.1:6379/11"
# Seven days before the deadline, at 08:00 in the portal's zone: the "[Còn 7 ngày]" reminders are due.
NOW = at(DUE - datetime.timedelta(days=7))
DRAIN_TIMEOUT = 30.0
# The redis marker skips the module when Redis is absent, or fails it under CI=true (conftest.py).
pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts (it answers 250 only after keeping it)."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def received(self) -> list:
        with self.lock:
            return list(self.messages)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def clock():
    """The test and the in-process worker share this clock; it runs on, from NOW."""
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        yield inbox
    controller.stop()


@pytest.fixture
def redis_worker():
    old_url = celery_app.conf.broker_url
    celery_app.conf.broker_url = REDIS_URL
    # Forget connections and producers an earlier test opened for the default broker, and make this
    # app the one tasks and services publish through (``current_app``), whatever a test set before.
    # (``close()`` drops the connection pool only when one exists; the producer pool can outlive it.)
    celery_app.close()
    celery_app.amqp._producer_pool = None
    celery_app.set_current()
    celery_app.set_default()
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"):
        yield
    celery_app.conf.broker_url = old_url
    celery_app.close()
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def _reads_without_table_locks():
    """On SQLite the test and the worker share one in-memory database in shared-cache mode, where a
    reader's table lock makes the worker's write fail ("database table is locked"). While polling,
    this connection reads without taking those locks; PostgreSQL needs nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA read_uncommitted = 1")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 0")


def _wait_until(condition, what: str, timeout: float = DRAIN_TIMEOUT) -> None:
    """Poll the database until ``condition()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    with _reads_without_table_locks():
        while not condition():
            if time.monotonic() > deadline:
                pytest.fail(f"the worker did not get there within {timeout:.0f} s: {what}")
            time.sleep(0.05)


_witness_offsets = itertools.count(-900, -1)


def _written_when_unlocked(write, timeout: float = DRAIN_TIMEOUT):
    """Run a write of the test, retried while the worker holds a table lock. On SQLite the test and
    the worker share one in-memory database in shared-cache mode, where a write fails at once
    ("database table is locked") while the worker's transaction reads that table; PostgreSQL waits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return write()
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _drain(world) -> None:
    """Return once the worker has handled every message published so far and everything those published.

    The worker (solo pool) takes messages in order. A witness is a dispatch that no tick takes
    (no ``next_attempt_at``) and that the sender cancels on sight (it names a due date the deadline
    does not have), so it sends nothing; its status leaves "pending" only when the worker reaches its message. Once a
    first witness is handled, every earlier message has been too, and whatever they published sits
    before a second witness: when that one is handled, the queue has drained.
    """
    for _round in range(2):
        witness = _written_when_unlocked(
            lambda: ReminderDispatch.objects.create(
                deadline=world.extra["deadline"],
                unit=world.so,
                recipient=world.users["so_officer"],
                offset=next(_witness_offsets),
                due_on=DUE - datetime.timedelta(days=365),
                scheduled_for=DUE,
                status=DispatchStatus.PENDING,
                next_attempt_at=None,
            )
        )
        tasks.send_reminders.delay([witness.pk])
        _wait_until(
            lambda pk=witness.pk: ReminderDispatch.objects.get(pk=pk).status == DispatchStatus.CANCELLED,
            "the drain witness was not handled",
        )


def _reminders():
    """The tick's reminders, without the drain witnesses."""
    return ReminderDispatch.objects.exclude(offset__lte=-900)


def test_tick_through_redis_and_a_worker_mails_each_reminder_once(world, clock, smtp_inbox, redis_worker):
    reminder_world(world, due_on=DUE)

    tasks.reminders_tick.delay()
    _wait_until(
        lambda: _reminders().count() == 4 and not _reminders().exclude(status=DispatchStatus.SENT).exists(),
        "the four reminders were not all sent",
    )
    tasks.reminders_tick.delay()  # a second beat, or the same tick delivered twice
    tasks.reminders_tick.delay()
    _drain(world)

    dispatches = list(_reminders().order_by("pk").values("pk", "status", "attempts", "sent_at", "notified_at"))
    # Launching the campaign also told its participants (units.notifications): count the reminders only.
    received = [(rcpts, m) for rcpts, m in smtp_inbox.received() if m["X-Reminder-Dispatch"]]
    # Each dispatch was claimed once, sent once and noticed in the app once...
    assert [(d["status"], d["attempts"]) for d in dispatches] == [(DispatchStatus.SENT, 1)] * 4
    assert [d["sent_at"] is not None and d["notified_at"] is not None for d in dispatches] == [True] * 4
    assert Notification.objects.filter(event="").count() == 4
    # ...and the mail server holds exactly one message per dispatch, each a message of its own.
    by_dispatch = Counter(int(m["X-Reminder-Dispatch"]) for _rcpts, m in received)
    assert by_dispatch == Counter(d["pk"] for d in dispatches)
    message_ids = [m["Message-ID"] for _rcpts, m in received]
    assert len(set(message_ids)) == len(message_ids) == 4
    assert sorted(rcpt for rcpts, _message in received for rcpt in rcpts) == [
        "clerk_a1@example.test",
        "clerk_b1@example.test",
        "head_a2@example.test",
        "head_b1@example.test",
    ]
    subject = f"[Còn 7 ngày] Nộp báo cáo sơ kết phong trào — hạn {official_date(DUE)}"
    assert [m["Subject"].strip() for _rcpts, m in received] == [subject] * 4
    text = received[0][1].get_body(preferencelist=("plain",)).get_content()
    assert "Phong trào “Đổi mới, sáng tạo trong dạy và học”" in text
