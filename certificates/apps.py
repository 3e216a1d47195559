from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Giấy khen, bằng khen"

    def ready(self):
        from certificates import checks  # noqa: F401 - registers the system checks
        from certificates.audit import SENTENCES
        from certificates.enums import STATE_COLOURS, JobState
        from certificates.models import PrintJob
        from common import status
        from common.audit import register_sentences

        register_sentences(SENTENCES)
        status.register_badges(PrintJob, "state", JobState, STATE_COLOURS)
