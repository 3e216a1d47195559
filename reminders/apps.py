from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Deadline reminders: what is due, sending each at most once, the staff log and preferences."""

    name = "reminders"
    verbose_name = "Nhắc hạn"

    def ready(self):
        from campaigns import extensions
        from common import status
        from reminders.enums import DISPATCH_STATUS_COLOURS, DispatchStatus
        from reminders.models import ReminderDispatch

        status.register_badges(ReminderDispatch, "status", DispatchStatus, DISPATCH_STATUS_COLOURS)
        extensions.add_links(extensions.MILESTONE, "reminders/_milestone_links.html")

        from common.audit import register_sentences
        from reminders.audit import SENTENCES

        register_sentences(SENTENCES)
