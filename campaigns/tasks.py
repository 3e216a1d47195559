"""Celery tasks of campaigns. Thin: ids in, a service call. Enqueued after commit by the services."""

from celery import shared_task

from campaigns import services_reminders


@shared_task(name="campaigns.tasks.reminders_tick", ignore_result=True)
def reminders_tick():
    """The beat's tick: record the reminders due now and hand them to the workers."""
    result = services_reminders.reminders_tick()
    return {"planned": result.planned, "handed_over": result.handed_over}


@shared_task(name="campaigns.tasks.send_reminders", ignore_result=True, acks_late=True)
def send_reminders(dispatch_ids: list[int]):
    # A redelivered message (worker lost, task retried) finds its rows claimed and sends nothing.
    return services_reminders.dispatches_send(dispatch_ids=dispatch_ids)


@shared_task(name="campaigns.tasks.send_reminder_digest", ignore_result=True, acks_late=True)
def send_reminder_digest(recipient_id: int, dispatch_ids: list[int]):
    return services_reminders.digest_send(recipient_id=recipient_id, dispatch_ids=dispatch_ids)
