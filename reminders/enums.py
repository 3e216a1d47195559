"""Kinds and statuses of reminder dispatches."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", pgettext_lazy("reminder kind", "Reminder to the unit")
    ESCALATION = "escalation", pgettext_lazy("reminder kind", "Late units digest to the level above")


class DispatchStatus(models.TextChoices):
    """Where one reminder dispatch stands. ``sending`` is the claim taken just before the mail goes out."""

    PENDING = "pending", pgettext_lazy("dispatch status", "Waiting")
    SENDING = "sending", pgettext_lazy("dispatch status", "Sending")
    SENT = "sent", pgettext_lazy("dispatch status", "Sent")
    FAILED = "failed", pgettext_lazy("dispatch status", "Failed")
    CANCELLED = "cancelled", pgettext_lazy("dispatch status", "No longer needed")


# Every status write of a dispatch is a conditional UPDATE whose WHERE clause comes from this table
# (``dispatch_sources``), so two workers can never both move the same row. ``sending`` → ``pending``
# is only ever a deliberate resend by staff: a worker killed mid-send may already have handed the
# mail over, so nothing resends a ``sending`` row on its own.
DISPATCH_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DispatchStatus.PENDING: (DispatchStatus.SENDING, DispatchStatus.CANCELLED),
    DispatchStatus.SENDING: (DispatchStatus.SENT, DispatchStatus.FAILED, DispatchStatus.PENDING),
    DispatchStatus.FAILED: (DispatchStatus.SENDING, DispatchStatus.CANCELLED, DispatchStatus.PENDING),
    DispatchStatus.SENT: (),
    DispatchStatus.CANCELLED: (),
}
CLAIMABLE_STATUSES = (DispatchStatus.PENDING, DispatchStatus.FAILED)
DISPATCH_STATUS_COLOURS = {
    DispatchStatus.PENDING: "light",
    DispatchStatus.SENDING: "info",
    DispatchStatus.SENT: "success",
    DispatchStatus.FAILED: "danger",
    DispatchStatus.CANCELLED: "secondary",
}


def dispatch_sources(target: str) -> tuple[str, ...]:
    """The statuses a dispatch may leave for ``target``."""
    return tuple(source for source, targets in DISPATCH_TRANSITIONS.items() if target in targets)
