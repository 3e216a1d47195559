"""What the audit log says, as sentences, for the actions the reports' services log (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "reports.review_issued": _("Review report issued with number %(number)s"),
}
