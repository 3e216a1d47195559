from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The common ground every app stands on: text, dates, numbers, files, documents, view helpers. No models."""

    name = "common"
    verbose_name = "Dùng chung"

    def ready(self):
        from common import checks  # noqa: F401 - registers the system checks
