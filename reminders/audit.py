"""What the audit log says, as sentences, for the actions reminders' services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "reminder.resent": _("Reminder queued to be sent again"),
    "user.reminder_preferences": _("Reminder preferences changed"),
}
