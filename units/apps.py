from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị và cá nhân"

    def ready(self):
        from common.audit import register_sentences
        from units.audit import SENTENCES

        register_sentences(SENTENCES)
