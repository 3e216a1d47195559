from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Tải xuống"

    def ready(self):
        from common import status
        from exports.enums import STATE_COLOURS, JobState
        from exports.models import ExportJob

        status.register_badges(ExportJob, "state", JobState, STATE_COLOURS)
