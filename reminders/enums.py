"""Kinds and statuses of reminder dispatches."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", pgettext_lazy("reminder kind", "Reminder to the unit")
    ESCALATION = "escalation", pgettext_lazy("reminder kind", "Late units digest to the level above")


class DispatchStatus(models.TextChoices):
    """Where one reminder dispatch stands.

    ``claimed`` is a worker's claim, taken one message at a time just before the mail goes out; a
    claim that never reached the mail server goes back to ``pending`` on its own after
    ``REMINDER_CLAIM_TIMEOUT_SECONDS``. ``sending`` means the mail is being handed to the mail
    server; a row still there after ``REMINDER_SENDING_TIMEOUT_SECONDS`` is ``in_doubt`` (the server
    may or may not have it) and waits for staff, never resent on its own.
    """

    PENDING = "pending", pgettext_lazy("dispatch status", "Waiting")
    CLAIMED = "claimed", pgettext_lazy("dispatch status", "Taken by a worker")
    SENDING = "sending", pgettext_lazy("dispatch status", "Sending")
    SENT = "sent", pgettext_lazy("dispatch status", "Sent")
    FAILED = "failed", pgettext_lazy("dispatch status", "Failed")
    IN_DOUBT = "in_doubt", pgettext_lazy("dispatch status", "Unknown — check")
    CANCELLED = "cancelled", pgettext_lazy("dispatch status", "No longer needed")


# Every status write of a dispatch is a conditional UPDATE whose WHERE clause comes from this table
# (``dispatch_sources``), so two workers can never both move the same row. ``claimed`` → ``pending``
# is the tick giving back a claim that never reached the mail server. ``sending`` and ``in_doubt`` →
# ``pending`` is only ever a deliberate resend by staff: a worker killed mid-send may already have
# handed the mail over, so nothing resends those rows on its own. ``in_doubt`` → ``sent``: a slow
# mail server answered after all.
DISPATCH_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DispatchStatus.PENDING: (DispatchStatus.CLAIMED, DispatchStatus.CANCELLED),
    DispatchStatus.CLAIMED: (DispatchStatus.SENDING, DispatchStatus.FAILED, DispatchStatus.PENDING),
    DispatchStatus.SENDING: (
        DispatchStatus.SENT,
        DispatchStatus.FAILED,
        DispatchStatus.IN_DOUBT,
        DispatchStatus.PENDING,
    ),
    DispatchStatus.IN_DOUBT: (DispatchStatus.SENT, DispatchStatus.PENDING),
    DispatchStatus.FAILED: (DispatchStatus.CLAIMED, DispatchStatus.CANCELLED, DispatchStatus.PENDING),
    DispatchStatus.SENT: (),
    DispatchStatus.CANCELLED: (),
}
CLAIMABLE_STATUSES = (DispatchStatus.PENDING, DispatchStatus.FAILED)
DISPATCH_STATUS_COLOURS = {
    DispatchStatus.PENDING: "light",
    DispatchStatus.CLAIMED: "info",
    DispatchStatus.SENDING: "info",
    DispatchStatus.SENT: "success",
    DispatchStatus.FAILED: "danger",
    DispatchStatus.IN_DOUBT: "warning",
    DispatchStatus.CANCELLED: "secondary",
}


def dispatch_sources(target: str) -> tuple[str, ...]:
    """The statuses a dispatch may leave for ``target``."""
    return tuple(source for source, targets in DISPATCH_TRANSITIONS.items() if target in targets)
