"""What the audit log says, as sentences, for the actions awards' services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

from awards.enums import TaskRating
from common.audit import state_change

SENTENCES = {
    "award_rule.created": _("Award rule added (%(award)s)"),
    "award_record.created": _("Award recorded (%(award)s, decision %(decision)s)"),
    "award_record.revoked": _("Award revoked (%(award)s, by decision %(decision)s)"),
    "decision.revoked": _("Decision %(decision)s revoked by decision %(by)s"),
    "task_rating.set": state_change(_("Task rating changed: %(from)s → %(to)s"), TaskRating),
    "restriction.created": _("Restriction recorded"),
    "service_period.created": _("Service period recorded"),
    "initiative.created": _("Initiative recorded"),
    "initiative.used": _("Initiative used for an award"),
}
