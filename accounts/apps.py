from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Logins and second factor")

    def ready(self):
        from accounts import signals  # noqa: F401  (login, logout, failure and lockout into the audit log)
        from accounts.audit import SENTENCES
        from common.audit import register_sentences

        register_sentences(SENTENCES)
