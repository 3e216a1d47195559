from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data (Nghị định 13/2023/NĐ-CP): a person's own data, exported for them on request."""

    name = "privacy"
    verbose_name = "Dữ liệu cá nhân"

    def ready(self):
        from common.audit import register_sentences
        from privacy.audit import SENTENCES

        register_sentences(SENTENCES)
