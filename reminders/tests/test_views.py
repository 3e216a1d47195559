"""The reminder screens: log and preview for the issuer's staff, deliberate resend, digest preference."""

import datetime
import time

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from config.celery import app as celery_app
from reminders.models import ReminderDispatch
from reminders.services import reminders_tick
from reminders.tests.factories import DUE, at, claim_and_hand_over, reminder_world
from units.models import AuditLog
from units.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def dead_broker():
    """Point Celery at a port where nothing listens, as when Redis is down."""
    old = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:9/0"
    yield
    celery_app.conf.broker_url = old


def _log_url(world, **params):
    url = reverse("reminders:reminder-log", args=[world.extra["milestone"].pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_reminder_log_shows_who_was_told_what_and_the_next_reminders(world, client_for):
    reminder_world(world)
    with time_machine.travel(at(DUE - 7 * DAY), tick=False):
        reminders_tick(enqueue=False)
    with time_machine.travel(at(DUE - 6 * DAY), tick=False):
        response = client_for(world.users["so_officer"]).get(_log_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    log = html[html.index('data-testid="reminder-log"') : html.index('data-testid="reminder-preview"')]
    assert log.count("Đã gửi") == 4
    assert "clerk_a1@example.test" in log
    assert "7 ngày trước hạn" in log
    preview = html[html.index('data-testid="reminder-preview"') :]
    assert "02/02/2025" in preview  # the 3-day reminders come next
    # The late units of the digest are listed on demand (reminders/tests/test_preview.py), not on the page.
    assert ("Tổng hợp đơn vị chậm nộp gửi cấp trên" in preview, "Trường Tiểu học Thử A1" in preview) == (True, False)


def test_reminder_log_shows_failed_and_unknown_rows_with_a_resend_button(world, client_for):
    deadline = reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        batches = reminders_tick(enqueue=True).batches
        claim_and_hand_over(batches[0][1], start)  # the worker dies while the mail server holds the mails
    ReminderDispatch.objects.filter(recipient__username="head_b1").update(
        status="failed", attempts=5, last_error="SMTPRecipientsRefused: head_b1@example.test"
    )
    client = client_for(world.users["so_officer"])
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        html = client.get(_log_url(world, han=deadline.pk)).content.decode()
    assert (html.count("Chưa rõ — cần kiểm tra"), html.count("Gửi lỗi"), html.count("Gửi lại")) == (0, 1, 1)
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        html = client.get(_log_url(world, han=deadline.pk)).content.decode()
    assert (html.count("Chưa rõ — cần kiểm tra"), html.count("Gửi lại")) == (3, 4)
    assert "SMTPRecipientsRefused: head_b1@example.test" in html


@pytest.mark.parametrize("rows", [1, 30])
def test_reminder_log_query_count_does_not_grow_with_rows(world, client_for, django_assert_num_queries, rows):
    deadline = reminder_world(world)
    units = [UnitFactory(parent=world.phong_a, kind="primary_school") for _ in range(rows)]
    users = [UserFactory(unit=unit, is_clerk=True) for unit in units]
    ReminderDispatch.objects.bulk_create(
        ReminderDispatch(
            deadline=deadline,
            unit=unit,
            recipient=user,
            offset=7,
            due_on=DUE,
            scheduled_for=DUE - 7 * DAY,
            status="sent",
            attempts=1,
        )
        for unit, user in zip(units, users, strict=True)
    )
    client = client_for(world.users["so_officer"])
    with (
        time_machine.travel(at(DUE - 6 * DAY), tick=False),
        django_assert_num_queries(16),
    ):  # 19 before the preview was counted, not listed
        response = client.get(_log_url(world))
    assert response.content.decode().count("Đã gửi") == rows


def test_resend_puts_the_row_back_and_the_next_tick_sends_it_once(world, client_for):
    deadline = reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        reminders_tick(enqueue=True)
    row = ReminderDispatch.objects.get(recipient__username="clerk_a1")
    ReminderDispatch.objects.filter(pk=row.pk).update(status="failed", attempts=5, next_attempt_at=None)
    officer = world.users["so_officer"]
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        response = client_for(officer).post(reverse("reminders:reminder-resend", args=[row.pk]), follow=True)
    assert response.redirect_chain[-1][0] == _log_url(world, han=deadline.pk)
    assert "sẽ được gửi lại" in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.via_digest) == ("pending", 0, False)
    assert AuditLog.objects.filter(action="reminder.resent", actor=officer).count() == 1

    again = client_for(officer).post(reverse("reminders:reminder-resend", args=[row.pk]), follow=True)
    assert "Chỉ gửi lại được" in again.content.decode()  # a waiting row cannot be resent twice
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        reminders_tick(enqueue=False)
    assert [m.to for m in mail.outbox].count(["clerk_a1@example.test"]) == 1


def test_resend_with_the_broker_down_answers_at_once_and_loses_nothing(
    world, client_for, dead_broker, django_capture_on_commit_callbacks, caplog
):
    reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        reminders_tick(enqueue=True)
    row = ReminderDispatch.objects.get(recipient__username="clerk_a1")
    ReminderDispatch.objects.filter(pk=row.pk).update(status="failed", attempts=5, next_attempt_at=None)
    began = time.monotonic()
    with (
        time_machine.travel(start + datetime.timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client_for(world.users["so_officer"]).post(reverse("reminders:reminder-resend", args=[row.pk]))
    assert (response.status_code, len(callbacks)) == (302, 1)  # the publish ran, failed, and was caught
    assert time.monotonic() - began < 3
    assert "could not reach the broker; 1 dispatches wait for the next tick" in caplog.text
    row.refresh_from_db()
    assert row.status == "pending"
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        assert reminders_tick(enqueue=False).sent == 4  # the other three never reached the broker either
    assert sorted(m.to[0] for m in mail.outbox) == [
        "clerk_a1@example.test",
        "clerk_b1@example.test",
        "head_a2@example.test",
        "head_b1@example.test",
    ]


def test_preferences_page_switches_the_daily_digest(world, client_for):
    clerk = world.users["school_clerk"]
    client = client_for(clerk)
    url = reverse("reminders:reminder-preferences")
    assert 'name="wants_daily_digest"' in client.get(url).content.decode()
    response = client.post(url, {"wants_daily_digest": "on"}, follow=True)
    clerk.refresh_from_db()
    assert clerk.wants_daily_digest is True
    assert "checked" in response.content.decode()
    assert AuditLog.objects.filter(action="user.reminder_preferences", actor=clerk).count() == 1
    client.post(url, {})
    clerk.refresh_from_db()
    assert clerk.wants_daily_digest is False


def test_manage_reminders_permission_exists_in_any_process_not_only_after_a_view_import():
    """rules.py is autodiscovered: a shell, a worker or a command sees the permission too."""
    import subprocess
    import sys

    from django.conf import settings

    code = "import rules; print(rules.perm_exists('reminders.manage_reminders'))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"
