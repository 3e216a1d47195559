"""What the audit log says, as sentences, for the actions emulation's services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

from common.audit import state_change
from emulation.enums import ExemplarStep, RegistrationState

SENTENCES = {
    "registration.created": _("Registration started"),
    "registration.state_changed": state_change(_("Registration: %(from)s → %(to)s"), RegistrationState),
    "registration.work_item_added": _("Work item added: “%(title)s”"),
    "registration.work_item_deleted": _("Work item deleted: “%(title)s”"),
    "registration.individual_deleted": _("Individual registration deleted"),
    "registration.forwarded": _("%(count)s individual registrations forwarded to the upper level"),
    "pact.created": _("Emulation pact created"),
    "pact.target_added": _("Pact target added: “%(criterion)s”"),
    "pact.self_scored": _("Self-score given: %(score)s"),
    "pact.cross_scored": _("Cross-score given: %(score)s"),
    "exemplar.created": _("Exemplar proposed (%(year)s)"),
    "exemplar.step_changed": state_change(_("Exemplar moved on: %(from)s → %(to)s"), ExemplarStep),
}
