"""The notification dispatcher: bell at once, email at once or in the daily digest, over real SMTP."""

import datetime
import email
import email.policy
import socket
import threading
import time
import zoneinfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.urls import reverse

from units import imports, notifications
from units.enums import ImportKind, ImportState
from units.models import ImportBatch, Notification, User

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=HCM)


def _batch(world, user):
    return ImportBatch.objects.create(
        user=user,
        kind=ImportKind.PEOPLE,
        file_name="ca-nhan.xlsx",
        summary={"created": 12, "updated": 3, "unchanged": 0},
    )


@time_machine.travel(MORNING, tick=False)
def test_import_finished_reaches_the_importer_in_the_bell_and_by_email(
    world, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://thidua.example.vn"
    clerk = world.users["school_clerk"]
    batch = _batch(world, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_batch_set_state(batch=batch, new_state=ImportState.COMMITTED, actor=clerk)
    notice = Notification.objects.get()
    assert (notice.user, notice.event, notice.title, notice.body) == (
        clerk,
        "import.finished",
        "Đã nhập xong dữ liệu: ca-nhan.xlsx",
        "12 mới, 3 cập nhật, 0 không đổi.",
    )
    assert notice.url == reverse("units:import-preview", args=[batch.pk])
    assert notice.emailed_at == MORNING
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["clerk_a1@example.test"], "Đã nhập xong dữ liệu: ca-nhan.xlsx")
    ]
    assert f"https://thidua.example.vn{notice.url}" in mail.outbox[0].body


def test_nothing_is_delivered_when_the_transaction_rolls_back(world, django_capture_on_commit_callbacks):
    clerk = world.users["school_clerk"]
    batch = _batch(world, clerk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        imports.import_batch_set_state(batch=batch, new_state=ImportState.COMMITTED, actor=clerk)
    assert (len(callbacks), Notification.objects.count(), len(mail.outbox)) == (1, 0, 0)


def test_digest_users_get_one_summary_at_the_digest_hour(world, settings):
    settings.REMINDER_DIGEST_HOUR = 7
    clerk = world.users["school_clerk"]
    User.objects.filter(pk=clerk.pk).update(wants_daily_digest=True)
    clerk.refresh_from_db()
    with time_machine.travel(MORNING, tick=False):
        notifications.deliver("import.finished", _batch(world, clerk), actor=None)
        notifications.deliver("import.finished", _batch(world, clerk), actor=None)
        assert (Notification.objects.filter(user=clerk).count(), len(mail.outbox)) == (2, 0)
        assert notifications.emails_send_due() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 3, 7, 0, tzinfo=HCM), tick=False):
        assert notifications.emails_send_due() == 1
        assert notifications.emails_send_due() == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["clerk_a1@example.test"], "2 thông báo mới trên cổng thi đua, khen thưởng")
    ]
    assert mail.outbox[0].body.count("Đã nhập xong dữ liệu: ca-nhan.xlsx") == 2
    assert set(Notification.objects.values_list("emailed_at", flat=True)) == {
        datetime.datetime(2026, 3, 3, 0, 0, tzinfo=datetime.UTC)
    }


@time_machine.travel(MORNING, tick=False)
def test_a_failed_send_is_left_for_the_tick(world, settings):
    settings.EMAIL_BACKEND = "units.tests.test_notifications.RefusingBackend"
    clerk = world.users["school_clerk"]
    notifications.deliver("import.finished", _batch(world, clerk), actor=None)
    notice = Notification.objects.get()
    assert (notice.emailed_at, notice.email_due_at) == (None, MORNING)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.emails_send_due() == 1
    notice.refresh_from_db()
    assert notice.emailed_at == MORNING


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_an_account_without_email_hears_in_the_bell_only(world):
    clerk = world.users["school_clerk"]
    User.objects.filter(pk=clerk.pk).update(email="")
    clerk.refresh_from_db()
    notifications.deliver("import.finished", _batch(world, clerk), actor=None)
    assert (Notification.objects.get().email_due_at, len(mail.outbox)) == (None, 0)


def test_unknown_event_is_refused(world):
    with pytest.raises(KeyError):
        notifications.announce("campaign.vanished", world.so)


# --- A real SMTP server on loopback ---------------------------------------------------------------


class Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.05)
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


@time_machine.travel(MORNING, tick=False)
def test_import_finished_email_travels_over_real_smtp(world, smtp_inbox, django_capture_on_commit_callbacks):
    clerk = world.users["school_clerk"]
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_batch_set_state(batch=_batch(world, clerk), new_state=ImportState.COMMITTED, actor=clerk)
    received = smtp_inbox.wait_for(1)
    assert [(rcpts, m["Subject"]) for rcpts, m in received] == [
        (("clerk_a1@example.test",), "Đã nhập xong dữ liệu: ca-nhan.xlsx")
    ]
    text = received[0][1].get_body(preferencelist=("plain",)).get_content()
    assert "12 mới, 3 cập nhật, 0 không đổi." in text
