"""What the audit log says, as sentences, for login events (see ``common.audit``)."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "auth.login": _("Logged in"),
    "auth.logout": _("Logged out"),
    "auth.login_failed": _("Failed login"),
    "auth.locked_out": _("Login locked after repeated failures"),
    "auth.second_factor_enabled": _("Two-factor authentication turned on"),
    "auth.second_factor_passed": _("Second factor confirmed"),
    "auth.second_factor_failed": _("Wrong second-factor code"),
    "auth.recovery_codes_replaced": _("New recovery codes made"),
}
