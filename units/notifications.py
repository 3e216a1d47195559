"""Who hears of what: the one table of event → recipients, and the one way to announce an event.

Each app declares its events (``register``) — units its own here, ``campaigns`` and ``emulation``
from their ``AppConfig.ready`` (``<app>/notifications.py``) — so this module never names an app
above it. A service calls ``announce(code, obj, actor=…)`` inside its transaction; once the
transaction commits, each recipient (the actor excepted) gets a notice in the bell, and an email
at once or in the next daily digest, as the account prefers (``User.wants_daily_digest``, the
same choice as for deadline reminders). Mail goes through ``common.emails``; a batch too large to
send during the request, and any send that failed, is sent by ``emails_send_due`` on the beat's tick
(``units.tasks.notification_emails_tick``).
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.emails import send_email
from common.text import clean
from units.models import ImportBatch, Notification, User

logger = logging.getLogger(__name__)

NOTICE_EMAIL = "notification"
DIGEST_EMAIL = "notification_digest"
# At most this many emails are sent during the request that caused them; more wait for the tick.
INLINE_EMAIL_LIMIT = 50


@dataclass(frozen=True)
class Event:
    """One row of the table: what happened, who hears of it, and what they read."""

    code: str
    label: Any  # a lazy msgid, shown to maintainers and in the test of the table
    recipients: Callable[[Any], Iterable[User]]
    title: Callable[[Any], str]
    url: Callable[[Any], str] = lambda obj: ""
    body: Callable[[Any], str] = lambda obj: ""
    tell_actor: bool = False  # the actor hears too (an import they started, told when it is done)


TABLE: dict[str, Event] = {}


def register(code: str, *, label, recipients, title, url=None, body=None, tell_actor: bool = False) -> Event:
    """Declare an event (from an app's ``AppConfig.ready``); declaring the same code again replaces it."""
    event = Event(code, label, recipients, title, url or (lambda obj: ""), body or (lambda obj: ""), tell_actor)
    TABLE[code] = event
    return event


def recipients_for(code: str, obj, *, actor: User | None = None) -> list[User]:
    """The active accounts that hear of ``code`` about ``obj``, each once, the actor excepted."""
    event = TABLE[code]
    skip = None if actor is None or event.tell_actor else actor.pk
    seen, users = set(), []
    for user in event.recipients(obj):
        if user.is_active and user.pk not in seen and user.pk != skip:
            seen.add(user.pk)
            users.append(user)
    return users


def announce(code: str, obj, *, actor: User | None = None) -> None:
    """Called by a service inside its transaction: the notices go out once it commits."""
    if code not in TABLE:
        raise KeyError(f"Unknown notification event {code!r}: register it first.")
    actor = actor if actor is not None and actor.is_authenticated else None
    transaction.on_commit(lambda: deliver(code, obj, actor=actor))


def next_digest_at(now: datetime.datetime) -> datetime.datetime:
    """The next daily digest time (``REMINDER_DIGEST_HOUR`` local, as reminders') at or after ``now``."""
    local = timezone.localtime(now)
    at = local.replace(hour=settings.REMINDER_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return at if at >= local else at + datetime.timedelta(days=1)


def deliver(code: str, obj, *, actor: User | None = None, now: datetime.datetime | None = None) -> list[Notification]:
    """The bell now for every recipient; email now or in the digest. Returns the notices made."""
    event = TABLE[code]
    users = recipients_for(code, obj, actor=actor)
    if not users:
        return []
    now = now or timezone.now()
    digest_at = next_digest_at(now)
    title, url, body = clean(str(event.title(obj)))[:255], event.url(obj), str(event.body(obj))
    notices = Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                title=title,
                body=body,
                url=url,
                event=code,
                email_due_at=(digest_at if user.wants_daily_digest else now) if user.email else None,
            )
            for user in users
        ]
    )
    at_once = [n for n in notices if n.email_due_at == now]
    if 0 < len(at_once) <= INLINE_EMAIL_LIMIT:
        try:
            emails_send_due(now=now, ids=[n.pk for n in at_once])
        except Exception:  # the mail server's errors vary; the tick sends what is left
            logger.exception("Notifications: %s emails of %s wait for the next tick", len(at_once), code)
    return notices


def _absolute(url: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + url if url.startswith("/") else url


def emails_send_due(*, now: datetime.datetime | None = None, ids: Iterable[int] | None = None) -> int:
    """Send every email that is due: one per notice for those who want them at once, one digest per
    account for the others. Each notice is marked as soon as its message is accepted, so a failure
    half-way leaves the rest for the next call and sends nothing twice. Returns the messages sent."""
    now = now or timezone.now()
    due = Notification.objects.filter(emailed_at__isnull=True, email_due_at__lte=now).select_related("user")
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notice in due.order_by("user_id", "created_at", "pk"):
        by_user[notice.user_id].append(notice)
    sent = 0
    with get_connection() as connection:
        for notices in by_user.values():
            user = notices[0].user
            # The digest: everything due at once, in one message; otherwise one message per notice.
            batches = [notices] if user.wants_daily_digest else [[n] for n in notices]
            for batch in batches:
                context = {
                    "recipient": user,
                    "notices": [{"title": n.title, "body": n.body, "url": _absolute(n.url)} for n in batch],
                    "list_url": _absolute(reverse("units:notification-list")),
                }
                if len(batch) == 1:
                    context.update(context["notices"][0])
                name = DIGEST_EMAIL if len(batch) > 1 else NOTICE_EMAIL
                sent += send_email(name=name, to=[user.email], context=context, connection=connection)
                Notification.objects.filter(pk__in=[n.pk for n in batch]).update(emailed_at=timezone.now())
    return sent


# --- The registry's own events -------------------------------------------------------------------


def _import_url(batch: ImportBatch) -> str:
    return reverse("units:import-preview", args=[batch.pk])


register(
    "import.finished",
    label=_("An import was completed"),
    recipients=lambda batch: [batch.user],
    title=lambda batch: _("Import finished: %(file)s") % {"file": batch.file_name},
    url=_import_url,
    body=lambda batch: (
        _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {key: (batch.summary or {}).get(key, 0) for key in ("created", "updated", "unchanged")}
    ),
    tell_actor=True,
)
