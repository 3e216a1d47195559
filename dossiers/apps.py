from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Hồ sơ khen thưởng"

    def ready(self):
        from common.audit import register_sentences
        from dossiers.audit import SENTENCES

        register_sentences(SENTENCES)
