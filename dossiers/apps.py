from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Hồ sơ khen thưởng"

    def ready(self):
        from common.audit import register_sentences
        from dossiers import excel
        from dossiers.audit import SENTENCES
        from exports import registry

        register_sentences(SENTENCES)
        registry.register(
            excel.QUEUE_EXPORT, title=_("Appraisal queue"), build=excel.queue_export, count=excel.queue_count
        )
