from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Văn bản và báo cáo"

    def ready(self):
        from campaigns import extensions

        extensions.add_links(extensions.CAMPAIGN, "reports/_campaign_links.html")
