from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Văn bản và báo cáo"

    def ready(self):
        from campaigns import extensions
        from common.audit import register_sentences
        from exports import registry
        from reports import exporters
        from reports.audit import SENTENCES

        register_sentences(SENTENCES)
        extensions.add_links(extensions.CAMPAIGN, "reports/_campaign_links.html")
        registry.register(exporters.DASHBOARD_EXPORT, title=_("Dashboard"), build=exporters.dashboard_export)
        registry.register(exporters.FIGURES_EXPORT, title=_("Figures of a deadline"), build=exporters.figures_export)
