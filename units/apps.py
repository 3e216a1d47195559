from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị và cá nhân"

    def ready(self):
        from common.audit import register_sentences
        from exports import registry
        from units import exporters
        from units.audit import SENTENCES

        register_sentences(SENTENCES)
        registry.register(
            exporters.UNITS_EXPORT, title=_("Units"), build=exporters.units_export, count=exporters.units_count
        )
        registry.register(
            exporters.PEOPLE_EXPORT, title=_("People"), build=exporters.people_export, count=exporters.people_count
        )
