"""Deadline reminders: one row per reminder to one person about one deadline, sent at most once.

The table keeps its original name (``campaigns_reminderdispatch``): the model moved here from
``campaigns`` with its data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Deadline
from reminders.enums import DispatchStatus, ReminderKind
from units.models import Unit


class ReminderDispatch(models.Model):
    """One reminder (or one late-units digest) to one person about one deadline, sent at most once.

    The key — kind, deadline, unit, recipient, offset and the unit's effective due date — is unique
    in the database: inserting the row reserves the reminder, so a second beat, a retried task or a
    double run finds it taken. A worker then claims it (``pending``/``failed`` → ``claimed``, stamped
    ``claimed_at``) in its own transaction just before the mail goes out, moves it to ``sending`` right
    before the SMTP handoff and marks it ``sent`` once the mail server accepted it; the tick gives back
    stale claims and marks stale handoffs ``in_doubt`` (``reminders.services.dispatches_recover``).
    ``unit`` is the owing unit for a reminder and the unit above (whose officers are told) for a
    digest. Statuses change only in ``reminders.services`` (see ``DISPATCH_TRANSITIONS``).
    """

    kind = models.CharField(_("kind"), max_length=12, choices=ReminderKind.choices, default=ReminderKind.REMINDER)
    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="reminder_dispatches", verbose_name=_("deadline")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_dispatches",
        verbose_name=_("recipient"),
    )
    offset = models.SmallIntegerField(_("days before the deadline"), help_text=_("Negative: days overdue."))
    due_on = models.DateField(_("effective due date"))
    scheduled_for = models.DateField(_("scheduled for"))
    late_units = models.JSONField(_("late units"), default=list, blank=True)
    via_digest = models.BooleanField(_("in the daily digest"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=DispatchStatus.choices, default=DispatchStatus.PENDING, editable=False
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("in-app notice at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "campaigns_reminderdispatch"
        verbose_name = _("reminder dispatch")
        verbose_name_plural = _("reminder dispatches")
        ordering = ("-scheduled_for", "unit_id", "recipient_id", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "deadline", "unit", "recipient", "offset", "due_on"], name="unique_reminder_dispatch"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="reminder_due_idx")]

    def __str__(self):
        return f"{self.kind} {self.deadline_id}/{self.unit_id} → {self.recipient_id} ({self.offset:+d})"
