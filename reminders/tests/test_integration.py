"""End to end: the beat's tick through a real Celery worker, the real Redis and a real SMTP server.

The worker runs in this process (``celery.contrib.testing.worker.start_worker``) so that it sees the
test database; messages travel through Redis on 127.0.0.1:6379 and the mail goes over SMTP to an
aiosmtpd server on a free loopback port.
"""

import datetime
import email
import email.policy
import socket
import threading
import time

import pytest
import redis
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from django.test import override_settings
from django.utils import timezone

from common.dates import official_date
from config.celery import app as celery_app
from reminders import tasks
from reminders.models import ReminderDispatch
from reminders.tests.factories import reminder_world
from units.models import Notification

REDIS_URL = "redis://127.0.0.1:6379/11"
pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return False


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 30) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.05)
        time.sleep(1)  # anything extra (a duplicate) would arrive now
        return list(self.messages)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379: start redis-server to run the end-to-end test")
    old_url = celery_app.conf.broker_url
    celery_app.conf.broker_url = REDIS_URL
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"):
        yield
    celery_app.conf.broker_url = old_url


def test_tick_through_redis_and_a_worker_mails_each_reminder_once(world, smtp_inbox, redis_worker):
    due = timezone.localdate() + datetime.timedelta(days=7)
    reminder_world(world, due_on=due)
    # Launching the campaign told its participants (units.notifications); count the reminders only.
    smtp_inbox.wait_for(99, timeout=1)
    smtp_inbox.messages.clear()

    tasks.reminders_tick.delay()
    received = smtp_inbox.wait_for(4)
    assert sorted(rcpt for rcpts, _message in received for rcpt in rcpts) == [
        "clerk_a1@example.test",
        "clerk_b1@example.test",
        "head_a2@example.test",
        "head_b1@example.test",
    ]
    subject = f"[Còn 7 ngày] Nộp báo cáo sơ kết phong trào — hạn {official_date(due)}"
    assert [m["Subject"].strip() for _rcpts, m in received] == [subject] * 4
    text = received[0][1].get_body(preferencelist=("plain",)).get_content()
    assert "Phong trào “Đổi mới, sáng tạo trong dạy và học”" in text
    assert set(ReminderDispatch.objects.values_list("status", flat=True)) == {"sent"}
    assert Notification.objects.filter(event="").count() == 4

    tasks.reminders_tick.delay()  # a second beat, or the same tick delivered twice
    tasks.reminders_tick.delay()
    assert len(smtp_inbox.wait_for(5, timeout=3)) == 4
