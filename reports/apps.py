from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Văn bản và báo cáo"

    def ready(self):
        from campaigns import extensions
        from common.audit import register_sentences
        from reports.audit import SENTENCES

        register_sentences(SENTENCES)
        extensions.add_links(extensions.CAMPAIGN, "reports/_campaign_links.html")
