"""What the audit log says, as sentences, for the actions the dossier services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

from common.audit import state_change
from dossiers.enums import DossierState

SENTENCES = {
    "dossiers.round_created": _("Award round opened"),
    "dossiers.created": _("Award dossier opened"),
    "dossiers.updated": _("Dossier details changed"),
    "dossiers.nominee_added": _("Nominee proposed for %(award)s"),
    "dossiers.nominee_changed": _("Nominee's proposal changed"),
    "dossiers.nominee_removed": _("Nominee %(name)s taken off the dossier"),
    "dossiers.nominee_appraised": _("Nominee appraised"),
    "dossiers.minutes_set": _("Minutes of the unit's council entered"),
    "dossiers.document_uploaded": _("Signed document uploaded: %(name)s"),
    "dossiers.evidence_added": _("Evidence added to the person's wallet"),
    "dossiers.evidence_attached": _("Evidence from the wallet attached to the dossier"),
    "dossiers.gathered": _("Qualified nominees gathered into this unit's dossier"),
    "dossiers.clock_set": _("Working-day limits set: return %(return_days)s, appraisal %(appraisal_days)s"),
    "dossiers.holiday_added": _("Holiday added: %(name)s (%(date)s)"),
    "dossiers.holiday_removed": _("Holiday removed: %(name)s (%(date)s)"),
    "dossiers.council_result": _("Council result recorded for %(name)s"),
    "dossiers.state_changed": state_change(_("Dossier: %(from)s → %(to)s"), DossierState),
}
