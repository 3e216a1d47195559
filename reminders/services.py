"""Writes of deadline reminders: record what is due, claim, send, retry, resend.

Exactly once, step by step:

1. ``reminders_record`` inserts one ``ReminderDispatch`` per planned reminder. The key is unique in
   the database and the insert ignores conflicts, so a second beat or a double run adds nothing.
2. ``reminders_take_due`` hands waiting rows (and failed rows whose backoff is over) to the broker,
   after commit, and moves their ``next_attempt_at`` on by ``REMINDER_REQUEUE_AFTER_SECONDS`` so the
   next tick hands them over again only if no worker claimed them (lost message, broker down).
3. ``dispatches_send`` / ``digest_send`` first drop what is no longer needed (a unit that submitted
   meanwhile: ``cancelled``), then take the rows one message at a time: a claim (``pending``/
   ``failed`` → ``claimed``, stamped ``claimed_at``, with the in-app notification) committed just
   before the mail is handed over; ``claimed`` → ``sending`` committed right before the SMTP
   handoff; ``sent`` once the mail server accepted it. A worker killed at any moment therefore leaves
   at most one row per worker process in doubt. A failed send becomes ``failed`` with the error and a
   backoff; after ``REMINDER_MAX_ATTEMPTS`` it stays failed for staff to see.
4. The tick (``dispatches_recover``) gives back claims that never reached the mail server
   (``claimed`` older than ``REMINDER_CLAIM_TIMEOUT_SECONDS`` → ``pending``), and marks ``in_doubt``
   a row left ``sending`` longer than ``REMINDER_SENDING_TIMEOUT_SECONDS``: the mail server may have
   it, so it is never resent on its own; staff see "unknown — check" and may resend it deliberately.

Status writes are conditional updates whose allowed sources come from ``DISPATCH_TRANSITIONS``; the
dispatch row itself is the delivery log, so only deliberate staff actions go to the audit log.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Deadline
from campaigns.selectors import deadline_statuses
from common.dates import official_date
from common.emails import render_subject, send_email
from reminders.enums import CLAIMABLE_STATUSES, DispatchStatus, ReminderKind, dispatch_sources
from reminders.models import ReminderDispatch
from reminders.selectors import SETTLED_STATUSES, PlannedDispatch, can_resend, reminders_due
from units.models import Notification, Unit, User
from units.services import log_action

logger = logging.getLogger(__name__)

BROKER_CONNECT_TIMEOUT = 2  # seconds


@dataclass
class TickResult:
    planned: int = 0
    batches: list[tuple[int | None, list[int]]] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    requeued: int = 0
    in_doubt: int = 0

    @property
    def handed_over(self) -> int:
        return sum(len(ids) for _recipient, ids in self.batches)


# --- Recording what is due --------------------------------------------------------------------------


def next_digest_at(now: datetime.datetime) -> datetime.datetime:
    """The next daily digest time (``REMINDER_DIGEST_HOUR`` local) at or after ``now``."""
    local = timezone.localtime(now)
    at = local.replace(hour=settings.REMINDER_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return at if at >= local else at + datetime.timedelta(days=1)


def _chunks(items: list, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def reminders_record(*, planned: list[PlannedDispatch], now: datetime.datetime) -> int:
    """Insert the planned dispatches; an existing key is left alone. Each chunk commits on its own."""
    digest_users = set(
        User.objects.filter(pk__in={p.recipient_id for p in planned}, wants_daily_digest=True).values_list(
            "pk", flat=True
        )
    )
    digest_at = next_digest_at(now)
    # A fixed order keeps concurrent inserters from deadlocking on the unique index.
    planned = sorted(planned, key=lambda p: (p.deadline_id, p.kind, p.unit_id, p.recipient_id, p.offset))
    for chunk in _chunks(planned, settings.REMINDER_BATCH_SIZE * 5):
        with transaction.atomic():
            ReminderDispatch.objects.bulk_create(
                [
                    ReminderDispatch(
                        kind=p.kind,
                        deadline_id=p.deadline_id,
                        unit_id=p.unit_id,
                        recipient_id=p.recipient_id,
                        offset=p.offset,
                        due_on=p.due_on,
                        scheduled_for=p.scheduled_for,
                        late_units=list(p.late_unit_ids),
                        via_digest=p.recipient_id in digest_users,
                        next_attempt_at=digest_at if p.recipient_id in digest_users else now,
                    )
                    for p in chunk
                ],
                ignore_conflicts=True,
            )
    return len(planned)


@transaction.atomic
def reminders_take_due(*, now: datetime.datetime) -> list[tuple[int | None, list[int]]]:
    """Rows to send now, as batches: (None, ids) to send one by one, (recipient id, ids) for a digest."""
    ids = list(
        ReminderDispatch.objects.select_for_update(skip_locked=True)
        .filter(
            status__in=CLAIMABLE_STATUSES,
            next_attempt_at__lte=now,
            attempts__lt=settings.REMINDER_MAX_ATTEMPTS,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return []
    ReminderDispatch.objects.filter(pk__in=ids).update(
        next_attempt_at=now + datetime.timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS)
    )
    single, digests = [], defaultdict(list)
    for pk, via_digest, recipient_id in (
        ReminderDispatch.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "via_digest", "recipient_id")
    ):
        if via_digest:
            digests[recipient_id].append(pk)
        else:
            single.append(pk)
    batches: list[tuple[int | None, list[int]]] = [
        (None, chunk) for chunk in _chunks(single, settings.REMINDER_BATCH_SIZE)
    ]
    batches += sorted(digests.items())
    return batches


# The services enqueue tasks by name, so that they never import the task module (which imports them).
SEND_TASK = "reminders.tasks.send_reminders"
DIGEST_TASK = "reminders.tasks.send_reminder_digest"


def enqueue_batches(batches: list[tuple[int | None, list[int]]]) -> None:
    """Hand batches to the broker once the current transaction commits.

    With the broker down the error is logged and the rows stay waiting: the next tick hands
    them over again (``next_attempt_at`` was moved on by the requeue delay, not further).
    """

    def publish():
        if not batches:
            return
        try:
            # No connection retries here: with Redis down, redis-py's own backoff would hold a web
            # request for seconds. The rows are safe in the database either way.
            with current_app.connection_for_write(
                transport_options={"max_retries": 0, "socket_connect_timeout": BROKER_CONNECT_TIMEOUT}
            ) as connection:
                for recipient_id, ids in batches:
                    if recipient_id is None:
                        current_app.send_task(SEND_TASK, args=(ids,), retry=False, connection=connection)
                    else:
                        current_app.send_task(DIGEST_TASK, args=(recipient_id, ids), retry=False, connection=connection)
        except Exception:  # the broker's errors vary by transport; none may break the caller
            logger.exception(
                "Reminders: could not reach the broker; %s dispatches wait for the next tick",
                sum(len(ids) for _recipient, ids in batches),
            )

    transaction.on_commit(publish)


def reminders_tick(*, now: datetime.datetime | None = None, enqueue: bool = True) -> TickResult:
    """What the beat runs: record what is due today, then send (through the broker or right here)."""
    now = now or timezone.now()
    result = TickResult()
    result.requeued, result.in_doubt = dispatches_recover(now=now)
    result.planned = reminders_record(planned=reminders_due(today=timezone.localdate(now)), now=now)
    with transaction.atomic():
        result.batches = reminders_take_due(now=now)
        if enqueue:
            enqueue_batches(result.batches)
    if not enqueue:
        for recipient_id, ids in result.batches:
            counts = (
                dispatches_send(dispatch_ids=ids, now=now)
                if recipient_id is None
                else digest_send(recipient_id=recipient_id, dispatch_ids=ids, now=now)
            )
            result.sent += counts["sent"]
            result.failed += counts["failed"]
            result.cancelled += counts["cancelled"]
    return result


# --- Claiming -----------------------------------------------------------------------------------------


def deadline_path(deadline: Deadline, kind: str = ReminderKind.REMINDER) -> str:
    """Where a reminder links to: the unit's submit page, or for an escalation digest the
    per-unit status page of the deadline. Memoised on the instance (a batch shares deadlines)."""
    cache = deadline.__dict__.setdefault("_reminder_paths", {})
    if kind not in cache:
        name = "campaigns:deadline-status" if kind == ReminderKind.ESCALATION else settings.REMINDER_DEADLINE_URL_NAME
        try:
            cache[kind] = reverse(name, args=[deadline.pk])
        except NoReverseMatch:
            cache[kind] = reverse("units:home")
    return cache[kind]


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _still_late(deadline: Deadline, unit_ids: set[int], today: datetime.date) -> dict[int, tuple[Unit, datetime.date]]:
    """unit id → (unit, effective due date) for the given units that still owe the deadline."""
    units = Unit.objects.filter(pk__in=unit_ids).order_by("name_sort")
    return {
        item.unit.pk: (item.unit, item.due_on)
        for item in deadline_statuses(deadline, units, today=today)
        if item.status not in SETTLED_STATUSES
    }


@dataclass
class Claimed:
    dispatch: ReminderDispatch
    late_units: list[Unit] = field(default_factory=list)


def _set_status(ids: list[int], target: str, **values) -> int:
    """The only write of ``status``: a conditional update from the allowed source statuses."""
    if not ids:
        return 0
    return ReminderDispatch.objects.filter(pk__in=ids, status__in=dispatch_sources(target)).update(
        status=target, **values
    )


def dispatches_due_to_send(
    *, dispatch_ids: list[int], now: datetime.datetime, via_digest: bool, recipient_id: int | None = None
) -> tuple[list[Claimed], int]:
    """The rows of a batch still to send, read without claiming them; the stale ones are cancelled.

    A reminder whose unit submitted, was excused or got a new date since it was recorded is
    cancelled, as is a digest whose units are no longer late. The rows returned are only candidates:
    each is claimed (``dispatch_claim``) right before its mail goes out, and a row another worker
    claimed meanwhile is skipped then.
    """
    qs = ReminderDispatch.objects.filter(
        pk__in=dispatch_ids,
        status__in=dispatch_sources(DispatchStatus.CLAIMED),
        via_digest=via_digest,
        attempts__lt=settings.REMINDER_MAX_ATTEMPTS,
    )
    if recipient_id is not None:
        qs = qs.filter(recipient_id=recipient_id)
    rows = list(
        qs.select_related(
            "deadline__milestone__campaign__issuer", "deadline__milestone__recipient", "unit", "recipient"
        ).order_by("pk")
    )
    today = timezone.localdate(now)
    by_deadline: dict[int, list[ReminderDispatch]] = defaultdict(list)
    for row in rows:
        by_deadline[row.deadline_id].append(row)
    candidates, stale = [], []
    for group in by_deadline.values():
        deadline = group[0].deadline
        for row in group:
            row.deadline = deadline  # one instance per deadline: its link is worked out once
        wanted = {row.unit_id for row in group if row.kind == ReminderKind.REMINDER}
        wanted |= {pk for row in group if row.kind == ReminderKind.ESCALATION for pk in row.late_units}
        owing = _still_late(deadline, wanted, today)
        for row in group:
            if row.kind == ReminderKind.REMINDER:
                if row.unit_id in owing and owing[row.unit_id][1] == row.due_on:
                    candidates.append(Claimed(row))
                else:
                    stale.append(row.pk)
            else:
                late = [owing[pk][0] for pk in row.late_units if pk in owing and owing[pk][1] == row.due_on]
                if late:
                    candidates.append(Claimed(row, sorted(late, key=lambda u: u.name_sort)))
                else:
                    stale.append(row.pk)
    with transaction.atomic():
        # Only a row nobody claimed is cancelled: the update's sources leave a claimed row alone.
        cancelled = _set_status(stale, DispatchStatus.CANCELLED, next_attempt_at=None)
    candidates.sort(key=lambda c: c.dispatch.pk)
    return candidates, cancelled


def _commit_without_waiting_for_disk() -> None:
    """On PostgreSQL, let the current transaction commit without waiting for the disk.

    Used for the claim and for "sent", never for the handoff: the handoff's commit waits for the
    disk, and the write-ahead log is flushed in order, so once a handoff is durable so is the claim
    before it. A database crash may lose a claim whose mail never left (the row is simply sent
    later) or a "sent" (the row stays ``sending``, then ``in_doubt``, never resent on its own).
    """
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@transaction.atomic
def dispatch_claim(*, items: list[Claimed], now: datetime.datetime) -> list[Claimed]:
    """Claim rows just before their mail goes out (one row, or the rows of one digest), committed.

    Each row moves ``pending``/``failed`` → ``claimed`` by a conditional update, so of two workers
    given the same row only one gets it. ``claimed_at`` is the claim's token: the handoff
    (``dispatch_hand_over``) succeeds only for the claim that still holds it. The in-app notification
    is created here, once per dispatch, whatever happens to the mail.
    """
    _commit_without_waiting_for_disk()
    today = timezone.localdate(now)
    won = []
    for item in items:
        taken = (
            ReminderDispatch.objects.filter(
                pk=item.dispatch.pk,
                status__in=dispatch_sources(DispatchStatus.CLAIMED),
                attempts__lt=settings.REMINDER_MAX_ATTEMPTS,
            ).update(
                status=DispatchStatus.CLAIMED,
                claimed_at=now,
                attempts=F("attempts") + 1,
                next_attempt_at=None,
            )
            == 1
        )
        if not taken:
            continue
        # A row already told in the app (an earlier attempt) costs no query here.
        if item.dispatch.notified_at is None and ReminderDispatch.objects.filter(
            pk=item.dispatch.pk, notified_at__isnull=True
        ).update(notified_at=now):
            _notification(item, today).save()
        item.dispatch.status, item.dispatch.claimed_at = DispatchStatus.CLAIMED, now
        item.dispatch.attempts += 1
        won.append(item)
    return won


def dispatch_hand_over(*, items: list[Claimed]) -> bool:
    """``claimed`` → ``sending``, committed right before the SMTP handoff, for this claim only.

    False when the claim was given back meanwhile (the tick thought the worker dead): the mail is
    then not sent, so a row is never on its way twice.
    """
    ids = [item.dispatch.pk for item in items]
    claimed_at = items[0].dispatch.claimed_at
    with transaction.atomic():
        moved = ReminderDispatch.objects.filter(
            pk__in=ids, status=DispatchStatus.CLAIMED, claimed_at=claimed_at
        ).update(status=DispatchStatus.SENDING)
    if moved != len(ids):
        return False
    for item in items:
        item.dispatch.status = DispatchStatus.SENDING
    return True


def dispatches_claim(
    *, dispatch_ids: list[int], now: datetime.datetime, via_digest: bool, recipient_id: int | None = None
) -> tuple[list[Claimed], int]:
    """Check and claim every row of a batch at once (a worker about to send them all)."""
    candidates, cancelled = dispatches_due_to_send(
        dispatch_ids=dispatch_ids, now=now, via_digest=via_digest, recipient_id=recipient_id
    )
    return dispatch_claim(items=candidates, now=now), cancelled


def dispatches_recover(*, now: datetime.datetime) -> tuple[int, int]:
    """What the tick does first: give back stale claims, mark stale handoffs in doubt.

    A row ``claimed`` longer than ``REMINDER_CLAIM_TIMEOUT_SECONDS`` never reached the mail server
    (the worker died between its claim and the handoff): it goes back to ``pending``, due now, and
    the attempt that never happened is not counted. A row ``sending`` longer than
    ``REMINDER_SENDING_TIMEOUT_SECONDS`` may have reached it: ``in_doubt``, for staff. Returns
    (given back, in doubt). Not one transaction: each conditional update stands on its own, and
    no read lock is held across them (SQLite's shared cache in the integration test).
    """
    claim_limit = now - datetime.timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT_SECONDS)
    stale_claims = list(
        ReminderDispatch.objects.filter(status=DispatchStatus.CLAIMED, claimed_at__lt=claim_limit).values_list(
            "pk", flat=True
        )
    )
    # Written only when there is something to give back: a tick with nothing to do writes nothing.
    requeued = (
        ReminderDispatch.objects.filter(
            pk__in=stale_claims, status=DispatchStatus.CLAIMED, claimed_at__lt=claim_limit
        ).update(status=DispatchStatus.PENDING, claimed_at=None, attempts=F("attempts") - 1, next_attempt_at=now)
        if stale_claims
        else 0
    )
    sending_limit = now - datetime.timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT_SECONDS)
    in_doubt = list(
        ReminderDispatch.objects.filter(status=DispatchStatus.SENDING, claimed_at__lt=sending_limit).values_list(
            "pk", flat=True
        )
    )
    _set_status(in_doubt, DispatchStatus.IN_DOUBT)
    if requeued or in_doubt:
        logger.warning("Reminders: %s stale claims given back, %s dispatches in doubt", requeued, len(in_doubt))
    return requeued, len(in_doubt)


# --- Content ------------------------------------------------------------------------------------------


def dispatch_context(claimed: Claimed, today: datetime.date) -> dict:
    """What the templates of one reminder or digest need."""
    dispatch = claimed.dispatch
    deadline = dispatch.deadline
    milestone = deadline.milestone
    campaign = milestone.campaign
    days = (dispatch.due_on - today).days
    return {
        "kind": dispatch.kind,
        "recipient": dispatch.recipient,
        "unit": dispatch.unit,
        "campaign": campaign,
        "milestone": milestone,
        "deliverable": milestone.get_deliverable_display(),
        "due_date": official_date(dispatch.due_on),
        "original_due_date": official_date(deadline.due_on),
        "is_extended": dispatch.due_on != deadline.due_on,
        "days_left": max(days, 0),
        "days_late": max(-days, 0),
        "is_due_today": days == 0,
        "is_late": days < 0,
        "submit_to": milestone.recipient or campaign.issuer,
        "late_units": claimed.late_units,
        "url": absolute_url(deadline_path(deadline, dispatch.kind)),
    }


def _template_name(dispatch: ReminderDispatch) -> str:
    return "late_units" if dispatch.kind == ReminderKind.ESCALATION else "reminder"


def _notification(claimed: Claimed, today: datetime.date) -> Notification:
    context = dispatch_context(claimed, today)
    subject = render_subject(_template_name(claimed.dispatch), context)
    if claimed.dispatch.kind == ReminderKind.ESCALATION:
        body = ", ".join(unit.name for unit in claimed.late_units)
    else:
        body = _("%(deliverable)s for %(campaign)s, due %(date)s.") % {
            "deliverable": context["deliverable"],
            "campaign": context["campaign"].title,
            "date": context["due_date"],
        }
    return Notification(
        user=claimed.dispatch.recipient,
        title=subject[:255],
        body=body,
        url=deadline_path(claimed.dispatch.deadline, claimed.dispatch.kind),
    )


# --- Sending ------------------------------------------------------------------------------------------


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: base, 2 × base, 4 × base…"""
    return datetime.timedelta(seconds=settings.REMINDER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def _mark_sent(ids: list[int], now: datetime.datetime) -> None:
    """Record that the mail server accepted the mail.

    On PostgreSQL this commit need not wait for the disk: if the database server itself crashed
    before writing it, the row would stay ``sending`` — shown as unknown, never resent — so the
    guarantee holds. The handoff, which must survive any crash, always commits synchronously.
    """
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        _set_status(ids, DispatchStatus.SENT, sent_at=now, last_error="")


def _mark_failed(
    dispatches: list[ReminderDispatch], error: str, now: datetime.datetime, *, final: bool = False
) -> None:
    """Failed: retried after a backoff, or — after the last attempt, or when retrying cannot help — kept
    failed (``next_attempt_at`` empty) for staff to see and resend."""
    for dispatch in dispatches:
        final = final or dispatch.attempts >= settings.REMINDER_MAX_ATTEMPTS
        _set_status(
            [dispatch.pk],
            DispatchStatus.FAILED,
            last_error=error[:2000],
            next_attempt_at=None if final else now + retry_delay(dispatch.attempts),
        )
        logger.warning("Reminder dispatch %s failed (attempt %s): %s", dispatch.pk, dispatch.attempts, error)


def _no_address_error() -> str:
    return _("The account has no email address.")


def _send_one(item: Claimed, *, today: datetime.date, connection) -> None:
    """Hand one claimed reminder to the mail server and record the answer."""
    dispatch = item.dispatch
    context = dispatch_context(item, today)
    if not dispatch_hand_over(items=[item]):
        return
    send_email(
        name=_template_name(dispatch),
        to=[dispatch.recipient.email],
        context=context,
        connection=connection,
        headers={"X-Reminder-Dispatch": str(dispatch.pk)},
    )


def dispatches_send(*, dispatch_ids: list[int], now: datetime.datetime | None = None) -> dict[str, int]:
    """Send reminders one message each, over one connection to the mail server, claiming each row
    only right before its own message goes out."""
    now = now or timezone.now()
    candidates, cancelled = dispatches_due_to_send(dispatch_ids=dispatch_ids, now=now, via_digest=False)
    counts = {"sent": 0, "failed": 0, "cancelled": cancelled}
    if not candidates:
        return counts
    today = timezone.localdate(now)
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:
        # Nothing can go out: every row counts the attempt (and its in-app notice) and waits its backoff.
        claimed = dispatch_claim(items=candidates, now=now)
        _mark_failed([c.dispatch for c in claimed], f"{type(exc).__name__}: {exc}", now)
        return {**counts, "failed": len(claimed)}
    try:
        for item in candidates:
            # The claim's time is the real moment (the token of this claim), not the batch's ``now``.
            if not dispatch_claim(items=[item], now=max(now, timezone.now())):
                continue  # another worker has it
            dispatch = item.dispatch
            if not dispatch.recipient.email:
                _mark_failed([dispatch], _no_address_error(), now, final=True)
                counts["failed"] += 1
                continue
            try:
                _send_one(item, today=today, connection=connection)
            except Exception as exc:
                _mark_failed([dispatch], f"{type(exc).__name__}: {exc}", now)
                counts["failed"] += 1
                continue
            if dispatch.status == DispatchStatus.SENDING:
                _mark_sent([dispatch.pk], timezone.now())
                counts["sent"] += 1
    finally:
        connection.close()
    return counts


def digest_send(*, recipient_id: int, dispatch_ids: list[int], now: datetime.datetime | None = None) -> dict[str, int]:
    """One email listing every waiting item of one recipient; the items are claimed, handed over and
    marked sent together."""
    now = now or timezone.now()
    candidates, cancelled = dispatches_due_to_send(
        dispatch_ids=dispatch_ids, now=now, via_digest=True, recipient_id=recipient_id
    )
    claimed = dispatch_claim(items=candidates, now=max(now, timezone.now())) if candidates else []
    if not claimed:
        return {"sent": 0, "failed": 0, "cancelled": cancelled}
    today = timezone.localdate(now)
    recipient = claimed[0].dispatch.recipient
    dispatches = [c.dispatch for c in claimed]
    if not recipient.email:
        _mark_failed(dispatches, _no_address_error(), now, final=True)
        return {"sent": 0, "failed": len(claimed), "cancelled": cancelled}
    items = sorted((dispatch_context(c, today) for c in claimed), key=lambda ctx: (ctx["kind"], ctx["milestone"].title))
    if not dispatch_hand_over(items=claimed):
        return {"sent": 0, "failed": 0, "cancelled": cancelled}
    try:
        send_email(
            name="reminder_digest",
            to=[recipient.email],
            context={"recipient": recipient, "items": items, "date": official_date(today)},
            headers={"X-Reminder-Dispatch": ",".join(str(d.pk) for d in dispatches)},
        )
    except Exception as exc:
        _mark_failed(dispatches, f"{type(exc).__name__}: {exc}", now)
        return {"sent": 0, "failed": len(claimed), "cancelled": cancelled}
    _mark_sent([d.pk for d in dispatches], timezone.now())
    return {"sent": len(claimed), "failed": 0, "cancelled": cancelled}


# --- Staff and user actions -----------------------------------------------------------------------


@transaction.atomic
def dispatch_resend(*, dispatch: ReminderDispatch, actor: User | None) -> ReminderDispatch:
    """Staff send a failed or "unknown" (in doubt) dispatch again, deliberately, as a single message now."""
    dispatch = ReminderDispatch.objects.select_for_update().get(pk=dispatch.pk)
    if not can_resend(dispatch):
        raise ValidationError(_("Only a failed reminder, or one whose sending is unknown, can be sent again."))
    old_status, old_attempts = dispatch.status, dispatch.attempts
    now = timezone.now()
    _set_status(
        [dispatch.pk],
        DispatchStatus.PENDING,
        attempts=0,
        via_digest=False,
        next_attempt_at=now + datetime.timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS),
    )
    log_action(
        dispatch.deadline.milestone.campaign,
        "reminder.resent",
        actor=actor,
        unit=dispatch.unit,
        data={"dispatch": dispatch.pk, "from": old_status, "to": DispatchStatus.PENDING, "attempts": old_attempts},
    )
    enqueue_batches([(None, [dispatch.pk])])
    dispatch.refresh_from_db()
    return dispatch


@transaction.atomic
def reminder_preferences_update(*, user: User, wants_daily_digest: bool) -> User:
    if user.wants_daily_digest != wants_daily_digest:
        User.objects.filter(pk=user.pk).update(wants_daily_digest=wants_daily_digest)
        user.wants_daily_digest = wants_daily_digest
        log_action(
            user, "user.reminder_preferences", actor=user, unit=user.unit, data={"daily_digest": wants_daily_digest}
        )
    return user
