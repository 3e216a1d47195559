"""What the audit log says, as sentences, for the actions the council services log (see ``common.audit``).

No sentence and no logged datum carries a member's choice: a ballot is logged as cast, not as cast for.
"""

from django.utils.translation import gettext_lazy as _

from common.audit import state_change
from councils.enums import SessionState

SENTENCES = {
    "councils.created": _("Council set up: %(name)s"),
    "councils.updated": _("Council details changed"),
    "councils.member_added": _("%(name)s seated on the council"),
    "councils.member_removed": _("%(name)s taken off the council"),
    "councils.session_created": _("Council session prepared: %(title)s"),
    "councils.agenda_built": _("Agenda set with %(count)s nominees"),
    "councils.attendance_set": _("Attendance recorded"),
    "councils.ballot_cast": _("A ballot was cast"),
    "councils.open_count": _("Show of hands on %(name)s: %(agree)s agree, %(disagree)s disagree"),
    "councils.act_recorded": _("Correction recorded on the closed session"),
    "councils.file_uploaded": _("Signed minutes uploaded: %(name)s"),
    "councils.state_changed": state_change(_("Session: %(from)s → %(to)s"), SessionState),
}
