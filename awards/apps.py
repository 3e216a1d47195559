from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from awards.audit import SENTENCES
        from common.audit import register_sentences

        register_sentences(SENTENCES)
