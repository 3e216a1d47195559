"""Deadline reminders: selection with time frozen, exactly-once sending, retries, digests, content."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from campaigns import services
from reminders.enums import DispatchStatus, ReminderKind
from reminders.models import ReminderDispatch
from reminders.selectors import (
    PlannedDispatch,
    UnitSituation,
    can_resend,
    current_offset,
    is_unknown,
    plan_deadline,
    reminder_preview,
    reminders_due,
)
from reminders.services import (
    dispatch_hand_over,
    dispatch_resend,
    dispatches_claim,
    dispatches_send,
    reminder_preferences_update,
    reminders_tick,
)
from reminders.tests.factories import (
    DUE,
    at,
    claim_and_hand_over,
    mailed_dispatches,
    reminder_world,
    sent_once_facts,
)
from units.models import AuditLog, Notification

pytestmark = pytest.mark.django_db

MOVE_REASON = "Lùi hạn theo đề nghị của các trường"

OFFSETS = [14, 7, 3, 1, 0, -1, -7]
DAY = datetime.timedelta(days=1)


def _plan(today, units, existing=(), officers=None):
    return plan_deadline(
        today=today,
        deadline_id=1,
        units=units,
        officers_by_parent=officers or {},
        existing=set(existing),
        offsets=OFFSETS,
        catch_up_days=7,
    )


def _key(offset, *, unit=10, recipient=100, due=DUE, kind=ReminderKind.REMINDER):
    return (kind, 1, unit, recipient, offset, due)


# --- The pure planner ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_to_due", "already", "expected"),
    [
        (15, [], []),
        (14, [], [14]),
        (10, [], [14]),  # a late tick still sends the missed offset…
        (10, [14], []),  # …but never twice
        (7, [14], [7]),
        (5, [], [7]),  # two offsets missed: only the most recent one
        (3, [14, 7], [3]),
        (1, [3], [1]),
        (0, [1], [0]),
        (-1, [0], [-1]),
        (-3, [-1], []),
        (-7, [-1], [-7]),
        (-14, [], [-7]),  # the missed -7 is exactly REMINDER_CATCH_UP_DAYS old
        (-15, [], []),  # older than the catch-up window: dropped
    ],
)
def test_planner_picks_the_offset_whose_day_has_come(days_to_due, already, expected):
    today = DUE - datetime.timedelta(days=days_to_due)
    unit = UnitSituation(unit_id=10, parent_id=None, due_on=DUE, settled=False, recipient_ids=(100,))
    planned = _plan(today, [unit], existing=[_key(o) for o in already])
    assert [p.offset for p in planned] == expected


def test_planner_sends_one_reminder_per_recipient_of_each_owing_unit():
    units = [
        UnitSituation(unit_id=10, parent_id=None, due_on=DUE, settled=False, recipient_ids=(100, 101)),
        UnitSituation(unit_id=11, parent_id=None, due_on=DUE, settled=True, recipient_ids=(102,)),
    ]
    planned = _plan(DUE - 7 * DAY, units)
    assert [(p.unit_id, p.recipient_id, p.offset, p.scheduled_for) for p in planned] == [
        (10, 100, 7, DUE - 7 * DAY),
        (10, 101, 7, DUE - 7 * DAY),
    ]


def test_planner_moves_the_series_to_the_extended_date():
    extended = DUE + 10 * DAY
    unit = UnitSituation(unit_id=10, parent_id=None, due_on=extended, settled=False, recipient_ids=(100,))
    assert _plan(DUE - 7 * DAY, [unit]) == []
    # On the original due day the unit is not late (no escalation); it hears of the series against its new date.
    assert [(p.kind, p.offset, p.due_on) for p in _plan(DUE, [unit])] == [("reminder", 14, extended)]
    assert [(p.offset, p.due_on) for p in _plan(extended - 3 * DAY, [unit])] == [(3, extended)]


def test_planner_escalates_late_units_to_each_officer_above_in_one_digest():
    units = [
        UnitSituation(unit_id=10, parent_id=1, due_on=DUE, settled=False),
        UnitSituation(unit_id=11, parent_id=1, due_on=DUE, settled=False),
        UnitSituation(unit_id=12, parent_id=1, due_on=DUE, settled=True),
        UnitSituation(unit_id=13, parent_id=2, due_on=DUE, settled=False),
    ]
    planned = _plan(DUE + DAY, units, officers={1: (900, 901), 2: (902,)})
    assert [(p.kind, p.unit_id, p.recipient_id, p.offset, p.late_unit_ids) for p in planned] == [
        ("escalation", 1, 900, -1, (10, 11)),
        ("escalation", 1, 901, -1, (10, 11)),
        ("escalation", 2, 902, -1, (13,)),
    ]
    assert _plan(DUE, units, officers={1: (900,)}) == []  # not late on the due day itself
    again = _plan(DUE + 2 * DAY, units, existing=[p.key for p in planned], officers={1: (900, 901), 2: (902,)})
    assert again == []


def test_current_offset_is_none_before_the_first_offset():
    assert current_offset(today=DUE - 20 * DAY, due_on=DUE, offsets=OFFSETS, catch_up_days=7) is None


# --- Against the database, time frozen --------------------------------------------------------------


def _outbox():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


@time_machine.travel(at(DUE - 7 * DAY), tick=False)
def test_tick_reminds_each_clerk_and_head_of_owing_units_once(world):
    deadline = reminder_world(world)
    result = reminders_tick(enqueue=False)
    assert (result.planned, result.sent, result.failed) == (4, 4, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "clerk_a1@example.test",
        "clerk_b1@example.test",
        "head_a2@example.test",
        "head_b1@example.test",
    ]
    assert {m.subject for m in mail.outbox} == {
        "[Còn 7 ngày] Nộp báo cáo sơ kết phong trào — hạn ngày 05 tháng 02 năm 2025"
    }
    rows = ReminderDispatch.objects.filter(deadline=deadline)
    assert {(r.status, r.offset, r.attempts) for r in rows} == {(DispatchStatus.SENT, 7, 1)}
    assert Notification.objects.filter(title__startswith="[Còn 7 ngày]").count() == 4

    again = reminders_tick(enqueue=False)
    assert (again.planned, again.sent) == (0, 0)
    rows = list(ReminderDispatch.objects.filter(deadline=deadline))
    assert sent_once_facts(rows) == {(DispatchStatus.SENT, 1, True)}
    assert mailed_dispatches(mail.outbox) == Counter({r.pk: 1 for r in rows})
    assert Notification.objects.count() == 4


def test_tick_skips_submitted_and_excused_units_and_follows_an_extension(world):
    deadline = reminder_world(world)
    with time_machine.travel(at(DUE - 10 * DAY), tick=False):
        services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Đã nộp bản giấy")
        services.deadline_excuse(deadline=deadline, unit=world.school_a2, reason="Trường sáp nhập", actor=None)
        services.deadline_extend(
            deadline=deadline, unit=world.school_b1, new_due_on=DUE + 10 * DAY, reason="Mưa lũ", actor=None
        )
    for day in range(-7, 12):
        with time_machine.travel(at(DUE + day * DAY), tick=False):
            reminders_tick(enqueue=False)
    sent = sorted((r.unit_id, r.recipient.username, r.offset, r.due_on) for r in ReminderDispatch.objects.all())
    new_due = DUE + 10 * DAY
    series = [(world.school_b1.pk, name, o, new_due) for name in ("clerk_b1", "head_b1") for o in (14, 7, 3, 1, 0, -1)]
    escalation = (world.phong_b.pk, "officer_pb", -1, new_due)  # late only after the new date
    assert sent == sorted([*series, escalation])
    assert len(mail.outbox) == 13
    b1_mail = next(m for m in mail.outbox if "[Còn 3 ngày]" in m.subject)
    assert "Hạn nộp: ngày 15 tháng 02 năm 2025 (gia hạn từ ngày 05 tháng 02 năm 2025)" in b1_mail.body


def test_overdue_units_are_reported_to_the_officer_above_in_one_digest(world):
    deadline = reminder_world(world)
    with time_machine.travel(at(DUE - DAY), tick=False):
        services.submission_create(deadline=deadline, unit=world.school_a2, actor=None, note="Đã nộp")
    with time_machine.travel(at(DUE + DAY), tick=False):
        reminders_tick(enqueue=False)
    digests = [m for m in mail.outbox if m.to == ["officer_pa@example.test"]]
    assert [m.subject for m in digests] == [
        "[Đơn vị chậm nộp: 1] Nộp báo cáo sơ kết phong trào — hạn ngày 05 tháng 02 năm 2025"
    ]
    assert "1. Trường Tiểu học Thử A1" in digests[0].body
    assert "Trường THCS Thử A2" not in digests[0].body
    pb = [m for m in mail.outbox if m.to == ["officer_pb@example.test"]]
    assert "1. Trường Tiểu học Thử B1" in pb[0].body
    escalations = ReminderDispatch.objects.filter(kind=ReminderKind.ESCALATION).order_by("recipient__username")
    assert [(e.recipient.username, e.unit_id, e.offset, e.late_units) for e in escalations] == [
        ("officer_pa", world.phong_a.pk, -1, [world.school_a1.pk]),
        ("officer_pb", world.phong_b.pk, -1, [world.school_b1.pk]),
    ]
    with time_machine.travel(at(DUE + 2 * DAY), tick=False):
        assert reminders_tick(enqueue=False).sent == 0


@time_machine.travel(at(DUE - 3 * DAY), tick=False)
@override_settings(PORTAL_BASE_URL="https://thidua.example.vn")
def test_reminder_email_says_what_is_due_when_and_where(world):
    deadline = reminder_world(world)
    reminders_tick(enqueue=False)
    message = next(m for m in mail.outbox if m.to == ["clerk_a1@example.test"])
    assert message.subject == "[Còn 3 ngày] Nộp báo cáo sơ kết phong trào — hạn ngày 05 tháng 02 năm 2025"
    body = message.body
    assert "Phong trào: Phong trào “Đổi mới, sáng tạo trong dạy và học”" in body
    assert "Nội dung phải nộp: Báo cáo sơ kết — Nộp báo cáo sơ kết phong trào" in body
    assert "Hạn nộp: ngày 05 tháng 02 năm 2025" in body
    assert "Nộp về: Sở Giáo dục và Đào tạo Thử nghiệm" in body
    assert "https://thidua.example.vn/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>ngày 05 tháng 02 năm 2025</strong>" in html
    assert 'href="https://thidua.example.vn/' in html
    assert message.extra_headers["X-Reminder-Dispatch"] == str(
        ReminderDispatch.objects.get(deadline=deadline, recipient__username="clerk_a1").pk
    )


# --- Failures, retries, stuck claims -----------------------------------------------------------------

DEAD_SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,  # discard port: nothing listens, the connection is refused
    "EMAIL_TIMEOUT": 2,
}


def test_failed_send_is_kept_failed_and_retried_with_backoff(world):
    reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False), override_settings(**DEAD_SMTP):
        result = reminders_tick(enqueue=False)
    assert (result.sent, result.failed) == (0, 4)
    row = ReminderDispatch.objects.get(recipient__username="clerk_a1")
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 1, start + datetime.timedelta(minutes=5))
    assert "ConnectionRefusedError" in row.last_error
    assert Notification.objects.filter(user__username="clerk_a1").count() == 1  # in-app still told, once

    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        assert reminders_tick(enqueue=False).sent == 0  # backoff not over
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False), override_settings(**DEAD_SMTP):
        assert reminders_tick(enqueue=False).failed == 4
    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at) == (2, start + datetime.timedelta(minutes=15))
    with time_machine.travel(start + datetime.timedelta(minutes=15), tick=False):
        assert reminders_tick(enqueue=False).sent == 4
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, "")
    assert len(mail.outbox) == 4
    assert Notification.objects.filter(user__username="clerk_a1").count() == 1


@override_settings(REMINDER_MAX_ATTEMPTS=2, **DEAD_SMTP)
def test_send_stays_failed_after_the_last_attempt(world):
    reminder_world(world)
    start = at(DUE - 7 * DAY)
    for minutes in (0, 5, 60, 600):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            reminders_tick(enqueue=False)
    row = ReminderDispatch.objects.get(recipient__username="clerk_a1")
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 2, None)


def test_a_mail_handed_over_and_never_confirmed_is_in_doubt_and_never_resent_until_staff_resend(world):
    deadline = reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        handed = reminders_tick(enqueue=True)  # handed to the broker (never published in this test)
        ids = [pk for _r, batch in handed.batches for pk in batch]
        handed_over = claim_and_hand_over(ids, start)
    assert len(handed_over) == 4  # …and the worker dies while the mail server holds them: none marked sent
    row = ReminderDispatch.objects.get(deadline=deadline, recipient__username="clerk_a1")
    assert row.status == "sending"
    assert is_unknown(row, now=start + datetime.timedelta(minutes=14)) is False
    assert is_unknown(row, now=start + datetime.timedelta(minutes=16)) is True

    officer = world.users["so_officer"]
    # A handoff still inside its timeout may be mid-send: the service refuses, as the log's button does.
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        assert can_resend(row) is False
        with pytest.raises(ValidationError):
            dispatch_resend(dispatch=row, actor=officer)
    ticks = []
    for minutes in (11, 30, 120):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            result = reminders_tick(enqueue=False)
            ticks.append((result.sent, result.requeued, result.in_doubt))
    # The tick at 30 minutes marks the four in doubt; nothing is ever resent on its own.
    assert ticks == [(0, 0, 0), (0, 0, 4), (0, 0, 0)]
    assert mail.outbox == []
    row.refresh_from_db()
    assert (row.status, is_unknown(row)) == ("in_doubt", True)
    with time_machine.travel(start + datetime.timedelta(hours=3), tick=False):
        assert can_resend(row) is True
        dispatch_resend(dispatch=row, actor=officer)
    with time_machine.travel(start + datetime.timedelta(hours=4), tick=False):
        assert reminders_tick(enqueue=False).sent == 1
    assert [m.to for m in mail.outbox] == [["clerk_a1@example.test"]]
    log = AuditLog.objects.get(action="reminder.resent")
    assert (log.actor, log.data["from"], log.data["attempts"]) == (officer, "in_doubt", 1)
    assert Notification.objects.filter(user__username="clerk_a1").count() == 1


@override_settings(REMINDER_CLAIM_TIMEOUT_SECONDS=120)
def test_a_claim_that_never_reached_the_mail_server_goes_back_to_the_queue_on_its_own(world):
    reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        handed = reminders_tick(enqueue=True)
        ids = [pk for _r, batch in handed.batches for pk in batch]
        claimed, _cancelled = dispatches_claim(dispatch_ids=ids, now=start, via_digest=False)
    assert len(claimed) == 4  # …and the worker dies between its claims and the handoff
    with time_machine.travel(start + datetime.timedelta(seconds=119), tick=False):
        early = reminders_tick(enqueue=False)
    assert (early.requeued, early.sent) == (0, 0)  # the claim may still be alive
    assert set(ReminderDispatch.objects.values_list("status", flat=True)) == {"claimed"}
    with time_machine.travel(start + datetime.timedelta(seconds=121), tick=False):
        late = reminders_tick(enqueue=False)
    assert (late.requeued, late.sent, late.in_doubt) == (4, 4, 0)
    # Sent once each; the claim that never reached the mail server is not counted as an attempt.
    assert sent_once_facts(ReminderDispatch.objects.all()) == {("sent", 1, True)}
    assert mailed_dispatches(mail.outbox) == Counter(dict.fromkeys(ids, 1))
    assert Notification.objects.filter(user__username="clerk_a1").count() == 1  # told in the app once


@override_settings(REMINDER_CLAIM_TIMEOUT_SECONDS=120)
def test_a_worker_whose_claim_was_given_back_does_not_hand_the_mail_over(world):
    reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        handed = reminders_tick(enqueue=True)
        ids = [pk for _r, batch in handed.batches for pk in batch]
        slow, _cancelled = dispatches_claim(dispatch_ids=ids, now=start, via_digest=False)
    with time_machine.travel(start + datetime.timedelta(minutes=3), tick=False):
        assert reminders_tick(enqueue=True).requeued == 4  # given back, handed to the broker again
        assert dispatch_hand_over(items=slow[:1]) is False  # the slow worker wakes: its claim is gone
        assert dispatches_send(dispatch_ids=ids).get("sent") == 4  # the new worker sends them
    assert mailed_dispatches(mail.outbox) == Counter(dict.fromkeys(ids, 1))
    assert sent_once_facts(ReminderDispatch.objects.all()) == {("sent", 1, True)}


def test_a_reminder_whose_unit_submitted_meanwhile_is_cancelled_not_sent(world):
    deadline = reminder_world(world)
    start = at(DUE - 7 * DAY)
    with time_machine.travel(start, tick=False):
        reminders_tick(enqueue=True)  # recorded and handed over, not yet sent
        services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Đã nộp")
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=False):
        result = reminders_tick(enqueue=False)
    assert (result.sent, result.cancelled) == (3, 1)
    assert ReminderDispatch.objects.get(recipient__username="clerk_a1").status == "cancelled"
    assert "clerk_a1@example.test" not in [m.to[0] for m in mail.outbox]


# --- Daily digest ---------------------------------------------------------------------------------------


def test_digest_users_get_one_email_a_day_listing_every_item(world):
    deadline = reminder_world(world)
    second = services.milestone_create(
        campaign=world.extra["campaign"],
        actor=None,
        deliverable="registration",
        title="Đăng ký thi đua năm học",
        due_on=DUE,
        owed_by_kinds=["primary_school"],
        amendment_reason="Bổ sung mốc đăng ký",
    )
    clerk = world.users["b1_clerk"]
    reminder_preferences_update(user=clerk, wants_daily_digest=True)
    with time_machine.travel(at(DUE - 7 * DAY, hour=0), tick=False):
        reminders_tick(enqueue=False)
    assert "clerk_b1@example.test" not in [m.to[0] for m in mail.outbox]
    waiting = ReminderDispatch.objects.filter(recipient=clerk)
    assert {(r.status, r.via_digest, r.deadline_id) for r in waiting} == {
        ("pending", True, deadline.pk),
        ("pending", True, second.deadlines.get().pk),
    }
    with time_machine.travel(at(DUE - 7 * DAY, hour=7), tick=False):
        reminders_tick(enqueue=False)
        reminders_tick(enqueue=False)
    digests = [m for m in mail.outbox if m.to == ["clerk_b1@example.test"]]
    assert [m.subject for m in digests] == ["[Nhắc hạn] 2 nội dung, ngày 29 tháng 01 năm 2025"]
    assert "1. Nộp báo cáo sơ kết phong trào" in digests[0].body
    assert "2. Đăng ký thi đua năm học" in digests[0].body
    assert "Trường Tiểu học Thử B1: còn 7 ngày" in digests[0].body
    assert {r.status for r in waiting.all()} == {"sent"}
    assert Notification.objects.filter(user=clerk).count() == 2


def test_preview_lists_the_next_reminders_without_recording_them(world):
    deadline = reminder_world(world)
    preview = reminder_preview(deadline, today=DUE - 4 * DAY, days=6)
    assert [(p.scheduled_for, p.kind, p.offset) for p in preview if p.recipient_id == world.users["pb_officer"].pk] == [
        (DUE + DAY, "escalation", -1)
    ]
    clerk = [(p.scheduled_for, p.offset) for p in preview if p.recipient_id == world.users["school_clerk"].pk]
    assert clerk == [(DUE - 7 * DAY, 7), (DUE - 3 * DAY, 3), (DUE - DAY, 1), (DUE, 0), (DUE + DAY, -1)]
    assert ReminderDispatch.objects.count() == 0
    assert isinstance(preview[0], PlannedDispatch)


def test_officer_with_the_daily_digest_gets_the_late_units_in_it(world):
    reminder_world(world)
    officer = world.users["phong_officer"]
    reminder_preferences_update(user=officer, wants_daily_digest=True)
    with time_machine.travel(at(DUE + DAY, hour=1), tick=False):
        reminders_tick(enqueue=False)
    assert "officer_pa@example.test" not in [m.to[0] for m in mail.outbox]
    with time_machine.travel(at(DUE + DAY, hour=7), tick=False):
        reminders_tick(enqueue=False)
    digest = next(m for m in mail.outbox if m.to == ["officer_pa@example.test"])
    assert digest.subject == "[Nhắc hạn] 1 nội dung, ngày 06 tháng 02 năm 2025"
    assert "Đơn vị trực thuộc chậm nộp (quá hạn 1 ngày): Trường THCS Thử A2; Trường Tiểu học Thử A1" in digest.body


def test_send_reminders_command_lists_then_sends_what_is_due(world):
    from io import StringIO

    from django.core.management import call_command

    reminder_world(world)
    out = StringIO()
    with time_machine.travel(at(DUE - 7 * DAY), tick=False):
        call_command("send_reminders", "--dry-run", stdout=out)
        assert out.getvalue().splitlines()[-1] == "4 due"
        assert ReminderDispatch.objects.count() == 0
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        "recorded=4 sent=4 failed=0 cancelled=0",
        "recorded=0 sent=0 failed=0 cancelled=0",
    ]
    assert len(mail.outbox) == 4


def test_reminders_follow_a_moved_deadline_and_spare_units_that_submitted(world):
    deadline = reminder_world(world)
    services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Đã nộp")
    milestone = world.extra["milestone"]
    before = {(p.deadline_id, p.due_on) for p in reminders_due(today=DUE - datetime.timedelta(days=7))}

    services.milestone_update(
        milestone=milestone,
        actor=None,
        due_on=DUE + datetime.timedelta(days=14),
        amendment_reason=MOVE_REASON,
    )

    new_due = DUE + datetime.timedelta(days=14)
    after = list(reminders_due(today=new_due - datetime.timedelta(days=7)))
    assert before == {(deadline.pk, DUE)}
    assert {(p.deadline_id, p.due_on) for p in after} == {(deadline.pk, new_due)}
    assert world.school_a1.pk not in {p.unit_id for p in after}
    # Nothing is due on the old date's offsets any more.
    assert list(reminders_due(today=DUE - datetime.timedelta(days=7))) == []
