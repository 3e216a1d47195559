"""Celery tasks of reminders. Thin: ids in, a service call. Enqueued after commit by the services."""

from celery import shared_task

from reminders import services


@shared_task(name="reminders.tasks.reminders_tick", ignore_result=True)
def reminders_tick():
    """The beat's tick: record the reminders due now and hand them to the workers."""
    result = services.reminders_tick()
    return {"planned": result.planned, "handed_over": result.handed_over}


@shared_task(name="reminders.tasks.send_reminders", ignore_result=True, acks_late=True)
def send_reminders(dispatch_ids: list[int]):
    # A redelivered message (worker lost, task retried) finds its rows claimed and sends nothing.
    return services.dispatches_send(dispatch_ids=dispatch_ids)


@shared_task(name="reminders.tasks.send_reminder_digest", ignore_result=True, acks_late=True)
def send_reminder_digest(recipient_id: int, dispatch_ids: list[int]):
    return services.digest_send(recipient_id=recipient_id, dispatch_ids=dispatch_ids)
