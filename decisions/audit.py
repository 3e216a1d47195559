"""What the audit log says, as sentences, for the actions the decision services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

from common.audit import state_change
from decisions.enums import DecisionState

SENTENCES = {
    "decisions.created": _("Award decision drafted with %(lines)s lines"),
    "decisions.updated": _("Award decision details changed"),
    "decisions.line_removed": _("%(name)s taken off the award decision"),
    "decisions.state_changed": state_change(_("Award decision: %(from)s → %(to)s"), DecisionState),
    "decisions.issued": _("Award decision %(number)s issued"),
    "decisions.commented": _("Comment on the disclosed list"),
    "decisions.outside_result": _("Result from above recorded: decision %(number)s of %(issuer)s"),
}
