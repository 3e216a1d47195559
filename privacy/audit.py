"""What the audit log says, as sentences, for views and exports of personal data (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "person.data_exported": _("The person's data exported for them"),
}
