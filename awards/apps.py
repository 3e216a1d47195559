from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from awards import excel
        from awards.audit import SENTENCES
        from common.audit import register_sentences
        from exports import registry

        register_sentences(SENTENCES)
        registry.register(
            excel.HISTORY_EXPORT, title=_("Award history search"), build=excel.history_export, count=excel.history_count
        )
        registry.register(
            excel.SUGGESTIONS_EXPORT,
            title=_("Award suggestions"),
            build=excel.suggestions_export,
            count=excel.suggestions_count,
        )
