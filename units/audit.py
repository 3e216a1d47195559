"""What the audit log says, as sentences, for the actions units' services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

from common.audit import state_change
from units.enums import ImportState

SENTENCES = {
    "unit.created": _("Unit created"),
    "unit.changed": _("Unit details changed"),
    "unit.renamed": _("Renamed from “%(old)s” to “%(new)s”"),
    "unit.merged": _("Other units were merged into this unit"),
    "unit.merged_away": _("Merged into another unit"),
    "unit.split": _("Split into new units"),
    "unit.moved": _("Moved under another unit"),
    "person.created": _("Person added"),
    "person.changed": _("Person's details changed"),
    "person.transferred": _("Person transferred from another unit"),
    "person.deactivated": _("Person no longer active"),
    "cluster.created": _("Emulation cluster created"),
    "person.national_id_viewed": _("National ID number viewed"),
    "person.national_ids_exported": _("National ID numbers exported"),
    "account.created": _("Account created and invited"),
    "account.deactivated": _("Account deactivated"),
    "account.reactivated": _("Account reactivated"),
    "account.updated": _("Account's name, email or roles changed"),
    "account.password_set": _("Password set from the invitation"),
    "import.previewed": _("Import checked (%(errors)s rows with errors)"),
    "import.state_changed": state_change(_("Import: %(from)s → %(to)s"), ImportState),
}
