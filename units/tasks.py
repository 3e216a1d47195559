"""Celery tasks of the registry. Thin: a service call."""

from celery import shared_task

from units import notifications


@shared_task(name="units.tasks.notification_emails_tick", ignore_result=True)
def notification_emails_tick():
    """The beat's tick: the daily digests that are due, and any notice email not yet sent."""
    return notifications.emails_send_due()
