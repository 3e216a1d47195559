from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Deadline reminders: what is due, sending each at most once, the staff log and preferences."""

    name = "reminders"
    verbose_name = "Nhắc hạn"
