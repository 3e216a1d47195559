"""What the audit log says, as sentences, for the actions the certificate services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

from certificates.enums import JobState
from common.audit import state_change

SENTENCES = {
    "certificates.code_created": _("Certificate printed for the first time (verification code %(code)s)"),
    "certificates.codes_created": _("Verification codes made for %(count)s certificates"),
    "certificates.layout_saved": _("Positions on the pre-printed blanks changed"),
    "certificates.print_requested": _("Printing of %(total)s certificates requested"),
    "certificates.job_state_changed": state_change(_("Print job: %(from)s → %(to)s"), JobState),
}
