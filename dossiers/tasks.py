"""Celery tasks of dossiers. Thin: ids in, a service call. Enqueued after commit by the services."""

from celery import shared_task


@shared_task(name="dossiers.tasks.send_event_email", ignore_result=True, acks_late=True)
def send_event_email(dossier_id: int, event: str, user_ids: list[int], body: str = ""):
    from dossiers import services

    return services.email_send(dossier_id=dossier_id, event=event, user_ids=user_ids, body=body)


@shared_task(name="dossiers.tasks.reminders_tick", ignore_result=True)
def reminders_tick():
    """Daily: remind appraising officers before a legal clock runs out, senders before a round's deadline."""
    from dossiers import services

    return services.reminders_run()
